"""What a rule is: an id, a docstring that is the user's documentation, and a check.

A rule module defines `ID`, `LEVEL` (the usual level of its findings), a module docstring with
a passing and a failing example, and `check(meeting, ctx)` (or `check_organ(organ, ctx)`, or
`check_notice(notice, ctx)` for a notice under anslag/) yielding findings. Rules read the
model only; they never open files or print.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from protogen.findings import Finding, Level, Pos
from protogen.model import Meeting, Organ, PostedNotice


@dataclass(frozen=True)
class Context:
    """What rules may know beyond the model: the project root and today's date."""

    root: Path
    today: dt.date = field(default_factory=dt.date.today)


MeetingCheck = Callable[[Meeting, Context], Iterable[Finding]]
OrganCheck = Callable[[Organ, Context], Iterable[Finding]]
NoticeCheck = Callable[[PostedNotice, Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    doc: str
    meeting_check: MeetingCheck | None = None
    organ_check: OrganCheck | None = None
    notice_check: NoticeCheck | None = None  # a notice under anslag/

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.id

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        return cls(
            id=module.ID,
            doc=module.__doc__ or "",
            meeting_check=getattr(module, "check", None),
            organ_check=getattr(module, "check_organ", None),
            notice_check=getattr(module, "check_notice", None),
        )


def fel(pos: Pos, message: str, rule: str) -> Finding:
    return Finding(pos, Level.FEL, message, rule)


def varning(pos: Pos, message: str, rule: str) -> Finding:
    return Finding(pos, Level.VARNING, message, rule)
