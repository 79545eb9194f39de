"""Sammanträdesplan: build/<organ>/sammanträdesplan-<år>.pdf per year of the board's plan."""

from __future__ import annotations

import datetime as dt

from docread import is_pdfa_2a, organ_data, pages_text, project, reader

from protogen.build import build_all
from protogen.findings import Findings
from protogen.loader.project import load_project
from protogen.render import sammantradesplan
from protogen.render.base import RenderContext

D = dt.date.fromisoformat
PLAN = [
    {"datum": D("2025-02-12"), "tid": "09:00-12:00", "plats": "Kommunhuset"},
    {"datum": D("2024-03-13"), "tid": "09:00-12:00", "plats": "Kommunhuset, sal A"},
    {"datum": D("2024-02-14"), "tid": "13:00", "plats": "Kommunhuset",
     "anteckning": "Budgetdag"},
    {"datum": D("2024-04-17"), "anteckning": "Inställt"},
]


def test_one_plan_per_year_with_every_entry(tmp_path):
    project(tmp_path, organ=organ_data(sammanträdesplan=PLAN))
    assert build_all(tmp_path).ok
    board = tmp_path / "build" / "tn"
    assert sorted(p.name for p in board.glob("sammanträdesplan-*.pdf")) == [
        "sammanträdesplan-2024.pdf", "sammanträdesplan-2025.pdf"]
    page, = pages_text(board / "sammanträdesplan-2024.pdf")
    assert "Sammanträdesplan 2024" in page and "Testnämnden" in page
    # In date order, with the weekday.
    first = page.index("Onsdag 2024-02-14 13.00 Kommunhuset Budgetdag")
    second = page.index("Onsdag 2024-03-13 09.00–12.00 Kommunhuset, sal A")
    third = page.index("Onsdag 2024-04-17 Inställt")
    assert first < second < third
    assert "2025-02-12" not in page
    path = board / "sammanträdesplan-2024.pdf"
    assert reader(path).metadata.title == "Testnämnden – Sammanträdesplan 2024"
    assert reader(path).trailer["/Root"]["/Lang"] == "sv"
    assert is_pdfa_2a(path)


def test_no_plan_no_file(tmp_path):
    project(tmp_path)
    project_ = load_project(tmp_path, Findings())
    assert sammantradesplan.render(project_.organs[0], RenderContext(root=tmp_path)) == []
    assert build_all(tmp_path).ok
    assert not list((tmp_path / "build" / "tn").glob("sammanträdesplan-*"))
