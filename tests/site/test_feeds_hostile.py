"""Hostile characters in what the feeds show (issue 8, break 11): a bare CR in `plats` once
injected lines into sammantraden.ics, a control character in a name made flode.xml invalid
XML. After any input, both files parse."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import meeting_data, organ_data, write_meeting, write_organ
from lxml import etree
from siteproject import run_publish

from protogen.site.feeds import plain

HOSTILE = ["Rum 1\rBEGIN:VEVENT\rSUMMARY:Falsk", "Sal\r\nEND:VCALENDAR", "A\x0bB\x0cC",
           "Ord\x85ny\u2028rad\u2029", "Ctrl\x00\x01\x1b[31m\x7f\x9f", "semi;komma,\\bak",
           "Tab\there"]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fientlig")
    write_organ(root, "tn", organ_data(namn="Test\x01nämnden\x1b\rX"))
    held = meeting_data("2024-03-13", plats=HOSTILE[0])
    write_meeting(root, "tn", "2024-03-13", held,
                  [{"rubrik": text} for text in HOSTILE])
    coming = meeting_data("2024-05-22", status="kallelse", plats=HOSTILE[1] + HOSTILE[4])
    for key in ("justering", "anslag", "närvarande", "justerare"):
        coming.pop(key)
    write_meeting(root, "tn", "2024-05-22", coming, [{"rubrik": text} for text in HOSTILE])
    code, out = run_publish(root, dt.date(2024, 4, 10))
    assert code == 0, out
    return root / "build" / "site"


def test_the_atom_feed_parses(hostile_site: Path) -> None:
    data = (hostile_site / "flode.xml").read_bytes()
    etree.fromstring(data)  # strict XML 1.0: a control character is an error here
    ET.fromstring(data)
    assert b"\x01" not in data and b"\x1b" not in data


def test_the_calendar_has_no_injected_lines(hostile_site: Path) -> None:
    data = (hostile_site / "sammantraden.ics").read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"") and b"\r" not in data.replace(b"\r\n", b"")
    lines = data.decode().replace("\r\n ", "").split("\r\n")[:-1]
    for line in lines:
        assert re.fullmatch(r"[A-Z][A-Z0-9-]*(;[^:]*)?:.*", line), line
        assert not re.search(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]", line), line
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 1
    assert lines.count("END:VCALENDAR") == 1
    location = next(line for line in lines if line.startswith("LOCATION:"))
    assert location.startswith("LOCATION:Sal\\nEND:VCALENDAR")
    assert "semi\\;komma\\,\\\\bak" in "".join(lines)


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_leaves_no_control_character(text: str) -> None:
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]", plain(text))
