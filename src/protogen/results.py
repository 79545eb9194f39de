"""What `build` and `publish` did, as values (`check`'s is `checker.CheckResult`).

The library returns these and prints nothing; `protogen.reporting` turns them into the
Swedish lines the command line prints, and the command line picks the exit code from `ok`.
Light on purpose (no rendering imports): `check` loads the reporting module too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from protogen.checker import CheckResult
from protogen.findings import Finding
from protogen.model import Meeting


@dataclass(frozen=True)
class Problem:
    """A failure, a reason not to go on, or something left out.

    `subject` is the meeting or board folder (or file) it concerns, relative to the project
    ('' when the message names its own place); `file` and `line` the place at fault when one
    is known (a template's line); `kept` the last good output left in place (a folder
    relative to the project), when there is one."""

    subject: str
    message: str
    file: str | None = None
    line: int | None = None
    kept: str | None = None


_PLACE = re.compile(r"(.*):(\d+)")


def split_place(where: str) -> tuple[str, int | None]:
    """'file:line' (as a template fault names its place) as file and line; a bare name has
    no line."""
    match = _PLACE.fullmatch(where)
    return (match.group(1), int(match.group(2))) if match else (where, None)


@dataclass(frozen=True)
class Refusal:
    """A meeting not built because the check found a `fel`: `findings` are those in its own
    files (each with file and line); none when the fel is only in its board's organ.yaml."""

    subject: str
    findings: tuple[Finding, ...] = ()
    kept: str | None = None


@dataclass
class BuildResult:
    """One `protogen build`: the check it stood on, the meetings in scope, and per meeting
    whether it was built (rendered now or already current), refused or failed."""

    check: CheckResult
    meetings: list[Meeting] = field(default_factory=list)
    output: str = "build"  # the output folder, relative to the project
    written: list[Path] = field(default_factory=list)
    meetings_built: int = 0
    unchanged: int = 0  # meetings whose outputs were already current (not rendered)
    unchanged_files: int = 0
    refused: list[Refusal] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)  # built without something

    @property
    def ok(self) -> bool:
        """Everything in scope was built."""
        return not self.refused and not self.failed

    def is_refused(self, subject: str) -> bool:
        return any(r.subject == subject for r in self.refused)


@dataclass
class PublishResult:
    """One `protogen publish` as of `today`: published (with what it counted, and warnings
    about what it left out), or refused with the reasons (the last good site unchanged)."""

    today: dt.date
    refused: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    protocols: int = 0
    organs: int = 0
    notices: int = 0  # notices up on the anslagstavla today
    files: int = 0
    where: str = "build/site"

    @property
    def ok(self) -> bool:
        """The site was published."""
        return not self.refused
