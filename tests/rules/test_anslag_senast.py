import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import meeting_data, organ_data, project, rule_findings
from where import is_fel, is_varning, line_at, only

RULE = "anslag-senast"


def d(text):
    return dt.date.fromisoformat(text)


def meeting(day, justering, uppsatt=None, **overrides):
    data = meeting_data(day, justering={"datum": d(justering)}, **overrides)
    if uppsatt is None:
        data.pop("anslag")
    else:
        data["anslag"] = {"uppsatt": d(uppsatt)}
    return data


def test_anslag_on_the_moved_last_day_passes(tmp_path):
    # DOMAIN.md: justering Fri 2020-02-21 → +2 = Sunday → Monday 2020-02-24.
    project(tmp_path, meeting("2020-02-14", "2020-02-21", "2020-02-24"))
    assert rule_findings(tmp_path, RULE) == []


def test_anslag_on_the_justering_day_passes(tmp_path):
    project(tmp_path, meeting("2020-02-14", "2020-02-21", "2020-02-21"))
    assert rule_findings(tmp_path, RULE) == []


def test_anslag_after_midsommar_deadline_is_a_fel(tmp_path):
    # DOMAIN.md: justering Wed 2020-06-17 → +2 = midsommarafton → Monday 2020-06-22.
    project(tmp_path, meeting("2020-06-10", "2020-06-17", "2020-06-23"))
    found = only(rule_findings(tmp_path, RULE))
    assert is_fel(found)
    assert found.pos.path == "protokoll/tn/2020-06-10/sammanträde.yaml"
    assert "uppsatt: 2020-06-23" in line_at(tmp_path, found)
    assert found.message == (
        "anslaget sattes upp 2020-06-23 men ska sättas upp senast måndag 2020-06-22 "
        "(två dagar efter justeringen 2020-06-17 är midsommarafton; KL 8 kap. 12 §)"
    )


def test_midsommar_monday_passes(tmp_path):
    project(tmp_path, meeting("2020-06-10", "2020-06-17", "2020-06-22"))
    assert rule_findings(tmp_path, RULE) == []


def test_late_anslag_without_a_moved_day(tmp_path):
    project(tmp_path, meeting("2024-03-13", "2024-03-18", "2024-03-21"))
    found = only(rule_findings(tmp_path, RULE))
    assert "senast onsdag 2024-03-20 (andra dagen efter justeringen 2024-03-18" in found.message


def test_anslag_over_easter(tmp_path):
    # 2024-03-27 + 2 = långfredagen; Easter and annandag påsk follow: Tuesday 2024-04-02.
    project(tmp_path, meeting("2024-03-20", "2024-03-27", "2024-04-02"))
    assert rule_findings(tmp_path, RULE) == []
    project(tmp_path, meeting("2024-03-20", "2024-03-27", "2024-04-03"))
    found = only(rule_findings(tmp_path, RULE))
    assert "senast tisdag 2024-04-02 (två dagar efter justeringen 2024-03-27 är långfredagen" in (
        found.message
    )


def test_anslag_before_the_justering_is_a_fel(tmp_path):
    project(tmp_path, meeting("2024-03-13", "2024-03-20", "2024-03-19"))
    found = only(rule_findings(tmp_path, RULE))
    assert is_fel(found)
    assert "anslaget sattes upp 2024-03-19, före justeringen 2024-03-20" in found.message


def test_justerat_meeting_without_anslag_is_a_fel(tmp_path):
    project(tmp_path, meeting("2020-02-14", "2020-02-21"))
    found = only(rule_findings(tmp_path, RULE))
    assert is_fel(found)
    assert found.pos.path.endswith("sammanträde.yaml")
    assert found.message.startswith("anslag.uppsatt saknas")
    assert "senast måndag 2020-02-24" in found.message


def test_utkast_without_anslag_passes(tmp_path):
    project(tmp_path, meeting("2020-02-14", "2020-02-21", status="utkast"))
    assert rule_findings(tmp_path, RULE) == []


def test_anslag_on_a_board_without_anslag_is_a_varning(tmp_path):
    project(tmp_path, meeting("2020-02-14", "2020-02-21", "2020-02-24"),
            organ=organ_data(anslag=False))
    found = only(rule_findings(tmp_path, RULE))
    assert is_varning(found)
    assert "anslag: false" in found.message
    assert "uppsatt" in line_at(tmp_path, found) or "anslag" in line_at(tmp_path, found)


def test_board_without_anslag_needs_none(tmp_path):
    project(tmp_path, meeting("2020-02-14", "2020-02-21"), organ=organ_data(anslag=False))
    assert rule_findings(tmp_path, RULE) == []
