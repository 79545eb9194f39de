"""`protogen build`: check, then render every meeting's documents, then write them.

Everything of a meeting is rendered in memory before anything of it is written, so a failed
render leaves the last good output in place. A meeting whose check has a `fel` is refused
and nothing of it is written.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from protogen.checker import CheckResult, check_project
from protogen.findings import Level
from protogen.incremental import Entry, Manifest, meeting_key
from protogen.model import Meeting, Organ
from protogen.output import OutputError, build_dir, clean_leftovers, replace_folder, write_all
from protogen.progress import Quiet
from protogen.render import sammantradesplan
from protogen.render.base import Output, RenderContext, look
from protogen.render.documents import meeting_outputs
from protogen.render.pdfcache import PdfCache
from protogen.render.templates import TemplateFault
from protogen.results import BuildResult, Problem, Refusal, split_place


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


def present_outputs(folder: Path) -> list[str]:
    """The documents an earlier build left in a meeting's output folder."""
    if not folder.is_dir():
        return []
    return [p.relative_to(folder).as_posix() for p in folder.rglob("*")
            if p.is_file() and not kept_file(p.relative_to(folder).as_posix())
            and not any(part.startswith(".") for part in p.relative_to(folder).parts)]


@dataclass
class MeetingRender:
    """A meeting's documents in memory (what a worker hands back), or why there are none."""

    outputs: list[tuple[str, bytes]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    reads: dict[str, str] = field(default_factory=dict)
    pdf: list[str] = field(default_factory=list)
    cacheable: bool = True
    failure: Problem | None = None


def render_meeting(meeting: Meeting, root: Path, rel: str, *, cached: bool = True
                   ) -> MeetingRender:
    """Every document of one meeting, through the PDF cache (only filling it when not
    `cached`); never raises."""
    cache = PdfCache(root, reading=cached)
    problem = cache.unusable()
    ctx = RenderContext(root=root, cache=cache)
    if problem:
        ctx.problems.append(f"{problem}; PDF-cachen används inte")
    try:
        outputs: list[Output] = meeting_outputs(meeting, ctx)
    except TemplateFault as err:
        file, line = split_place(err.where)
        return MeetingRender(failure=Problem(rel, err.message, file, line,
                                             _kept_output(root, meeting)))
    except Exception as err:  # noqa: BLE001 - a render failure must not lose earlier output
        return MeetingRender(failure=Problem(
            rel, f"kunde inte renderas ({type(err).__name__}: {err})",
            kept=_kept_output(root, meeting)))
    return MeetingRender([(o.path, o.data) for o in outputs], ctx.problems, ctx.reads,
                         list(dict.fromkeys(cache.used)), ctx.cacheable and not problem)


def output_folder(root: Path, meeting: Meeting) -> Path:
    return build_dir(root) / meeting.organ.id / meeting.folder_name  # type: ignore[union-attr]


def manifest_name(root: Path, meeting: Meeting) -> str:
    return output_folder(root, meeting).relative_to(build_dir(root)).as_posix()


def finish_meeting(meeting: Meeting, result: CheckResult, report: BuildResult,
                   rendered: MeetingRender, manifest: Manifest | None, key: str | None) -> None:
    """Write a rendered meeting's files (or report its failure) and record them."""
    root = result.project.root
    rel = result.rel(meeting.folder)
    if rendered.failure is not None:
        report.failed.append(rendered.failure)
        return
    for problem in rendered.problems:
        report.skipped.append(Problem(rel, problem))
    folder = output_folder(root, meeting)
    try:
        # The meeting's documents switch as one: written into a fresh folder and swapped in,
        # so a killed build never leaves a new protokoll.pdf beside an old utdrag.
        report.written += replace_folder(root, folder, rendered.outputs, keep=kept_file)
    except OutputError as err:
        report.failed.append(Problem(rel, str(err), kept=_kept_output(root, meeting)))
        return
    report.meetings_built += 1
    if manifest is None:
        return
    name = manifest_name(root, meeting)
    manifest.meetings.pop(name, None)
    if key is not None and rendered.cacheable and not rendered.problems:
        files = {path: hashlib.sha256(data).hexdigest() for path, data in rendered.outputs}
        # The key was computed with the reads of the last render; with new ones, the next
        # build computes another key and renders once more (never a wrong skip).
        manifest.meetings[name] = Entry(key, files, rendered.reads, rendered.pdf)


# Set in the parent before the workers fork: they read the meetings from here, so nothing
# of the meeting graph is pickled; a worker gets an index and hands back bytes.
_WORK: list[tuple[Meeting, str]] = []
_ROOT: list[tuple[Path, bool]] = []


def _render_in_worker(index: int) -> MeetingRender:
    meeting, rel = _WORK[index]
    root, cached = _ROOT[0]
    return render_meeting(meeting, root, rel, cached=cached)


def default_jobs() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def build_all(root: Path, target: Path | None = None, *, jobs: int = 1,
              always: bool = False, progress: Callable[[int], Quiet] = Quiet) -> BuildResult:
    """Check, then render what changed since the last build (everything with `always`,
    without taking anything from the PDF cache), in `jobs` worker processes; write in the
    meetings' order. What was built, refused and failed comes back as a value (`ok` when
    everything was built); nothing is printed (`protogen.reporting` does that). `progress`
    hears of each meeting as it is built (the command line's shows a bar on a terminal)."""

    clean_leftovers(root)
    result = check_project(root, target)
    gc.freeze()  # the loaded project is never garbage: keep the collector from rescanning it
    try:
        return _build_checked(root, target, result, jobs, always, progress)
    finally:
        gc.unfreeze()  # collectable again once built (the library may build many times)


def _build_checked(root: Path, target: Path | None, result: CheckResult, jobs: int,
                   always: bool, display: Callable[[int], Quiet]) -> BuildResult:
    meetings = meetings_in_scope(result, target)
    report = BuildResult(result, meetings, build_dir(root).relative_to(root).as_posix())
    manifest = Manifest.load(root)
    if always:
        manifest.meetings.clear()
    plan = plan_meetings(meetings, result, manifest, report)
    work = [(m, result.rel(m.folder)) for m, key in plan if key is not None]
    results = start_renders(root, work, jobs, cached=not always)
    with display(len(meetings)) as progress:
        for meeting, key in plan:
            progress.start(result.rel(meeting.folder))
            if key is not None:
                finish_meeting(meeting, result, report, next(results), manifest, key)
            progress.advance()
        for organ in organs_in_scope(result, target) if target is None or organs_in_scope(result, target) else []:
            build_organ_documents(organ, result, report, manifest, cached=not always)
    if target is None:  # meetings no longer in the project have no entry
        names = {manifest_name(root, m) for m in meetings if m.organ is not None}
        manifest.meetings = {n: e for n, e in manifest.meetings.items() if n in names}
        boards = {o.id for o in result.project.organs}
        manifest.boards = {n: k for n, k in manifest.boards.items() if n in boards}
    save_manifest(root, manifest)
    return report


def plan_meetings(meetings: list[Meeting], result: CheckResult, manifest: Manifest,
                  report: BuildResult) -> list[tuple[Meeting, str | None]]:
    """Each meeting with the key to render it under, or None when it is refused (a fel) or
    its outputs are current."""
    root = result.project.root
    plan: list[tuple[Meeting, str | None]] = []
    for meeting in meetings:
        if not meeting.loaded or meeting.organ is None or result.meeting_has_fel(meeting):
            report.refused.append(refusal(result, meeting))
            plan.append((meeting, None))
            continue
        name = manifest_name(root, meeting)
        entry = manifest.meetings.get(name)
        key = meeting_key(meeting, root, look(meeting, root), entry.reads if entry else {})
        folder = output_folder(root, meeting)
        if entry is not None and entry.key == key and entry.intact(
                folder, root, present_outputs(folder)):
            report.unchanged += 1
            report.unchanged_files += len(entry.files)
            report.meetings_built += 1
            plan.append((meeting, None))
            continue
        plan.append((meeting, key))
    return plan


def start_renders(root: Path, work: list[tuple[Meeting, str]], jobs: int, *, cached: bool = True
                  ) -> Iterator[MeetingRender]:
    """The meetings' renders, in order: in this process, or in `jobs` forked workers."""
    if jobs <= 1 or len(work) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return (render_meeting(meeting, root, rel, cached=cached) for meeting, rel in work)
    return _parallel(root, work, min(jobs, len(work)), cached)


def _parallel(root: Path, work: list[tuple[Meeting, str]], jobs: int, cached: bool
              ) -> Iterator[MeetingRender]:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    import protogen.render.pdf  # noqa: F401 - imported once, before the fork, for every worker

    _WORK[:] = work
    _ROOT[:] = [(root, cached)]
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)
    try:
        futures = [pool.submit(_render_in_worker, i) for i in range(len(work))]
        for index, future in enumerate(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory): render this one alone, in a fresh
                # worker, so that only the meeting that kills it fails.
                yield _alone(index, context)
                pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)
                futures[index + 1:] = [pool.submit(_render_in_worker, i)
                                       for i in range(index + 1, len(work))]
            except Exception as err:  # noqa: BLE001 - a worker's failure fails its meeting
                yield MeetingRender(failure=Problem(
                    work[index][1], f"kunde inte renderas ({type(err).__name__}: {err})"))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _WORK.clear()


def _alone(index: int, context: Any) -> MeetingRender:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        try:
            return pool.submit(_render_in_worker, index).result()
        except BrokenProcessPool:
            return MeetingRender(failure=Problem(
                _WORK[index][1], "kunde inte renderas (arbetsprocessen avbröts)"))


def save_manifest(root: Path, manifest: Manifest) -> None:
    """Write the manifest, and drop the cached PDFs neither it nor the site uses."""
    from protogen.render.pdfcache import prune, site_keys

    try:
        manifest.save()
    except (OSError, OutputError):
        return  # without a manifest the next build is a full one: slower, never wrong
    prune(root, manifest.pdf_keys() | site_keys(root))


def build_organ_documents(organ: Organ, result: CheckResult, report: BuildResult,
                          manifest: Manifest | None = None, *, cached: bool = True) -> None:
    """Board-level documents (sammanträdesplan)."""
    root = result.project.root
    cache = PdfCache(root, reading=cached)
    cache.unusable()  # a linked build/.cache: rendered without the cache
    try:
        files = sammantradesplan.render(organ, RenderContext(root=root, cache=cache))
        report.written += write_all(root, build_dir(root) / organ.id,
                                    [(o.path, o.data) for o in files])
        if manifest is not None:  # the plans' cached PDFs are kept while they are used
            manifest.boards[organ.id] = list(dict.fromkeys(cache.used))
    except Exception as err:  # noqa: BLE001
        report.failed.append(Problem(result.rel(organ.folder),
                                     f"sammanträdesplanen kunde inte renderas ({err})"))


def refusal(result: CheckResult, meeting: Meeting) -> Refusal:
    """Why a meeting is not built: the fel in its own files (a fel in its board file is
    reported once for all the board's meetings, from the check)."""
    board_file = (result.rel(meeting.organ.folder) + "/organ.yaml"
                  if meeting.organ is not None else None)
    own = tuple(f for f in result.meeting_findings(meeting, Level.FEL) if f.pos.path != board_file)
    return Refusal(result.rel(meeting.folder), own, _kept_output(result.project.root, meeting))


def _kept_output(root: Path, meeting: Meeting) -> str | None:
    """The meeting's output folder, relative to the root, when an earlier build left one."""
    if meeting.organ is None:
        return None
    folder = build_dir(root) / meeting.organ.id / meeting.folder_name
    if not folder.is_dir() or not any(p.is_file() for p in folder.rglob("*.pdf")):
        return None
    return folder.relative_to(root).as_posix() + "/"
