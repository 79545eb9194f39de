"""Sammanträdesplan: the meetings held follow the board's plan for the year.

A board may list its planned meetings in organ.yaml under `sammanträdesplan` (`datum`, `tid`,
`plats`, `anteckning`). For every year with a plan: a meeting folder whose date is not in the
plan is a varning (an extra meeting, or a date typed wrong), and so is a planned date that has
passed with no meeting folder. A planned meeting that was cancelled is marked with an
`anteckning` that says so ("inställt"). Years without a plan are not checked.

Passes::

    sammanträdesplan:
      - {datum: 2024-02-14, tid: "09:00", plats: Kommunhuset}
      - {datum: 2024-03-13, tid: "09:00", plats: Kommunhuset}
      - {datum: 2024-04-17, anteckning: Inställt}
    # and meeting folders 2024-02-14 and 2024-03-13

Fails::

    # meeting folder 2024-03-14
    → sammanträdet 2024-03-14 finns inte i sammanträdesplanen för 2024 (närmast planerat:
      2024-03-13)   (varning)

    # no folder for 2024-02-14, checked after that day
    → sammanträdet 2024-02-14 i sammanträdesplanen har passerat men det finns ingen mötesmapp
      protokoll/tn/2024-02-14   (varning)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from protogen.findings import Finding
from protogen.model import Meeting, Organ, PlanEntry
from protogen.rules.base import Context, varning

ID = "sammantradesplan"
LEVEL = "varning"
CANCELLED = ("inställ", "utgår", "ställs in")  # inställt, inställd, utgår, ställs in


def check_organ(organ: Organ, ctx: Context) -> Iterator[Finding]:
    planned = [entry for entry in organ.schedule if entry.date is not None]
    years = {entry.date.year for entry in planned if entry.date}
    if not years:
        return
    planned_days = {entry.date for entry in planned}
    held_days = {day for meeting in organ.meetings if (day := _day(meeting))}
    for meeting in organ.meetings:
        day = _day(meeting)
        if day is None or day.year not in years or day in planned_days:
            continue
        yield varning(
            meeting.at("datum"),
            f"sammanträdet {day.isoformat()} finns inte i sammanträdesplanen för {day.year}"
            + _nearest(day, planned),
            ID,
        )
    for entry in planned:
        if entry.date is None or entry.date >= ctx.today or entry.date in held_days:
            continue
        if _cancelled(entry):
            continue
        folder = f"protokoll/{organ.id}/{entry.date.isoformat()}"
        yield varning(
            entry.at("datum"),
            f"sammanträdet {entry.date.isoformat()} i sammanträdesplanen har passerat men det "
            f"finns ingen mötesmapp {folder} (skriv anteckning: Inställt om det ställdes in)",
            ID,
        )


def _day(meeting: Meeting) -> dt.date | None:
    return meeting.date or meeting.folder_date


def _nearest(day: dt.date, planned: list[PlanEntry]) -> str:
    same_year = [entry.date for entry in planned if entry.date and entry.date.year == day.year]
    if not same_year:
        return ""
    nearest = min(same_year, key=lambda planned_day: abs((planned_day - day).days))
    return f" (närmast planerat: {nearest.isoformat()})"


def _cancelled(entry: PlanEntry) -> bool:
    note = (entry.note or "").casefold()
    return any(word in note for word in CANCELLED)
