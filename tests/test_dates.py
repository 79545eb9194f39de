"""The vardag arithmetic of Lag (1930:173), across Easter, midsommar, Christmas and the rest."""

import datetime as dt

import pytest

from protogen.law.dates import (
    adjustment_deadline,
    appeal_end,
    day_label,
    holiday_name,
    is_vardag,
    moved_reason,
    next_vardag,
    posting_deadline,
    why_moved,
)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# -- the days that are not vardagar ------------------------------------------------------------

@pytest.mark.parametrize(
    ("day", "name"),
    [
        ("2020-01-01", "nyårsdagen"),
        ("2020-01-06", "trettondedag jul"),
        ("2020-04-10", "långfredagen"),
        ("2020-04-12", "påskdagen"),
        ("2020-04-13", "annandag påsk"),
        ("2020-05-01", "första maj"),
        ("2020-05-21", "Kristi himmelsfärdsdag"),
        ("2020-05-31", "pingstdagen"),
        ("2020-06-06", "nationaldagen"),
        ("2020-06-19", "midsommarafton"),
        ("2020-06-20", "midsommardagen"),
        ("2020-10-31", "alla helgons dag"),
        ("2020-12-24", "julafton"),
        ("2020-12-25", "juldagen"),
        ("2020-12-26", "annandag jul"),
        ("2020-12-31", "nyårsafton"),
        ("2024-03-29", "långfredagen"),
        ("2024-04-01", "annandag påsk"),
        ("2024-05-09", "Kristi himmelsfärdsdag"),
        ("2024-06-06", "nationaldagen"),
        ("2024-06-21", "midsommarafton"),
        ("2024-11-02", "alla helgons dag"),
    ],
)
def test_holidays_and_aftnar_are_not_vardagar(day, name):
    assert not is_vardag(d(day))
    assert holiday_name(d(day)) is not None
    assert why_moved(d(day)) == name


def test_weekends_are_not_vardagar_and_are_named_by_weekday():
    assert not is_vardag(d("2020-02-22"))
    assert not is_vardag(d("2020-02-23"))
    assert why_moved(d("2020-02-23")) == "söndag"
    assert holiday_name(d("2020-02-23")) is None  # a plain Sunday is no named holiday


@pytest.mark.parametrize(
    "day",
    ["2020-02-21", "2020-04-09", "2020-04-14", "2020-05-22", "2020-06-18", "2020-12-23",
     "2020-12-28", "2020-12-30", "2021-01-05", "2021-01-07", "2024-04-02"],
)
def test_ordinary_weekdays_around_the_holidays_are_vardagar(day):
    assert is_vardag(d(day))


def test_aftnar_that_are_not_in_the_law_are_vardagar_when_on_a_weekday():
    # Skärtorsdagen and the day before Kristi himmelsfärd are ordinary working days.
    assert is_vardag(d("2020-04-09"))
    assert is_vardag(d("2020-05-20"))


# -- next_vardag -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("day", "vardag"),
    [
        ("2020-02-19", "2020-02-19"),  # a vardag stays
        ("2020-02-22", "2020-02-24"),  # Saturday → Monday
        ("2020-04-10", "2020-04-14"),  # långfredagen → past Easter and annandag påsk
        ("2020-04-11", "2020-04-14"),  # påskafton (a Saturday)
        ("2020-05-21", "2020-05-22"),  # Kristi himmelsfärdsdag → Friday
        ("2020-05-30", "2020-06-01"),  # pingstafton, pingstdagen (a Sunday) → Monday
        ("2021-06-06", "2021-06-07"),  # nationaldagen on a Sunday
        ("2023-06-06", "2023-06-07"),  # nationaldagen on a Tuesday
        ("2020-06-19", "2020-06-22"),  # midsommarafton → Monday
        ("2022-11-05", "2022-11-07"),  # alla helgons dag (a Saturday)
        ("2020-12-24", "2020-12-28"),  # julafton, juldagen, annandag jul, Sunday
        ("2024-12-24", "2024-12-27"),  # julafton Tuesday → Friday after annandag jul
        ("2020-12-31", "2021-01-04"),  # nyårsafton, nyårsdagen, weekend → Monday
        ("2024-12-31", "2025-01-02"),  # nyårsafton Tuesday → past nyårsdagen
        ("2022-01-06", "2022-01-07"),  # trettondedag jul on a Thursday
    ],
)
def test_next_vardag(day, vardag):
    assert next_vardag(d(day)) == d(vardag)


# -- the deadlines of DOMAIN.md ----------------------------------------------------------------

@pytest.mark.parametrize(
    ("justering", "last_day"),
    [
        ("2020-02-21", "2020-02-24"),  # +2 = Sunday → Monday (DOMAIN.md)
        ("2020-06-17", "2020-06-22"),  # +2 = midsommarafton → Monday (DOMAIN.md)
        ("2024-03-27", "2024-04-02"),  # +2 = långfredagen → Tuesday after annandag påsk
        ("2020-04-08", "2020-04-14"),  # +2 = långfredagen 2020 → Tuesday
        ("2020-05-19", "2020-05-22"),  # +2 = Kristi himmelsfärdsdag → Friday
        ("2020-12-22", "2020-12-28"),  # +2 = julafton → Monday after Christmas
        ("2020-12-29", "2021-01-04"),  # +2 = nyårsafton → Monday after nyårsdagen
        ("2021-01-04", "2021-01-07"),  # +2 = trettondedag jul (Wednesday) → Thursday
        ("2024-06-04", "2024-06-07"),  # +2 = nationaldagen (Thursday) → Friday
        ("2024-10-31", "2024-11-04"),  # +2 = alla helgons dag (Saturday) → Monday
        ("2020-02-19", "2020-02-21"),  # +2 = Friday, a vardag: no move
    ],
)
def test_posting_deadline(justering, last_day):
    assert posting_deadline(d(justering)) == d(last_day)


@pytest.mark.parametrize(
    ("posted", "last_day"),
    [
        ("2020-02-24", "2020-03-16"),  # DOMAIN.md: three weeks, a Monday
        ("2020-12-04", "2020-12-28"),  # DOMAIN.md: +21 = juldagen → Monday
        ("2020-03-20", "2020-04-14"),  # +21 = långfredagen → Tuesday after annandag påsk
        ("2020-03-23", "2020-04-14"),  # +21 = annandag påsk → Tuesday
        ("2020-04-30", "2020-05-22"),  # +21 = Kristi himmelsfärdsdag → Friday
        ("2020-05-29", "2020-06-22"),  # +21 = midsommarafton → Monday
        ("2020-12-10", "2021-01-04"),  # +21 = nyårsafton → Monday
        ("2020-12-16", "2021-01-07"),  # +21 = trettondedag jul (Wednesday) → Thursday
        ("2024-05-16", "2024-06-07"),  # +21 = nationaldagen (Thursday) → Friday
    ],
)
def test_appeal_end(posted, last_day):
    assert appeal_end(d(posted)) == d(last_day)


@pytest.mark.parametrize(
    ("meeting", "last_day"),
    [
        ("2020-02-14", "2020-02-28"),  # +14 = Friday, a vardag
        ("2020-12-11", "2020-12-28"),  # +14 = juldagen → Monday
        ("2020-03-27", "2020-04-14"),  # +14 = långfredagen → Tuesday after Easter
        ("2024-06-07", "2024-06-24"),  # +14 = midsommarafton → Monday
        ("2020-12-17", "2021-01-04"),  # +14 = nyårsafton → Monday
    ],
)
def test_adjustment_deadline(meeting, last_day):
    assert adjustment_deadline(d(meeting)) == d(last_day)


def test_a_board_may_shorten_the_adjustment_days():
    assert adjustment_deadline(d("2020-02-14"), 7) == d("2020-02-21")
    assert adjustment_deadline(d("2020-12-17"), 7) == d("2020-12-28")  # +7 = julafton


# -- saying why --------------------------------------------------------------------------------

def test_day_label_names_the_weekday():
    assert day_label(d("2020-06-22")) == "måndag 2020-06-22"


def test_moved_reason():
    assert (
        moved_reason(d("2020-06-19"), "två dagar efter justeringen 2020-06-17")
        == "två dagar efter justeringen 2020-06-17 är midsommarafton"
    )
    assert moved_reason(d("2020-02-23"), "x") == "x är en söndag"
    assert moved_reason(d("2020-05-21"), "x") == "x är Kristi himmelsfärdsdag"
    assert moved_reason(d("2020-02-21"), "x") == ""


def test_the_ends_of_the_calendar_do_not_crash():
    # A typo such as 9999-12-31 must give a finding, not a traceback.
    assert posting_deadline(dt.date.max) == dt.date.max
    assert appeal_end(dt.date(9999, 12, 20)) == dt.date.max
    assert adjustment_deadline(dt.date.max) == dt.date.max


def test_only_sweden_is_loaded_and_it_gives_the_librarys_days() -> None:
    """dates loads holidays' Sweden module on its own (fast start); the days are those of
    holidays.country_holidays("SE")."""

    import holidays

    from protogen.law import dates

    for year in (1999, 2020, 2024, 2038):
        library = holidays.country_holidays("SE", years=year, language="sv",
                                            categories=(holidays.PUBLIC, holidays.DE_FACTO))
        expected = {d: n for d, n in library.items() if n.lower() not in ("söndag", "sunday")}
        assert dates._holidays_of(year) == expected
    code = ("import sys, datetime; from protogen.law.dates import holiday_name; "
            "assert holiday_name(datetime.date(2024, 6, 21)) == 'Midsommarafton'; "
            "print(sorted(m for m in sys.modules if m.startswith('holidays.countries')))")
    assert _python(code).strip() == "[]"


def test_the_holidays_of_a_year_are_kept_and_need_no_library_the_next_time(
        tmp_path, monkeypatch) -> None:

    from protogen.law import dates

    monkeypatch.setenv("PROTOGEN_CACHE", str(tmp_path))
    # A year the table shipped with protogen does not hold.
    code = ("import sys, datetime; from protogen.law import dates; "
            "print(sorted(dates._holidays_of(2150).items())); "
            "print('holidays' in sys.modules)")
    first = _python(code).splitlines()
    second = _python(code).splitlines()
    assert first[1] == "True" and second[1] == "False"
    assert first[0] == second[0] == str(sorted(dates._holidays_from_library(2150).items()))
    # A damaged table is read past: the library answers again.
    for table in (tmp_path / "helgdagar").glob("*.json"):
        table.write_text('{"2150": [["2150-13-01", "Fel"]]}', encoding="utf-8")
    third = _python(code).splitlines()
    assert third == first


def test_the_shipped_table_gives_the_librarys_days() -> None:
    """protogen ships the days of 1950-2100 (scripts/helgdagar.py); it uses them only while
    the installed holidays release is the one they were made from, and they are then that
    release's days, every year."""
    import json

    from protogen.law import dates

    shipped = json.loads(dates.SHIPPED.read_text(encoding="utf-8"))
    if shipped["bibliotek"] != dates.library_digest():
        assert dates._shipped() == {}
        pytest.skip("the shipped table is from another holidays release: "
                    "python scripts/helgdagar.py writes it again")
    assert sorted(shipped["år"]) == [str(year) for year in dates.SHIPPED_YEARS]
    for year in dates.SHIPPED_YEARS:
        assert dates._from_table(year) == dates._holidays_from_library(year), year


def test_a_check_with_no_cache_folder_does_not_import_holidays(tmp_path, monkeypatch) -> None:

    from protogen.law import dates

    if dates._shipped() == {}:
        pytest.skip("the shipped table is from another holidays release")
    monkeypatch.setenv("PROTOGEN_CACHE", "av")
    code = ("import sys, datetime; from protogen.law.dates import holiday_name; "
            "assert holiday_name(datetime.date(2024, 6, 21)) == 'Midsommarafton'; "
            "print('holidays' in sys.modules)")
    assert _python(code).strip() == "False"


def test_a_table_from_another_release_is_not_used(tmp_path, monkeypatch) -> None:
    import json

    from protogen.law import dates

    other = tmp_path / "helgdagar.json"
    other.write_text(json.dumps({"bibliotek": "0" * 64, "år": {"2024": []}}), encoding="utf-8")
    monkeypatch.setattr(dates, "SHIPPED", other)
    dates._shipped.cache_clear()
    try:
        assert dates._shipped() == {}
        years = {"2024": []}
        other.write_text(json.dumps({"bibliotek": dates.library_digest(), "år": years,
                                     "innehåll": dates.content_digest(years)}),
                         encoding="utf-8")
        dates._shipped.cache_clear()
        assert dates._shipped() == {"2024": []}
    finally:
        dates._shipped.cache_clear()


def _python(code: str) -> str:
    """What a fresh interpreter running `code` prints."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.parametrize("edit", ["drop", "move", "year"])
def test_an_edited_or_damaged_shipped_table_is_not_used(tmp_path, monkeypatch, edit) -> None:
    """A shipped table whose days were changed after scripts/helgdagar.py wrote it (a row
    dropped or moved, a year emptied), its release digest left as it was, never gives its
    days: the library answers."""
    import json

    from protogen.law import dates

    data = json.loads(dates.SHIPPED.read_text(encoding="utf-8"))
    if data["bibliotek"] != dates.library_digest():
        pytest.skip("the shipped table is from another holidays release")
    rows = data["år"]["2024"]
    if edit == "drop":
        rows.remove(["2024-06-21", "Midsommarafton"])
    elif edit == "move":
        rows[rows.index(["2024-06-21", "Midsommarafton"])] = ["2024-06-28", "Midsommarafton"]
    else:
        data["år"]["2024"] = []
    other = tmp_path / "helgdagar.json"
    other.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                     encoding="utf-8")
    monkeypatch.setattr(dates, "SHIPPED", other)
    monkeypatch.setenv("PROTOGEN_CACHE", "av")
    dates._shipped.cache_clear()
    dates._table_file.cache_clear()
    dates._holidays_of.cache_clear()
    try:
        assert dates._shipped() == {}
        assert dates.holiday_name(dt.date(2024, 6, 21)) == "Midsommarafton"
        assert dates.holiday_name(dt.date(2024, 6, 28)) is None
    finally:
        dates._shipped.cache_clear()
        dates._table_file.cache_clear()
        dates._holidays_of.cache_clear()


def test_an_edited_user_table_is_not_used(tmp_path, monkeypatch) -> None:
    """The user cache's table of a year (helgdagar/) edited by hand: the library answers.
    (Without the shipped table, which holds every year the library knows.)"""
    monkeypatch.setenv("PROTOGEN_CACHE", str(tmp_path))
    code = ("import datetime, pathlib; from protogen.law import dates; "
            f"dates.SHIPPED = pathlib.Path({str(tmp_path / 'saknas.json')!r}); "
            "print(dates.holiday_name(datetime.date(2024, 12, 25)))")
    assert _python(code).strip() == "Juldagen"
    for table in (tmp_path / "helgdagar").glob("*.json"):
        text = table.read_text(encoding="utf-8")
        assert "2024-12-25" in text
        table.write_text(text.replace("2024-12-25", "2024-12-27"), encoding="utf-8")
    assert _python(code).strip() == "Juldagen"
