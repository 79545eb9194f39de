"""Protokoll: `protokoll.html` (the screen version) and `protokoll.pdf`, for utkast and justerat.

The PDF has an empty signature field per signer (sekreterare, ordförande, each justerare:
`fields`) and, once justerat, the meeting's fingerprint: shortened in
the page foot ("Dokument-id"), whole in the XMP packet (`fingerprint.py`). The public copy
(`RenderContext.view` is the public view, from `publish`) shows a secret § as its number,
the neutral heading and its ground, and a digitally signed protocol says who signed, in
words, instead of offering fields.
"""

from __future__ import annotations

import dataclasses
import functools

from protogen.fingerprint import (
    LISTING_END,
    LISTING_START,
    Fingerprint,
    meeting_fingerprint,
    xmp_packet,
)
from protogen.model import Meeting
from protogen.render import xmpswap
from protogen.render.base import (
    FRAME,
    Derived,
    Output,
    PdfJob,
    Reads,
    RenderContext,
    pdf_job,
    pdf_output,
    render_html,
    title_and_subject,
)
from protogen.render.signatures import signature_field
from protogen.view import MeetingView, meeting_view

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
    fingerprint = stamp_view(meeting, view)
    xmp = xmp_packet(fingerprint, meeting, public=ctx.public) if fingerprint else None
    outputs = []
    if ctx.screen:
        html_page = render_html(meeting, ctx, TEMPLATE, medium="skarm", view=view)
        outputs.append(Output(PAGE, html_page.encode("utf-8")))
    job = print_job(meeting, ctx, view, xmp)
    derived = public_copy(meeting, ctx, job, fingerprint) if fingerprint else None
    return [*outputs, pdf_output(ctx, PDF, job, derived)]


def print_job(meeting: Meeting, ctx: RenderContext, view: MeetingView, xmp: bytes | None
              ) -> PdfJob:
    print_html, title, subject = protocol_print(meeting, ctx, view)
    return pdf_job(meeting, print_html, title=title, fields=fields(view), subject=subject,
                   xmp=xmp)


def public_copy(meeting: Meeting, ctx: RenderContext, job: PdfJob, fingerprint: Fingerprint
                ) -> Derived | None:
    """The public copy `job` of a justerat protocol, made from the PDF of the internal one
    (which `build` makes and caches) when it is the same document but for the XMP packet:
    the public print HTML equals the internal one byte for byte, and so do title, subject,
    fields and date, and the public packet is the internal one without the per-§ listing.
    Then WeasyPrint would write the same objects but the metadata stream, and `xmpswap`
    writes that stream again instead of laying the document out. None (render `job` itself)
    whenever this is not proved: a meeting with a secret § (its public HTML hides it), one
    whose signed original the site names, another look for the site…"""
    if not ctx.public or any(item.secret for item in meeting.items):
        return None
    internal = meeting_view(meeting)
    internal.document_id = fingerprint.short
    internal_xmp = xmp_packet(fingerprint, meeting)
    source = print_job(meeting, RenderContext(root=ctx.root), internal, internal_xmp)
    if dataclasses.replace(source, xmp=job.xmp) != job or job.xmp is None:
        return None
    start, end = internal_xmp.find(LISTING_START), internal_xmp.find(LISTING_END)
    listing = internal_xmp[start:end + len(LISTING_END)]
    if start < 0 or end < start or internal_xmp.replace(listing, b"") != job.xmp:
        return None
    return Derived(source, functools.partial(xmpswap.swap_xmp, old=internal_xmp, new=job.xmp))


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


def stamp_view(meeting: Meeting, view: MeetingView) -> Fingerprint | None:
    """A justerat protocol's fingerprint, shortened into the view (the page foot's
    "Dokument-id"); whole, it goes into the XMP packet (`xmp_packet`). None for a draft."""
    if meeting.status != "justerat":
        return None
    fingerprint = meeting_fingerprint(meeting)
    view.document_id = fingerprint.short
    return fingerprint
