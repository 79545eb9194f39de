"""Protokollsutdrag: one PDF per § of a justerat meeting, each with exactly that §, the
justering, "Justerandes sign", the Utdragsbestyrkande with an empty signature field, and the
§'s recipients."""

from __future__ import annotations

from docread import NINE, built, field_values, is_pdfa_2a, meeting_data, project, reader, text

from protogen.build import build_all

ITEMS = [
    {"rubrik": "Val av justerare", "beslut": "Bertil Berg utses. BESLUT-ETT"},
    {"rubrik": "Budget 2025", "dnr": "TN 2024/17",
     "förslag_till_beslut": "Budgeten antas. FÖRSLAG-TVÅ",
     "beslut": "Budgeten antas. BESLUT-TVÅ",
     "expedieras": ["Ekonomiavdelningen", "Kommunstyrelsen"]},
    {"rubrik": "Avtal om samverkan", "beslut": "Avtalet godkänns. BESLUT-TRE",
     "omedelbart_justerad": True},
]
DECISIONS = {5: "BESLUT-ETT", 6: "BESLUT-TVÅ", 7: "BESLUT-TRE"}
TITLES = {5: "Val av justerare", 6: "Budget 2025", 7: "Avtal om samverkan"}


def build(root) -> None:
    project(root, meeting_data(första_paragraf=5), items=ITEMS)
    assert build_all(root).ok


def test_one_utdrag_per_paragraph_with_exactly_that_paragraph(tmp_path):
    build(tmp_path)
    folder = built(tmp_path, "2024-03-13") / "utdrag"
    assert sorted(p.name for p in folder.iterdir()) == ["5.pdf", "6.pdf", "7.pdf"]
    for number in (5, 6, 7):
        body = text(folder / f"{number}.pdf")
        assert f"§ {number} {TITLES[number]}" in body
        assert DECISIONS[number] in body
        for other in set(DECISIONS) - {number}:
            assert DECISIONS[other] not in body, (number, other)
            assert TITLES[other] not in body, (number, other)


def test_utdrag_carries_head_justering_and_certification(tmp_path):
    build(tmp_path)
    path = built(tmp_path, "2024-03-13") / "utdrag" / "6.pdf"
    body = text(path)
    assert "Testnämnden" in body and "PROTOKOLLSUTDRAG" in body.upper()
    assert "Onsdag 13 mars 2024" in body and "Kommunhuset" in body
    assert "Dnr TN 2024/17" in body and "FÖRSLAG-TVÅ" in body
    assert "Justeringsdatum 2024-03-20" in body
    assert f"Justerare {NINE[1]} (M)" in body
    assert "Justerandes sign" in body
    assert "Utdragsbestyrkande" in body and "Sara Sekreterare" in body
    assert "Expedieras till Ekonomiavdelningen, Kommunstyrelsen" in body
    assert field_values(path) == {"utdragsbestyrkande": None}  # present and unsigned
    pdf = reader(path)
    assert pdf.metadata.title == "Testnämnden – Protokollsutdrag § 6, 2024-03-13"
    assert pdf.trailer["/Root"]["/Lang"] == "sv"
    assert is_pdfa_2a(path)


def test_an_omedelbart_justerad_paragraph_says_so(tmp_path):
    build(tmp_path)
    body = text(built(tmp_path, "2024-03-13") / "utdrag" / "7.pdf")
    assert "Paragrafen är justerad" in body
    assert "Justeringsdatum 2024-03-13 (paragrafen justerades omedelbart vid sammanträdet)" in body


def test_no_utdrag_before_justering(tmp_path):
    project(tmp_path, meeting_data(status="utkast", justering=None, anslag=None), items=ITEMS)
    assert build_all(tmp_path).ok
    assert not (built(tmp_path, "2024-03-13") / "utdrag").exists()


def test_utdrag_of_removed_paragraph_is_pruned(tmp_path):
    build(tmp_path)
    folder = built(tmp_path, "2024-03-13")
    (tmp_path / "protokoll" / "tn" / "2024-03-13" / "03-arende-3.md").unlink()
    assert build_all(tmp_path).ok
    assert sorted(p.name for p in (folder / "utdrag").iterdir()) == ["5.pdf", "6.pdf"]


def test_the_look_beslut_forst_opens_the_utdrag_with_the_decision(tmp_path):
    from docread import organ_data

    project(tmp_path, organ=organ_data(mall="beslut-forst"),
            items=[{"rubrik": "Budget", "beslut": "BESLUTET", "förslag_till_beslut": "FÖRSLAGET"}],
            )
    assert build_all(tmp_path).ok
    body = text(built(tmp_path, "2024-03-13") / "utdrag" / "1.pdf")
    assert body.index("BESLUTET") < body.index("FÖRSLAGET")
    assert "Utdragsbestyrkande" in body
