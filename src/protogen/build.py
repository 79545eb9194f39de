"""`protogen build`: check, then render every meeting's documents, then write them.

Everything of a meeting is rendered in memory before anything of it is written, so a failed
render leaves the last good output in place. A meeting whose check has a `fel` is refused
and nothing of it is written.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from protogen.checker import CheckResult, check_project
from protogen.findings import Level
from protogen.model import Meeting, Organ
from protogen.output import OutputError, build_dir, clean_leftovers, replace_folder, write_all
from protogen.plural import plural
from protogen.render.documents import Output, RenderContext, meeting_outputs
from protogen.render.templates import TemplateFault


@dataclass
class BuildReport:
    written: list[Path] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    meetings_built: int = 0


def meetings_in_scope(result: CheckResult, target: Path | None) -> list[Meeting]:
    meetings = result.project.meetings()
    if target is None:
        return meetings
    resolved = target.resolve()
    return [m for m in meetings
            if m.folder.resolve() == resolved or resolved in m.folder.resolve().parents]


def organs_in_scope(result: CheckResult, target: Path | None) -> list[Organ]:
    if target is None:
        return result.project.organs
    resolved = target.resolve()
    return [o for o in result.project.organs if o.folder.resolve() == resolved]


def kept_file(rel: str) -> bool:
    """Files of a meeting's output folder that a build does not make and must not drop
    (anything but the documents themselves)."""
    return not rel.endswith((".pdf", ".html"))


def build_meeting(meeting: Meeting, result: CheckResult, report: BuildReport) -> None:
    root = result.project.root
    rel = result.rel(meeting.folder)
    if not meeting.loaded or result.meeting_has_fel(meeting):
        report.refused.append(rel)
        return
    ctx = RenderContext(root=root)
    try:
        outputs: list[Output] = meeting_outputs(meeting, ctx)
    except TemplateFault as err:
        report.failed.append(f"{err} ({rel} byggs inte{_kept_note(root, meeting)})")
        return
    except Exception as err:  # noqa: BLE001 - a render failure must not lose earlier output
        report.failed.append(f"{rel}: kunde inte renderas ({type(err).__name__}: {err})"
                             f"{_kept_note(root, meeting, ';')}")
        return
    for problem in ctx.problems:
        report.skipped.append(f"{rel}: {problem}")
    folder = build_dir(root) / meeting.organ.id / meeting.folder_name  # type: ignore[union-attr]
    try:
        # The meeting's documents switch as one: written into a fresh folder and swapped in,
        # so a killed build never leaves a new protokoll.pdf beside an old utdrag.
        report.written += replace_folder(root, folder, [(o.path, o.data) for o in outputs],
                                         keep=kept_file)
    except OutputError as err:
        report.failed.append(f"{rel}: {err}{_kept_note(root, meeting, ';')}")
        return
    report.meetings_built += 1


def build_all(root: Path, target: Path | None = None) -> int:
    from protogen.progress import BuildProgress

    clean_leftovers(root)
    result = check_project(root, target)
    meetings = meetings_in_scope(result, target)
    report = BuildReport()
    with BuildProgress(len(meetings)) as progress:
        for meeting in meetings:
            progress.start(result.rel(meeting.folder))
            build_meeting(meeting, result, report)
            progress.advance()
        for organ in organs_in_scope(result, target) if target is None or organs_in_scope(result, target) else []:
            build_organ_documents(organ, result, report)
    print_report(result, meetings, report)
    return 1 if report.refused or report.failed else 0


def build_organ_documents(organ: Organ, result: CheckResult, report: BuildReport) -> None:
    """Board-level documents (sammanträdesplan); a hook for the documents module."""
    try:
        from protogen.render.plan import render_plans
    except ImportError:
        return
    root = result.project.root
    try:
        files = render_plans(organ, RenderContext(root=root))
        report.written += write_all(root, build_dir(root) / organ.id,
                                    [(o.path, o.data) for o in files])
    except Exception as err:  # noqa: BLE001
        report.failed.append(f"{result.rel(organ.folder)}: sammanträdesplanen kunde inte renderas ({err})")


def print_report(result: CheckResult, meetings: list[Meeting], report: BuildReport) -> None:
    out = sys.stdout
    root = result.project.root
    # A board file's findings concern all its meetings: printed once, first, not per meeting.
    board_files = dict.fromkeys(result.rel(m.organ.folder) + "/organ.yaml"
                                for m in meetings if m.organ is not None)
    for finding in result.findings:
        if finding.pos.path in board_files:
            out.write(f"{finding.format()}\n")
    for meeting in meetings:
        rel = result.rel(meeting.folder)
        own = [f for f in result.meeting_findings(meeting) if f.pos.path not in board_files]
        if rel in report.refused:
            kept = _kept_output(root, meeting)
            kept_note = f" (den förra versionen ligger kvar i {kept})" if kept else ""
            errors = [f for f in own if f.level is Level.FEL]
            if errors:
                out.write(f"{rel}: byggs inte, kontrollen hittade fel{kept_note}:\n")
            else:
                out.write(f"{rel}: byggs inte, kontrollen hittade fel i organ.yaml (se ovan)"
                          f"{kept_note}\n")
            for finding in errors:
                out.write(f"  {finding.format()}\n")
        else:  # built, but the secretary should still hear what the check warns about
            for finding in own:
                if finding.level is Level.VARNING:
                    out.write(f"{finding.format()}\n")
    for line in report.failed:
        out.write(f"fel: {line}\n")
    for line in report.skipped:
        out.write(f"varning: {line}\n")
    out.write(summary_line(result, meetings, report) + "\n")


def summary_line(result: CheckResult, meetings: list[Meeting], report: BuildReport) -> str:
    """'Byggt: 1 sammanträde, 5 filer i build/. Vägrade: 1 sammanträde (den förra versionen
    ligger kvar i build/tn/2024-04-17/). Misslyckade: 0. Hoppade över: 0.'"""
    root = result.project.root
    refused = [m for m in meetings if result.rel(m.folder) in report.refused]
    kept = [k for m in refused if (k := _kept_output(root, m))]
    line = (f"Byggt: {plural(report.meetings_built, 'sammanträde', 'sammanträden')}, "
            f"{plural(len(report.written), 'fil', 'filer')} i "
            f"{build_dir(root).relative_to(root).as_posix()}/. "
            f"Vägrade: {plural(len(refused), 'sammanträde', 'sammanträden')}")
    if len(kept) == 1:
        line += f" (den förra versionen ligger kvar i {kept[0]})"
    elif kept:
        line += f" (de förra versionerna ligger kvar i {', '.join(kept[:-1])} och {kept[-1]})"
    return (line + f". Misslyckade: {len(report.failed)}. "
            f"Hoppade över: {len(report.skipped)}.")


def _kept_note(root: Path, meeting: Meeting, joint: str = ",") -> str:
    kept = _kept_output(root, meeting)
    return f"{joint} den förra versionen ligger kvar i {kept}" if kept else ""


def _kept_output(root: Path, meeting: Meeting) -> str | None:
    """The meeting's output folder, relative to the root, when an earlier build left one."""
    if meeting.organ is None:
        return None
    folder = build_dir(root) / meeting.organ.id / meeting.folder_name
    if not folder.is_dir() or not any(p.is_file() for p in folder.rglob("*.pdf")):
        return None
    return folder.relative_to(root).as_posix() + "/"
