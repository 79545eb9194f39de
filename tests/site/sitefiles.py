"""Every file under build/site/ as searchable text: PDFs through pypdf, Pagefind's
gzip-compressed index files decompressed, everything else as its bytes."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from pathlib import Path

import pypdf

GZIP_MAGIC = b"\x1f\x8b"


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    parts = [page.extract_text() or "" for page in reader.pages]
    metadata = reader.metadata or {}
    parts += [str(value) for value in metadata.values()]
    return "\n".join(parts)


def readable(path: Path) -> str:
    """The text a reader, a crawler or a search engine could get out of one file."""
    data = path.read_bytes()
    if data.startswith(GZIP_MAGIC):
        data = gzip.decompress(data)
    if path.suffix == ".pdf":
        # The extracted text, and the raw bytes too (uncompressed metadata, XMP).
        return pdf_text(data) + "\n" + data.decode("latin-1")
    return data.decode("utf-8", errors="replace")


def site_files(site: Path) -> Iterator[Path]:
    yield from sorted(p for p in site.rglob("*") if p.is_file())


def find_everywhere(site: Path, needle: str) -> list[str]:
    """The site paths whose readable text contains `needle` (case-insensitive)."""
    lowered = needle.lower()
    return [p.relative_to(site).as_posix() for p in site_files(site)
            if lowered in readable(p).lower()]
