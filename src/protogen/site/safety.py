"""What must hold before anything is published, each failure a Swedish message with a place.

- the check passes for every justerat meeting and every board file (a protocol with a `fel`
  is not published, and the site would silently lose it, so nothing is published);
- no meeting file is unreadable (it could be a justerat protocol the site would drop);
- webbplats.yaml is valid;
- every notice under anslag/ passes the check (it must be posted, and correctly);
- no board folder takes a name the site itself uses;
- no personnummer or samordningsnummer would become public: the check's `personnummer`
  findings in what is published, and a scan of every text the site is about to write
  (pages, feeds, data), traced back to the file and line it came from.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from protogen.checker import CheckResult
from protogen.findings import Finding, Level, Pos
from protogen.model import Meeting
from protogen.site.public import RESERVED, is_coming, is_published

PERSONNUMMER = "personnummer"
NOTICES = "anslag/"  # the other notices of the anslagstavla
TEXT_SUFFIXES = (".html", ".xml", ".ics", ".json", ".css", ".js", ".txt", ".svg", ".csv")
_DATA_URI = re.compile(rb"data:[a-z]+/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]+")
_DIGITS = re.compile(r"\d{6,8}[-+]?\d{4}")


def gate(result: CheckResult, config_findings: list[Finding], today: dt.date) -> list[str]:
    """Every reason not to publish, as printable lines (empty: go ahead)."""
    lines: list[str] = [f.format() for f in config_findings if f.level is Level.FEL]
    project = result.project
    for organ in project.organs:
        if organ.id in RESERVED:
            lines.append(f"{result.rel(organ.folder)}: fel: nämndmappen {organ.id} har samma "
                         "namn som en del av webbplatsen; byt namn på mappen [webbplats]")
        organ_file = result.rel(organ.folder) + "/organ.yaml"
        lines += [f.format() for f in result.findings
                  if f.pos.path == organ_file and f.level is Level.FEL]
    for meeting in project.meetings():
        if not meeting.loaded:
            lines.append(f"{result.rel(meeting.folder)}: fel: sammanträdet kan inte läsas, "
                         "och kan vara ett justerat protokoll som webbplatsen då skulle tappa")
            lines += [f.format() for f in result.meeting_findings(meeting, Level.FEL)]
        elif is_published(meeting) and result.meeting_has_fel(meeting):
            organ_file = result.rel(meeting.organ.folder) + "/organ.yaml" if meeting.organ else ""
            lines.append(f"{result.rel(meeting.folder)}: fel: protokollet är justerat men "
                         "kontrollen hittade fel; det publiceras inte förrän de är rättade:")
            lines += [f"  {f.format()}" for f in result.meeting_findings(meeting, Level.FEL)
                      if f.pos.path != organ_file]
    # A board or meeting folder that protogen may not read (a link out of the project) is
    # left out of the project: it may hold a justerat protocol that the site would then drop
    # without a word, so nothing is published until it is resolved (fail closed).
    loaded = [result.rel(m.folder) for m in project.meetings()]
    lines += [f.format() for f in result.findings
              if f.rule == "fil" and f.level is Level.FEL and f.pos.path.startswith("protokoll")
              and not any(f.pos.path == m or f.pos.path.startswith(m + "/") for m in loaded)]
    # A notice under anslag/ is a public record the law wants posted: one with a fel would
    # silently drop off the board, so nothing is published until it is right.
    lines += [f.format() for f in result.findings
              if f.pos.path.startswith(NOTICES) and f.level is Level.FEL]
    lines += [f.format() for f in personnummer_findings(result, today)
              if f.format() not in lines]
    return _unique(lines)


def personnummer_findings(result: CheckResult, today: dt.date) -> list[Finding]:
    """The check's personnummer findings in what the site shows: published protocols, the
    ärenden of coming meetings, and the board files."""
    shown: list[str] = [result.rel(o.folder) + "/organ.yaml" for o in result.project.organs]
    shown += [result.rel(m.folder) + "/" for m in result.project.meetings()
              if is_published(m) or is_coming(m, today)]
    return [f for f in result.findings
            if f.rule == PERSONNUMMER and f.level is Level.FEL
            and any(f.pos.path == s or f.pos.path.startswith(s) for s in shown)]


def skipped_meetings(result: CheckResult, today: dt.date) -> list[tuple[Meeting, str]]:
    """Meetings left off the site although they would show: called meetings with a fel."""
    return [(m, result.rel(m.folder)) for m in result.project.meetings()
            if m.loaded and is_coming(m, today) and result.meeting_has_fel(m)]


def unposted_paragraphs(result: CheckResult, blocked: set[int]) -> list[str]:
    """Held meetings with omedelbart justerade §§ whose notice is held back by a fel."""
    return [result.rel(m.folder) for m in result.project.meetings()
            if id(m) in blocked and m.held and m.organ is not None and m.organ.has_anslag
            and any(item.immediately_adjusted for item in m.items)]


def scan_outputs(files: dict[str, bytes], root: Path) -> list[str]:
    """A personnummer in any text the site would write, once per place it came from."""
    from protogen.rules.personnummer import find_numbers

    found: dict[tuple[str, str, str], list[str]] = {}
    for path, data in sorted(files.items()):
        if not path.endswith(TEXT_SUFFIXES):
            continue
        text = _DATA_URI.sub(b"", data).decode("utf-8", errors="replace")
        for hit in find_numbers(text):
            match = _DIGITS.match(text, hit.start)
            source = locate(match.group(0) if match else "", root) or Pos(f"build/site/{path}")
            found.setdefault((str(source), hit.kind, hit.masked), []).append(path)
    lines = []
    for (where, kind, masked), paths in found.items():
        more = f" och {len(paths) - 3} filer till" if len(paths) > 3 else ""
        shown = ", ".join(paths[:3]) + more
        lines.append(f"{where}: fel: {kind} {masked} skulle bli offentligt på webbplatsen "
                     f"({shown}); ta bort det [{PERSONNUMMER}]")
    return lines


def locate(number: str, root: Path) -> Pos | None:
    """Where `number` is written in the project's files (meetings, boards, webbplats.yaml)."""
    if not number:
        return None
    candidates = [root / "webbplats.yaml", *sorted((root / "protokoll").rglob("*.yaml")),
                  *sorted((root / "protokoll").rglob("*.md")), *sorted((root / "anslag").glob("*.md"))]
    for path in candidates:
        if not path.is_file():
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for index, line in enumerate(lines, start=1):
            col = line.find(number)
            if col >= 0:
                return Pos(path.relative_to(root).as_posix(), index, col + 1)
    return None


def _unique(lines: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(lines))


_HEX_STRING = re.compile(rb"<([0-9A-Fa-f\s]{64,})>")
# DER string types: UTF8, Numeric, Printable, T61, IA5, Visible, Universal, BMP.
_DER_STRINGS = {12: "utf-8", 18: "ascii", 19: "ascii", 20: "latin-1", 22: "ascii", 26: "ascii",
                28: "utf-32-be", 30: "utf-16-be"}
_DER_DEPTH = 40
_DIGEST = re.compile(r"\b[0-9a-fA-F]{32,}\b")


def scan_pdf_signatures(files: dict[str, bytes], root: Path) -> list[str]:
    """A personnummer inside a PDF's signatures: the certificates of a CMS signature (a hex
    string, /Contents <…>) hold the signer's subject, and a Swedish e-legitimation puts the
    personnummer there (serialNumber). Every text value of the DER is read, as text: in the
    raw bytes a number runs into the tags around it."""
    from protogen.rules.personnummer import find_numbers

    lines: list[str] = []
    for path, data in sorted(files.items()):
        if not path.endswith(".pdf"):
            continue
        for match in _HEX_STRING.finditer(data):
            try:
                raw = bytes.fromhex(re.sub(rb"\s", b"", match.group(1)).decode("ascii"))
            except ValueError:
                continue
            for text in der_texts(raw):
                for hit in find_numbers(text):
                    lines.append(f"build/site/{path}: fel: {hit.kind} {hit.masked} i ett certifikat "
                                 "i PDF-filens underskrift skulle bli offentligt på webbplatsen; "
                                 f"använd ett e-sigill utan personnummer [{PERSONNUMMER}]")
        for where, text in _pdf_metadata(data):
            for hit in find_numbers(text):
                lines.append(f"build/site/{path}: fel: {hit.kind} {hit.masked} i PDF-filens "
                             f"{where} skulle bli offentligt på webbplatsen [{PERSONNUMMER}]")
    return _unique(lines)


def _pdf_metadata(data: bytes) -> list[tuple[str, str]]:
    """The XMP packet and the document information of a PDF, as text (every revision's
    catalog is the last one's here: what a reader shows); bytes read before are not read
    again (protogen.scancache)."""
    from protogen.scancache import texts

    flat = texts("metadata", data, lambda d: [t for pair in _read_metadata(d) for t in pair])
    return list(zip(flat[::2], flat[1::2], strict=True))


def _read_metadata(data: bytes) -> list[tuple[str, str]]:
    import io
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    found: list[tuple[str, str]] = []
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        catalog: Any = reader.trailer["/Root"].get_object()
        metadata = catalog.get("/Metadata")
        if metadata is not None:
            xmp = metadata.get_object().get_data().decode("utf-8", "replace")
            # A digest (the Dokument-id) is no personnummer, though ten of its digits may be.
            found.append(("XMP-metadata", _DIGEST.sub("#", xmp)))
        info = reader.trailer.get("/Info")
        if info is not None:
            found.append(("dokumentinformation",
                          " ".join(str(v) for v in info.get_object().values())))
    except Exception:  # noqa: BLE001 - an unreadable PDF: the raw scanners still see its bytes
        found.append(("innehåll", data.decode("latin-1")))
    return found


def der_texts(data: bytes, depth: int = 0) -> list[str]:
    """Every text value in DER-encoded data (certificates, CMS), also inside OCTET STRINGs
    that hold DER themselves. Stops quietly at whatever is not DER."""
    texts: list[str] = []
    at = 0
    while at < len(data) and depth < _DER_DEPTH:
        parsed = _tlv(data, at)
        if parsed is None:
            break
        tag, constructed, start, end = parsed
        value = data[start:end]
        if constructed:
            texts += der_texts(value, depth + 1)
        elif tag in _DER_STRINGS:
            texts.append(value.decode(_DER_STRINGS[tag], errors="replace"))
        elif tag == 4 and value[:1] in (b"0", b"1"):  # an OCTET STRING wrapping DER
            texts += der_texts(value, depth + 1)
        at = end
    return texts


def _tlv(data: bytes, at: int) -> tuple[int, bool, int, int] | None:
    if at + 2 > len(data):
        return None
    first = data[at]
    tag, constructed = first & 0x1F, bool(first & 0x20)
    at += 1
    if tag == 0x1F:  # high tag numbers: not in certificates' strings; skip the number
        while at < len(data) and data[at] & 0x80:
            at += 1
        at += 1
    if at >= len(data):
        return None
    length = data[at]
    at += 1
    if length & 0x80:
        count = length & 0x7F
        if count == 0 or count > 4 or at + count > len(data):
            return None
        length = int.from_bytes(data[at:at + count], "big")
        at += count
    if at + length > len(data):
        return None
    return tag, constructed, at, at + length
