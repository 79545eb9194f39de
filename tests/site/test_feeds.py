"""The Atom feed of protocols and notices, and the iCalendar file of coming meetings: they
parse, they are deterministic, and they hold what they should."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from protogen.site.feeds import local_midnight

ATOM = "{http://www.w3.org/2005/Atom}"


def feed(site: Path) -> ET.Element:
    return ET.parse(site / "flode.xml").getroot()


def test_the_feed_is_atom_with_unique_ids(site: Path) -> None:
    root = feed(site)
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    entries = root.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(ids) == len(set(ids))
    for entry in entries:
        for tag in ("id", "title", "updated", "link", "summary"):
            assert entry.find(f"{ATOM}{tag}") is not None, tag


def test_the_feed_has_every_protocol_and_every_notice_put_up(site: Path) -> None:
    titles = [e.findtext(f"{ATOM}title") for e in feed(site).findall(f"{ATOM}entry")]
    protocols = [t for t in titles if t.startswith("Protokoll:")]
    notices = [t for t in titles if t.startswith("Anslag:")]
    # ks, bun, ek, kf; not ks 2024-04-17, justerat 2024-04-24, after the publish day 04-10.
    assert len(protocols) == 4
    assert not any("2024-04-17" in t for t in protocols)
    # Up by 2024-04-10: ks 03-13 (both), bun 03-14, bun 04-10 (§§), kf 02-15, and the two
    # notices under anslag/ up by then; not ks 04-17 (up 04-25), not the bygglov (up 05-02).
    assert len(notices) == 7
    assert not any("bygglov" in t for t in notices)
    assert [t for t in titles if t.startswith("Kungörelse:")] == [
        "Kungörelse: Kommunfullmäktige sammanträder 2024-04-18",
        "Kungörelse: Kommunfullmäktige sammanträder 2024-02-15"]
    assert not any("2024-04-17" in t for t in notices)


def test_feed_dates_come_from_the_meetings(site: Path) -> None:
    root = feed(site)
    updated = [e.findtext(f"{ATOM}updated") for e in root.findall(f"{ATOM}entry")]
    assert local_midnight(__import__("datetime").date(2024, 3, 21)) in updated  # an anslag
    assert root.findtext(f"{ATOM}updated") == max(updated)
    assert updated == sorted(updated, reverse=True)


def test_local_midnight_has_the_swedish_offset() -> None:
    import datetime as dt

    assert local_midnight(dt.date(2024, 3, 30)) == "2024-03-30T00:00:00+01:00"
    assert local_midnight(dt.date(2024, 3, 31)) == "2024-03-31T00:00:00+02:00"
    assert local_midnight(dt.date(2024, 10, 27)) == "2024-10-27T00:00:00+01:00"


def unfold(data: bytes) -> list[str]:
    text = data.decode("utf-8")
    return text.replace("\r\n ", "").split("\r\n")


def test_the_calendar_is_rfc_5545(site: Path) -> None:
    data = (site / "sammantraden.ics").read_bytes()
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF only
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line
    lines = unfold(data)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    for component in ("VCALENDAR", "VTIMEZONE", "VEVENT", "STANDARD", "DAYLIGHT"):
        assert lines.count(f"BEGIN:{component}") == lines.count(f"END:{component}"), component
    unfolded = data.decode().replace("\r\n ", "")
    events = re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT", unfolded, re.S)
    assert events
    uids = []
    for event in events:
        props = dict(line.split(":", 1) for line in event.strip().split("\r\n"))
        assert "UID" in props and "DTSTAMP" in props
        assert re.fullmatch(r"\d{8}T\d{6}Z", props["DTSTAMP"])
        assert any(k.startswith("DTSTART") for k in props)
        uids.append(props["UID"])
    assert len(uids) == len(set(uids))


def test_the_calendar_holds_the_coming_meetings_only(site: Path) -> None:
    text = "\n".join(unfold((site / "sammantraden.ics").read_bytes()))
    assert "DTSTART;TZID=Europe/Stockholm:20240522T090000" in text  # kallelse
    assert "Årsredovisning 2023" in text
    assert "Sekretessbelagt ärende" in text
    assert "DTSTART;TZID=Europe/Stockholm:20240612T130000" in text  # planned
    assert "DTSTART;TZID=Europe/Stockholm:20241016T090000" in text
    assert "20240313" not in text and "20240417" not in text  # held
    cancelled = re.search(r"BEGIN:VEVENT(?:(?!END:VEVENT).)*20240918(?:(?!END:VEVENT).)*END:VEVENT",
                          text, re.S)
    assert cancelled and "STATUS:CANCELLED" in cancelled.group(0)
    assert "DTSTART;TZID=Europe/Stockholm:20240418T180000" in text  # fullmäktige, kallelse
    assert text.count("BEGIN:VEVENT") == 5
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Stockholm" in text
