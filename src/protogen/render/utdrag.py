"""Protokollsutdrag: one PDF per §, `utdrag/<§ number>.pdf`, for a justerat meeting.

Each utdrag carries the meeting's head, exactly one § in full (the protocol's own
paragraf.html), the justering facts, the "Justerandes sign" box of the protocol's pages, and
the sekreterare's certification (Utdragsbestyrkande) with an empty signature field named
`utdragsbestyrkande`. The recipients are the §'s `expedieras` ("Expedieras till"), shown in the
§ itself. An utdrag is sent to named recipients, not published: a sekretess § is rendered in
full, marked as such, exactly as in the internal protocol.
"""

from __future__ import annotations

from protogen.model import Meeting
from protogen.render.base import Output, RenderContext
from protogen.render.docpdf import template_pdf
from protogen.render.signatures import EXTRACT_FIELD
from protogen.view import meeting_view

TEMPLATE = "utdrag.html"
FIELD = EXTRACT_FIELD


def utdrag_path(number: int) -> str:
    return f"utdrag/{number}.pdf"


def render_utdrag(meeting: Meeting, ctx: RenderContext) -> list[Output]:
    """One utdrag per §, in agenda order."""
    view = meeting_view(meeting)
    return [
        Output(utdrag_path(item.number),
               template_pdf(meeting, ctx, TEMPLATE, view=view, fields=[FIELD], i=item))
        for item in view.items
    ]
