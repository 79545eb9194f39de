"""Sammanträdesplan: a board's planned meetings, one PDF per year.

`sammanträdesplan:` in organ.yaml (read into `organ.schedule`) becomes
`build/<organ>/sammanträdesplan-<år>.pdf` for every year it names, through the template
`sammantradesplan.html` of the board's look. Paths are relative to build/<organ>/.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from protogen import __version__
from protogen.law.dates import build_epoch, weekday
from protogen.model import Organ, PlanEntry
from protogen.render.base import (
    FRAME,
    Output,
    PdfJob,
    Reads,
    RenderContext,
    board_look,
    pdf_output,
    title_and_subject,
)
from protogen.render.templates import render as render_template
from protogen.view import organ_view

TEMPLATE = "sammantradesplan.html"
READS = Reads(templates=(TEMPLATE, *FRAME), images=False)


@dataclass
class PlanRow:
    date: dt.date
    weekday: str  # "måndag"
    time: str | None
    place: str | None
    note: str | None


def plan_path(year: int) -> str:
    return f"sammanträdesplan-{year}.pdf"


def render(organ: Organ, ctx: RenderContext) -> list[Output]:
    """One PDF per year of the board's plan; none when the board has no plan. Its subject
    is the board, not a meeting: build calls it once per board."""
    entries = sorted((e for e in organ.schedule if e.date is not None),
                     key=lambda e: (e.date, e.time or ""))
    # Through the build's PDF cache: an unchanged plan is not rendered again.
    return [pdf_output(ctx, plan_path(year), plan_job(organ, ctx, year, list(group)))
            for year, group in groupby(entries, key=lambda e: e.date.year)]  # type: ignore[union-attr]


def plan_job(organ: Organ, ctx: RenderContext, year: int, entries: list[PlanEntry]) -> PdfJob:
    rows = [PlanRow(e.date, weekday(e.date), e.time, e.place, e.note)
            for e in entries if e.date is not None]
    page = render_template(ctx.root, board_look(organ, ctx.root), TEMPLATE,
                           organ=organ_view(organ), ar=year, rader=rows, medium="tryck",
                           title=organ.name, author=organ.name,
                           generator=f"protogen {__version__}")
    title, subject = title_and_subject(page, f"{organ.name} {year}")
    return PdfJob(page, organ.folder, title, (), organ.name, subject, plan_epoch(year))


def plan_epoch(year: int) -> int:
    """SOURCE_DATE_EPOCH when set, else 1 January of the plan's year: never the clock."""
    return build_epoch(dt.date(year, 1, 1))
