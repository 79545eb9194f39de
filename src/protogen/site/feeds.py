"""The feeds: Atom (RFC 4287) of new protocols and notices, iCalendar (RFC 5545) of meetings.

Both are deterministic: every date comes from the meetings (the justering, the anslag, the
meeting day), or from the publish date for the calendar's DTSTAMP, never from the clock.
Times are Swedish local time; the Atom timestamps carry the offset of that day (+01:00 or
+02:00), the calendar names the zone Europe/Stockholm and defines it.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from protogen import __version__
from protogen.law.dates import build_epoch
from protogen.model import Meeting
from protogen.render.labels import SITE_LABELS, label
from protogen.site.anslagstavla import ANNOUNCEMENT, OTHER, Notice
from protogen.site.content import (
    CALENDAR,
    FEED,
    NOTICE_ARCHIVE,
    NOTICE_BOARD,
    NOTICE_FEED,
    OrganPage,
    Site,
    meeting_times,
)
from protogen.site.public import meeting_day

ATOM = "http://www.w3.org/2005/Atom"
FEED_LIMIT = 100
TZID = "Europe/Stockholm"


# -- Swedish local time ------------------------------------------------------------------------

def _last_sunday(year: int, month: int) -> dt.date:
    day = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def utc_offset(day: dt.date) -> dt.timedelta:
    """+1 h (CET) or +2 h (CEST, from the last Sunday of March to the last of October)."""
    summer = _last_sunday(day.year, 3) <= day < _last_sunday(day.year, 10)
    return dt.timedelta(hours=2 if summer else 1)


def local_midnight(day: dt.date) -> str:
    """'2020-02-21T00:00:00+01:00'."""
    tz = dt.timezone(utc_offset(day))
    return dt.datetime(day.year, day.month, day.day, tzinfo=tz).isoformat()


# -- Atom --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: dt.date
    link: str
    summary: str


def _say(site: Site, name: str, *args: Any) -> str:
    """The words of the macro `name` of the site's labels (templates own every text)."""
    return label(site.root, site.config.look, SITE_LABELS, name, *args)


def atom_feed(site: Site) -> bytes:
    """The site's feed: new protocols and every notice that has gone up."""
    return _atom(site, FEED, _entries(site), _say(site, "flode_titel", site.name),
                 _say(site, "flode_undertitel"), "index.html")


def notice_feed(site: Site) -> bytes:
    """The anslagstavla's own feed: every notice that has gone up (and not the protocols)."""
    entries = [_notice_entry(site, n) for n in site.shown_notices()]
    return _atom(site, NOTICE_FEED, entries, _say(site, "anslagsflode_titel", site.name),
                 _say(site, "anslagsflode_undertitel"), NOTICE_BOARD)


def _atom(site: Site, path: str, found: list[Entry], title: str, subtitle: str,
          page: str) -> bytes:
    entries = sorted(found, key=lambda e: (e.updated, e.id), reverse=True)[:FEED_LIMIT]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "sv"})
    _text(feed, "id", _id(site, path))
    _text(feed, "title", title)
    _text(feed, "subtitle", subtitle)
    updated = max((e.updated for e in entries), default=site.today)
    _text(feed, "updated", local_midnight(updated))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", site.name)
    _text(feed, "generator", "protogen", {"version": __version__})
    if site.config.base_url:
        ET.SubElement(feed, f"{{{ATOM}}}link",
                      {"rel": "self", "type": "application/atom+xml", "href": site.url(path)})
        ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html",
                                                 "href": site.url(page)})
    for entry in entries:
        element = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(element, "id", entry.id)
        _text(element, "title", entry.title)
        _text(element, "updated", local_midnight(entry.updated))
        ET.SubElement(element, f"{{{ATOM}}}link",
                      {"rel": "alternate", "type": "text/html", "href": entry.link})
        _text(element, "summary", entry.summary)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _text(parent: ET.Element, tag: str, text: str, attrs: dict[str, str] | None = None) -> None:
    clean = {key: plain(value) for key, value in (attrs or {}).items()}
    ET.SubElement(parent, f"{{{ATOM}}}{tag}", clean).text = plain(text)


# Line breaks of every kind (CR, CRLF, NEL, LS, PS, VT, FF) become one "\n"; every other
# control character, a lone surrogate and the non-characters U+FFFE/U+FFFF go: none may make
# flode.xml invalid XML or start a new line in sammantraden.ics (issue 8, break 11).
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def plain(text: str) -> str:
    """`text` with line breaks as "\n" and without control characters (tabs stay)."""
    return _CONTROL.sub("", _BREAKS.sub("\n", text))


def _id(site: Site, path: str) -> str:
    """An IRI that never changes: the address when known, else a URN of the path."""
    if site.config.base_url:
        return site.url(path)
    return "urn:protogen:webbplats:" + path.replace("/", ":")


def _entries(site: Site) -> list[Entry]:
    entries: list[Entry] = []
    for page in site.pages():
        view = page.view
        day = view.adjustment_date or page.date
        if day is None or day > site.today:
            continue  # justerat ahead of the publish date: the feed tells what has happened
        date = page.date.isoformat() if page.date else ""
        entries.append(Entry(
            id=_id(site, page.path),
            title=_say(site, "protokoll_titel", view.organ.name, date),
            updated=day,
            link=site.url(page.path),
            summary=_say(site, "protokoll_sammanfattning", date, day.isoformat(),
                         view.range_text, [(i.number, i.title) for i in view.items]),
        ))
    entries += [_notice_entry(site, n) for n in site.shown_notices()]
    return entries


def _notice_entry(site: Site, notice: Notice) -> Entry:
    shown = site.page_of(notice.meeting) if notice.meeting is not None else None
    where = NOTICE_BOARD if notice.is_up(site.today) else NOTICE_ARCHIVE
    link = site.url(shown.path) if shown and notice.kind != ANNOUNCEMENT else site.url(where)
    day = notice.meeting_date.isoformat() if notice.meeting_date else ""
    meeting = notice.meeting
    organ = notice.organ_name if notice.kind != OTHER or notice.organ else ""
    title = _say(site, "anslag_titel", notice.kind, notice.title, organ, day)
    summary = _say(
        site, "anslag_sammanfattning", notice.kind, notice.title, organ, day,
        notice.posted.isoformat(), notice.taken_down.isoformat(),
        notice.appeal_last_day.isoformat() if notice.appeal_last_day else "",
        meeting.time if meeting and meeting.time else "",
        meeting.place if meeting and meeting.place else "",
        [(i.number, i.title) for i in notice.items],
        notice.organ.archive_place if notice.organ else None)
    return Entry(id=_id(site, "anslagstavla/" + notice.key), title=title,
                 updated=notice.posted, link=link, summary=summary)


# -- iCalendar ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Event:
    uid: str
    day: dt.date
    time: str | None
    summary: str
    location: str | None
    description: str
    status: str  # CONFIRMED | TENTATIVE | CANCELLED
    url: str | None


VTIMEZONE = [
    "BEGIN:VTIMEZONE", f"TZID:{TZID}",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
    "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
    "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
    "END:VTIMEZONE",
]


def calendar(site: Site) -> bytes:
    """The coming meetings: those called (kallelse) and those planned, from today on."""
    stamp = _dtstamp(site.today)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//protogen//protogen {__version__}//SV",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{_escape(_say(site, 'kalender_namn', site.name))}",
             f"X-WR-TIMEZONE:{TZID}",
             *VTIMEZONE]
    for event in sorted(_events(site), key=lambda e: (e.day, e.uid)):
        lines += _vevent(event, stamp)
    lines.append("END:VCALENDAR")
    # A content line never holds a raw line break or control character, whatever a field
    # (or a folder name in a UID) contains: RFC 5545 3.1.
    return "".join(_fold(_ONE_LINE.sub("", plain(line))) + "\r\n"
                   for line in lines).encode("utf-8")


def _dtstamp(today: dt.date) -> str:
    """SOURCE_DATE_EPOCH when set, else the publish date at midnight UTC."""
    moment = dt.datetime.fromtimestamp(build_epoch(today), tz=dt.UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _events(site: Site) -> list[Event]:
    host = urlparse(site.config.base_url).hostname if site.config.base_url else None
    domain = host or "protogen.invalid"
    events: list[Event] = []
    for organ_page in site.organ_pages:
        called: set[dt.date] = set()
        for coming in organ_page.coming:
            day = coming.date
            if day is None:
                continue
            called.add(day)
            events.append(_called(site, organ_page, coming.meeting, day, domain,
                                  [i.title for i in coming.view.items]))
        held = {meeting_day(m) for m in organ_page.organ.meetings}
        for row in organ_page.plan:
            day = row.entry.date
            if day is None or day < site.today or day in called or day in held:
                continue
            events.append(Event(
                uid=f"plan-{organ_page.organ.id}-{day.isoformat()}@{domain}", day=day,
                time=row.entry.time, summary=_say(site, "planerat_sammantrade", organ_page.organ.name),
                location=row.entry.place,
                description=_say(site, "planerat_beskrivning", row.entry.note or ""),
                status="CANCELLED" if row.cancelled else "TENTATIVE",
                url=site.url(organ_page.path) if site.config.base_url else None,
            ))
    return events


def _called(site: Site, organ_page: OrganPage, meeting: Meeting, day: dt.date, domain: str,
            titles: list[str]) -> Event:
    return Event(
        uid=f"{organ_page.organ.id}-{meeting.folder_name}@{domain}", day=day, time=meeting.time,
        summary=_say(site, "kallat_sammantrade", organ_page.organ.name), location=meeting.place,
        description=_say(site, "kallat_beskrivning", titles),
        status="CONFIRMED",
        url=site.url(organ_page.path) + "#kommande" if site.config.base_url else None,
    )


def _vevent(event: Event, stamp: str) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{stamp}"]
    start, end = meeting_times(event.time)
    if start:
        lines.append(f"DTSTART;TZID={TZID}:{event.day:%Y%m%d}T{start[0]:02d}{start[1]:02d}00")
        if end and end > start:
            lines.append(f"DTEND;TZID={TZID}:{event.day:%Y%m%d}T{end[0]:02d}{end[1]:02d}00")
    else:
        lines.append(f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{event.day + dt.timedelta(days=1):%Y%m%d}")
    lines.append(f"SUMMARY:{_escape(event.summary)}")
    if event.location:
        lines.append(f"LOCATION:{_escape(event.location)}")
    lines.append(f"DESCRIPTION:{_escape(event.description)}")
    lines.append(f"STATUS:{event.status}")
    if event.url:
        lines.append(f"URL:{event.url}")
    lines.append("END:VEVENT")
    return lines


_ONE_LINE = re.compile("[\n\t]")


def _escape(text: str) -> str:
    """RFC 5545 3.3.11 TEXT: backslash, semicolon, comma and every line break escaped;
    control characters left out."""
    return (plain(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n").replace("\t", " "))


def _fold(line: str) -> str:
    """RFC 5545 3.1: lines longer than 75 octets continue on a line starting with a space,
    never splitting a UTF-8 character."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


__all__ = ["CALENDAR", "FEED", "atom_feed", "calendar", "local_midnight", "notice_feed",
           "utc_offset"]
