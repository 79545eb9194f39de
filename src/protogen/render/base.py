"""Rendering a meeting's documents: model in, bytes out. No file is written here.

Each document is HTML from a template; the PDFs are that HTML through `render.pdf`. The
build stage decides which documents a meeting gets (by status) and writes them atomically.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from protogen import __version__
from protogen.law.dates import build_epoch
from protogen.model import Meeting
from protogen.render.pdfcache import PdfCache, Rendered
from protogen.render.signatures import signature_fields
from protogen.render.templates import DEFAULT, render, template_exists
from protogen.view import MeetingView, meeting_view


@dataclass
class Output:
    """One file of the build, relative to the meeting's output folder."""

    path: str
    data: bytes


@dataclass
class RenderContext:
    """What every renderer needs besides the meeting."""

    root: Path
    problems: list[str] = field(default_factory=list)  # Swedish messages: blocked URLs etc.
    cache: PdfCache | None = None  # rendered PDFs by what they are made from
    reads: dict[str, str] = field(default_factory=dict)  # project files the renders read
    cacheable: bool = True  # False when a file changed while it was read


def look(meeting: Meeting, root: Path) -> str:
    name = meeting.organ.template if meeting.organ else DEFAULT
    return name if template_exists(root, name) else DEFAULT


def source_date_epoch(meeting: Meeting, day: dt.date | None = None) -> int:
    """SOURCE_DATE_EPOCH when set, else `day` or the meeting's own last date: never the
    clock."""
    day = day or (meeting.adjustment.date if meeting.adjustment and meeting.adjustment.date
                  else None) or meeting.date or meeting.folder_date or dt.date(1970, 1, 1)
    return build_epoch(day)


def notice_day(meeting: Meeting) -> dt.date:
    """The day a kallelse is dated: its utskick, else the meeting's date (a kallelse goes out
    before the meeting, never after the justering)."""
    return meeting.notice_sent or meeting.date or meeting.folder_date or dt.date(1970, 1, 1)


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


def protocol_title(m: MeetingView) -> str:
    kind = "Utkast till protokoll" if m.draft else "Protokoll"
    return f"{m.organ.name} – {kind} {m.date.isoformat() if m.date else m.folder}"


def protocol_print(meeting: Meeting, ctx: RenderContext, view: MeetingView
                   ) -> tuple[str, str, str | None]:
    """The protocol's print HTML, and the PDF's title and subject: the template's words, like
    the page's <title>. The site renders its public PDF from the same call, so a protocol
    without sekretess gives the same HTML, and its PDF is taken from the build's cache."""
    print_html = render_html(meeting, ctx, "protokoll.html", medium="tryck", view=view)
    title, subject = title_and_subject(print_html, protocol_title(view))
    return print_html, title, subject


def stamp_view(meeting: Meeting, view: MeetingView, *, public: bool = False) -> bytes | None:
    """A justerat protocol's fingerprint: shortened into the view (the page foot's
    "Dokument-id"), whole into the XMP packet it returns. None for a draft."""
    if meeting.status != "justerat":
        return None
    from protogen.fingerprint import meeting_fingerprint, xmp_packet

    fingerprint = meeting_fingerprint(meeting)
    view.document_id = fingerprint.short
    return xmp_packet(fingerprint, meeting, public=public)


def render_protocol(meeting: Meeting, ctx: RenderContext, *, public: bool = False) -> list[Output]:
    """protokoll.html and protokoll.pdf (the public variant leaves out sekretess items)."""
    view = meeting_view(meeting, public=public)
    xmp = stamp_view(meeting, view, public=public)
    html_page = render_html(meeting, ctx, "protokoll.html", medium="skarm", view=view)
    print_html, title, subject = protocol_print(meeting, ctx, view)
    pdf = html_to_pdf_bytes(meeting, ctx, print_html, title=title,
                            fields=signature_fields(view), subject=subject, xmp=xmp)
    return [Output("protokoll.html", html_page.encode("utf-8")), Output("protokoll.pdf", pdf)]

