"""What every document stands on: model in, bytes out. No file is written here.

`Output` (one file of a document), `RenderContext` (what a render needs besides its subject,
and the view to render from), `Reads` (what a document declares it is made from), HTML from
the look's templates (`render_html`, `look`), HTML to PDF (`PdfJob`, through the PDF cache),
and the PDF's title and subject read from the page. Nothing here knows a particular
document: each has its module (`protokoll`, `kallelse`, `utdrag`, `anslag`,
`sammantradesplan`), and `documents.DOCUMENTS` is the list of them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
import html as htmllib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from protogen import __version__
from protogen.law.dates import build_epoch
from protogen.model import Meeting, Organ
from protogen.render.pdfcache import PdfCache, Rendered
from protogen.render.templates import DEFAULT, LABELS, render, template_exists
from protogen.view import MeetingView, meeting_view


@dataclass
class Output:
    """One file of a document, relative to the meeting's (or the board's) output folder.

    With `RenderContext.defer`, a PDF comes back unrendered (`data` is empty): as `job` when
    it is one HTML page through WeasyPrint (everything it is rendered from, for a worker), as
    `later` when it must be rendered in this process (the kallelse, whose page ranges are
    known only by rendering it): `later(ctx)` renders it, its problems going to `ctx`."""

    path: str
    data: bytes
    job: PdfJob | None = None
    later: Callable[[RenderContext], bytes] | None = None
    derived: Derived | None = None  # a deferred `job` that is made from another PDF

    @property
    def deferred(self) -> bool:
        return self.job is not None or self.later is not None


@dataclass(frozen=True)
class Derived:
    """A PDF made from another one's bytes instead of rendered: `make(PDF of source)` (the
    public copy of a protocol from the internal one, `protokoll.public_copy`), which is
    byte for byte the PDF of the output's own job; when `make` cannot (None), that job is
    rendered."""

    source: PdfJob
    make: Callable[[bytes], bytes | None]


@dataclass
class RenderContext:
    """What every renderer needs besides its subject (the meeting, or the board)."""

    root: Path
    problems: list[str] = field(default_factory=list)  # Swedish messages: blocked URLs etc.
    cache: PdfCache | None = None  # rendered PDFs by what they are made from
    reads: dict[str, str] = field(default_factory=dict)  # project files the renders read
    cacheable: bool = True  # False when a file changed while it was read
    #: The view to render from: `publish` gives the public view (a secret § is its number,
    #: the neutral heading and its ground); None is the meeting's own, for `build`.
    view: MeetingView | None = None
    #: `publish`: leave a document's PDFs unrendered (`Output.job`, `Output.later`), to be
    #: rendered once every text of the site has passed the personnummer scan, by workers
    #: that get only the job.
    defer: bool = False
    #: False: only the print documents, no screen (HTML) version (the site makes its pages).
    screen: bool = True

    @property
    def public(self) -> bool:
        return self.view is not None and self.view.public

    def meeting_view(self, meeting: Meeting) -> MeetingView:
        """A fresh copy of the view to render `meeting` from (a document may mark it)."""
        if self.view is None:
            return meeting_view(meeting)
        return dataclasses.replace(self.view)


@dataclass(frozen=True)
class Reads:
    """What a document is made from besides the meeting's data, declared by its module so
    that a cache can key on it (`tests/render/test_documents.py` holds each render to it).

    `templates`: the names it renders in the look's search path, with what they extend and
    include (`fnmatch` patterns: "sektioner/*.html"). `attachments`: the items' `fil:` files
    from the meeting folder. `images`: the images the Markdown and the templates name (which
    ones is known only once rendered: `RenderContext.reads` records them). `fonts`: the
    package's fonts (`render/pdf.py`'s FONTS_DIR)."""

    templates: tuple[str, ...]
    attachments: bool = False
    images: bool = True
    fonts: bool = True

    def covers(self, template: str) -> bool:
        return any(fnmatch.fnmatchcase(template, pattern) for pattern in self.templates)


#: Every document's page frame: base.html with the stylesheet it includes, and the words
#: protogen writes around the data (the filter `tid`'s "kl.", bookmarks).
FRAME = ("base.html", "stil.css", LABELS)


def look(meeting: Meeting, root: Path) -> str:
    """The look a meeting's documents are rendered in: its board's."""
    return board_look(meeting.organ, root) if meeting.organ else DEFAULT


def board_look(organ: Organ, root: Path) -> str:
    """The board's `mall:`, when there is such a look; else the standard one."""
    return organ.template if template_exists(root, organ.template) else DEFAULT


def source_date_epoch(meeting: Meeting, day: dt.date | None = None) -> int:
    """SOURCE_DATE_EPOCH when set, else `day` or the meeting's own last date: never the
    clock."""
    day = day or (meeting.adjustment.date if meeting.adjustment and meeting.adjustment.date
                  else None) or meeting.date or meeting.folder_date or dt.date(1970, 1, 1)
    return build_epoch(day)


def invitation_day(meeting: Meeting) -> dt.date:
    """The day a kallelse is dated: its utskick, else the meeting's date (a kallelse goes out
    before the meeting, never after the justering)."""
    return meeting.invitation_sent or meeting.date or meeting.folder_date or dt.date(1970, 1, 1)


def render_html(meeting: Meeting, ctx: RenderContext, template: str, *, medium: str,
                view: MeetingView | None = None, **extra: Any) -> str:
    m = view or meeting_view(meeting)
    return render(
        ctx.root, look(meeting, ctx.root), template, public=m.public,
        m=m, medium=medium, title=extra.pop("title", m.organ.name),
        author=m.organ.name, generator=f"protogen {__version__}", **extra,
    )


@dataclass(frozen=True)
class PdfJob:
    """Everything a PDF is rendered from, as plain data: what a worker process receives
    (never the meeting graph), and with the files it reads, what the PDF cache keys on."""

    html: str
    base: Path  # relative URLs resolve against this folder
    title: str
    fields: tuple[tuple[str, str], ...]
    author: str | None
    subject: str | None
    epoch: int
    xmp: bytes | None = None  # rdf:Description elements for the XMP packet (the fingerprint)

    def key(self, cache: PdfCache) -> str:
        return cache.key(self.html, base=str(self.base), title=self.title,
                         fields=[list(f) for f in self.fields], author=self.author,
                         subject=self.subject, epoch=self.epoch,
                         xmp=self.xmp.decode("utf-8", "backslashreplace") if self.xmp else None)


def pdf_job(meeting: Meeting, html: str, *, title: str,
            fields: list[tuple[str, str]] | None = None, subject: str | None = None,
            xmp: bytes | None = None, day: dt.date | None = None) -> PdfJob:
    return PdfJob(html, meeting.folder, title, tuple(fields or ()),
                  meeting.organ.name if meeting.organ else None, subject,
                  source_date_epoch(meeting, day), xmp)


def html_to_pdf_bytes(meeting: Meeting, ctx: RenderContext, html: str, *, title: str,
                      fields: list[tuple[str, str]] | None = None, subject: str | None = None,
                      xmp: bytes | None = None, day: dt.date | None = None) -> bytes:
    """HTML to PDF/A through the PDF stage (or the cache); blocked URLs become problems."""
    return pdf_from_job(ctx, pdf_job(meeting, html, title=title, fields=fields,
                                     subject=subject, xmp=xmp, day=day))


def pdf_output(ctx: RenderContext, path: str, job: PdfJob, derived: Derived | None = None
               ) -> Output:
    """The file `path` with the PDF of `job` (made as `derived` says, when given); only the
    job while `ctx.defer`."""
    if ctx.defer:
        return Output(path, b"", job, derived=derived)
    made = derived.make(pdf_from_job(ctx, derived.source)) if derived else None
    return Output(path, made if made is not None else pdf_from_job(ctx, job))


def pdf_from_job(ctx: RenderContext, job: PdfJob) -> bytes:
    """The PDF of `job`: from the cache when there is one and it holds it, else rendered
    (and stored); blocked URLs become problems, the files read go to `ctx.reads`."""
    found = ctx.cache.get(job.key(ctx.cache)) if ctx.cache is not None else None
    if found is None:
        found = render_job(job, ctx.root)
        if found.reads is None:  # a file changed while it was read: keep the PDF, cache nothing
            ctx.cacheable = False
        elif ctx.cache is not None and ctx.cacheable:
            ctx.cache.put(job.key(ctx.cache), found)
    ctx.reads.update(found.reads or {})
    ctx.problems.extend(blocked_problem(url) for url in found.blocked)
    return found.data


def blocked_problem(url: str) -> str:
    return f"{url} hämtades inte (endast filer i projektet får användas)"


def render_job(job: PdfJob, root: Path) -> Rendered:
    """Render one PDF (no cache); `reads` is None when a file read cannot be digested."""
    from protogen.cache import record_reads
    from protogen.render.pdf import SignatureField, html_to_pdf

    blocked: list[str] = []
    read: list[Path] = []
    data = html_to_pdf(
        job.html,
        base_url=job.base,
        project_root=root,
        title=job.title,
        signature_fields=[SignatureField(name, anchor) for name, anchor in job.fields],
        author=job.author,
        subject=job.subject,
        source_date_epoch=job.epoch,
        blocked=blocked,
        xmp=job.xmp,
        read=read,
    )
    return Rendered(data, blocked, record_reads(read, root))


_TITLE = re.compile(r"<title>(.*?)</title>", re.S | re.I)
_DESCRIPTION = re.compile(r'<meta\s+name="description"\s+content="([^"]*)"', re.I)


def title_and_subject(page: str, fallback: str) -> tuple[str, str | None]:
    """The page's <title> (or `fallback`) and its description, as plain text."""
    title = _TITLE.search(page)
    description = _DESCRIPTION.search(page)
    text = _plain(title.group(1)) if title else ""
    return text or fallback, (_plain(description.group(1)) or None) if description else None


def _plain(text: str) -> str:
    return " ".join(htmllib.unescape(text).split())


def print_page(meeting: Meeting, ctx: RenderContext, template: str, *, view: MeetingView,
               fields: Sequence[tuple[str, str]] = (), day: dt.date | None = None,
               xmp: bytes | None = None, **extra: Any) -> PdfJob:
    """`template` rendered for print, as the job of its PDF (PDF/A-2a, tagged, fonts
    embedded), dated `day` (default: the meeting's last date). The PDF's title and subject
    are the page's `<title>` and `<meta name="description">`: the template owns those words
    too (a board that renames "Kallelse" renames the PDF title with it)."""
    page = render_html(meeting, ctx, template, medium="tryck", view=view, **extra)
    title, subject = title_and_subject(page, view.organ.name)
    return pdf_job(meeting, page, title=title, fields=list(fields), subject=subject, xmp=xmp,
                   day=day)


def template_pdf(meeting: Meeting, ctx: RenderContext, template: str, *, view: MeetingView,
                 fields: Sequence[tuple[str, str]] = (), day: dt.date | None = None,
                 **extra: Any) -> bytes:
    """`print_page`'s PDF, rendered now (or taken from the cache)."""
    return pdf_from_job(ctx, print_page(meeting, ctx, template, view=view, fields=fields,
                                        day=day, **extra))
