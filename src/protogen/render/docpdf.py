"""A meeting document from its template to PDF bytes, with the title the template gives it.

Shared by the kallelse, the utdrag and the anslag. The PDF's title and subject
(`documents.title_and_subject`) are read from the rendered page's `<title>` and
`<meta name="description">`, so that the template, not the code, owns those words too (a
board that renames "Kallelse" renames the PDF title with it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from protogen.model import Meeting
from protogen.render.base import (
    RenderContext,
    html_to_pdf_bytes,
    render_html,
    title_and_subject,
)
from protogen.view import MeetingView


def template_pdf(meeting: Meeting, ctx: RenderContext, template: str, *, view: MeetingView,
                 fields: Sequence[tuple[str, str]] = (), day: dt.date | None = None,
                 **extra: Any) -> bytes:
    """Render `template` for print and make the PDF (PDF/A-2a, tagged, fonts embedded),
    dated `day` (default: the meeting's last date)."""
    page = render_html(meeting, ctx, template, medium="tryck", view=view, **extra)
    title, subject = title_and_subject(page, view.organ.name)
    return html_to_pdf_bytes(meeting, ctx, page, title=title, fields=list(fields),
                             subject=subject, day=day)
