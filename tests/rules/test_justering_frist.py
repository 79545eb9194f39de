import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import meeting_data, organ_data, project, rule_findings
from where import is_fel, line_at, only

RULE = "justering-frist"


def d(text):
    return dt.date.fromisoformat(text)


def test_justering_within_14_days_passes(tmp_path):
    project(tmp_path, meeting_data("2024-03-13", justering={"datum": d("2024-03-27")},
                                   anslag={"uppsatt": d("2024-03-27")}))
    assert rule_findings(tmp_path, RULE) == []


def test_justering_on_the_meeting_day_passes(tmp_path):
    project(tmp_path, meeting_data("2024-03-13", justering={"datum": d("2024-03-13")},
                                   anslag={"uppsatt": d("2024-03-13")}))
    assert rule_findings(tmp_path, RULE) == []


def test_last_day_moves_past_christmas(tmp_path):
    # 2020-12-11 + 14 = juldagen; annandag jul is a Saturday: Monday 2020-12-28 is in time.
    project(tmp_path, meeting_data("2020-12-11", justering={"datum": d("2020-12-28")},
                                   anslag={"uppsatt": d("2020-12-28")}))
    assert rule_findings(tmp_path, RULE) == []


def test_justering_after_the_moved_last_day_is_a_fel(tmp_path):
    project(tmp_path, meeting_data("2020-12-11", justering={"datum": d("2020-12-29")},
                                   anslag={"uppsatt": d("2020-12-29")}))
    found = only(rule_findings(tmp_path, RULE))
    assert is_fel(found)
    assert found.pos.path == "protokoll/tn/2020-12-11/sammanträde.yaml"
    assert "datum: 2020-12-29" in line_at(tmp_path, found)
    assert found.message == (
        "justeringen 2020-12-29 är för sen: protokollet ska justeras senast måndag 2020-12-28 "
        "(14 dagar efter sammanträdet 2020-12-11 är juldagen; KL 5 kap. 69 §)"
    )


def test_late_justering_without_a_moved_day(tmp_path):
    project(tmp_path, meeting_data("2024-03-13", justering={"datum": d("2024-03-28")},
                                   anslag={"uppsatt": d("2024-03-28")}))
    found = only(rule_findings(tmp_path, RULE))
    assert "senast onsdag 2024-03-27 (KL 5 kap. 69 §)" in found.message


def test_justering_before_the_meeting_is_a_fel(tmp_path):
    project(tmp_path, meeting_data("2024-03-13", justering={"datum": d("2024-03-12")},
                                   anslag={"uppsatt": d("2024-03-13")}))
    found = only(rule_findings(tmp_path, RULE))
    assert is_fel(found)
    assert "justeringen 2024-03-12 är före sammanträdet 2024-03-13" in found.message
    assert "datum: 2024-03-12" in line_at(tmp_path, found)


def test_a_board_may_set_a_shorter_limit(tmp_path):
    project(tmp_path, meeting_data("2024-03-13", justering={"datum": d("2024-03-21")},
                                   anslag={"uppsatt": d("2024-03-21")}),
            organ=organ_data(justering_dagar=7))
    found = only(rule_findings(tmp_path, RULE))
    assert "senast onsdag 2024-03-20" in found.message
    assert "justering_dagar: 7" in found.message


def test_a_longer_board_limit_does_not_stretch_the_law(tmp_path):
    project(tmp_path, meeting_data("2024-03-13", justering={"datum": d("2024-03-28")},
                                   anslag={"uppsatt": d("2024-03-28")}),
            organ=organ_data(justering_dagar=30))
    found = only(rule_findings(tmp_path, RULE))
    assert "senast onsdag 2024-03-27 (KL 5 kap. 69 §)" in found.message


def test_no_justering_written_is_left_to_other_rules(tmp_path):
    data = meeting_data("2024-03-13", status="utkast")
    data.pop("justering")
    data.pop("anslag")
    project(tmp_path, data)
    assert rule_findings(tmp_path, RULE) == []
