"""The kallelse with its handlingar: one PDF, the kallelse first, then every attachment.

An item's `beslutsunderlag` entries with a `fil:` (a PDF or an image under the meeting folder)
are appended after the kallelse, in agenda order, and the kallelse's list of ärenden gives
each ärende's page range in the bundle ("4 – 14"). This module owns the PDF side of that:
reading and checking the attachments, turning an image into a page, and merging.

What the merged file keeps, and what it cannot:

- The kallelse's own pages come first and unchanged: the document catalog is cloned from the
  kallelse PDF, so its XMP metadata (with the PDF/A-2a identification), `/Lang`,
  `/StructTreeRoot`, `/MarkInfo`, `/OutputIntents`, `/ViewerPreferences` and the document
  information are those WeasyPrint wrote.
- Appended PDFs are third-party documents; they are copied page by page as they are (pypdf
  cannot re-tag them or embed their fonts), so the bundle is PDF/A only as far as its
  attachments are. Their structure trees are not merged: the appended pages lose their
  `/StructParents` so that they never point into the kallelse's parent tree, and they read as
  untagged content. An image attachment becomes a page rendered by WeasyPrint (PDF/A, tagged,
  the title as alternative text), so images do not weaken the bundle.
- The bundle is reproducible: pypdf writes the objects in a fixed order, and the trailer `/ID`
  is a hash of the kallelse and the attachments' bytes, not a random number.
- Each attachment gets a bookmark (outline item) under "Handlingar", so a reader can jump to it.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject, DictionaryObject, NameObject

from protogen.filecheck import FileProblem, open_pdf
from protogen.render.pdf import RenderError

#: The attachment formats protogen can bundle (the check rule `bilaga` says the same).
PDF_SUFFIXES = (".pdf",)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
SUPPORTED = PDF_SUFFIXES + IMAGE_SUFFIXES


class AttachmentError(RenderError):
    """An attachment that cannot be bundled; the message is for the secretary."""


@dataclass(frozen=True)
class PageRange:
    """Pages of the bundle, counted from 1 like a PDF viewer counts them."""

    first: int
    last: int

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first} – {self.last}"


@dataclass(frozen=True)
class Attachment:
    """One attached file, as PDF bytes ready to append, and the item it belongs to."""

    position: int  # 0-based agenda position of the item
    title: str
    written: str  # the `fil:` as written, for messages
    data: bytes  # PDF bytes (an image is already a page)
    pages: int


def kind_of(written: str) -> str:
    """'pdf' or 'bild'; raises AttachmentError for anything else."""
    suffix = PurePosixPath(written).suffix.lower()
    if suffix in PDF_SUFFIXES:
        return "pdf"
    if suffix in IMAGE_SUFFIXES:
        return "bild"
    what = f"formatet {suffix}" if suffix else "ingen filändelse"
    raise AttachmentError(
        f"bilagan {written} har {what}; bara PDF och bilder ({', '.join(SUPPORTED)}) kan "
        "bifogas kallelsen – spara dokumentet som PDF först"
    )


def resolve(folder: Path, written: str) -> Path:
    """The attachment's file inside the meeting folder; AttachmentError otherwise."""
    base = folder.resolve()
    path = (folder / written).resolve()
    if not path.is_relative_to(base):
        raise AttachmentError(f"bilagan {written} pekar utanför sammanträdets mapp")
    if not path.is_file():
        raise AttachmentError(f"bilagan {written} finns inte")
    return path


def read_pdf(data: bytes, written: str) -> PdfReader:
    """A readable, unencrypted PDF with at least one page; AttachmentError otherwise (the
    same test `protogen check` makes, with the same Swedish message)."""
    try:
        return open_pdf(data, written)
    except FileProblem as problem:
        raise AttachmentError(str(problem)) from problem


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def ranges(first_page: int, attachments: Sequence[Attachment]) -> list[PageRange]:
    """The page range of each attachment when the bundle's first attachment page is
    `first_page` (the kallelse's page count plus one)."""
    result: list[PageRange] = []
    page = first_page
    for attachment in attachments:
        result.append(PageRange(page, page + attachment.pages - 1))
        page += attachment.pages
    return result


def merge(kallelse: bytes, attachments: Sequence[Attachment], *, outline_title: str,
          labels: Sequence[str]) -> bytes:
    """The kallelse followed by every attachment, as one PDF (see the module docstring).

    `labels` are the bookmark texts of the attachments, under a parent bookmark
    `outline_title`.
    """
    if not attachments:
        return kallelse
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(kallelse)))
    first = len(writer.pages)
    starts: list[int] = []
    for attachment in attachments:
        starts.append(len(writer.pages))
        reader = read_pdf(attachment.data, attachment.written)
        writer.append(reader, import_outline=False)
    for page in writer.pages[first:]:
        _untag(page)
    parent = writer.add_outline_item(title=outline_title, page_number=starts[0])
    for label, start in zip(labels, starts, strict=True):
        writer.add_outline_item(title=label, page_number=start, parent=parent)
    digest = hashlib.sha256(kallelse)
    for attachment in attachments:
        digest.update(attachment.data)
    file_id = ByteStringObject(digest.digest()[:16])
    writer._ID = ArrayObject([file_id, file_id])  # deterministic, unlike pypdf's random one
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _untag(page: DictionaryObject) -> None:
    """Detach an appended page from any structure tree (its own was not copied)."""
    page.pop(NameObject("/StructParents"), None)
    for annotation in page.get("/Annots") or []:
        annotation = annotation.get_object()
        if isinstance(annotation, DictionaryObject):
            annotation.pop(NameObject("/StructParent"), None)
