"""The documents of a meeting, in one tuple: what `build`, `publish` and the archive call.

Each document is a module of its own that names its template(s), its signature fields and
what it reads (`READS`, a `base.Reads`), and offers two functions: `wanted(meeting, public)`,
whether the meeting has it at its status (FORMAT.md's output table), and
`render(meeting, ctx) -> list[Output]`. The sammanträdesplan is a board's document, not a
meeting's: `sammantradesplan.render(organ, ctx)`, called by build once per board.

The public copies (`publish`) are the same documents rendered from the public view
(`RenderContext.view`), with their PDFs deferred (`RenderContext.defer`) until every text of
the site has passed the personnummer scan.
"""

from __future__ import annotations

from typing import Protocol

from protogen.model import Meeting
from protogen.render import anslag, kallelse, protokoll, utdrag
from protogen.render.base import Output, Reads, RenderContext


class Document(Protocol):
    """What a document module offers (mypy holds each module in DOCUMENTS to it)."""

    TEMPLATE: str  # its own template (READS.templates names all it renders)
    READS: Reads

    def wanted(self, meeting: Meeting, public: bool = False) -> bool: ...

    def render(self, meeting: Meeting, ctx: RenderContext) -> list[Output]: ...


#: The documents of a meeting, in the order they are rendered.
DOCUMENTS: tuple[Document, ...] = (protokoll, kallelse, utdrag, anslag)


def wanted(meeting: Meeting, public: bool = False) -> list[Document]:
    """The documents `meeting` has at its status (its public copies when `public`):
    protokoll for utkast and justerat (public: justerat); kallelse always; an utdrag per §
    once justerat; anslag.pdf once justerat when the board has anslag (not on the site)."""
    return [document for document in DOCUMENTS if document.wanted(meeting, public)]


def meeting_outputs(meeting: Meeting, ctx: RenderContext) -> list[Output]:
    """Every document of `meeting` (its public copies when `ctx` gives the public view)."""
    return [output for document in wanted(meeting, ctx.public)
            for output in document.render(meeting, ctx)]
