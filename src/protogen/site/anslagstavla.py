"""The digital anslagstavla: which notices are up on a given day (KL 8 kap. 9-12 §§).

Four kinds of notice: three come from the meetings of a board that has anslag,

- **the justering of a protocol**: up from `anslag.uppsatt`, down after `anslag.nedtaget`
  (or, when that is left out, after the last day of the appeal period, KL 13 kap. 5 §);
- **omedelbart justerade paragrafer**: a § adjusted at the meeting is justerat that day, so its
  notice is up from the meeting day until the appeal period counted from that day has run;
- **the kungörelse of a fullmäktige meeting** (KL 5 kap. 11-12 §§): time, place and ärenden,
  up from the day it was made known through the meeting day;

and one from the files under anslag/ at the project root:

- **other notices** (underrättelser, delegationsbeslut, föreskrifter): up from `uppsatt`
  through `nedtaget` (or the end of the three weeks), each with its own text and files.

A notice is up on `today` when it went up on or before `today` and comes down on or after it:
it leaves the board the day after its take-down date. Pure: the model in, notices out. The
§§ and ärenden a notice lists are the public view's (`protogen.public.public_view`): a secret
one by the view's neutral heading.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from protogen.law import anslag as posting
from protogen.model import Meeting, Organ, PostedNotice
from protogen.view import MeetingView

PROTOCOL = "protokoll"
PARAGRAPHS = "paragrafer"
ANNOUNCEMENT = "kungorelse"
OTHER = "anslag"
FILES = "anslagstavla/filer"  # where the files of other notices lie on the site


@dataclass(frozen=True)
class NoticeItem:
    number: int
    title: str  # a neutral heading for a sekretess item


@dataclass(frozen=True)
class NoticeFile:
    title: str  # the file's name as written
    path: str  # on the site
    source: str  # relative to anslag/


@dataclass(frozen=True)
class Notice:
    kind: str  # PROTOCOL, PARAGRAPHS, ANNOUNCEMENT or OTHER
    organ: Organ | None = field(compare=False)  # None: an other notice of no board
    meeting: Meeting | None = field(compare=False)  # None: an other notice
    meeting_date: dt.date | None
    adjusted: dt.date | None  # the justering (the meeting day for omedelbar justering)
    posted: dt.date
    taken_down: dt.date
    appeal_last_day: dt.date | None  # None: nothing to appeal (a kungörelse, or said so)
    items: tuple[NoticeItem, ...] = ()  # the §§ (PARAGRAPHS) or ärenden (ANNOUNCEMENT)
    title: str = ""  # the heading of an other notice
    slug: str = ""  # an other notice's file name without .md
    text: Markup = field(default=Markup(""), compare=False)  # an other notice's text (HTML)
    appeal_text: Markup = field(default=Markup(""), compare=False)  # its own appeal words
    files: tuple[NoticeFile, ...] = ()

    def is_up(self, today: dt.date) -> bool:
        return self.posted <= today <= self.taken_down  # gone the day after

    @property
    def key(self) -> str:
        """A stable id: '<organ>/<meeting folder>/protokoll' (…/paragrafer, …/kungorelse),
        or 'anslag/<file name without .md>'."""
        if self.meeting is None or self.organ is None:
            return f"{OTHER}/{self.slug}"
        return f"{self.organ.id}/{self.meeting.folder_name}/{self.kind}"

    @property
    def organ_name(self) -> str:
        return self.organ.name if self.organ else ""

    @property
    def heading(self) -> str:
        """A plain heading for feeds and data (the pages' own words are in the template)."""
        if self.kind == OTHER:
            return self.title
        what = {PROTOCOL: "justerat protokoll", PARAGRAPHS: "omedelbart justerade paragrafer",
                ANNOUNCEMENT: "kungörelse av sammanträde"}[self.kind]
        return f"{self.organ_name}: {what}"


def all_notices(organs: list[Organ], view_of: Callable[[Meeting], MeetingView],
                published: set[int] | None = None,
                others: list[PostedNotice] | None = None) -> list[Notice]:
    """Every notice the boards' meetings and the files under anslag/ give, whether up today
    or not. `view_of`: a meeting's public view (the titles a notice lists).

    `published`: the ids of the meetings whose check passed; others give no notice (their
    dates cannot be trusted). None: all meetings. `others`: the notices under anslag/ whose
    check passed.
    """
    notices: list[Notice] = []
    for organ in organs:
        if not organ.has_anslag:
            continue
        for meeting in organ.meetings:
            if not meeting.loaded or (published is not None and id(meeting) not in published):
                continue
            for made in (protocol_notice(organ, meeting),
                         paragraph_notice(organ, meeting, view_of),
                         announcement_notice(organ, meeting, view_of)):
                if made:
                    notices.append(made)
    for source in others or []:
        other = other_notice(source)
        if other:
            notices.append(other)
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


def paragraph_notice(organ: Organ, meeting: Meeting,
                     view_of: Callable[[Meeting], MeetingView]) -> Notice | None:
    """The notice of the §§ adjusted at the meeting (held meetings only)."""
    dates = posting.paragraph_notice(meeting)
    if dates is None:
        return None
    shown = {item.position: item for item in view_of(meeting).items}
    items = tuple(NoticeItem(shown[item.position].number, shown[item.position].title)
                  for item in posting.immediate_items(meeting))
    return Notice(kind=PARAGRAPHS, organ=organ, meeting=meeting, meeting_date=dates.posted,
                  adjusted=dates.adjusted, posted=dates.posted, taken_down=dates.taken_down,
                  appeal_last_day=dates.appeal_last_day, items=items)


def announcement_notice(organ: Organ, meeting: Meeting,
                        view_of: Callable[[Meeting], MeetingView]) -> Notice | None:
    """The kungörelse of a fullmäktige meeting: time, place and ärenden (a secret one by its
    neutral heading), numbered as the kallelse numbers them."""
    dates = posting.announcement(meeting)
    if dates is None:
        return None
    items = tuple(NoticeItem(item.position + 1, item.title) for item in view_of(meeting).items)
    return Notice(kind=ANNOUNCEMENT, organ=organ, meeting=meeting, meeting_date=dates.taken_down,
                  adjusted=None, posted=dates.posted, taken_down=dates.taken_down,
                  appeal_last_day=None, items=items)


def other_notice(source: PostedNotice) -> Notice | None:
    """A notice under anslag/, with its text rendered and its files placed on the site."""
    from protogen.markdown import render_markdown

    dates = posting.other_notice(source)
    if dates is None or not source.readable:
        return None
    folder = source.file.parent
    files = tuple(NoticeFile(title=written.rsplit("/", 1)[-1],
                             path=f"{FILES}/{source.slug}/{written}", source=written)
                  for written in source.files)
    return Notice(kind=OTHER, organ=source.organ, meeting=None, meeting_date=None,
                  adjusted=None, posted=dates.posted, taken_down=dates.taken_down,
                  appeal_last_day=dates.appeal_last_day if source.appeal else None,
                  title=source.title or source.slug, slug=source.slug,
                  text=render_markdown(source.body, folder, heading_offset=2),
                  appeal_text=render_markdown(source.appeal_text, folder), files=files)


def notices_on(notices: list[Notice], today: dt.date) -> list[Notice]:
    """The notices up on `today`, newest first, then by board name."""
    return _ordered([n for n in notices if n.is_up(today)])


def archived(notices: list[Notice], today: dt.date) -> list[tuple[int, list[Notice]]]:
    """The notices taken down before `today`, by the year they went up, newest first."""
    years: dict[int, list[Notice]] = {}
    for notice in notices:
        if notice.taken_down < today:
            years.setdefault(notice.posted.year, []).append(notice)
    return [(year, _ordered(found)) for year, found in sorted(years.items(), reverse=True)]


def _ordered(notices: list[Notice]) -> list[Notice]:
    return sorted(notices, key=lambda n: (-n.posted.toordinal(), n.organ_name,
                                          n.meeting_date or n.posted, n.kind, n.title))
