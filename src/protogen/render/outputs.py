"""Every document of one meeting: what `build` (and the archive) call.

`documents` is the base every document stands on (Output, RenderContext, HTML, HTML → PDF,
title and subject, the protocol itself); each other document has its module (`kallelse`,
`utdrag`, `anslag`, `plan` for the sammanträdesplan). This module only picks which of them a
meeting gets, so no document module needs to import it.
"""

from __future__ import annotations

from protogen.model import Meeting
from protogen.render.anslag import render_anslag, wants_anslag
from protogen.render.base import Output, RenderContext, render_protocol
from protogen.render.kallelse import render_kallelse
from protogen.render.utdrag import render_utdrag


def meeting_outputs(meeting: Meeting, ctx: RenderContext) -> list[Output]:
    """Every document of a meeting, by status (FORMAT.md's output table).

    protokoll.pdf/.html for utkast and justerat; kallelse.pdf always (bundled with the
    handlingar when items attach files); utdrag/<§>.pdf for every § and anslag.pdf (when the
    board has anslag) once the meeting is justerat.
    """
    outputs: list[Output] = []
    if meeting.status in ("utkast", "justerat"):
        outputs += render_protocol(meeting, ctx)
    outputs += render_kallelse(meeting, ctx)
    if meeting.status == "justerat":
        outputs += render_utdrag(meeting, ctx)
    if wants_anslag(meeting):
        outputs += render_anslag(meeting, ctx)
    return outputs
