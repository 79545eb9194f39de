import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import meeting_data, project, rule_findings
from where import is_fel, line_at, only

RULE = "anslag-nedtagning"


def d(text):
    return dt.date.fromisoformat(text)


def meeting(justering, uppsatt, nedtaget=None):
    anslag = {"uppsatt": d(uppsatt)}
    if nedtaget:
        anslag["nedtaget"] = d(nedtaget)
    day = d(justering) - dt.timedelta(days=7)
    return meeting_data(day.isoformat(), justering={"datum": d(justering)}, anslag=anslag)


def test_taken_down_on_the_last_day_passes(tmp_path):
    # DOMAIN.md: up Mon 2020-02-24 → Mon 2020-03-16.
    project(tmp_path, meeting("2020-02-21", "2020-02-24", "2020-03-16"))
    assert rule_findings(tmp_path, RULE) == []


def test_taken_down_later_passes(tmp_path):
    project(tmp_path, meeting("2020-02-21", "2020-02-24", "2020-04-01"))
    assert rule_findings(tmp_path, RULE) == []


def test_left_out_is_computed_and_passes(tmp_path):
    project(tmp_path, meeting("2020-02-21", "2020-02-24"))
    assert rule_findings(tmp_path, RULE) == []


def test_taken_down_before_the_three_weeks_is_a_fel(tmp_path):
    project(tmp_path, meeting("2020-02-21", "2020-02-24", "2020-03-13"))
    found = only(rule_findings(tmp_path, RULE))
    assert is_fel(found)
    assert "nedtaget: 2020-03-13" in line_at(tmp_path, found)
    assert found.message == (
        "anslaget togs ned 2020-03-13, före överklagandetidens slut: det ska sitta uppe till "
        "och med måndag 2020-03-16 (tre veckor efter uppsättandet 2020-02-24; KL 13 kap. 5 §)"
    )


def test_christmas_moves_the_last_day(tmp_path):
    # DOMAIN.md: up Fri 2020-12-04 → +21 = juldagen → Mon 2020-12-28.
    project(tmp_path, meeting("2020-12-03", "2020-12-04", "2020-12-28"))
    assert rule_findings(tmp_path, RULE) == []
    project(tmp_path, meeting("2020-12-03", "2020-12-04", "2020-12-25"))
    found = only(rule_findings(tmp_path, RULE))
    assert "till och med måndag 2020-12-28" in found.message
    assert "tre veckor efter uppsättandet 2020-12-04 är juldagen" in found.message


def test_taken_down_before_it_went_up_is_one_fel(tmp_path):
    project(tmp_path, meeting("2020-02-21", "2020-02-24", "2020-02-20"))
    found = only(rule_findings(tmp_path, RULE))
    assert "anslaget togs ned 2020-02-20, före det sattes upp (2020-02-24)" in found.message
    assert "2020-03-16" in found.message
    assert rule_findings(tmp_path, "datum-ordning") == []  # reported once, here


def test_taken_down_the_day_it_went_up(tmp_path):
    project(tmp_path, meeting("2020-02-21", "2020-02-24", "2020-02-24"))
    found = only(rule_findings(tmp_path, RULE))
    assert "samma dag som det sattes upp" in found.message
