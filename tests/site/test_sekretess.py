"""Sekretess on the site: a secret item shows its § number, a neutral heading and its ground,
and nothing else of it reaches any file under build/site/ — pages, the public PDFs and utdrag,
the feeds, the open data and the search index (decompressed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sitefiles import find_everywhere, pdf_text, readable, site_files
from siteproject import GROUND, PUBLIC_MARKER, SECRET_MARKERS

MEETING = "ks/2024-03-13"


@pytest.mark.parametrize("part", sorted(SECRET_MARKERS))
def test_no_part_of_the_secret_item_is_in_any_file(site: Path, part: str) -> None:
    assert find_everywhere(site, SECRET_MARKERS[part]) == []


def test_the_search_for_leaks_can_find_things(site: Path) -> None:
    """The control: the public item's marker is found in the page, the PDF, the data and the
    decompressed search index, so an empty result above means something."""
    found = find_everywhere(site, PUBLIC_MARKER)
    assert f"{MEETING}/index.html" in found
    assert f"{MEETING}/protokoll.pdf" in found
    assert f"{MEETING}/utdrag/3.pdf" in found
    assert "data/meetings.json" in found
    assert any(p.startswith("pagefind/fragment/") for p in found)
    assert any(p.startswith("pagefind/index/") for p in found)


def test_the_secret_item_shows_number_neutral_heading_and_ground(site: Path) -> None:
    page = (site / MEETING / "index.html").read_text(encoding="utf-8")
    assert "§ 2" in page
    assert "Sekretessbelagt ärende" in page
    assert f"Sekretess enligt {GROUND}" in page
    pdf = pdf_text((site / MEETING / "protokoll.pdf").read_bytes())
    assert "§ 2" in pdf and "Sekretessbelagt ärende" in pdf
    assert GROUND in " ".join(pdf.split())


def test_no_utdrag_of_the_secret_item(site: Path) -> None:
    assert not (site / MEETING / "utdrag" / "2.pdf").exists()
    assert (site / MEETING / "utdrag" / "1.pdf").is_file()


def test_the_secret_item_in_open_data_is_number_name_and_ground(site: Path) -> None:
    meeting = json.loads((site / "data/meetings" / f"{MEETING}.json").read_text("utf-8"))
    secret = [a for a in meeting["agendaItem"] if not a["public"]]
    assert len(secret) == 1
    assert set(secret[0]) == {"id", "type", "meeting", "number", "order", "name", "public",
                              "protogen:sekretess"}
    assert secret[0]["number"] == "§ 2"
    assert secret[0]["protogen:sekretess"] == GROUND


def test_the_full_protocol_is_never_under_build_site(site_project: Path) -> None:
    """publish writes the site only; the internal protocol is `protogen build`'s, elsewhere."""
    build = site_project / "build"
    assert sorted(p.name for p in build.iterdir()) == [".cache", "site"]
    for path in site_files(build / "site"):
        text = readable(path)
        assert "Får inte publiceras" not in text, path


def test_a_guest_of_the_secret_item_only_is_not_listed(site: Path) -> None:
    page = (site / MEETING / "index.html").read_text(encoding="utf-8")
    assert "Olle Offentlig" in page  # present for the whole meeting
    assert SECRET_MARKERS["gäst"] not in page
