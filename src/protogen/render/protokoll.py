"""Protokoll: `protokoll.html` (the screen version) and `protokoll.pdf`, for utkast and justerat.

The PDF has an empty signature field per signer (sekreterare, ordförande, each justerare:
`fields`) and, once justerat, the meeting's fingerprint: shortened in
the page foot ("Dokument-id"), whole in the XMP packet (`fingerprint.py`). The public copy
(`RenderContext.view` is the public view, from `publish`) shows a secret § as its number,
the neutral heading and its ground, and a digitally signed protocol says who signed, in
words, instead of offering fields.
"""

from __future__ import annotations

from protogen.fingerprint import meeting_fingerprint, xmp_packet
from protogen.model import Meeting
from protogen.render.base import (
    FRAME,
    Output,
    Reads,
    RenderContext,
    pdf_job,
    pdf_output,
    render_html,
    title_and_subject,
)
from protogen.render.signatures import signature_field
from protogen.view import MeetingView

PAGE = "protokoll.html"
PDF = "protokoll.pdf"
TEMPLATE = "protokoll.html"
READS = Reads(templates=(TEMPLATE, "paragraf.html", "sektioner/*.html", *FRAME))


def wanted(meeting: Meeting, public: bool = False) -> bool:
    """A protocol exists from the utkast on; the public one only once justerat."""
    return meeting.status == "justerat" if public else meeting.status in ("utkast", "justerat")


def fields(m: MeetingView) -> list[tuple[str, str]]:
    """The protocol's signature fields, (name, anchor), in signing order: sekreterare,
    ordförande, then each justerare (`justerare-1`, …)."""
    if m.digital_adjustment is not None:
        return []  # a public copy of a signed protocol says who signed, in words
    names = ["sekreterare", "ordforande"] + [f"justerare-{n}" for n in range(1, len(m.adjusters) + 1)]
    return [signature_field(name) for name in names]


def render(meeting: Meeting, ctx: RenderContext) -> list[Output]:
    """protokoll.html and protokoll.pdf (from the public view when `ctx` gives it)."""
    view = ctx.meeting_view(meeting)
    xmp = stamp_view(meeting, view, public=ctx.public)
    outputs = []
    if ctx.screen:
        html_page = render_html(meeting, ctx, TEMPLATE, medium="skarm", view=view)
        outputs.append(Output(PAGE, html_page.encode("utf-8")))
    print_html, title, subject = protocol_print(meeting, ctx, view)
    job = pdf_job(meeting, print_html, title=title, fields=fields(view), subject=subject,
                  xmp=xmp)
    return [*outputs, pdf_output(ctx, PDF, job)]


def protocol_title(m: MeetingView) -> str:
    kind = "Utkast till protokoll" if m.draft else "Protokoll"
    return f"{m.organ.name} – {kind} {m.date.isoformat() if m.date else m.folder}"


def protocol_print(meeting: Meeting, ctx: RenderContext, view: MeetingView
                   ) -> tuple[str, str, str | None]:
    """The protocol's print HTML, and the PDF's title and subject: the template's words, like
    the page's <title>. A protocol without sekretess gives the same HTML in its public copy,
    whose PDF `publish` then takes from the build's cache."""
    print_html = render_html(meeting, ctx, TEMPLATE, medium="tryck", view=view)
    title, subject = title_and_subject(print_html, protocol_title(view))
    return print_html, title, subject


def stamp_view(meeting: Meeting, view: MeetingView, *, public: bool = False) -> bytes | None:
    """A justerat protocol's fingerprint: shortened into the view (the page foot's
    "Dokument-id"), whole into the XMP packet it returns. None for a draft."""
    if meeting.status != "justerat":
        return None
    fingerprint = meeting_fingerprint(meeting)
    view.document_id = fingerprint.short
    return xmp_packet(fingerprint, meeting, public=public)
