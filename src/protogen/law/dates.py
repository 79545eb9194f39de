"""Swedish deadlines: vardagar, and the justering, anslag and appeal-period arithmetic.

Lag (1930:173) om beräkning av lagstadgad tid, 2 §: a deadline that ends on a Saturday, a
Sunday, a public holiday (Lag 1989:253), midsommarafton, julafton or nyårsafton moves to the
next vardag. The movable holidays come from the maintained `holidays` library (Sweden,
PUBLIC and DE_FACTO categories; the latter holds the three aftnar).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

APPEAL_WEEKS = 3  # KL 13 kap. 5 §: laglighetsprövning within three weeks of the anslag
ANSLAG_DAYS = 2  # KL 8 kap. 12 §: anslag by the second day after the justering


@lru_cache(maxsize=1)
def _sweden() -> Any:
    """holidays' Sweden class, without the rest of the world.

    `holidays.country_holidays("SE")` and even `from holidays.countries.sweden import Sweden`
    import the package `holidays.countries`, which imports all 250 countries (most of what a
    check of one meeting cost). The Sweden module needs none of them: it is loaded from its
    file on its own. Should a holidays release move it, the library's own way is used.
    """
    import holidays  # the package itself loads countries lazily

    path = Path(holidays.__file__).parent / "countries" / "sweden.py"
    try:
        spec = importlib.util.spec_from_file_location("protogen._holidays_se", path)
        if spec is None or spec.loader is None:
            raise ImportError(path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module.Sweden
    except (ImportError, OSError, AttributeError):
        return None


_TABLE_FORMAT = "protogen-helgdagar 2"
#: The days of these years as the holidays release it names gave them, shipped with protogen
#: (`scripts/helgdagar.py` writes it): a check with no cache folder need not import the
#: library, which costs more than the rest of a one-meeting check's start-up.
#: (Beside this module, not in data/: publish copies data/ into the site.)
SHIPPED = Path(__file__).resolve().parent / "helgdagar.json"
SHIPPED_YEARS = range(1950, 2101)
#: The library's files that decide Sweden's days and their Swedish names, beside its RECORD
#: (the sha256 of every file of the installed release).
_LIBRARY_FILES = ("version.py", "holiday_base.py", "countries/sweden.py", "groups/christian.py",
                  "groups/international.py", "calendars/gregorian.py",
                  "locale/sv/LC_MESSAGES/SE.mo")


@lru_cache(maxsize=1)
def library_digest() -> str | None:
    """A digest of the installed holidays release (its RECORD and the files Sweden's days
    come from), found without importing it; None when there is no library."""
    import hashlib

    spec = importlib.util.find_spec("holidays")  # finds the package without importing it
    if spec is None or spec.origin is None:
        return None
    package = Path(spec.origin).parent
    digest = hashlib.sha256(_TABLE_FORMAT.encode())
    try:
        for name in _LIBRARY_FILES:
            digest.update(name.encode() + b"\0" + (package / name).read_bytes())
        for entry in sorted(os.listdir(package.parent)):
            if entry.startswith("holidays-") and entry.endswith(".dist-info"):
                digest.update(entry.encode() + b"\0" + (package.parent / entry / "RECORD").read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _table_file() -> Path | None:
    """Where the holidays of the years asked for so far are kept (the user's cache folder),
    keyed by the installed holidays release: a check then starts without importing the
    library at all. None when there is no cache folder or no library."""
    from protogen.cache import cache_home

    home = cache_home()
    digest = library_digest() if home is not None else None
    if home is None or digest is None:
        return None
    return home / "helgdagar" / f"{digest[:32]}.json"


@lru_cache(maxsize=1)
def _shipped() -> dict[str, list[list[str]]]:
    """The table shipped with protogen, when the installed library is the release it was
    made from (else empty: the library answers)."""
    digest = library_digest()
    if digest is None:
        return {}
    import json

    try:
        data = json.loads(SHIPPED.read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("bibliotek") != digest:
        return {}
    return verified_years(data)


def content_digest(years: dict[str, Any]) -> str:
    """The digest of a table's years as `scripts/helgdagar.py` and the user cache write them."""
    import hashlib
    import json

    text = json.dumps(years, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def verified_years(data: object) -> dict[str, list[list[str]]]:
    """A table's years (`år`) when they are what was written (`innehåll`, their digest): a
    table edited or damaged since gives nothing, and the library answers."""
    if not isinstance(data, dict):
        return {}
    years = data.get("år")
    if not isinstance(years, dict) or data.get("innehåll") != content_digest(years):
        return {}
    return years


def _read_tables() -> dict[str, list[list[str]]]:
    path = _table_file()
    if path is None:
        return {}
    import json

    from protogen.cache import read_own

    raw = read_own(path)  # None: missing, or written by another user (a shared cache folder)
    try:
        data = json.loads(raw.decode("utf-8")) if raw is not None else {}
    except ValueError:
        return {}
    return verified_years(data)


def _from_table(year: int) -> dict[dt.date, str] | None:
    rows = _shipped().get(str(year))
    if rows is None:
        rows = _read_tables().get(str(year))
    if not isinstance(rows, list):
        return None
    try:
        return {dt.date.fromisoformat(day): str(name) for day, name in rows}
    except (TypeError, ValueError):
        return None


def table_rows(days: dict[dt.date, str]) -> list[list[str]]:
    return [[day.isoformat(), name] for day, name in sorted(days.items())]


def _to_table(year: int, days: dict[dt.date, str]) -> None:
    path = _table_file()
    if path is None:
        return
    import json

    tables = _read_tables()
    tables[str(year)] = table_rows(days)
    from protogen.cache import write_own

    data = {"innehåll": content_digest(tables), "år": tables}
    write_own(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> dict[dt.date, str]:
    known = _from_table(year)
    if known is not None:
        return known
    days = _holidays_from_library(year)
    _to_table(year, days)
    return days


def _holidays_from_library(year: int) -> dict[dt.date, str]:
    import holidays  # imported lazily: it is slow to import and only dates need it

    options: dict[str, Any] = {"years": year, "categories": (holidays.PUBLIC, holidays.DE_FACTO),
                               "language": "sv"}
    sweden_class = _sweden()
    sweden = sweden_class(**options) if sweden_class else holidays.country_holidays("SE", **options)
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


def format_date(day: dt.date, pattern: str, locale: str) -> str:
    """Babel's format_date, imported when a date is first written out (not at start-up: a
    check that finds nothing never needs it)."""
    from babel.dates import format_date as babel_format

    return str(babel_format(day, pattern, locale=locale))


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
