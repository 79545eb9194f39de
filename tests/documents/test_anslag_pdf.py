"""Anslag (bevis om justering): the exact dates, including a take-down computed across
Christmas and New Year; a page of its own for each omedelbart justerad §; none for a board
without anslag."""

from __future__ import annotations

import datetime as dt

import pytest
from docread import (
    built,
    field_values,
    is_pdfa_2a,
    meeting_data,
    organ_data,
    pages_text,
    project,
    reader,
    text,
)

from protogen.build import build_all

D = dt.date.fromisoformat


def build_meeting(root, day: str, justering: str, uppsatt: str, nedtaget: str | None = None,
                  items=None) -> list[str]:
    anslag = {"uppsatt": D(uppsatt)} | ({"nedtaget": D(nedtaget)} if nedtaget else {})
    project(root, meeting_data(day, justering={"datum": D(justering)}, anslag=anslag),
            items=items)
    assert build_all(root).ok
    return pages_text(built(root, day) / "anslag.pdf")


def row(page: str, label: str) -> str:
    """The value after a label, up to the next label: '2020-12-28 (måndag 28 december 2020)'."""
    start = page.index(label) + len(label) + 1
    return page[start:start + len("2020-12-28 (xxxxxxxxxxxxxxxxxxxxxxxxxxxx)")]


UP, DOWN = "Datum för anslags uppsättande", "Datum för anslags nedtagande"


def test_the_protocols_anslag_has_the_dates_and_facts(tmp_path):
    page, = build_meeting(tmp_path, "2020-02-14", "2020-02-21", "2020-02-24")
    assert "Bevis om justering" in page
    assert "Organ Testnämnden" in page
    assert "Sammanträdesdatum 2020-02-14 (fredag 14 februari 2020)" in page
    assert "Justeringsdatum 2020-02-21 (fredag 21 februari 2020)" in page
    assert "Paragrafer § 1" in page or "Paragraf § 1" in page
    assert f"{UP} 2020-02-24 (måndag 24 februari 2020)" in page
    assert f"{DOWN} 2020-03-16 (måndag 16 mars 2020)" in page
    assert "Förvaringsplats för protokollet Kommunhuset" in page
    assert "Sara Sekreterare" in page


@pytest.mark.parametrize(("day", "justering", "uppsatt", "nedtaget"), [
    # +21 days is juldagen (Friday); then a weekend: Monday 28 December.
    ("2020-11-25", "2020-12-02", "2020-12-04", "2020-12-28 (måndag 28 december 2020)"),
    # +21 days is nyårsdagen 2021 (Friday); then a weekend: Monday 4 January 2021.
    ("2020-12-02", "2020-12-09", "2020-12-11", "2021-01-04 (måndag 4 januari 2021)"),
    # +21 days is nyårsafton, then nyårsdagen and a weekend.
    ("2020-12-01", "2020-12-08", "2020-12-10", "2021-01-04 (måndag 4 januari 2021)"),
    # +21 days is julafton 2021 (Friday), then juldagen and annandag jul on the weekend.
    ("2021-11-24", "2021-12-01", "2021-12-03", "2021-12-27 (måndag 27 december 2021)"),
])
def test_take_down_computed_across_christmas_and_new_year(tmp_path, day, justering, uppsatt,
                                                          nedtaget):
    page, = build_meeting(tmp_path, day, justering, uppsatt)
    assert f"{DOWN} {nedtaget}" in page
    assert f"{UP} {uppsatt} (" in page


def test_a_written_take_down_day_is_used_as_written(tmp_path):
    page, = build_meeting(tmp_path, "2020-02-14", "2020-02-21", "2020-02-24", "2020-03-20")
    assert f"{DOWN} 2020-03-20 (fredag 20 mars 2020)" in page


def test_omedelbart_justerad_paragraph_gets_its_own_page(tmp_path):
    items = [{"rubrik": "Val av justerare"},
             {"rubrik": "Brådskande avtal", "omedelbart_justerad": True},
             {"rubrik": "Budget"}]
    # Friday 2020-12-11: the § is justerad that day, its appeal period ends after nyår.
    pages = build_meeting(tmp_path, "2020-12-11", "2020-12-18", "2020-12-21", items=items)
    assert len(pages) == 2
    whole, own = pages
    assert "Paragrafer §§ 1–3" in whole
    assert f"{UP} 2020-12-21 (måndag 21 december 2020)" in whole
    assert f"{DOWN} 2021-01-11 (måndag 11 januari 2021)" in whole
    assert "Bevis om justering – § 2" in own
    assert "Brådskande avtal" in own
    assert "Paragraf § 2" in own
    assert "Justeringsdatum 2020-12-11 (fredag 11 december 2020)" in own
    assert f"{UP} 2020-12-11 (fredag 11 december 2020)" in own
    assert f"{DOWN} 2021-01-04 (måndag 4 januari 2021)" in own
    path = built(tmp_path, "2020-12-11") / "anslag.pdf"
    assert field_values(path) == {"anslag": None, "anslag-p2": None}


def test_a_secret_omedelbart_justerad_paragraph_keeps_its_title_off_the_anslag(tmp_path):
    items = [{"rubrik": "Ansökan om bistånd HEMLIG", "sekretess": "OSL 26 kap. 1 §",
              "omedelbart_justerad": True}]
    pages = build_meeting(tmp_path, "2020-12-11", "2020-12-18", "2020-12-21", items=items)
    assert len(pages) == 2
    assert "HEMLIG" not in " ".join(pages)


def test_anslag_is_pdfa_titled_and_swedish(tmp_path):
    build_meeting(tmp_path, "2020-02-14", "2020-02-21", "2020-02-24")
    path = built(tmp_path, "2020-02-14") / "anslag.pdf"
    pdf = reader(path)
    assert pdf.metadata.title == "Testnämnden – Anslag om justering av protokoll 2020-02-14"
    assert pdf.trailer["/Root"]["/Lang"] == "sv"
    assert is_pdfa_2a(path)
    assert "Justerandes sign" not in text(path)


def test_board_without_anslag_gets_none(tmp_path):
    meeting = meeting_data()
    del meeting["anslag"]
    project(tmp_path, meeting, organ=organ_data(anslag=False))
    assert build_all(tmp_path).ok
    names = {p.name for p in built(tmp_path, "2024-03-13").iterdir()}
    assert "anslag.pdf" not in names
    assert {"protokoll.pdf", "kallelse.pdf", "utdrag"} <= names


def test_no_anslag_before_justering(tmp_path):
    project(tmp_path, meeting_data(status="utkast", justering=None, anslag=None))
    assert build_all(tmp_path).ok
    assert not (built(tmp_path, "2024-03-13") / "anslag.pdf").exists()
