"""What a rule is: an id, a docstring that is the user's documentation, and checks.

A rule module defines `ID`, a module docstring with a passing and a failing example, and one or
more checks yielding problems (`fel(pos, message)` or `varning(pos, message)`):

- `check_organ(organ, ctx)`: a board (with its defaults when organ.yaml could not be read);
- `check_folder(meeting, ctx)`: every meeting folder, its item files as listed, whether or
  not sammanträde.yaml or the items could be read;
- `check(meeting, ctx)`: a meeting whose sammanträde.yaml was read;
- `check_item(item, ctx)`: an item whose front matter was read;
- `check_notice(notice, ctx)`: a notice under anslag/ that was read;
- `check_anslag(project, ctx)`: the anslag/ folder once: every Markdown file in it, read or
  not, and the boards the notices name.

A rule that also needs the board's organ.yaml says so with `NEEDS_ORGAN = True`; one whose
`check_item` also needs the item's sammanträde.yaml, with `NEEDS_MEETING = True`. The runner
(`protogen.checker`) is the one place that skips what could not be read, and it sets each
finding's rule id, as yamllint's linter does: a problem carries no id, so a rule cannot report
under another rule's. Rules read the model only; they never open files or print.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from protogen.findings import Finding, Level, Pos
from protogen.model import Item, Meeting, Organ, PostedNotice, Project


@dataclass(frozen=True)
class Context:
    """What rules may know beyond the model: the project root and today's date."""

    root: Path
    today: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True)
class Problem:
    """What a rule yields: a place, a level and a Swedish message; the runner adds the id."""

    pos: Pos
    level: Level
    message: str

    def finding(self, rule: str) -> Finding:
        return Finding(self.pos, self.level, self.message, rule)


MeetingCheck = Callable[[Meeting, Context], Iterable[Problem]]
ItemCheck = Callable[[Item, Context], Iterable[Problem]]
OrganCheck = Callable[[Organ, Context], Iterable[Problem]]
NoticeCheck = Callable[[PostedNotice, Context], Iterable[Problem]]
ProjectCheck = Callable[[Project, Context], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    id: str
    doc: str
    meeting_check: MeetingCheck | None = None
    folder_check: MeetingCheck | None = None
    item_check: ItemCheck | None = None
    organ_check: OrganCheck | None = None
    notice_check: NoticeCheck | None = None  # a notice under anslag/
    anslag_check: ProjectCheck | None = None  # the anslag/ folder
    needs_organ: bool = False  # runs only where the board's organ.yaml was read
    needs_meeting: bool = False  # item_check runs only where sammanträde.yaml was read

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.id

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        return cls(
            id=module.ID,
            doc=module.__doc__ or "",
            meeting_check=getattr(module, "check", None),
            folder_check=getattr(module, "check_folder", None),
            item_check=getattr(module, "check_item", None),
            organ_check=getattr(module, "check_organ", None),
            notice_check=getattr(module, "check_notice", None),
            anslag_check=getattr(module, "check_anslag", None),
            needs_organ=getattr(module, "NEEDS_ORGAN", False),
            needs_meeting=getattr(module, "NEEDS_MEETING", False),
        )


def fel(pos: Pos, message: str) -> Problem:
    return Problem(pos, Level.FEL, message)


def varning(pos: Pos, message: str) -> Problem:
    return Problem(pos, Level.VARNING, message)
