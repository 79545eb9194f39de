import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import meeting_data, organ_data, project, rule_findings
from where import is_fel, is_varning, line_at, only

RULE = "datum-ordning"


def d(text):
    return dt.date.fromisoformat(text)


def test_dates_in_order_pass(tmp_path):
    project(tmp_path, meeting_data("2020-02-14", justering={"datum": d("2020-02-21")},
                                   anslag={"uppsatt": d("2020-02-24"), "nedtaget": d("2020-03-16")},
                                   kallelse={"utskick": d("2020-02-07")}),
            organ=organ_data(kallelse_dagar=7))
    assert rule_findings(tmp_path, RULE) == []


def test_kallelse_on_the_meeting_day_is_a_fel(tmp_path):
    project(tmp_path, meeting_data("2020-02-14", kallelse={"utskick": d("2020-02-14")}))
    found = only(rule_findings(tmp_path, RULE))
    assert is_fel(found)
    assert "utskick: 2020-02-14" in line_at(tmp_path, found)
    assert found.message == (
        "kallelsen skickades 2020-02-14, samma dag som sammanträdet 2020-02-14; den ska skickas "
        "ut före sammanträdet"
    )


def test_kallelse_after_the_meeting_is_a_fel(tmp_path):
    project(tmp_path, meeting_data("2020-02-14", kallelse={"utskick": d("2020-02-17")}))
    found = only(rule_findings(tmp_path, RULE))
    assert "2020-02-17, efter sammanträdet 2020-02-14" in found.message


def test_short_invitation_is_a_varning_when_the_board_sets_one(tmp_path):
    project(tmp_path, meeting_data("2020-02-14", kallelse={"utskick": d("2020-02-10")}),
            organ=organ_data(kallelse_dagar=7))
    found = only(rule_findings(tmp_path, RULE))
    assert is_varning(found)
    assert "utskick: 2020-02-10" in line_at(tmp_path, found)
    assert found.message == (
        "kallelsen skickades 2020-02-10, 4 dagar före sammanträdet 2020-02-14; organet kräver "
        "minst 7 dagar (kallelse_dagar), alltså senast fredag 2020-02-07"
    )


def test_short_invitation_without_a_board_limit_passes(tmp_path):
    project(tmp_path, meeting_data("2020-02-14", kallelse={"utskick": d("2020-02-13")}))
    assert rule_findings(tmp_path, RULE) == []


def test_anslag_before_the_meeting_without_justering_is_a_fel(tmp_path):
    data = meeting_data("2020-02-14", status="utkast", anslag={"uppsatt": d("2020-02-10")})
    data.pop("justering")
    project(tmp_path, data)
    found = only(rule_findings(tmp_path, RULE))
    assert is_fel(found)
    assert "uppsatt: 2020-02-10" in line_at(tmp_path, found)
    assert "anslagets uppsättande 2020-02-10 är före sammanträdet 2020-02-14" in found.message


def test_neighbours_are_left_to_the_deadline_rules(tmp_path):
    # justering before the meeting: justering-frist says so, not this rule as well.
    project(tmp_path, meeting_data("2020-02-14", justering={"datum": d("2020-02-13")},
                                   anslag={"uppsatt": d("2020-02-14")}))
    assert rule_findings(tmp_path, RULE) == []
    assert len(rule_findings(tmp_path, "justering-frist")) == 1
