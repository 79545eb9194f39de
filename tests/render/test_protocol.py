"""`protogen build`: the protocol PDF read back as a secretary and an archivist would.

Three boards are built once (boards.py): § numbers continuing from an earlier meeting, a body
without anslag, and a meeting with a serving ersättare, a vote, reservations, jäv, a § justerad
at the meeting and Markdown tables. The PDFs are read back with pdftotext and pypdf, and
checked for what the protocol must say, where the ärendelista says each § is, the page
furniture, PDF/A and tags, fonts, the signature fields and reproducibility. Other projects
check drafts and a meeting with a `fel`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pypdf
import pytest
from boards import (
    CONFLICTED,
    NO,
    SERVING,
    YES,
    Built,
    agenda_pages,
    body_text,
    build_in_subprocess,
    flat,
    font_count,
    fonts_without_file,
    heading_pages,
    page_texts,
    pdfa_identification,
    signature_widgets,
    text_positions,
    three_boards,
    tree_hash,
)
from helpers import NINE, meeting_data, project, write_meeting

from protogen.cli import main as protogen


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    result = three_boards(tmp_path_factory.mktemp("boards"))
    assert result.exit_code == 0
    return result


@pytest.fixture(scope="module")
def sn_text(built: Built) -> str:
    return body_text(built.pdf("sn"), "Socialnämnden")


ALL = [("kfn", "2024-03-13"), ("kfn", "2024-02-14"), ("rad", "2024-01-24"), ("sn", "2024-03-13")]


# --- what the protocol says -----------------------------------------------------------------


def test_numbers_continue_from_the_boards_earlier_meeting(built: Built) -> None:
    first = flat(" ".join(page_texts(built.pdf("kfn", "2024-02-14"))))
    second = flat(" ".join(page_texts(built.pdf("kfn", "2024-03-13"))))
    assert "Protokollet omfattar §§ 1–5" in first
    assert "Protokollet omfattar §§ 6–9" in second
    assert sorted(agenda_pages(built.pdf("kfn"))) == [6, 7, 8, 9]
    assert sorted(heading_pages(built.pdf("kfn"), list(range(1, 10)))) == [6, 7, 8, 9]
    assert "Bidrag till föreningslivet 2024" in second and "Dnr KFN 2024/11" in second


def test_loepande_numbering_from_a_given_first_number(built: Built) -> None:
    text = flat(" ".join(page_texts(built.pdf("rad"))))
    assert "Protokollet omfattar §§ 784–787" in text
    assert sorted(heading_pages(built.pdf("rad"), list(range(784, 788)))) == [784, 785, 786, 787]


def test_a_board_without_anslag_has_no_anslag_box(built: Built) -> None:
    text = flat(" ".join(page_texts(built.pdf("rad")))).lower()
    assert "anslag" not in text
    body = built.html("rad").split("</style>", 1)[1].lower()
    assert "anslag" not in body


def test_a_board_with_anslag_has_the_box_with_the_computed_take_down_date(built: Built,
                                                                          sn_text: str) -> None:
    assert "ANSLAG/BEVIS" in sn_text
    assert "Protokollet är justerat. Justeringen har tillkännagivits genom anslag." in sn_text
    assert "Datum för anslags uppsättande 2024-03-15" in sn_text
    # Up Friday 2024-03-15 + three weeks = Friday 2024-04-05 (no nedtaget in the file).
    assert "Datum för anslags nedtagande 2024-04-05" in sn_text
    assert "Förvaringsplats för protokollet Kommunhuset" in sn_text


def test_the_head_and_attendance(sn_text: str) -> None:
    assert "Socialnämnden" in sn_text and "Protokoll 13 mars 2024" in sn_text
    assert "Kommunhuset, onsdag 13 mars 2024 kl. 09.00–12.00" in sn_text
    assert f"{SERVING[0]} (M) ersätter {SERVING[1]} (M)" in sn_text
    assert "Anna Andersson (S), Testkommun, ordförande" in sn_text
    assert "Ersättare Jonas Jansson (S)" in sn_text
    assert "Olle Öhman, Socialchef" in sn_text and "Petra Pärsson, Ekonom, § 2" in sn_text
    assert "Utses att justera Bertil Berg (M), Cecilia Carlsson (C)" in sn_text
    assert "Justeringens plats och tid Socialkontoret, 2024-03-15 kl. 10.00" in sn_text
    assert "Protokollet omfattar §§ 1–6" in sn_text


def test_the_vote_with_its_voting_list(built: Built, sn_text: str) -> None:
    assert "Med 5 ja-röster mot 4 nej-röster beslutar nämnden enligt ja-propositionen" in sn_text
    assert "Omröstningslista § 3" in sn_text
    layout = "\n".join(page_texts(built.pdf("sn"), layout=True)).splitlines()
    header = next(line for line in layout if re.search(r"Ledamot\s+Parti\s+Ja\s+Nej", line))
    columns = {"ja": header.index(" Ja ") + 1, "nej": header.index(" Nej ") + 1,
               "avstår": header.index(" Avstår") + 1}
    parties = {"Anna Andersson": "S", "Bertil Berg": "M", "Cecilia Carlsson": "C",
               "David Dahl": "S", "Karin Krantz": "M", "Fredrik Frisk": "V",
               "Gunilla Gran": "L", "Hans Holm": "KD", "Ingrid Ivarsson": "SD"}
    for name in YES + NO:
        row = next(line for line in layout if line.strip().startswith(name) and " X" in line)
        if name == SERVING[0]:  # a serving ersättare is marked as such in the voting list
            assert f"{name} (tjänstgörande ersättare för {SERVING[1]})" in row, row
        cells = re.sub(r"\s*\(tjänstgörande ersättare[^)]*\)", "", row).split()
        assert cells[2] == parties[name], row
        assert row.count("X") == 1, row
        # the column whose header starts last before the X (cells may be centred)
        side = max((start, vote) for vote, start in columns.items() if start <= row.index("X"))[1]
        assert side == ("ja" if name in YES else "nej"), row
    layout = "\n".join(layout)
    assert re.search(r"Summa\s+5\s+4\s+0", layout)


def test_motions_order_decision_reservations_notes_jav(sn_text: str) -> None:
    assert "Anna Andersson (S), Testkommun, yrkar: Bifall till förslaget." in sn_text
    assert "Propositionsordning Ordföranden ställer proposition" in sn_text
    assert ("Fredrik Frisk (V) reserverar sig mot beslutet med följande skriftliga "
            "reservation: Vi anser att alternativ B är billigare för kommunen.") in sn_text
    assert "Gunilla Gran (L) reserverar sig mot beslutet." in sn_text
    assert "Ingrid Ivarsson (SD) lämnar följande protokollsanteckning: Trafiken måste utredas." \
        in sn_text
    assert f"{CONFLICTED} (S) anmäler jäv och deltar inte i handläggningen." in sn_text


def test_expedieras_beslutsunderlag_and_a_table(sn_text: str) -> None:
    assert "Expedieras till Kommunstyrelsen, Ekonomiavdelningen" in sn_text
    assert "Beslutsunderlag" in sn_text and "Tjänsteskrivelse 2024-02-28" in sn_text
    assert "Verksamhet Budget 2024 (tkr) Förslag 2025 (tkr)" in sn_text
    assert "Äldreomsorg 412 000 425 500" in sn_text
    assert "Förändringen förklaras främst av ökade volymer" in sn_text
    # The kind is shown once: "(B)" after the title, not again as "· Beslut" after the dnr.
    assert "Dnr SN 2024/17" in sn_text and "Budget 2025 (B)" in sn_text
    assert "· Beslut" not in sn_text


def test_paragrafen_ar_justerad_only_under_the_immediately_adjusted_paragraph(
        built: Built) -> None:
    pages = heading_pages(built.pdf("sn"), [1, 2])
    texts = page_texts(built.pdf("sn"))
    assert "Paragrafen är justerad." in texts[pages[1] - 1]
    assert sum(t.count("Paragrafen är justerad") for t in texts) == 1


def test_markdown_table_is_a_tagged_table_with_headers(built: Built) -> None:
    reader = pypdf.PdfReader(built.pdf("sn"))
    kinds: set[str] = set()

    def walk(node: object, depth: int = 0) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, pypdf.generic.ArrayObject):
            for child in node:
                walk(child, depth + 1)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            if "/S" in node:
                kinds.add(str(node["/S"]))
            if "/K" in node and depth < 200:
                walk(node["/K"], depth + 1)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/L", "/LI", "/P"} <= kinds


# --- the ärendelista and the page furniture -------------------------------------------------


@pytest.mark.parametrize(("board", "folder"), ALL)
def test_agenda_page_numbers_are_where_the_headings_are(built: Built, board: str,
                                                        folder: str) -> None:
    pdf = built.pdf(board, folder)
    listed = agenda_pages(pdf)
    assert listed, "no ärendelista found"
    assert heading_pages(pdf, list(listed)) == listed


def test_a_long_paragraph_moves_the_following_page_numbers(built: Built) -> None:
    listed = agenda_pages(built.pdf("sn"))
    assert listed[6] - listed[5] >= 3, listed  # § 5 fills several pages


@pytest.mark.parametrize(("board", "folder"), ALL)
def test_every_page_has_sida_x_av_y_and_the_boxes(built: Built, board: str,
                                                  folder: str) -> None:
    texts = page_texts(built.pdf(board, folder))
    total = len(texts)
    assert total == len(pypdf.PdfReader(built.pdf(board, folder)).pages)
    for number, text in enumerate(texts, start=1):
        assert f"Sida {number} av {total}" in text
        assert "Justerandes sign" in text and "Utdragsbestyrkande" in text


def test_running_head_on_every_page_after_the_first(built: Built) -> None:
    texts = page_texts(built.pdf("sn"))
    for text in texts[1:]:
        head = flat(text)
        assert "Socialnämnden" in head and "Sammanträdesprotokoll" in head
        assert "2024-03-13" in head


# --- PDF/A, tags, fonts, fields -------------------------------------------------------------


@pytest.mark.parametrize(("board", "folder"), ALL)
def test_pdfa_2_identification_tags_language_title(built: Built, board: str,
                                                   folder: str) -> None:
    reader = pypdf.PdfReader(built.pdf(board, folder))
    assert pdfa_identification(reader).get("part") == "2"
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert root["/Lang"] == "sv"
    assert reader.metadata is not None and reader.metadata.title
    assert "Protokoll" in reader.metadata.title
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert root["/OutputIntents"]


@pytest.mark.parametrize(("board", "folder"), ALL)
def test_every_font_is_embedded(built: Built, board: str, folder: str) -> None:
    reader = pypdf.PdfReader(built.pdf(board, folder))
    assert font_count(reader) > 0
    assert fonts_without_file(reader) == []


SIGNERS = {  # field → the name printed under its line
    "sekreterare": "Sara Sekreterare",
    "ordforande": NINE[0],
    "justerare-1": NINE[1],
    "justerare-2": NINE[2],
}


@pytest.mark.parametrize(("board", "names"), [
    ("kfn", ["sekreterare", "ordforande", "justerare-1"]),
    ("rad", ["sekreterare", "ordforande", "justerare-1", "justerare-2"]),
    ("sn", ["sekreterare", "ordforande", "justerare-1", "justerare-2"]),
])
def test_one_signature_field_per_signer_on_its_line_on_page_one(built: Built, board: str,
                                                               names: list[str]) -> None:
    reader = pypdf.PdfReader(built.pdf(board))
    widgets = signature_widgets(reader)
    assert sorted(widgets) == sorted(names)
    form = reader.trailer["/Root"]["/AcroForm"]
    assert len(form["/Fields"]) == len(names)
    runs = text_positions(reader.pages[0])
    for name, (page, (x1, y1, x2, y2)) in widgets.items():
        assert page == 0, name
        assert x2 - x1 > 100 and y2 - y1 > 15, name  # room to sign
        below = [text for text, x, y in runs if x1 - 1 <= x <= x2 and y1 - 30 < y < y1]
        assert any(SIGNERS[name] in text for text in below), (name, below)
    for field in form["/Fields"]:
        field = field.get_object()
        assert field["/FT"] == "/Sig" and "/V" not in field  # empty, ready to sign


# --- reproducible, and protokoll/ untouched -------------------------------------------------


def test_a_rebuild_in_another_process_gives_the_same_bytes(built: Built) -> None:
    before = tree_hash(built.root / "build")
    sources = tree_hash(built.root / "protokoll")
    result = build_in_subprocess(built.root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert tree_hash(built.root / "build") == before
    assert tree_hash(built.root / "protokoll") == sources
    assert {"kfn/2024-03-13/protokoll.pdf", "kfn/2024-03-13/protokoll.html",
            "sn/2024-03-13/protokoll.pdf", "rad/2024-01-24/protokoll.html"} <= set(before)


def test_source_date_epoch_sets_the_pdf_dates(tmp_path: Path, monkeypatch) -> None:
    project(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1710374400")  # 2024-03-14 00:00 UTC
    assert protogen(["build"]) == 0
    reader = pypdf.PdfReader(tmp_path / "build/tn/2024-03-13/protokoll.pdf")
    assert reader.metadata.creation_date == dt.datetime(2024, 3, 14, tzinfo=dt.UTC)


# --- drafts ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("utkast")
    meeting = meeting_data(status="utkast")
    del meeting["anslag"]
    project(root, meeting, items=[{"rubrik": f"Ärende {n}"} for n in range(1, 5)])
    long_item = root / "protokoll/tn/2024-03-13/04-arende-4.md"
    long_item.write_text(long_item.read_text(encoding="utf-8")
                         + "\n\n".join(["Lång text om ärendet. " * 60] * 8), encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(root)
    try:
        assert protogen(["build"]) == 0
    finally:
        os.chdir(cwd)
    return root / "build/tn/2024-03-13/protokoll.pdf"


def test_a_draft_is_marked_on_every_page(draft: Path) -> None:
    texts = page_texts(draft)
    assert len(texts) >= 6
    for number, text in enumerate(texts, start=1):
        assert "UTKAST" in text, f"sida {number}"
    reader = pypdf.PdfReader(draft)
    for page in reader.pages:  # the running head or page head, and the big watermark
        assert page.extract_text().count("UTKAST") >= 2
    assert "Utkast" in reader.metadata.title


def test_a_draft_does_not_claim_to_be_justerat(draft: Path) -> None:
    text = flat(" ".join(page_texts(draft)))
    assert "Protokollet är justerat" not in text
    assert "Protokollet är inte justerat" in text


def test_a_justerat_protocol_has_no_draft_mark(built: Built) -> None:
    for board, folder in ALL:
        for text in page_texts(built.pdf(board, folder)):
            assert "UTKAST" not in text.upper().replace("UTKASTET", "")
        assert "vattenmarke" not in built.html(board, folder).split("</style>")[1]


# --- a meeting with a fel -------------------------------------------------------------------


def test_a_meeting_with_a_fel_is_refused_and_the_last_good_build_stays(
        tmp_path: Path, monkeypatch, capsys) -> None:
    folder = project(tmp_path)
    broken = write_meeting(tmp_path, "tn", "2024-04-17",
                           meeting_data("2024-04-17", ordförande="Okänd Person"))
    monkeypatch.chdir(tmp_path)
    assert protogen(["build", str(folder)]) == 0
    out = tmp_path / "build/tn/2024-03-13"
    good = tree_hash(out)
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    assert {"protokoll.pdf", "protokoll.html"} <= set(good)
    capsys.readouterr()

    meeting_file = folder / "sammanträde.yaml"
    meeting_file.write_text(meeting_file.read_text(encoding="utf-8").replace(
        "ordförande: Anna Andersson", "ordförande: Anna Anderson"), encoding="utf-8")
    sources = tree_hash(tmp_path / "protokoll")
    assert protogen(["build"]) == 1
    printed = capsys.readouterr().out
    assert "protokoll/tn/2024-03-13: byggs inte" in printed
    assert "protokoll/tn/2024-03-13/sammanträde.yaml:" in printed and "fel:" in printed
    assert "Traceback" not in printed
    assert tree_hash(out) == good
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == stamps
    assert not (tmp_path / "build/tn" / broken.name).exists()
    assert tree_hash(tmp_path / "protokoll") == sources
