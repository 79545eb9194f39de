"""Opening attachments and images as `build` will, with every failure said in Swedish.

`protogen check` calls these so that a broken file is a `fel` before anything is built, and the
renderers call the same functions, so that check and build can never disagree. Library
messages (pypdf's "EOF marker not found", Pillow's `DecompressionBombError`, …) never reach the
user: pypdf's log and warnings are silenced, and each failure is described in Swedish.
No WeasyPrint here: `check` must not import it.
"""

from __future__ import annotations

import io
import logging
import warnings
from pathlib import Path
from typing import Any

from protogen.limits import (
    MAX_ATTACHMENT_BYTES,
    MAX_IMAGE_PIXELS,
    MAX_PDF_PAGES,
    megabytes,
    spaced,
)

# pypdf logs what it repairs ("incorrect startxref pointer(1)") in English on stderr.
logging.getLogger("pypdf").setLevel(logging.CRITICAL + 1)


class FileProblem(ValueError):
    """A file `build` could not use; the message is Swedish and names the file as written."""


class _Discard(io.RawIOBase):
    """A sink that only counts: the trial write of a PDF costs no memory."""

    def __init__(self) -> None:
        super().__init__()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.size += len(data)
        return len(data)

    def tell(self) -> int:
        return self.size


def within_size(size: int, written: str, what: str) -> None:
    if size > MAX_ATTACHMENT_BYTES:
        raise FileProblem(f"{what} {written} är {megabytes(size)}; gränsen är "
                          f"{megabytes(MAX_ATTACHMENT_BYTES)} per fil")


def read_file(path: Path, written: str, what: str = "bilagan") -> bytes:
    """The bytes of an attachment or image, after the size limit; FileProblem otherwise."""
    try:
        within_size(path.stat().st_size, written, what)
        return path.read_bytes()
    except OSError as err:
        raise FileProblem(f"{what} {written} kan inte läsas") from err


def open_pdf(data: bytes, written: str, *, trial_write: bool = False) -> Any:
    """A PdfReader of a readable, unencrypted PDF with pages; FileProblem otherwise.

    `trial_write` also copies every page into a new PDF, as the kallelse bundle does, so that
    a file whose pages are broken further in is found by `check` too."""
    from pypdf import PdfReader, PdfWriter

    within_size(len(data), written, "bilagan")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                try:
                    opened = bool(reader.decrypt(""))
                except Exception:  # noqa: BLE001 - an unknown cipher is also "locked"
                    opened = False
                if not opened:
                    raise FileProblem(f"bilagan {written} är lösenordsskyddad; spara den utan "
                                      "lösenord")
            count = len(reader.pages)
            if count > MAX_PDF_PAGES:
                raise FileProblem(f"bilagan {written} har {count} sidor; gränsen är "
                                  f"{spaced(MAX_PDF_PAGES)} sidor per bilaga")
            if trial_write and count:
                writer = PdfWriter()
                writer.append(reader, import_outline=False)
                writer.write(_Discard())  # type: ignore[arg-type]
    except FileProblem:
        raise
    except Exception as err:  # noqa: BLE001 - pypdf raises many kinds; all mean "broken"
        raise FileProblem(f"bilagan {written} kan inte läsas som PDF: {_pdf_reason(err)}; "
                          "spara om den som PDF (t.ex. Skriv ut → Spara som PDF)") from err
    if count == 0:
        raise FileProblem(f"bilagan {written} har inga sidor")
    return reader


def _pdf_reason(err: BaseException) -> str:
    text = str(err).lower()
    if "eof marker" in text or "startxref" in text or "truncated" in text or "stream has ended" in text:
        return "filen är avkortad eller skadad"
    if "xref" in text or "trailer" in text or "object" in text:
        return "filens innehållsförteckning (xref) är skadad"
    if "header" in text or "not a pdf" in text or "invalid pdf" in text:
        return "filen är ingen PDF"
    if "decrypt" in text or "crypt" in text or "password" in text:
        return "filen är krypterad"
    if isinstance(err, RecursionError | MemoryError):
        return "filens struktur är för djup eller för stor"
    return "filen är skadad"


def open_image(data: bytes, written: str, *, what: str = "bilagan") -> tuple[str, int, int]:
    """(MIME type, width, height) of an image Pillow can decode in full; FileProblem otherwise.

    The size in pixels is checked from the header before anything is decoded, so a small file
    that unpacks to gigabytes (a "decompression bomb") is refused without being unpacked."""
    from PIL import Image

    within_size(len(data), written, what)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise FileProblem(
                        f"{what} {written} är {width} × {height} bildpunkter; gränsen är "
                        f"{MAX_IMAGE_PIXELS // 1_000_000} miljoner bildpunkter (minska bilden)")
                kind = image.format or ""
                image.verify()
            with Image.open(io.BytesIO(data)) as image:  # verify() leaves it unusable
                image.load()
    except FileProblem:
        raise
    except Image.DecompressionBombError as err:
        raise FileProblem(f"{what} {written} är för stor i bildpunkter för att öppnas "
                          "(minska bilden)") from err
    except Exception as err:  # noqa: BLE001 - Pillow raises many kinds; all mean "broken"
        reason = ("filen är avkortad" if "truncated" in str(err).lower()
                  else "filen är skadad eller ingen bild")
        raise FileProblem(f"{what} {written} kan inte läsas som bild: {reason}") from err
    mime = "image/jpeg" if kind == "MPO" else Image.MIME.get(kind, "")
    return mime, width, height
