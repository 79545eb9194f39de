"""The check pipeline: load everything, run every rule, return one result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from protogen.consequences import fold
from protogen.findings import Finding, Findings, Level, Pos
from protogen.loader.parsecache import parse_cache
from protogen.loader.project import PROTOCOL_DIR, load_project
from protogen.model import Meeting, Project
from protogen.rules import RULES
from protogen.rules.base import Context, Problem, Rule


@dataclass
class CheckResult:
    project: Project
    findings: list[Finding]
    scope: str  # the path prefix the findings were limited to ("" for all)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.level is Level.FEL)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.level is Level.VARNING)

    def meeting_has_fel(self, meeting: Meeting) -> bool:
        return bool(self.meeting_findings(meeting, Level.FEL))

    def meeting_findings(self, meeting: Meeting, level: Level | None = None) -> list[Finding]:
        prefix = self.rel(meeting.folder) + "/"
        organ_file = self.rel(meeting.organ.folder) + "/organ.yaml" if meeting.organ else None
        return [
            f
            for f in self.findings
            if (f.pos.path.startswith(prefix) or f.pos.path == organ_file)
            and (level is None or f.level is level)
        ]

    def in_scope(self, folder: Path) -> bool:
        return _within(self.rel(folder), self.scope)

    def checks_meeting(self, folder: Path) -> bool:
        """Whether the meeting in `folder` was checked: it lies within the scope, or the scope
        is one of its files."""
        return meeting_in_scope(self.rel(folder), self.scope)

    def rel(self, path: Path) -> str:
        return path.relative_to(self.project.root).as_posix()


def check_project(
    root: Path, target: Path | None = None, today: dt.date | None = None, *,
    outline: bool = False,
) -> CheckResult:
    """Check everything under protokoll/, or only what lies under `target`.

    A target under protokoll/ loads its board alone, and the rules run only on the meetings
    within the target (and on the board itself): the findings are limited to the target and
    its board's organ.yaml, and no rule reports a meeting's finding elsewhere than in its own
    folder. `outline` (the check command's): the board's other meetings are read only as far
    as the target's findings depend on them (their order, § numbers and dates,
    `protogen.loader.outline`); callers that use the loaded meetings leave it off.
    """
    findings = Findings()
    scope = ""
    organ_ids: set[str] | None = None
    if target is not None:
        rel = target.resolve().relative_to(root.resolve())
        parts = rel.parts
        if parts and parts[0] == PROTOCOL_DIR and len(parts) > 1:
            organ_ids = {parts[1]}
            scope = rel.as_posix()

    def wanted(folder: str) -> bool:
        return meeting_in_scope(folder, scope)

    with parse_cache():
        project = load_project(root, findings, organ_ids, wanted if outline and scope else None)
    ctx = Context(root=root, today=today or dt.date.today())
    run_rules(project, ctx, findings, scope)
    selected = [f for f in fold(findings.sorted()) if _within(f.pos.path, scope)]
    return CheckResult(project=project, findings=selected, scope=scope)


def meeting_in_scope(folder: str, scope: str) -> bool:
    """Whether a meeting folder (relative to the root) is checked for `scope`: it lies within
    the scope, or the scope lies within it (one file of the meeting)."""
    return _within(folder, scope) or scope.startswith(folder + "/")


def run_rules(project: Project, ctx: Context, findings: Findings, scope: str = "") -> None:
    """Run every rule on what was read, and give each finding the id of the rule it came from.

    This is the one place that skips what could not be read (check-jsonschema's ParseError
    as a value): the loader has reported each unreadable file once and left a `ParseFailure`
    in its object, and no rule that needs that document runs on it, so no rule tests parse
    state itself. A board is checked even when its organ.yaml could not be read (with its
    defaults), except by the rules that need the register or the board's settings; a meeting
    folder's item files are checked whether or not its sammanträde.yaml could be read, except
    by the rules that need it; so is the anslag/ folder's list of files.

    A `scope` (a path under protokoll/, relative to the root) limits the meeting, item and
    folder rules to the meetings in it (`meeting_in_scope`), and leaves out the anslag/
    folder's rules: their findings lie outside it. The board rules still run (their findings
    stand in organ.yaml, which a meeting's check shows), as do the meetings' outlines they
    read. Every other finding of a meeting's rules stands in that meeting's folder (tested).
    """
    for organ in project.organs:
        board_read = organ.failure is None
        rules = [rule for rule in RULES if board_read or not rule.needs_organ]
        _run_each(rules, "organ_check", organ, ctx, organ.pos, findings)
        for meeting in organ.meetings:
            if meeting.outline or (scope and not meeting_in_scope(
                    meeting.folder.relative_to(project.root).as_posix(), scope)):
                continue
            _run_each(rules, "folder_check", meeting, ctx, meeting.pos, findings)
            meeting_read = meeting.failure is None
            if meeting_read:
                _run_each(rules, "meeting_check", meeting, ctx, meeting.pos, findings)
            item_rules = [rule for rule in rules if meeting_read or not rule.needs_meeting]
            for item in meeting.items:
                if item.failure is None:
                    _run_each(item_rules, "item_check", item, ctx, item.pos, findings)
    if scope:
        return
    for notice in project.notices:
        if notice.failure is None:
            _run_each(RULES, "notice_check", notice, ctx, notice.pos, findings)
    _run_each(RULES, "anslag_check", project, ctx, Pos("anslag"), findings)


def _run_each(rules: list[Rule], kind: str, subject: Any, ctx: Context, pos: Pos,
              findings: Findings) -> None:
    """Every rule that checks this kind of subject (organ, meeting, item or notice)."""
    for rule in rules:
        call = getattr(rule, kind)
        if call is not None:
            _run(rule, call, subject, ctx, pos, findings)


def _run(rule: Rule, call: Callable[[Any, Context], Iterable[Problem]], subject: Any,
         ctx: Context, pos: Pos, findings: Findings) -> None:
    """Run one rule and set its id on what it found; a bug in a rule becomes a finding, never
    a traceback for the user."""
    try:
        findings.extend([_as_finding(rule, problem) for problem in call(subject, ctx)])
    except Exception as err:  # noqa: BLE001 - the promise is: no input prints a traceback
        findings.fel(
            pos,
            f"internt fel i regeln {rule.id} ({type(err).__name__}: {err}); "
            "rapportera gärna detta till protogen",
            "internt-fel",
        )


def _as_finding(rule: Rule, problem: Problem) -> Finding:
    if not isinstance(problem, Problem):  # e.g. a Finding with an id of its own
        raise TypeError(f"regeln gav {type(problem).__name__}, inte Problem")
    return problem.finding(rule.id)


def _within(path: str, scope: str) -> bool:
    if not scope:
        return True
    if path == scope or path.startswith(scope + "/"):
        return True
    # A meeting's check also shows the board-file findings it depends on.
    parts = scope.split("/")
    return len(parts) >= 2 and path == "/".join(parts[:2]) + "/organ.yaml"
