"""The kallelse: the ärenden numbered 1, 2, … with dnr and förslag, never a decision; signed by
the board's ordförande and the sekreterare; bundled with the handlingar when items attach
files, the list giving each ärende's pages in the bundle."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docread import (
    NINE,
    attachment_pdf,
    built,
    field_values,
    is_pdfa_2a,
    meeting_data,
    organ_data,
    pages_text,
    png,
    project,
    reader,
    text,
)
from helpers import check

from protogen.build import build_all
from protogen.render.base import RenderContext
from protogen.render.bundle import SUPPORTED, AttachmentError
from protogen.render.kallelse import kallelse_pdf

ITEMS = [
    {"rubrik": "Val av justerare", "beslut": "Bertil Berg utses att justera. BESLUT-ETT"},
    {"rubrik": "Budget 2025", "dnr": "TN 2024/17", "typ": "B",
     "förslag_till_beslut": "Nämnden föreslås anta budgeten enligt bilaga. FÖRSLAG-TVÅ",
     "beslut": "Nämnden antar budgeten med ändringen att ... BESLUT-TVÅ",
     "yrkanden": [{"av": NINE[2], "text": "Återremiss. YRKANDE-TVÅ"}]},
    {"rubrik": "Ansökan om bistånd", "dnr": "TN 2024/99", "sekretess": "OSL 26 kap. 1 §",
     "förslag_till_beslut": "HEMLIGT-FÖRSLAG", "beslut": "HEMLIGT-BESLUT"},
]

KINDS = organ_data(ärendetyper={"B": "beslut", "I": "information"})


def meeting_of(root: Path):
    """The one meeting of the project at `root`, loaded and numbered as the build sees it."""
    result = check(root)
    fel = [f for f in result.findings if f.level.name.lower() == "fel"]
    assert fel == [], [f.format() for f in fel]
    return result.project.meetings()[0]


def render(root: Path) -> bytes:
    return kallelse_pdf(meeting_of(root), RenderContext(root=root))


def test_lists_the_arenden_numbered_and_no_decision(tmp_path):
    project(tmp_path, meeting_data(första_paragraf=12, kallelse={"utskick": "2024-03-01"}),
            items=ITEMS, organ=KINDS)
    body = text(render(tmp_path))
    assert "Kallelse till sammanträde" in body
    assert "Till ledamöterna i Testnämnden" in body
    assert "ersättarna för kännedom" in body
    assert "Onsdag 13 mars 2024, kl. 09.00–12.00" in body
    assert "Kommunhuset" in body
    for number, title in enumerate(("Val av justerare", "Budget 2025 (B)",
                                    "Sekretessbelagt ärende"), start=1):
        assert re.search(rf"\b{number} {re.escape(title)}", body), title
    assert "TN 2024/17" in body
    assert "FÖRSLAG-TVÅ" in body
    assert "Förslag till beslut" in body
    # § numbers are given at the meeting: the kallelse has none (they would be §§ 12–14).
    assert not re.search(r"§ ?1[234]\b", body)
    # Never a decision, a yrkande or anything else decided at the meeting.
    for decided in ("BESLUT-ETT", "BESLUT-TVÅ", "YRKANDE-TVÅ", "HEMLIGT-BESLUT"):
        assert decided not in body
    assert "Kallelsen skickad 1 mars 2024" in body


def test_sekretess_item_shows_the_neutral_heading_and_ground_only(tmp_path):
    # A kallelse is often published: not even the title of a secret item (issue 8, break 15).
    project(tmp_path, items=ITEMS, organ=KINDS)
    body = text(render(tmp_path))
    assert "Ansökan om bistånd" not in body
    assert "3 Sekretessbelagt ärende" in body
    assert "Sekretess enligt OSL 26 kap. 1 §" in body
    assert "HEMLIGT-FÖRSLAG" not in body
    assert "TN 2024/99" not in body


def test_the_board_may_show_secret_titles_in_its_kallelse(tmp_path):
    project(tmp_path, items=ITEMS, organ={**KINDS, "sekretess_rubrik_i_kallelse": True})
    assert not [f for f in check(tmp_path).findings if "sekretess_rubrik" in f.format()]
    body = text(render(tmp_path))
    assert "Ansökan om bistånd" in body
    assert "Sekretess enligt OSL 26 kap. 1 §" in body
    assert "HEMLIGT-FÖRSLAG" not in body and "TN 2024/99" not in body


def test_signed_by_the_boards_ordforande_and_the_sekreterare(tmp_path):
    # The register's ordförande (Anna) signs, though Bertil presides at this meeting.
    organ = organ_data()
    project(tmp_path, meeting_data(ordförande=NINE[1], justerare=[NINE[2]]), organ=organ)
    body = text(render(tmp_path))
    assert re.search(rf"{NINE[0]} Ordförande", body)
    assert re.search(r"Sara Sekreterare Sekreterare", body)


def test_falls_back_to_the_meetings_ordforande(tmp_path):
    organ = organ_data()
    del organ["ledamöter"][0]["uppdrag"]
    project(tmp_path, meeting_data(ordförande=NINE[3]), organ=organ)
    assert re.search(rf"{NINE[3]} Ordförande", text(render(tmp_path)))


def test_a_kallelse_before_the_meeting(tmp_path):
    meeting = {"datum": meeting_data()["datum"], "tid": "13:00", "plats": "Sal A",
               "status": "kallelse"}
    project(tmp_path, meeting, items=[{"rubrik": "Budget 2025", "beslut": None}])
    folder = built(tmp_path, "2024-03-13")
    assert build_all(tmp_path).ok
    assert sorted(p.name for p in folder.iterdir()) == ["kallelse.pdf"]
    body = text(folder / "kallelse.pdf")
    assert "1 Budget 2025" in body and "kl. 13.00" in body and "Sal A" in body


def test_kallelse_is_pdfa_tagged_swedish_and_titled(tmp_path):
    project(tmp_path, items=ITEMS, organ=KINDS)
    data = render(tmp_path)
    pdf = reader(data)
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == "sv"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert pdf.metadata.title == "Testnämnden – Kallelse 2024-03-13"
    assert is_pdfa_2a(data)
    assert field_values(data) == {}  # a kallelse is signed by name, not by signature


def test_kallelse_is_written_for_every_status(tmp_path):
    project(tmp_path, meeting_data(status="utkast", justering=None, anslag=None))
    assert build_all(tmp_path).ok
    names = {p.name for p in built(tmp_path, "2024-03-13").iterdir()}
    assert {"kallelse.pdf", "protokoll.pdf"} <= names
    assert "anslag.pdf" not in names and "utdrag" not in names


# --- the bundle -------------------------------------------------------------------------------


def with_attachments(root: Path, extra_items: int = 0, proposal: str = "Budgeten antas.") -> Path:
    """Items 1 and 3 attach files: 1 a 3-page PDF, 3 a 2-page PDF and a PNG."""
    items = [
        {"rubrik": "Budget 2025", "förslag_till_beslut": proposal,
         "beslutsunderlag": ["Tjänsteskrivelse utan fil",
                             {"titel": "Budgetförslag", "fil": "underlag/budget.pdf"}]},
        {"rubrik": "Information", "beslut": None},
        {"rubrik": "Avtal om samverkan", "förslag_till_beslut": proposal,
         "beslutsunderlag": [{"titel": "Avtalet", "fil": "underlag/avtal.pdf"},
                             {"titel": "Karta", "fil": "underlag/karta.png"}]},
    ]
    items += [{"rubrik": f"Ärende nummer {n}", "förslag_till_beslut": proposal}
              for n in range(4, 4 + extra_items)]
    folder = project(root, items=items)
    (folder / "underlag").mkdir()
    (folder / "underlag" / "budget.pdf").write_bytes(attachment_pdf("BUDGETBILAGA", 3))
    (folder / "underlag" / "avtal.pdf").write_bytes(attachment_pdf("AVTALSBILAGA", 2))
    (folder / "underlag" / "karta.png").write_bytes(png(60, 30))
    return folder


def listed_range(body: str, title: str) -> tuple[int, int]:
    """The pages a document's line in the list gives: 'Budgetförslag (sida 4 – 6)'."""
    match = re.search(rf"{re.escape(title)} \(sida (\d+)(?: – (\d+))?\)", body)
    assert match, f"{title} has no page range in: {body}"
    first = int(match.group(1))
    return first, int(match.group(2) or first)


@pytest.mark.parametrize("extra_items", [0, 14])
def test_page_ranges_match_the_bundle(tmp_path, extra_items):
    # 14 more items with long proposals make the kallelse itself several pages long, so the
    # ranges can only be right once the kallelse's own length is known.
    proposal = " ".join(["Nämnden föreslås besluta enligt förvaltningens förslag."] * 6)
    with_attachments(tmp_path, extra_items, proposal)
    data = render(tmp_path)
    pages = pages_text(data)
    own = next(n for n, page in enumerate(pages) if "BUDGETBILAGA" in page)
    kallelse = " ".join(pages[:own])
    if extra_items:
        assert own >= 3
    assert len(pages) == own + 3 + 2 + 1

    budget = listed_range(kallelse, "Budgetförslag")
    avtal = listed_range(kallelse, "Avtalet")
    karta = listed_range(kallelse, "Karta")
    assert budget == (own + 1, own + 3)
    assert avtal == (own + 4, own + 5)
    assert karta == (own + 6, own + 6)
    for n in (1, 2, 3):
        assert f"BUDGETBILAGA sida {n} av 3" in pages[budget[0] - 1 + n - 1]
    for n in (1, 2):
        assert f"AVTALSBILAGA sida {n} av 2" in pages[avtal[0] - 1 + n - 1]
    assert "Karta" in pages[karta[0] - 1]
    # The ärende's own range, in the Sida column: from its first to its last attachment page.
    assert f"{budget[0]} – {budget[1]}" in kallelse
    assert f"{avtal[0]} – {karta[1]}" in kallelse
    # The kallelse's page footer counts the whole bundle.
    assert f"Sida 1 av {len(pages)}" in pages[0]


def test_bundle_keeps_the_kallelse_identification_and_bookmarks(tmp_path):
    with_attachments(tmp_path)
    data = render(tmp_path)
    pdf = reader(data)
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == "sv"
    assert "/StructTreeRoot" in root
    assert is_pdfa_2a(data)
    assert pdf.metadata.title == "Testnämnden – Kallelse 2024-03-13"
    titles = []

    def walk(outline):
        for entry in outline:
            if isinstance(entry, list):
                walk(entry)
            else:
                titles.append((entry.title, pdf.get_destination_page_number(entry)))

    walk(pdf.outline)
    handlingar = [t for t in titles if t[0] == "Handlingar"]
    assert handlingar
    assert ("1. Budgetförslag", handlingar[0][1]) in titles
    # Appended pages carry no key into the kallelse's structure tree.
    first = handlingar[0][1]
    assert all("/StructParents" not in page for page in pdf.pages[first:])
    for page in pdf.pages[first:]:
        for annotation in page.get("/Annots") or []:
            assert "/StructParent" not in annotation.get_object()


def test_bundle_is_byte_identical_when_rebuilt(tmp_path):
    with_attachments(tmp_path)
    assert render(tmp_path) == render(tmp_path)


def test_no_sida_column_without_attachments(tmp_path):
    project(tmp_path, items=ITEMS, organ=KINDS)
    body = text(render(tmp_path))
    assert "Sida 1 av 1" in body
    assert " Sida " not in body.replace("Sida 1 av 1", "")


def test_secret_items_attachments_are_not_bundled(tmp_path):
    folder = project(tmp_path, items=[
        {"rubrik": "Ansökan", "sekretess": "OSL 26 kap. 1 §",
         "beslutsunderlag": [{"titel": "Utredning", "fil": "underlag/utredning.pdf"}]},
    ])
    (folder / "underlag").mkdir()
    (folder / "underlag" / "utredning.pdf").write_bytes(attachment_pdf("HEMLIG-BILAGA", 1))
    pages = pages_text(render(tmp_path))
    assert not any("HEMLIG-BILAGA" in page for page in pages)
    assert "Utredning" not in " ".join(pages)


def test_unsupported_attachment_is_a_clear_error(tmp_path):
    folder = project(tmp_path, items=[
        {"rubrik": "Avtal", "beslutsunderlag": [{"titel": "Avtal", "fil": "underlag/avtal.docx"}]},
    ])
    (folder / "underlag").mkdir()
    (folder / "underlag" / "avtal.docx").write_bytes(b"PK\x03\x04 not a pdf")
    result = check(tmp_path)
    assert "bilaga" in {f.rule for f in result.findings}
    meeting = result.project.meetings()[0]
    with pytest.raises(AttachmentError, match=r"avtal\.docx har formatet \.docx; bara PDF"):
        kallelse_pdf(meeting, RenderContext(root=tmp_path))
    assert not build_all(tmp_path).ok  # the check's fel refuses the meeting
    assert not (built(tmp_path, "2024-03-13") / "kallelse.pdf").exists()


def test_a_broken_pdf_attachment_is_a_clear_error(tmp_path):
    folder = project(tmp_path, items=[
        {"rubrik": "Avtal", "beslutsunderlag": [{"titel": "Avtal", "fil": "underlag/avtal.pdf"}]},
    ])
    (folder / "underlag").mkdir()
    (folder / "underlag" / "avtal.pdf").write_bytes(b"this is not a PDF at all")
    result = check(tmp_path)  # the check already refuses it (rule bilaga) …
    assert [f.rule for f in result.findings if f.level.name.lower() == "fel"] == ["bilaga"]
    meeting = result.project.meetings()[0]  # … and the renderer, called anyway, says why
    with pytest.raises(AttachmentError, match=r"avtal\.pdf kan inte läsas som PDF"):
        kallelse_pdf(meeting, RenderContext(root=tmp_path))


def test_supported_formats_agree_with_the_check():
    from protogen.rules.bilaga import FORMATS

    assert set(SUPPORTED) == set(FORMATS)


def test_a_board_overrides_one_block_of_the_kallelse(tmp_path):
    own = tmp_path / "mallar" / "egen"
    own.mkdir(parents=True)
    (own / "kallelse.html").write_text(
        '{% extends "standard/kallelse.html" %}\n'
        "{% block forhinder %}<p>Förhinder anmäls till kansliet på telefon 123.</p>"
        "{% endblock %}\n", encoding="utf-8")
    project(tmp_path, organ=organ_data(mall="egen"))
    body = text(render(tmp_path))
    assert "Förhinder anmäls till kansliet på telefon 123." in body
    assert "Kallelse till sammanträde" in body  # the rest is the standard kallelse
    assert "meddelar det snarast till sekreteraren" not in body
