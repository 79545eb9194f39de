"""Reading the built documents back: text per page, fields, metadata (with pypdf)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
from helpers import NINE, meeting_data, organ_data, project  # noqa: F401  (re-exported)
from weasyprint import HTML


def reader(source: Path | bytes) -> pypdf.PdfReader:
    data = source.read_bytes() if isinstance(source, Path) else source
    return pypdf.PdfReader(io.BytesIO(data))


def pages_text(source: Path | bytes) -> list[str]:
    """Each page's text with runs of white space made one space (lines wrap anywhere)."""
    return [" ".join((page.extract_text() or "").split()) for page in reader(source).pages]


def text(source: Path | bytes) -> str:
    return " ".join(pages_text(source))


def field_values(source: Path | bytes) -> dict[str, object]:
    """Signature fields: name → value (None while unsigned)."""
    fields = reader(source).get_fields() or {}
    return {name: f.get("/V") for name, f in fields.items() if f.get("/FT") == "/Sig"}


def xmp(source: Path | bytes) -> str:
    meta = reader(source).trailer["/Root"]["/Metadata"].get_object()
    return meta.get_data().decode("utf-8")


def is_pdfa_2a(source: Path | bytes) -> bool:
    packet = xmp(source)
    return bool(re.search(r"pdfaid:part(?:>|=\")2", packet)) and bool(
        re.search(r"pdfaid:conformance(?:>|=\")A", packet))


def attachment_pdf(label: str, pages: int) -> bytes:
    """A small tagged PDF whose page n says '<label> sida n av <pages>' and links somewhere
    (so that its pages and its link carry keys into its own structure tree)."""
    body = "".join(
        f'<p style="break-before: {"page" if n > 1 else "auto"}">{label} sida {n} av {pages} '
        f'<a href="https://example.org/{n}">länk</a></p>'
        for n in range(1, pages + 1)
    )
    return HTML(string=f"<html lang=sv><body>{body}</body></html>").write_pdf(pdf_tags=True)


def png(width: int = 40, height: int = 20) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 60, 120)).save(out, format="PNG")
    return out.getvalue()


def built(root: Path, meeting_folder: str, organ: str = "tn") -> Path:
    return root / "build" / organ / meeting_folder
