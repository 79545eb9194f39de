"""Swedish deadlines: vardagar, and the justering, anslag and appeal-period arithmetic.

Lag (1930:173) om beräkning av lagstadgad tid, 2 §: a deadline that ends on a Saturday, a
Sunday, a public holiday (Lag 1989:253), midsommarafton, julafton or nyårsafton moves to the
next vardag. The movable holidays come from the maintained `holidays` library (Sweden,
PUBLIC and DE_FACTO categories; the latter holds the three aftnar).
"""

from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache

from babel.dates import format_date

APPEAL_WEEKS = 3  # KL 13 kap. 5 §: laglighetsprövning within three weeks of the anslag
ANSLAG_DAYS = 2  # KL 8 kap. 12 §: anslag by the second day after the justering


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> dict[dt.date, str]:
    import holidays  # imported lazily: it is slow to import and only dates need it

    sweden = holidays.country_holidays(
        "SE", years=year, categories=(holidays.PUBLIC, holidays.DE_FACTO), language="sv"
    )
    # The library counts every Sunday as a holiday in Sweden; keep only named days.
    return {day: name for day, name in sweden.items() if name.lower() not in ("söndag", "sunday")}


def holiday_name(day: dt.date) -> str | None:
    return _holidays_of(day.year).get(day)


def is_vardag(day: dt.date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None


def next_vardag(day: dt.date) -> dt.date:
    """`day` itself when it is a vardag, else the first vardag after it."""
    while not is_vardag(day) and day < dt.date.max:
        day += dt.timedelta(days=1)
    return day


def previous_vardag(day: dt.date) -> dt.date:
    """`day` itself when it is a vardag, else the last vardag before it (a notice that must go
    out at least N days ahead moves earlier, never later)."""
    while not is_vardag(day) and day > dt.date.min:
        day -= dt.timedelta(days=1)
    return day


def shift(day: dt.date, days: int) -> dt.date:
    """`day` plus `days`, held at the calendar's ends (a typo like 9999-12-31 must not crash)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def adjustment_deadline(meeting_day: dt.date, days: int = 14) -> dt.date:
    """The last day for the justering: meeting + 14 days, moved to a vardag."""
    return next_vardag(shift(meeting_day, days))


def posting_deadline(adjusted_on: dt.date) -> dt.date:
    """The last day the anslag may go up: the second day after the justering, moved."""
    return next_vardag(shift(adjusted_on, ANSLAG_DAYS))


def appeal_end(posted_on: dt.date) -> dt.date:
    """The last day of the appeal period, and so the earliest take-down day."""
    return next_vardag(shift(posted_on, 7 * APPEAL_WEEKS))


def why_moved(day: dt.date) -> str:
    """Why a day is not a vardag, in Swedish ('lördag', 'midsommarafton', …)."""
    name = holiday_name(day)
    if name:
        return _common_noun(name)
    return weekday(day)


def _common_noun(name: str) -> str:
    """'Långfredagen' → 'långfredagen', but 'Kristi himmelsfärdsdag' keeps its proper name."""
    return name if name.startswith("Kristi") else name[:1].lower() + name[1:]


def weekday(day: dt.date) -> str:
    """'måndag'."""
    return format_date(day, "EEEE", locale="sv")


def day_label(day: dt.date) -> str:
    """'måndag 2020-06-22': how a finding names a deadline."""
    return f"{weekday(day)} {day.isoformat()}"


def moved_reason(counted_day: dt.date, counted: str) -> str:
    """Why a deadline moved, e.g. 'två dagar efter justeringen 2020-06-17 är midsommarafton'.

    `counted_day` is the day the counting lands on, `counted` says how it was counted. Empty
    when that day is a vardag and nothing moved.
    """
    if is_vardag(counted_day):
        return ""
    if holiday_name(counted_day):
        return f"{counted} är {why_moved(counted_day)}"
    return f"{counted} är en {weekday(counted_day)}"


def long_date(day: dt.date) -> str:
    """'fredag 14 februari 2020'."""
    return format_date(day, "EEEE d MMMM y", locale="sv")


def plain_date(day: dt.date) -> str:
    """'14 februari 2020'."""
    return format_date(day, "d MMMM y", locale="sv")


def build_epoch(fallback: dt.date) -> int:
    """The moment a build stamps on its output: SOURCE_DATE_EPOCH when set, else midnight UTC
    of a date taken from the inputs (never the clock, so a rebuild gives the same bytes)."""
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env.isdigit():
        return int(env)
    return int(dt.datetime(fallback.year, fallback.month, fallback.day, tzinfo=dt.UTC).timestamp())
