"""Rendering a meeting's documents: model in, bytes out. No file is written here.

Each document is HTML from a template; the PDFs are that HTML through `render.pdf`. The
build stage decides which documents a meeting gets (by status) and writes them atomically.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from protogen import __version__
from protogen.dates import build_epoch
from protogen.model import Meeting
from protogen.render.templates import DEFAULT, render, template_exists
from protogen.render.view import MeetingView, meeting_view


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


def html_to_pdf_bytes(meeting: Meeting, ctx: RenderContext, html: str, *, title: str,
                      fields: list[tuple[str, str]] | None = None, subject: str | None = None,
                      xmp: bytes | None = None, day: dt.date | None = None) -> bytes:
    """HTML to PDF/A through the PDF stage; blocked URLs become problems for the build."""
    from protogen.render.pdf import SignatureField, html_to_pdf

    blocked: list[str] = []
    data = html_to_pdf(
        html,
        base_url=meeting.folder,
        project_root=ctx.root,
        title=title,
        signature_fields=[SignatureField(name, anchor) for name, anchor in fields or []],
        author=meeting.organ.name if meeting.organ else None,
        subject=subject,
        source_date_epoch=source_date_epoch(meeting, day),
        blocked=blocked,
        xmp=xmp,
    )
    ctx.problems.extend(f"{url} hämtades inte (endast filer i projektet får användas)" for url in blocked)
    return data


def protocol_title(m: MeetingView) -> str:
    kind = "Utkast till protokoll" if m.draft else "Protokoll"
    return f"{m.organ.name} – {kind} {m.date.isoformat() if m.date else m.folder}"


def signature_fields(m: MeetingView) -> list[tuple[str, str]]:
    if m.digital_adjustment is not None:
        return []  # a public copy of a signed protocol says who signed, in words
    fields = [("sekreterare", "sig-sekreterare"), ("ordforande", "sig-ordforande")]
    fields += [(f"justerare-{n}", f"sig-justerare-{n}") for n in range(1, len(m.adjusters) + 1)]
    return fields


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
    from protogen.render.docpdf import title_and_subject

    view = meeting_view(meeting, public=public)
    xmp = stamp_view(meeting, view, public=public)
    html_page = render_html(meeting, ctx, "protokoll.html", medium="skarm", view=view)
    print_html = render_html(meeting, ctx, "protokoll.html", medium="tryck", view=view)
    # The PDF's title and subject are the template's words, like the page's <title>.
    title, subject = title_and_subject(print_html, protocol_title(view))
    pdf = html_to_pdf_bytes(meeting, ctx, print_html, title=title,
                            fields=signature_fields(view), subject=subject, xmp=xmp)
    return [Output("protokoll.html", html_page.encode("utf-8")), Output("protokoll.pdf", pdf)]


def meeting_outputs(meeting: Meeting, ctx: RenderContext) -> list[Output]:
    """Every document of a meeting, by status (FORMAT.md's output table).

    protokoll.pdf/.html for utkast and justerat; kallelse.pdf always (bundled with the
    handlingar when items attach files); utdrag/<§>.pdf for every § and anslag.pdf (when the
    board has anslag) once the meeting is justerat.
    """
    from protogen.render.anslag import render_anslag, wants_anslag
    from protogen.render.kallelse import render_kallelse
    from protogen.render.utdrag import render_utdrag

    outputs: list[Output] = []
    if meeting.status in ("utkast", "justerat"):
        outputs += render_protocol(meeting, ctx)
    outputs += render_kallelse(meeting, ctx)
    if meeting.status == "justerat":
        outputs += render_utdrag(meeting, ctx)
    if wants_anslag(meeting):
        outputs += render_anslag(meeting, ctx)
    return outputs
