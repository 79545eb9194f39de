"""Framtida datum: a held or justerat meeting dated after today is a varning (check --datum)."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import meeting_data, project, rule_findings
from where import is_varning, line_at, only

ID = "framtida-datum"


def test_a_justerat_meeting_after_today_is_a_varning_at_its_datum(tmp_path):
    project(tmp_path)  # 2024-03-13, justerat 2024-03-20
    found = only(rule_findings(tmp_path, ID, today=dt.date(2024, 3, 1)))
    assert is_varning(found)
    assert line_at(tmp_path, found).startswith("datum: 2024-03-13")
    assert "efter dagens datum 2024-03-01" in found.message and "status justerat" in found.message


def test_an_utkast_after_today_is_a_varning(tmp_path):
    project(tmp_path, meeting_data(status="utkast"))
    found = only(rule_findings(tmp_path, ID, today=dt.date(2024, 3, 12)))
    assert "status utkast" in found.message


def test_a_justering_in_the_future_is_a_varning_at_the_justering(tmp_path):
    project(tmp_path)
    found = only(rule_findings(tmp_path, ID, today=dt.date(2024, 3, 18)))
    assert is_varning(found)
    assert line_at(tmp_path, found).strip().startswith("datum: 2024-03-20")
    assert found.message.startswith("justeringen 2024-03-20 ligger efter dagens datum 2024-03-18")


@pytest.mark.parametrize("status,today", [
    ("kallelse", dt.date(2024, 3, 1)),   # a coming meeting is what a kallelse is
    ("justerat", dt.date(2024, 3, 20)),  # justerat today
    ("utkast", dt.date(2024, 3, 13)),    # the draft written the same day
])
def test_dates_up_to_today_and_coming_kallelser_pass(tmp_path, status, today):
    project(tmp_path, meeting_data(status=status))
    assert rule_findings(tmp_path, ID, today=today) == []


def test_check_datum_on_the_command_line_decides_today(tmp_path, capsys):
    from contextlib import chdir

    from protogen.cli import main

    project(tmp_path)
    with chdir(tmp_path):
        assert main(["check", "--datum", "2024-03-18"]) == 0  # a varning: exit 0
    assert "[framtida-datum]" in capsys.readouterr().out
