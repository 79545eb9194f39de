"""The digital anslagstavla: which notices are up on a given day (KL 8 kap. 9-12 §§).

Two kinds of notice come from the meetings of a board that has anslag:

- **the justering of a protocol**: up from `anslag.uppsatt`, down after `anslag.nedtaget`
  (or, when that is left out, after the last day of the appeal period, KL 13 kap. 5 §);
- **omedelbart justerade paragrafer**: a § adjusted at the meeting is justerat that day, so its
  notice is up from the meeting day until the appeal period counted from that day has run.

A notice is up on `today` when it went up on or before `today` and comes down on or after it:
it leaves the board the day after its take-down date. Pure: the model in, notices out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from protogen import posting
from protogen.model import Meeting, Organ

PROTOCOL = "protokoll"
PARAGRAPHS = "paragrafer"


@dataclass(frozen=True)
class NoticeItem:
    number: int
    title: str  # a neutral heading for a sekretess item


@dataclass(frozen=True)
class Notice:
    kind: str  # PROTOCOL or PARAGRAPHS
    organ: Organ = field(compare=False)
    meeting: Meeting = field(compare=False)
    meeting_date: dt.date
    adjusted: dt.date | None  # the justering (the meeting day for omedelbar justering)
    posted: dt.date
    taken_down: dt.date
    appeal_last_day: dt.date
    items: tuple[NoticeItem, ...] = ()  # the §§ of a PARAGRAPHS notice

    def is_up(self, today: dt.date) -> bool:
        return self.posted <= today <= self.taken_down  # gone the day after

    @property
    def key(self) -> str:
        """A stable id: '<organ>/<meeting folder>/protokoll' or '…/paragrafer'."""
        return f"{self.organ.id}/{self.meeting.folder_name}/{self.kind}"


def all_notices(organs: list[Organ], neutral_title: str,
                published: set[int] | None = None) -> list[Notice]:
    """Every notice the boards' meetings give, whether up today or not.

    `published`: the ids of the meetings whose check passed; others give no notice (their
    dates cannot be trusted). None: all meetings.
    """
    notices: list[Notice] = []
    for organ in organs:
        if not organ.has_anslag:
            continue
        for meeting in organ.meetings:
            if not meeting.loaded or (published is not None and id(meeting) not in published):
                continue
            protocol = protocol_notice(organ, meeting)
            if protocol:
                notices.append(protocol)
            paragraphs = paragraph_notice(organ, meeting, neutral_title)
            if paragraphs:
                notices.append(paragraphs)
    return notices


def protocol_notice(organ: Organ, meeting: Meeting) -> Notice | None:
    """The notice of a justerat protocol, when its anslag date is known."""
    dates = posting.protocol_notice(meeting)
    if meeting.status != "justerat" or dates is None:
        return None
    return Notice(
        kind=PROTOCOL, organ=organ, meeting=meeting,
        meeting_date=meeting.date or meeting.folder_date or dates.posted,
        adjusted=dates.adjusted, posted=dates.posted, taken_down=dates.taken_down,
        appeal_last_day=dates.appeal_last_day,
    )


def paragraph_notice(organ: Organ, meeting: Meeting, neutral_title: str) -> Notice | None:
    """The notice of the §§ adjusted at the meeting (held meetings only)."""
    dates = posting.paragraph_notice(meeting)
    if dates is None:
        return None
    items = tuple(
        NoticeItem(item.number if item.number is not None else item.position + 1,
                   neutral_title if item.secrecy else (item.title or ""))
        for item in posting.immediate_items(meeting)
    )
    return Notice(kind=PARAGRAPHS, organ=organ, meeting=meeting, meeting_date=dates.posted,
                  adjusted=dates.adjusted, posted=dates.posted, taken_down=dates.taken_down,
                  appeal_last_day=dates.appeal_last_day, items=items)


def notices_on(notices: list[Notice], today: dt.date) -> list[Notice]:
    """The notices up on `today`, newest first, then by board name."""
    up = [n for n in notices if n.is_up(today)]
    return sorted(up, key=lambda n: (-n.posted.toordinal(), n.organ.name, n.meeting_date, n.kind))
