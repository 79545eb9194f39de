"""Three boards in the real file format, built once per test session, and ways to read the
protocol PDFs back: text per page, fields, fonts, XMP.

- `kfn` Kultur- och fritidsnämnden: § numbers continue from the board's earlier meeting of the
  year (2024-02-14 holds §§ 1–5, 2024-03-13 starts at § 6).
- `rad` Samverkansrådet ek. för.: no anslag (a body outside Kommunallagen), löpande numbering
  from § 784, two justerare.
- `sn` Socialnämnden: a serving ersättare, a vote with a voting list, reservations, jäv,
  a § justerad at the meeting, Markdown tables, expedieras and beslutsunderlag, and a long §
  that runs over several pages, so that the ärendelista's page numbers are not just 3, 4, 5.

Used by test_protocol.py (the PDFs) and test_html.py (the HTML). Not a test module.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdf

TESTS = Path(__file__).resolve().parent.parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from helpers import (  # noqa: E402
    DEPUTIES,
    NINE,
    item_text,
    meeting_data,
    organ_data,
    write_meeting,
    write_organ,
)

from protogen.build import build_all  # noqa: E402

# --- the boards -----------------------------------------------------------------------------

KINDS = {"B": "beslut", "I": "information"}


def rolling_board(root: Path) -> None:
    """kfn: 2024-02-14 with §§ 1–5, then 2024-03-13 with §§ 6–9."""
    write_organ(root, "kfn", organ_data(namn="Kultur- och fritidsnämnden", kortnamn="KFN"))
    first = meeting_data("2024-02-14")
    write_meeting(root, "kfn", "2024-02-14", first,
                  [{"rubrik": f"Februariärende {n}"} for n in range(1, 6)])
    titles = ["Bidrag till föreningslivet 2024", "Öppettider i simhallen",
              "Kulturpris 2024", "Information om biblioteksplanen"]
    write_meeting(root, "kfn", "2024-03-13", meeting_data("2024-03-13"),
                  [{"rubrik": t, "dnr": f"KFN 2024/{n}"} for n, t in enumerate(titles, 11)])


def no_anslag_board(root: Path) -> None:
    """rad: an ekonomisk förening without anslag, numbered from § 784."""
    organ = organ_data(namn="Samverkansrådet ek. för.", kortnamn="SVR", anslag=False,
                       paragrafnumrering="löpande", beslutförhet=5, ärendetyper=KINDS)
    write_organ(root, "rad", organ)
    meeting = meeting_data("2024-01-24", första_paragraf=784, justerare=[NINE[1], NINE[2]],
                           plats="Orbaden konferens")
    del meeting["anslag"]
    items: list[dict[str, Any] | str] = [
        "---\nrubrik: Mötets öppnande\n---\n\nOrdföranden öppnar mötet.\n",
        {"rubrik": "Val av justerare", "beslut": f"{NINE[1]} och {NINE[2]} utses att justera."},
        {"rubrik": "IT-samverkan", "typ": "I", "beslut": "Informationen noteras."},
        {"rubrik": "Budget och verksamhetsplan 2024", "typ": "B", "dnr": "SVR 2023/12",
         "förslag_till_beslut": "Budgeten fastställs.", "beslut": "Budgeten fastställs."},
    ]
    write_meeting(root, "rad", "2024-01-24", meeting, items)


SERVING = (DEPUTIES[1], NINE[4])  # Karin Krantz (M) ersätter Eva Ek (M)
YES = [NINE[0], NINE[1], NINE[2], NINE[3], SERVING[0]]
NO = [NINE[5], NINE[6], NINE[7], NINE[8]]
CONFLICTED = NINE[3]  # David Dahl (S): jäv in § 4

BUDGET_TABLE = """\
### Budget per verksamhet

| Verksamhet | Budget 2024 (tkr) | Förslag 2025 (tkr) |
|---|---:|---:|
| Äldreomsorg | 412 000 | 425 500 |
| Individ- och familjeomsorg | 138 200 | 141 000 |
| Funktionsstöd | 201 700 | 208 300 |

Förändringen förklaras *främst* av **ökade volymer**:

- fler brukare inom hemtjänsten,
- högre kostnader för placeringar.
"""

LONG_BODY = "\n\n".join(
    f"### Avsnitt {n}\n\n" + " ".join(
        f"Förvaltningen redovisar läget inom område {n}, mening {k}, med särskilt fokus på "
        "bemanning, kompetensförsörjning och samverkan med regionen."
        for k in range(1, 9)
    )
    for n in range(1, 13)
)


def full_board(root: Path) -> None:
    """sn: ersättare, vote, reservations, jäv, omedelbar justering, tables, a long §."""
    write_organ(root, "sn", organ_data(namn="Socialnämnden", kortnamn="SN", ärendetyper=KINDS))
    present = [n for n in NINE if n != SERVING[1]]
    meeting = meeting_data(
        "2024-03-13",
        justerare=[NINE[1], NINE[2]],
        justering={"datum": dt.date(2024, 3, 15), "tid": "10:00", "plats": "Socialkontoret"},
        anslag={"uppsatt": dt.date(2024, 3, 15)},
        närvarande={
            "ledamöter": present,
            "tjänstgörande_ersättare": [{"namn": SERVING[0], "ersätter": SERVING[1]}],
            "ersättare": [DEPUTIES[0]],
            "övriga": [{"namn": "Olle Öhman", "titel": "Socialchef"},
                       {"namn": "Petra Pärsson", "titel": "Ekonom", "paragrafer": "2"}],
        },
    )
    items: list[dict[str, Any] | str] = [
        item_text({"rubrik": "Val av justerare", "omedelbart_justerad": True,
                   "beslut": f"{NINE[1]} och {NINE[2]} utses att justera."},
                  "Ordföranden föreslår justerare.\n"),
        item_text({"rubrik": "Budget 2025", "typ": "B", "dnr": "SN 2024/17",
                   "förslag_till_beslut": "Budgeten för 2025 fastställs.",
                   "beslut": "Budgeten för 2025 fastställs enligt förvaltningens förslag.",
                   "expedieras": ["Kommunstyrelsen", "Ekonomiavdelningen"],
                   "beslutsunderlag": ["Tjänsteskrivelse 2024-02-28",
                                       "Budgetunderlag 2025"]}, BUDGET_TABLE),
        item_text({"rubrik": "Ny förskola i Norrby", "typ": "B", "dnr": "SN 2023/88",
                   "förslag_till_beslut": "Förskolan byggs enligt alternativ A.",
                   "yrkanden": [{"av": NINE[0], "text": "Bifall till förslaget."},
                                {"av": NINE[5], "text": "Avslag på förslaget."}],
                   "propositionsordning": "Ordföranden ställer proposition på bifall och "
                                          "avslag och finner att nämnden bifaller förslaget. "
                                          "Omröstning begärs.",
                   "omröstning": {"ja": YES, "nej": NO},
                   "beslut": "Förskolan byggs enligt alternativ A.",
                   "reservationer": [{"av": NINE[5], "text": "Vi anser att alternativ B är "
                                                             "billigare för kommunen."},
                                     NINE[6]],
                   "protokollsanteckningar": [{"av": NINE[8], "text": "Trafiken måste utredas."}],
                   "expedieras": ["Fastighetsavdelningen"]}),
        item_text({"rubrik": "Upphandling av färdtjänst", "typ": "B", "dnr": "SN 2024/3",
                   "jäv": [CONFLICTED], "beslut": "Avtal tecknas med Resbolaget AB."}),
        item_text({"rubrik": "Information om verksamheten", "typ": "I",
                   "beslut": "Informationen noteras."}, LONG_BODY),
        item_text({"rubrik": "Delegationsbeslut", "beslut": "Redovisningen läggs till "
                                                            "handlingarna."}),
    ]
    write_meeting(root, "sn", "2024-03-13", meeting, items)


BOARDS = {"kfn": "2024-03-13", "rad": "2024-01-24", "sn": "2024-03-13"}


# --- building -------------------------------------------------------------------------------


@dataclass
class Built:
    root: Path
    exit_code: int

    def out(self, board: str, folder: str | None = None) -> Path:
        return self.root / "build" / board / (folder or BOARDS[board])

    def pdf(self, board: str, folder: str | None = None) -> Path:
        return self.out(board, folder) / "protokoll.pdf"

    def html(self, board: str, folder: str | None = None) -> str:
        return (self.out(board, folder) / "protokoll.html").read_text(encoding="utf-8")


_BUILT: dict[str, Built] = {}


def three_boards(base: Path) -> Built:
    """The three boards in one project, built once per session (under `base`)."""
    if "three" not in _BUILT:
        root = base / "tre-namnder"
        rolling_board(root)
        no_anslag_board(root)
        full_board(root)
        code = 0 if build_all(root).ok else 1
        _BUILT["three"] = Built(root, code)
    return _BUILT["three"]


def build_in_subprocess(root: Path) -> subprocess.CompletedProcess[str]:
    """`protogen build` in a fresh process (another process must give the same bytes)."""
    return subprocess.run([sys.executable, "-m", "protogen", "build", "--alltid"], cwd=root,
                          capture_output=True, text=True, timeout=300)


def tree_hash(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the sha256 of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- reading a PDF back ---------------------------------------------------------------------


def page_texts(pdf: Path, layout: bool = False) -> list[str]:
    """pdftotext's text of each page (form feeds separate the pages)."""
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(pdf), "-"]
    text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def flat(text: str) -> str:
    """Whitespace (line breaks of the layout) folded to single spaces."""
    return " ".join(text.split())


_FURNITURE = re.compile(r"(Sida \d+ av \d+|Justerandes sign|Utdragsbestyrkande|"
                        r"(UTKAST – )?Sammanträdesprotokoll|\d{4}-\d\d-\d\d)")


def body_text(pdf: Path, organ: str) -> str:
    """The protocol's running text, flat, without the page furniture (running head, the
    boxes and "Sida X av Y") that would otherwise stand between the halves of a sentence
    broken over two pages."""
    kept: list[str] = []
    for number, page in enumerate(page_texts(pdf), start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        while lines and (_FURNITURE.fullmatch(lines[-1])):
            lines.pop()
        if number > 1:
            while lines and (_FURNITURE.fullmatch(lines[0]) or lines[0] == organ):
                lines.pop(0)
        kept.extend(lines)
    return flat("\n".join(kept))


def agenda_pages(pdf: Path) -> dict[int, int]:
    """§ number → the page number the ärendelista gives for it."""
    listed: dict[int, int] = {}
    for page in page_texts(pdf, layout=True):
        if "Ärendelista" not in page:
            continue
        for line in page.splitlines():
            found = re.match(r"\s*§\s*(\d+)\s+\S.*?\s(\d+)\s*$", line)
            if found:
                listed[int(found.group(1))] = int(found.group(2))
    return listed


def heading_pages(pdf: Path, numbers: list[int]) -> dict[int, int]:
    """§ number → the page (1-based) where its heading "§ N <title>" stands, outside the
    agenda."""
    found: dict[int, int] = {}
    for index, page in enumerate(page_texts(pdf), start=1):
        if "Ärendelista" in page:
            continue
        for number in numbers:
            if number not in found and re.search(rf"^§ {number} \S", page, re.MULTILINE):
                found[number] = index
    return found


def signature_widgets(reader: pypdf.PdfReader) -> dict[str, tuple[int, list[float]]]:
    """Field name → (page index, /Rect) of every signature widget."""
    widgets: dict[str, tuple[int, list[float]]] = {}
    for index, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/FT") == "/Sig":
                widgets[str(annotation["/T"])] = (index, [float(v) for v in annotation["/Rect"]])
    return widgets


def text_positions(page: pypdf.PageObject) -> list[tuple[str, float, float]]:
    """(text, x, y) of each text run of a page, in PDF points from the bottom left."""
    runs: list[tuple[str, float, float]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip():
            x, y = pypdf.mult(tm, cm)[4:6]
            runs.append((text.strip(), x, y))

    page.extract_text(visitor_text=visit)
    return runs


def fonts_without_file(reader: pypdf.PdfReader) -> list[str]:
    """Every font (in pages, form XObjects and annotation appearances) whose descriptor
    holds no embedded font program."""
    missing: list[str] = []
    seen: set[int] = set()

    def descriptor(font: Any) -> Any:
        if "/FontDescriptor" in font:
            return font["/FontDescriptor"].get_object()
        if "/DescendantFonts" in font:
            return descriptor(font["/DescendantFonts"][0].get_object())
        return None

    def walk(resources: Any) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        if id(resources) in seen:
            return
        seen.add(id(resources))
        for _, font in _resolved(resources.get("/Font")).items():
            font = font.get_object()
            fd = descriptor(font)
            if fd is None or not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.append(str(font.get("/BaseFont")))
        for _, xobject in _resolved(resources.get("/XObject")).items():
            xobject = xobject.get_object()
            walk(xobject.get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
        for annotation in page.get("/Annots") or []:
            appearance = annotation.get_object().get("/AP")
            if appearance is not None:
                normal = appearance.get_object().get("/N")
                if normal is not None and hasattr(normal.get_object(), "get"):
                    walk(normal.get_object().get("/Resources"))
    return missing


def font_count(reader: pypdf.PdfReader) -> int:
    return sum(len(_resolved(page["/Resources"].get("/Font"))) for page in reader.pages)


def _resolved(value: Any) -> Any:
    return {} if value is None else value.get_object()


XMP_NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
          "pdfaid": "http://www.aiim.org/pdfa/ns/id/"}


def pdfa_identification(reader: pypdf.PdfReader) -> dict[str, str]:
    """pdfaid:part and pdfaid:conformance from the XMP, written as attributes or elements."""
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    tree = ET.fromstring(xmp)
    found: dict[str, str] = {}
    prefix = "{" + XMP_NS["pdfaid"] + "}"
    for element in tree.iter():
        for key, value in element.attrib.items():
            if key.startswith(prefix):
                found[key[len(prefix):]] = value
        if element.tag.startswith(prefix) and element.text:
            found[element.tag[len(prefix):]] = element.text.strip()
    return found
