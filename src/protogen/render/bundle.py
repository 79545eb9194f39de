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
- Each attached page carries its page number in the bundle ("Sida 5 av 20", the template
  `sidnummer.html`), as seed 004 does, so that the list's page ranges can be found on paper.
  The number is WeasyPrint text with its font embedded, marked as an artifact.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    ContentStream,
    DictionaryObject,
    NameObject,
)

from protogen.filecheck import FileProblem, open_pdf
from protogen.render.errors import RenderError
from protogen.resources import ATTACHMENT_SUFFIXES, IMAGE_SUFFIXES, PDF_SUFFIXES, attachment_path

#: The attachment formats protogen can bundle: `resources`, which the check rule `bilaga` reads.
SUPPORTED = ATTACHMENT_SUFFIXES


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
    path = attachment_path(folder, written)
    if path is None:
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
          labels: Sequence[str], stamps: bytes | None = None) -> bytes:
    """The kallelse followed by every attachment, as one PDF (see the module docstring).

    `labels` are the bookmark texts of the attachments, under a parent bookmark
    `outline_title`. `stamps`, when given, is a PDF with one small page per attached page
    (its bundle page number), laid over the attached page's top right corner.
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
    # The stamps' pages belong to a writer of their own, so their contents can be rewritten.
    stamp_pages = PdfWriter(clone_from=PdfReader(io.BytesIO(stamps))).pages if stamps else []
    for index, page in enumerate(writer.pages[first:]):
        _untag(page)
        if index < len(stamp_pages):
            _stamp(page, stamp_pages[index])
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


#: How far the page number stands from the attached page's top and right edges (points).
STAMP_MARGIN = 5 * 72 / 25.4
_MARKED = re.compile(rb"/\w+\s*<<\s*/MCID\s+\d+\s*>>\s*BDC")


def _stamp(page: PageObject, stamp: PageObject) -> None:
    """Lay the page number `stamp` over the top right corner of the attached `page`.

    The number is pagination, not content: its marked content becomes an /Artifact, so that
    it never points into a structure tree (the appended page has none) and assistive
    technology skips it. Its font comes embedded from WeasyPrint. A rotated page is first
    turned upright in its content, so that "top right" is where a reader sees it.
    """
    if page.get("/Rotate"):
        page.transfer_rotation_to_content()
    contents = stamp.get_contents()
    if contents is not None:
        stamp.replace_contents(_as_artifact(contents.get_data()))
    box = page.cropbox
    width, height = float(stamp.mediabox.width), float(stamp.mediabox.height)
    x = float(box.right) - width - STAMP_MARGIN
    y = float(box.top) - height - STAMP_MARGIN
    page.merge_transformed_page(stamp, Transformation().translate(x, y), over=True)


def _as_artifact(content: bytes) -> ContentStream:
    data = _MARKED.sub(b"/Artifact BMC", content)
    stream = ContentStream(None, None)
    stream.set_data(data)
    return stream


def _untag(page: DictionaryObject) -> None:
    """Detach an appended page from any structure tree (its own was not copied)."""
    page.pop(NameObject("/StructParents"), None)
    for annotation in page.get("/Annots") or []:
        annotation = annotation.get_object()
        if isinstance(annotation, DictionaryObject):
            annotation.pop(NameObject("/StructParent"), None)
