"""The documents beside the seed documents (issue 14), read back as text and page structure:
the anslag/bevis box on the first page (seed 000), "Paragrafen är justerad" under each § when
the board asks for it (seed 000), no "Sammanfattning" heading over a single sentence, the item
kind shown once, the beslut-forst look's decision right after the opening paragraph (seed
002), a date line in the utdragsbestyrkande, a web protocol without empty signature lines,
a kallelse whose signatures never stand alone on a page and which is dated by its utskick,
and bundled handlingar stamped with the bundle's page numbers (seed 004)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from docread import NINE, attachment_pdf, meeting_data, organ_data, pages_text, project, reader
from helpers import check, item_text

from protogen.render import protokoll, utdrag
from protogen.render.base import RenderContext
from protogen.render.kallelse import kallelse_pdf

REPO = Path(__file__).resolve().parents[2]

LONG_BODY = ("Förvaltningen har utrett frågan. Utredningen visar att behovet ökar.\n\n"
             "### Bakgrund\n\nEn längre bakgrund i ett eget stycke.\n")
ITEMS = [
    item_text({"rubrik": "Val av justerare", "beslut": "Bertil Berg utses att justera."},
              "Ordföranden föreslår Bertil Berg.\n"),
    item_text({"rubrik": "Budget 2025", "typ": "B", "dnr": "TN 2024/17",
               "beslut": "Budgeten fastställs."}, LONG_BODY),
]
KINDS = {"B": "beslut", "I": "information"}


def first(root: Path):
    result = check(root)
    errors = [f.format() for f in result.findings if f.level.value == "fel"]
    assert errors == []
    return result.project.meetings()[0]


def protocol(root: Path) -> tuple[str, bytes, str]:
    """The web HTML, the PDF and the PDF's text of the project's one meeting."""
    outputs = {o.path: o.data for o in protokoll.render(first(root), RenderContext(root=root))}
    pdf = outputs["protokoll.pdf"]
    return outputs["protokoll.html"].decode("utf-8"), pdf, " ".join(pages_text(pdf))


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, bytes, str]:
    root = tmp_path_factory.mktemp("seeds")
    project(root, meeting_data(kallelse={"utskick": dt.date(2024, 3, 1)}), items=ITEMS,
            organ=organ_data(ärendetyper=KINDS, paragrafen_justerad=True))
    return (root, *protocol(root))


# --- the protocol ---------------------------------------------------------------------------


def test_the_anslag_box_stands_on_the_first_page_when_it_fits(board):
    _, _, pdf, _ = board
    pages = pages_text(pdf)
    assert re.search("anslag/bevis", pages[0], re.I), pages[0]
    assert "Datum för anslags nedtagande" in pages[0]
    assert "Ärendelista" not in pages[0] and "Ärendelista" in pages[1]


def test_a_long_attendance_moves_the_whole_box_to_the_next_page(tmp_path):
    guests = [{"namn": f"Tjänsteperson Nummer{n}", "titel": "Handläggare på förvaltningen"}
              for n in range(40)]
    project(tmp_path, meeting_data(närvarande={"ledamöter": list(NINE), "övriga": guests}),
            items=ITEMS[:1])
    _, pdf, _ = protocol(tmp_path)
    pages = pages_text(pdf)
    holding = [n for n, page in enumerate(pages) if re.search("anslag/bevis", page, re.I)]
    assert holding and holding[0] > 0
    box = pages[holding[0]]
    assert "Sammanträdesdatum" in box and "Förvaringsplats för protokollet" in box


def test_paragrafen_ar_justerad_under_each_paragraph_when_the_board_asks(board):
    _, html, _, text = board
    assert text.count("Paragrafen är justerad.") == 2
    assert html.count('<p class="justerad">Paragrafen är justerad.</p>') == 2


def test_no_paragrafen_ar_justerad_without_the_option_or_before_justering(tmp_path):
    project(tmp_path, items=ITEMS, organ=organ_data(ärendetyper=KINDS))
    _, _, text = protocol(tmp_path)
    assert "Paragrafen är justerad" not in text
    shutil.rmtree(tmp_path / "protokoll")
    project(tmp_path, meeting_data(status="utkast", justering=None, anslag=None), items=ITEMS,
            organ=organ_data(paragrafen_justerad=True, ärendetyper=KINDS))
    html, _, _ = protocol(tmp_path)
    assert "Paragrafen är justerad" not in html


def test_a_single_sentence_has_no_sammanfattning_heading(board):
    _, html, _, _ = board
    sections = re.findall(r'<section class="paragraf".*?</section>', html, re.S)
    assert "Ordföranden föreslår Bertil Berg." in sections[0]
    assert "Sammanfattning" not in sections[0]
    assert "<h3>Sammanfattning</h3>" in sections[1]  # two sentences and a heading of its own


def test_the_item_kind_is_shown_once(board):
    _, html, _, text = board
    assert "Budget 2025 (B)" in text
    assert "· Beslut" not in text and "Dnr TN 2024/17" in text
    assert '(<abbr title="beslut">B</abbr>)' in html


def test_beslut_forst_puts_the_decision_right_after_the_opening_paragraph(tmp_path):
    project(tmp_path, items=ITEMS, organ=organ_data(mall="beslut-forst", ärendetyper=KINDS))
    _, _, text = protocol(tmp_path)
    section = text[text.rindex("§ 2 Budget 2025"):]  # the §, not its line in the ärendelista
    order = [section.index(words) for words in (
        "Förvaltningen har utrett frågan. Utredningen visar att behovet ökar.",
        "Nämndens beslut", "Budgeten fastställs.", "Sammanfattning av ärendet", "Bakgrund")]
    assert order == sorted(order), section[:400]
    one = text[text.rindex("§ 1 Val av justerare"):text.rindex("§ 2 Budget 2025")]
    assert "Sammanfattning" not in one  # a single sentence before the decision, no heading


def test_the_web_protocol_has_no_empty_signature_lines(board):
    _, html, _, _ = board
    assert 'class="signaturyta' not in html
    assert ">Underskrift<" not in html and ">Underskrifter<" not in html
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert ("Justerat 2024-03-20 av ordföranden Anna Andersson (S) och justeraren Bertil "
            "Berg (M).") in text


def test_the_printed_protocol_keeps_its_signature_lines(board):
    _, _, pdf, text = board
    assert "Underskrifter" in text and "Justerande" in text
    names = set((reader(pdf).get_fields() or {}).keys())
    assert {"sekreterare", "ordforande", "justerare-1"} <= names


def test_a_web_draft_says_it_is_not_justerat(tmp_path):
    project(tmp_path, meeting_data(status="utkast", justering=None, anslag=None),
            items=ITEMS[:1])
    html, _, _ = protocol(tmp_path)
    assert "Protokollet är inte justerat." in html and 'class="signaturyta' not in html


def test_two_justerare_are_named_together(tmp_path):
    project(tmp_path, meeting_data(justerare=[NINE[1], NINE[2]]), items=ITEMS[:1])
    html, _, _ = protocol(tmp_path)
    assert ("av ordföranden Anna Andersson (S) och justerarna Bertil Berg (M) och Cecilia "
            "Carlsson (C).") in html


# --- the utdrag -----------------------------------------------------------------------------


def test_the_utdragsbestyrkande_has_a_date_line(board):
    root = board[0]
    outputs = utdrag.render(first(root), RenderContext(root=root))
    text = " ".join(pages_text(outputs[0].data))
    certification = text[text.index("Utdragsbestyrkande Utdraget överensstämmer"):]
    assert "Datum" in certification and "Sekreterare Sara Sekreterare" in certification


# --- the kallelse ---------------------------------------------------------------------------


def test_the_kallelse_is_dated_by_its_utskick(board, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = board[0]
    data = kallelse_pdf(first(root), RenderContext(root=root))
    assert reader(data).metadata.creation_date.date() == dt.date(2024, 3, 1)


def test_a_kallelse_without_utskick_is_dated_by_the_meeting_not_the_justering(tmp_path,
                                                                           monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project(tmp_path, items=ITEMS[:1])
    data = kallelse_pdf(first(tmp_path), RenderContext(root=tmp_path))
    assert reader(data).metadata.creation_date.date() == dt.date(2024, 3, 13)


def signatures_never_alone(pages: list[str], chair: str, last_title: str) -> None:
    signed = [n for n, page in enumerate(pages) if chair in page.split("Ordförande")[0][-60:]]
    assert signed, "the kallelse is signed"
    page = pages[signed[-1]]
    assert last_title in page, f"the signatures stand without the list: {page}"


def test_the_halsingeradet_kallelse_keeps_its_last_arende_with_the_signatures(tmp_path):
    shutil.copytree(REPO / "protokoll" / "halsingeradet", tmp_path / "protokoll" / "halsingeradet")
    data = kallelse_pdf(first(tmp_path), RenderContext(root=tmp_path))
    pages = pages_text(data)
    assert len(pages) >= 2  # the case the seed review saw: page 2 held only the signatures
    signatures_never_alone(pages, "Mikael Löthstam", "Mötets avslutande")


@pytest.mark.parametrize("count", [17, 19])
def test_signatures_keep_with_the_list_whatever_its_length(tmp_path, count):
    items = [{"rubrik": f"Ärende nummer {n}", "förslag_till_beslut": "Nämnden beslutar enligt "
              "förvaltningens förslag i tjänsteskrivelsen."} for n in range(1, count + 1)]
    project(tmp_path, meeting_data(status="kallelse", justering=None, anslag=None), items=items)
    pages = pages_text(kallelse_pdf(first(tmp_path), RenderContext(root=tmp_path)))
    signatures_never_alone(pages, "Anna Andersson", f"Ärende nummer {count}")


def test_bundled_pages_carry_the_bundle_page_numbers(tmp_path):
    folder = project(tmp_path, items=[{
        "rubrik": "Budget 2025", "förslag_till_beslut": "Budgeten fastställs.",
        "beslutsunderlag": [{"titel": "Budgetförslag", "fil": "underlag/budget.pdf"}]}])
    (folder / "underlag").mkdir()
    (folder / "underlag" / "budget.pdf").write_bytes(attachment_pdf("BUDGETBILAGA", 3))
    data = kallelse_pdf(first(tmp_path), RenderContext(root=tmp_path))
    pages = pages_text(data)
    total = len(pages)
    own = next(n for n, page in enumerate(pages) if "BUDGETBILAGA" in page)
    for n in range(own, total):
        assert f"Sida {n + 1} av {total}" in pages[n], pages[n]
    # The stamp is pagination: an artifact, pointing into no structure tree.
    content = reader(data).pages[own].get_contents().get_data()
    stamp = content[content.rindex(b"/Artifact BMC"):]
    assert b"MCID" not in stamp.split(b"EMC")[0]
    assert data == kallelse_pdf(first(tmp_path), RenderContext(root=tmp_path))


@pytest.mark.parametrize("body,brief", [
    ("Dagordningen godkändes.", True),
    ("Mötet öppnades kl. 9 av ordföranden, bl.a. med en parentation.", True),
    ("Dagordningen godkändes. Ett ärende lades till.", False),
    ("Dagordningen godkändes.\n\nEtt ärende lades till.", False),
    ("- en punkt", False),
    ("### Rubrik\n\nEn mening.", False),
])
def test_what_counts_as_a_single_sentence(tmp_path, body, brief):
    from markupsafe import Markup

    from protogen.markdown import render_markdown
    from protogen.view import is_brief

    assert is_brief(Markup(render_markdown(body, tmp_path))) is brief
