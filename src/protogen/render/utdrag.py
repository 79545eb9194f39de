"""Protokollsutdrag: one PDF per §, `utdrag/<§ number>.pdf`, for a justerat meeting.

Each utdrag carries the meeting's head, exactly one § in full (the protocol's own
paragraf.html), the justering facts, the "Justerandes sign" box of the protocol's pages, and
the sekreterare's certification (Utdragsbestyrkande) with an empty signature field named
`utdragsbestyrkande`. The recipients are the §'s `expedieras` ("Expedieras till"), shown in the
§ itself. An utdrag is sent to named recipients, not published: a sekretess § is rendered in
full, marked as such, exactly as in the internal protocol. The site's copies (the public view
in the `RenderContext`) are of the public §§ only.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from protogen.model import Meeting
from protogen.render.base import FRAME, Output, Reads, RenderContext, pdf_output, print_page
from protogen.render.signatures import signature_field

TEMPLATE = "utdrag.html"
READS = Reads(templates=(TEMPLATE, "paragraf.html", "sektioner/*.html", *FRAME))
#: The utdrag's one signature field: the bestyrkande that the extract agrees with the protocol.
FIELD = signature_field("utdragsbestyrkande")
FOLDER = "utdrag"


def wanted(meeting: Meeting, public: bool = False) -> bool:
    return meeting.status == "justerat"


def utdrag_path(number: int) -> str:
    return f"{FOLDER}/{number}.pdf"


def number_of(path: str) -> int | None:
    """The § number of an utdrag's path, None for another document's."""
    parts = PurePosixPath(path)
    return int(parts.stem) if parts.parent.as_posix() == FOLDER else None


def render(meeting: Meeting, ctx: RenderContext) -> list[Output]:
    """One utdrag per §, in agenda order; of the public §§ only from the public view."""
    view = ctx.meeting_view(meeting)
    return [
        pdf_output(ctx, utdrag_path(item.number),
                   print_page(meeting, ctx, TEMPLATE, view=view, fields=[FIELD], i=item))
        for item in view.items
        if not (ctx.public and item.secret)  # nothing of it to extract: the public protocol
    ]                                         # shows its number and ground
