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

from protogen.dates import appeal_end
from protogen.loader.paragraphs import format_paragraphs
from protogen.model import Meeting
from protogen.render.docpdf import template_pdf
from protogen.render.documents import Output, RenderContext
from protogen.render.view import ItemView, MeetingView, meeting_view

FILE = "anslag.pdf"
TEMPLATE = "anslag.html"


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
        return f"sig-{self.field}"


def wants_anslag(meeting: Meeting) -> bool:
    return meeting.status == "justerat" and meeting.organ is not None and meeting.organ.has_anslag


def render_anslag(meeting: Meeting, ctx: RenderContext) -> list[Output]:
    if not wants_anslag(meeting):
        return []
    # The internal view, since a public one hides whether a sekretess § was omedelbart
    # justerad; the template prints no title of a sekretess § (the anslag is public).
    view = meeting_view(meeting)
    sheets = anslag_sheets(meeting, view)
    fields = [(s.field, s.anchor) for s in sheets]
    return [Output(FILE, template_pdf(meeting, ctx, TEMPLATE, view=view, fields=fields,
                                      anslag=sheets))]


def anslag_sheets(meeting: Meeting, view: MeetingView) -> list[AnslagSheet]:
    posting = view.posting
    posted = posting.posted if posting else None
    sheets = [AnslagSheet(
        paragraphs=format_paragraphs([i.number for i in view.items]),
        adjusted=view.adjustment_date,
        posted=posted,
        taken_down=posting.taken_down if posting else None,
        taken_down_computed=posting.computed if posting else False,
        appeal_last_day=appeal_end(posted) if posted else None,
        field="anslag",
    )]
    day = meeting.date
    for item in view.items:
        if not item.immediately_adjusted:
            continue
        end = appeal_end(day) if day else None
        sheets.append(AnslagSheet(
            paragraphs=format_paragraphs([item.number]), adjusted=day, posted=day,
            taken_down=end, taken_down_computed=True, appeal_last_day=end,
            field=f"anslag-p{item.number}", item=item,
        ))
    return sheets
