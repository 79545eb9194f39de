"""What a package holds of each meeting: its documents (rep1), its sources (rep2), its record.

The documents are rendered here, in-process, by the same code as `protogen build`, from the
same sources that go into rep2: an archive must never pair the sources of today with a PDF a
stale `build/` still holds. Rendering is reproducible (dates come from the meeting), so a
rerun gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from protogen.archive.signed import SIGNED_DIR, Signature, verify_file, verify_original
from protogen.loader.project import PROTOCOL_DIR
from protogen.model import Meeting
from protogen.public import public_view
from protogen.render.base import RenderContext
from protogen.render.pdfcache import PdfCache
from protogen.render.utdrag import number_of
from protogen.view import MeetingView

MIME = {
    ".pdf": "application/pdf", ".yaml": "application/yaml", ".yml": "application/yaml",
    ".md": "text/markdown", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".gif": "image/gif", ".svg": "image/svg+xml", ".webp": "image/webp", ".csv": "text/csv",
    ".txt": "text/plain", ".xml": "application/xml", ".xsd": "application/xml",
    ".html": "text/html", ".css": "text/css", ".json": "application/json",
}
TEMPLATE_DIR = "mallar"
MAX_SOURCE_BYTES = 200 * 1024 * 1024  # a source file larger than this is not read


def mime_of(path: str) -> str:
    return MIME.get(Path(path).suffix.lower(), "application/octet-stream")


@dataclass
class Document:
    """One document of rep1, relative to the representation's data/ folder."""

    path: str
    data: bytes
    kind: str  # protokoll | kallelse | anslag | utdrag
    signed: bool = False
    number: int | None = None  # the § of an utdrag


@dataclass
class MeetingContent:
    meeting: Meeting
    documents: list[Document] = field(default_factory=list)
    sources: dict[str, bytes] = field(default_factory=dict)  # rep2 data/ path → bytes
    signatures: list[Signature] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # Swedish: what the variant left out
    view: MeetingView | None = None  # the public view (protogen.public), in the public variant

    @property
    def hides(self) -> bool:
        """Whether the public view hides any § of the meeting."""
        return self.view is not None and bool(self.view.secret_numbers)


class LeftOut(Exception):
    """The meeting cannot go into the archive; the message is Swedish."""


def meeting_day(meeting: Meeting) -> dt.date:
    return meeting.date or meeting.folder_date or dt.date(1970, 1, 1)


def gather(meeting: Meeting, root: Path, *, public: bool,
           trust_roots: list[bytes] | None = None) -> MeetingContent:
    """Everything of one justerat meeting, rendered and read; raises LeftOut."""
    content = MeetingContent(meeting, view=public_view(meeting) if public else None)
    verification = verify_original(meeting, trust_roots)
    if verification is not None and not verification.ok:
        raise LeftOut(f"det signerade originalet {SIGNED_DIR}/protokoll.pdf kunde inte "
                      f"verifieras: {verification.problem}")
    ctx = RenderContext(root=root, cache=_read_only_cache(root))
    try:
        documents = _public_documents(meeting, ctx, content) if public \
            else _documents(meeting, ctx)
    except LeftOut:
        raise
    except Exception as err:  # noqa: BLE001 - a render failure leaves the meeting out, no traceback
        raise LeftOut(f"handlingarna kunde inte skapas ({type(err).__name__}: {err})") from err
    if ctx.problems:
        raise LeftOut("handlingarna kunde inte skapas fullständigt: " + "; ".join(ctx.problems))
    if verification is not None and not public:
        content.signatures = verification.signatures
        signed = signed_bytes(meeting.folder / SIGNED_DIR / "protokoll.pdf")
        documents = [Document(d.path, signed, d.kind, signed=True) if d.kind == "protokoll" else d
                     for d in documents]
    elif verification is not None:
        content.signatures = verification.signatures
        content.notes.append("Det signerade originalet ingår inte i den offentliga varianten; "
                             "protokollet är den offentliga versionen, utan sekretessbelagda "
                             "uppgifter.")
    if not public:
        documents = [_signed_extract(meeting, d, trust_roots) if d.kind == "utdrag" else d
                     for d in documents]
    content.documents = [Document(f"{meeting.folder_name}/{d.path}", d.data, d.kind, d.signed,
                                  d.number) for d in documents]
    if content.hides:
        content.notes.append("Källfilerna ingår inte i den offentliga varianten, eftersom "
                             "sammanträdet har sekretessbelagda ärenden.")
    else:
        content.sources = meeting_sources(meeting, root)
    return content


def _signed_extract(meeting: Meeting, document: Document, trust_roots: list[bytes] | None) -> Document:
    """The utdrag signed by the sekreterare (signerat/utdrag/<§>.pdf) in place of the unsigned
    one, when there is one; an utdrag whose signature fails leaves the meeting out."""
    path = meeting.folder / SIGNED_DIR / document.path
    if not path.is_file() and not path.is_symlink():
        return document
    verification = verify_file(path, trust_roots)
    if not verification.ok:
        raise LeftOut(f"det signerade utdraget {SIGNED_DIR}/{document.path} kunde inte "
                      f"verifieras: {verification.problem}")
    return Document(document.path, signed_bytes(path), "utdrag", signed=True, number=document.number)


def _read_only_cache(root: Path) -> PdfCache | None:
    """The build's PDF cache, read only: a PDF `build` or `publish` already made from the same
    HTML, dates and files (its digest checked) is the same bytes a render would give, and the
    archive leaves the cache's bookkeeping (what build prunes) alone."""
    cache = PdfCache(root, writing=False)
    return None if cache.unusable() else cache


def signed_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise LeftOut(f"{SIGNED_DIR}/{path.name} kunde inte läsas ({err.strerror})") from err


def _documents(meeting: Meeting, ctx: RenderContext) -> list[Document]:
    """The documents `protogen build` writes for a justerat meeting, PDF/A only."""
    from protogen.render.documents import meeting_outputs

    documents = []
    for output in meeting_outputs(meeting, ctx):
        if not output.path.endswith(".pdf"):
            continue  # the HTML is a screen version of the protocol; PDF/A is the record
        documents.append(_document(output.path, output.data))
    return documents


def _document(path: str, data: bytes) -> Document:
    number = number_of(path)
    if number is not None:
        return Document(path, data, "utdrag", number=number)
    return Document(path, data, Path(path).stem)


def _public_documents(meeting: Meeting, ctx: RenderContext, content: MeetingContent) -> list[Document]:
    """The public view's documents, as `protogen publish` makes them: the protocol with a
    secret § reduced to its number, heading and ground, an utdrag of every public §, the
    anslag (a public notice), and the kallelse only when no § of the meeting is secret."""
    from protogen.render import anslag, kallelse, protokoll, utdrag
    from protogen.render.base import html_to_pdf_bytes, render_html, title_and_subject
    view = content.view
    assert view is not None
    title = protokoll.protocol_title(view)
    html = render_html(meeting, ctx, protokoll.TEMPLATE, medium="tryck", view=view, title=title)
    title, subject = title_and_subject(html, title)
    documents = [Document(protokoll.PDF, html_to_pdf_bytes(
        meeting, ctx, html, title=title, fields=protokoll.fields(view), subject=subject), "protokoll")]
    if content.hides:
        content.notes.append("Kallelsen med handlingar ingår inte i den offentliga varianten, "
                             "eftersom sammanträdet har sekretessbelagda ärenden.")
    else:
        documents += [_document(o.path, o.data) for o in kallelse.render(meeting, ctx)]
    documents += [_document(o.path, o.data) for o in anslag.render(meeting, ctx)]
    public = dataclasses.replace(ctx, view=view)  # the same problems, reads and cache
    documents += [_document(o.path, o.data) for o in utdrag.render(meeting, public)]
    return documents


def meeting_sources(meeting: Meeting, root: Path) -> dict[str, bytes]:
    """The meeting's files as written, under `protokoll/<organ>/<meeting>/`; the signed
    originals are documents (rep1), not sources, and hidden files are left out."""
    rel_folder = f"{PROTOCOL_DIR}/{meeting.organ.id if meeting.organ else ''}/{meeting.folder_name}"
    files = {}
    for path in _files_under(meeting.folder, root):
        rel = path.relative_to(meeting.folder)
        if rel.parts[0] == SIGNED_DIR:
            continue
        files[f"{rel_folder}/{rel.as_posix()}"] = path.read_bytes()
    return files


def board_sources(meeting: Meeting, root: Path) -> dict[str, bytes]:
    """organ.yaml and the board's own templates (mallar/<mall>/), which `protogen check`
    needs to read the meetings again."""
    organ = meeting.organ
    assert organ is not None
    files = {}
    organ_file = organ.folder / "organ.yaml"
    if organ_file.is_file() and not organ_file.is_symlink():
        files[f"{PROTOCOL_DIR}/{organ.id}/organ.yaml"] = organ_file.read_bytes()
    if organ.template and organ.template != "standard":
        folder = root / TEMPLATE_DIR / organ.template
        if folder.is_dir() and not folder.is_symlink():
            for path in _files_under(folder, root):
                files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


def _files_under(folder: Path, root: Path) -> list[Path]:
    """Regular files under `folder`, sorted, not hidden, no symlinks, inside the project."""
    resolved_root = root.resolve()
    found = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or path.is_symlink():
            continue
        if not path.is_file() or path.stat().st_size > MAX_SOURCE_BYTES:
            continue
        if resolved_root not in path.resolve().parents:
            continue
        found.append(path)
    return found
