"""Sammanträdesplan: the meetings held follow the board's plan for the year.

A board may list its planned meetings in organ.yaml under `sammanträdesplan` (`datum`, `tid`,
`plats`, `anteckning`, `inställt`). For every year with a plan: a meeting folder whose date is
not in the plan is a varning (an extra meeting, or a date typed wrong), and so is a planned
date that has passed with no meeting folder. Years without a plan are not checked.

The warning for a passed date is acknowledged, and is not given again, when the plan says what
happened: `inställt: true`, or an `anteckning` that says the meeting was cancelled or moved
("Inställt", "Utgår", "Ställs in", "Flyttat till 2024-03-14"). A date written in the
anteckning of a moved meeting counts as planned, so the meeting held that day is no extra one.

Passes::

    sammanträdesplan:
      - {datum: 2024-02-14, tid: "09:00", plats: Kommunhuset}
      - {datum: 2024-03-13, tid: "09:00", plats: Kommunhuset}
      - {datum: 2024-04-17, anteckning: Inställt}
      - {datum: 2024-05-15, inställt: true}
      - {datum: 2024-06-12, anteckning: Flyttat till 2024-06-13}
    # and meeting folders 2024-02-14, 2024-03-13 and 2024-06-13

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
import re
from collections.abc import Iterator

from protogen.model import Meeting, Organ, PlanEntry
from protogen.rules.base import Context, Problem, varning

ID = "sammantradesplan"
#: Words of an anteckning that acknowledge a passed date: inställt/inställd, utgår, ställs in,
#: flyttat/flyttad/flyttas.
CANCELLED = ("inställ", "utgår", "ställs in", "flytta")
_ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


def check_organ(organ: Organ, ctx: Context) -> Iterator[Problem]:
    planned = [entry for entry in organ.schedule if entry.date is not None]
    years = {entry.date.year for entry in planned if entry.date}
    if not years:
        return
    planned_days = {entry.date for entry in planned} | _moved_to(planned)
    held_days = {day for meeting in organ.meetings if (day := _day(meeting))}
    for meeting in organ.meetings:
        day = _day(meeting)
        if day is None or day.year not in years or day in planned_days:
            continue
        yield varning(
            meeting.at("datum"),
            f"sammanträdet {day.isoformat()} finns inte i sammanträdesplanen för {day.year}"
            + _nearest(day, planned),
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
            f"finns ingen mötesmapp {folder} (skriv inställt: true, eller anteckning: Inställt "
            f"eller Flyttat till ÅÅÅÅ-MM-DD, i planen så tystnar varningen)",
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
    """The plan says the date was cancelled or moved: the passed date is acknowledged."""
    note = (entry.note or "").casefold()
    return entry.cancelled or any(word in note for word in CANCELLED)


def _moved_to(planned: list[PlanEntry]) -> set[dt.date]:
    """Dates a moved meeting's anteckning names ("Flyttat till 2024-06-13")."""
    days = set()
    for entry in planned:
        for written in _ISO_DATE.findall(entry.note or ""):
            try:
                days.add(dt.date.fromisoformat(written))
            except ValueError:
                continue
    return days
