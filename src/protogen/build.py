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
        report.failed.append(f"{err} ({rel} byggs inte)")
        return
    except Exception as err:  # noqa: BLE001 - a render failure must not lose earlier output
        report.failed.append(f"{rel}: kunde inte renderas ({type(err).__name__}: {err})")
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
        report.failed.append(f"{rel}: {err}")
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
    for meeting in meetings:
        rel = result.rel(meeting.folder)
        if rel in report.refused:
            out.write(f"{rel}: byggs inte, kontrollen hittade fel:\n")
            for finding in result.meeting_findings(meeting, Level.FEL):
                out.write(f"  {finding.format()}\n")
        else:  # built, but the secretary should still hear what the check warns about
            for finding in result.meeting_findings(meeting, Level.VARNING):
                out.write(f"{finding.format()}\n")
    for line in report.failed:
        out.write(f"fel: {line}\n")
    for line in report.skipped:
        out.write(f"varning: {line}\n")
    root = result.project.root
    files = len(report.written)
    out.write(
        f"Byggt: {report.meetings_built} sammanträden, {files} filer i "
        f"{build_dir(root).relative_to(root)}/. "
        f"Vägrade: {len(report.refused)}. Misslyckade: {len(report.failed)}. "
        f"Hoppade över: {len(report.skipped)}.\n"
    )
