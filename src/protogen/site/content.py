"""The site's content: which boards, meetings, plans and notices are published, and where.

Built once from the check result; the pages, feeds, open data and search all read this and
nothing else. Paths are relative to the site root and use `/`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from protogen.model import Meeting, Organ, PlanEntry, PostedNotice
from protogen.public import public_view
from protogen.site.anslagstavla import Notice, all_notices, archived, notices_on
from protogen.site.config import SiteConfig
from protogen.site.ids import slug
from protogen.site.public import is_coming, is_published, meeting_day
from protogen.view import MeetingView

_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?:\s*[-–]\s*(\d{1,2})[:.](\d{2}))?")
CANCELLED = ("inställ", "utgår", "ställs in")
FEED = "flode.xml"
CALENDAR = "sammantraden.ics"
NOTICE_BOARD = "anslagstavla/index.html"
NOTICE_ARCHIVE = "anslagstavla/arkiv/index.html"
NOTICE_FEED = "anslagstavla/flode.xml"
NOTICE_DATA = "anslagstavla/anslag.json"
ACCESSIBILITY = "tillganglighet/index.html"
INVITATION = "kallelse.pdf"
SEARCH = "sok/index.html"
DATA = "data/index.json"


@dataclass(frozen=True)
class Download:
    """A beslutsunderlag file of a public §, offered for download beside the protocol."""

    number: int  # the § number
    title: str
    source: str  # as written in the item, relative to the meeting folder
    path: str  # on the site

    @property
    def kind(self) -> str:
        return self.source.rsplit(".", 1)[-1].upper()


@dataclass
class MeetingPage:
    """A justerat meeting on the site."""

    meeting: Meeting
    view: MeetingView
    folder: str  # "gns/2020-02-14"
    extracts: dict[int, str] = field(default_factory=dict)  # § number → path of its utdrag
    downloads: list[Download] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"{self.folder}/index.html"

    @property
    def pdf(self) -> str:
        return f"{self.folder}/protokoll.pdf"

    @property
    def invitation(self) -> str:
        """The public kallelse (secret items and their handlingar out)."""
        return f"{self.folder}/{INVITATION}"

    @property
    def votes_csv(self) -> str:
        return f"data/meetings/{self.folder}-votes.csv"

    @property
    def attendance_csv(self) -> str:
        return f"data/meetings/{self.folder}-attendance.csv"

    @property
    def date(self) -> dt.date | None:
        return meeting_day(self.meeting)


@dataclass
class ComingMeeting:
    """A meeting called (status kallelse) for today or later: its ärenden may be listed."""

    meeting: Meeting
    view: MeetingView
    folder: str = ""  # "ks/2024-05-22": where its public kallelse lies

    @property
    def date(self) -> dt.date | None:
        return meeting_day(self.meeting)

    @property
    def invitation(self) -> str:
        return f"{self.folder}/{INVITATION}"


@dataclass
class PlanRow:
    entry: PlanEntry
    cancelled: bool
    page: MeetingPage | None  # the protocol of the meeting held that day, when published
    coming: bool  # today or later


@dataclass
class OrganPage:
    organ: Organ
    folder: str  # URL-safe folder of the board
    published: list[MeetingPage]  # newest first
    coming: list[ComingMeeting]  # soonest first
    plan: list[PlanRow]

    @property
    def path(self) -> str:
        return f"{self.folder}/index.html"

    def years(self) -> list[tuple[int, list[MeetingPage]]]:
        """The published meetings by year, newest year first."""
        years: dict[int, list[MeetingPage]] = {}
        for page in self.published:
            if page.date:
                years.setdefault(page.date.year, []).append(page)
        return sorted(years.items(), reverse=True)

    def plan_years(self) -> list[tuple[int, list[PlanRow]]]:
        years: dict[int, list[PlanRow]] = {}
        for row in self.plan:
            if row.entry.date:
                years.setdefault(row.entry.date.year, []).append(row)
        return sorted(years.items(), reverse=True)


@dataclass
class Site:
    config: SiteConfig
    name: str
    today: dt.date
    organ_pages: list[OrganPage]
    notices: list[Notice]  # every notice, up or not
    root: Path | None = None  # the project (its mallar/ may override the site's words)
    _page_index: dict[int, MeetingPage] | None = field(default=None, init=False, repr=False,
                                                        compare=False)
    _entry_index: dict[int, MeetingPage | ComingMeeting] | None = field(
        default=None, init=False, repr=False, compare=False)

    @property
    def up(self) -> list[Notice]:
        return notices_on(self.notices, self.today)

    @property
    def archive(self) -> list[tuple[int, list[Notice]]]:
        """The notices taken down before today, by year."""
        return archived(self.notices, self.today)

    def shown_notices(self) -> list[Notice]:
        """Every notice the site shows (up or archived); one still to go up is not public."""
        return [n for n in self.notices if n.posted <= self.today]

    def pages(self) -> list[MeetingPage]:
        return [page for organ_page in self.organ_pages for page in organ_page.published]

    def invitation_of(self, meeting: Meeting) -> str | None:
        """The site path of a meeting's public kallelse, when the site has one."""
        entry = self._shown().get(id(meeting))
        return entry.invitation if entry is not None else None

    def page_of(self, meeting: Meeting) -> MeetingPage | None:
        return self._published().get(id(meeting))

    def _published(self) -> dict[int, MeetingPage]:
        """Each published meeting's page, by the meeting's identity (the first, as the
        pages are listed). Made once: the pages, notices, feeds and open data ask for a
        meeting's page per notice and per §, which a walk over every page would make grow
        with the square of the site. The site's boards and their meetings are fixed once
        `build_site` has made it."""
        if self._page_index is None:
            self._page_index = {}
            for page in self.pages():
                self._page_index.setdefault(id(page.meeting), page)
        return self._page_index

    def _shown(self) -> dict[int, MeetingPage | ComingMeeting]:
        """Each published or coming meeting's entry, by the meeting's identity (the first,
        board by board, published before coming)."""
        if self._entry_index is None:
            self._entry_index = {}
            for organ_page in self.organ_pages:
                shown: list[MeetingPage | ComingMeeting] = [*organ_page.published,
                                                            *organ_page.coming]
                for entry in shown:
                    self._entry_index.setdefault(id(entry.meeting), entry)
        return self._entry_index

    def coming(self) -> list[tuple[OrganPage, ComingMeeting]]:
        rows = [(organ_page, c) for organ_page in self.organ_pages for c in organ_page.coming]
        return sorted(rows, key=lambda r: (r[1].date or dt.date.max, sv_key(r[0].organ.name)))

    def url(self, path: str) -> str:
        """The absolute address of a site path, or the path itself without `adress`."""
        return (self.config.base_url or "") + path


def build_site(organs: list[Organ], config: SiteConfig, today: dt.date,
               blocked: set[int], others: list[PostedNotice] | None = None,
               root: Path | None = None) -> Site:
    """Collect what is published. `blocked`: ids of meetings whose check has a fel;
    `others`: the notices under anslag/ (whose check passed)."""
    ordered = sorted(organs, key=lambda o: sv_key(o.name))
    views: dict[int, MeetingView] = {}

    def view_of(meeting: Meeting) -> MeetingView:
        """The public view of a meeting, made once: its page, PDFs, kallelse, notices, feeds,
        open data and search all read this one."""
        if id(meeting) not in views:
            views[id(meeting)] = public_view(meeting)
        return views[id(meeting)]

    organ_pages = [_organ_page(organ, today, blocked, view_of) for organ in ordered]
    trusted = {id(m) for o in organs for m in o.meetings if id(m) not in blocked}
    notices = all_notices(organs, view_of, published=trusted, others=others)
    return Site(config=config, name=config.name or default_name(organs), today=today,
                organ_pages=organ_pages, notices=notices, root=root)


def _organ_page(organ: Organ, today: dt.date, blocked: set[int],
           view_of: Callable[[Meeting], MeetingView]) -> OrganPage:
    folder = quote(organ.id, safe="-_.~")
    pages = [
        MeetingPage(meeting=m, view=view_of(m),
                    folder=f"{folder}/{quote(m.folder_name, safe='-_.~')}")
        for m in organ.meetings if is_published(m) and id(m) not in blocked
    ]
    for page in pages:
        page.downloads = public_downloads(page.meeting, page.view, page.folder)
    pages.sort(key=lambda p: (p.date or dt.date.min, p.meeting.sequence), reverse=True)
    coming = [ComingMeeting(meeting=m, view=view_of(m),
                            folder=f"{folder}/{quote(m.folder_name, safe='-_.~')}")
              for m in organ.meetings if is_coming(m, today) and id(m) not in blocked]
    coming.sort(key=lambda c: (c.date or dt.date.max, c.meeting.sequence))
    by_day = {p.date: p for p in pages}
    plan = [
        PlanRow(entry=e, cancelled=is_cancelled(e), page=by_day.get(e.date),
                coming=e.date is not None and e.date >= today)
        for e in sorted(organ.schedule, key=lambda e: e.date or dt.date.min)
    ]
    return OrganPage(organ=organ, folder=folder, published=pages, coming=coming, plan=plan)


def public_downloads(meeting: Meeting, view: MeetingView, folder: str) -> list[Download]:
    """The beslutsunderlag files of the §§ the public view `view` shows, each under a plain
    name of its own. A file that an item the view hides also names is secret, and left out
    (fail closed)."""
    import posixpath


    def key(written: str) -> str:
        return posixpath.normpath(written.replace("\\", "/"))

    hidden = {shown.position for shown in view.items if shown.secret}
    secret = {key(d.file) for item in meeting.items if item.position in hidden
              for d in item.documents if d.file}
    found: list[Download] = []
    used: set[str] = set()
    for shown in view.items:
        if shown.secret:
            continue
        number = shown.number
        for document in shown.documents:
            if not document.file or key(document.file) in secret:
                continue
            stem, dot, suffix = key(document.file).rsplit("/", 1)[-1].rpartition(".")
            base = f"{number}-{slug(stem if dot else suffix) or 'bilaga'}"
            name, n = base, 2
            while name in used:
                name, n = f"{base}-{n}", n + 1
            used.add(name)
            found.append(Download(number, document.title or document.file, document.file,
                                  f"{folder}/underlag/{name}.{suffix.lower() if dot else 'pdf'}"))
    return found


def is_cancelled(entry: PlanEntry) -> bool:
    note = (entry.note or "").lower()
    return any(word in note for word in CANCELLED)


def default_name(organs: list[Organ]) -> str:
    """Without webbplats.yaml: the boards' common huvudman, else a plain title."""
    hosts = {o.host for o in organs if o.host}
    return hosts.pop() if len(hosts) == 1 else "Protokoll och anslagstavla"


_SWEDISH_ORDER = str.maketrans({"å": "z\x01", "ä": "z\x02", "ö": "z\x03", "é": "e", "ü": "y"})


def sv_key(text: str) -> str:
    """Sort key in Swedish alphabetical order (å, ä, ö after z)."""
    return text.casefold().translate(_SWEDISH_ORDER)


Clock = tuple[int, int]


def meeting_times(text: str | None) -> tuple[Clock | None, Clock | None]:
    """'09:00-12:00' → ((9, 0), (12, 0)); '9.00' → ((9, 0), None); nothing readable → None."""
    match = _TIME.search(text or "")
    if not match:
        return None, None
    start_h, start_m, end_h, end_m = match.groups()
    start = _clock(start_h, start_m)
    end = _clock(end_h, end_m) if end_h is not None else None
    return start, end


def _clock(hours: str, minutes: str) -> Clock | None:
    h, m = int(hours), int(minutes)
    return (h, m) if 0 <= h <= 23 and 0 <= m <= 59 else None
