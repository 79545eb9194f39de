"""Anslag (bevis om justering): the notice for the digital anslagstavla, `anslag.pdf`.

Made for a justerat meeting of a board that has anslag (KL 8 kap. 12 §). The first page is
the notice for the protocol: organ, sammanträdesdatum, justeringsdatum, the paragraphs, the
days the notice goes up and comes down, förvaringsplats and a signature line with an empty
signature field (`anslag`). The take-down day, when `nedtaget` is left out, is the last day of
the appeal period (three weeks from the day it went up, moved to a vardag: dates.appeal_end).

Every omedelbart justerad § gets a page of its own in the same file (field `anslag-p<§>`): it
was justerad at the meeting, so its notice goes up from the meeting day and stays up until
appeal_end(meeting day). One file, not one per §: the anslagstavla then holds one document per
meeting, and FORMAT.md's output table names that one file. The protocol's own notice still
lists all the meeting's §§, as the protocol it announces does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from protogen.law.anslag import paragraph_notice, protocol_notice
from protogen.law.numbering import format_paragraphs
from protogen.model import Meeting
from protogen.render.base import FRAME, Output, Reads, RenderContext, pdf_output, print_page
from protogen.render.signatures import anchor
from protogen.view import ItemView, MeetingView, meeting_view

FILE = "anslag.pdf"
TEMPLATE = "anslag.html"
READS = Reads(templates=(TEMPLATE, *FRAME))
FIELD = "anslag"  # the protocol's page; an omedelbart justerad § has "anslag-p<§>"


@dataclass
class AnslagSheet:
    """One page of anslag.pdf: the whole protocol, or one omedelbart justerad §."""

    paragraphs: str  # "§§ 1–9", "§ 5"
    adjusted: dt.date | None  # justeringsdatum
    posted: dt.date | None  # datum för anslags uppsättande
    taken_down: dt.date | None  # datum för anslags nedtagande
    taken_down_computed: bool
    appeal_last_day: dt.date | None  # sista dag för överklagande (laglighetsprövning)
    field: str  # the signature field's name; its anchor is "sig-<field>"
    item: ItemView | None = None  # the § of an omedelbart justerad page

    @property
    def anchor(self) -> str:
        return anchor(self.field)


def wanted(meeting: Meeting, public: bool = False) -> bool:
    """A justerat meeting of a board with anslag; the site shows the anslag as its
    anslagstavla's page, not as this PDF."""
    return (not public and meeting.status == "justerat" and meeting.organ is not None
            and meeting.organ.has_anslag)


def render(meeting: Meeting, ctx: RenderContext) -> list[Output]:
    if not wanted(meeting):
        return []
    # The internal view, since a public one hides whether a sekretess § was omedelbart
    # justerad; the template prints no title of a sekretess § (the anslag is public).
    view = meeting_view(meeting)
    sheets = anslag_sheets(meeting, view)
    fields = [(s.field, s.anchor) for s in sheets]
    return [pdf_output(ctx, FILE, print_page(meeting, ctx, TEMPLATE, view=view, fields=fields,
                                             anslag=sheets))]


def anslag_sheets(meeting: Meeting, view: MeetingView) -> list[AnslagSheet]:
    notice = protocol_notice(meeting)
    sheets = [AnslagSheet(
        paragraphs=format_paragraphs([i.number for i in view.items]),
        adjusted=view.adjustment_date,
        posted=notice.posted if notice else None,
        taken_down=notice.taken_down if notice else None,
        taken_down_computed=notice.taken_down_computed if notice else False,
        appeal_last_day=notice.appeal_last_day if notice else None,
        field=FIELD,
    )]
    immediate = paragraph_notice(meeting)
    if immediate is None:
        return sheets
    for item in view.items:
        if item.immediately_adjusted:
            sheets.append(AnslagSheet(
                paragraphs=format_paragraphs([item.number]), adjusted=immediate.adjusted,
                posted=immediate.posted, taken_down=immediate.taken_down,
                taken_down_computed=True, appeal_last_day=immediate.appeal_last_day,
                field=f"{FIELD}-p{item.number}", item=item,
            ))
    return sheets
