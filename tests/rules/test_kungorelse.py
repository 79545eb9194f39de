"""Kungörelse of a fullmäktige meeting: at least a week before (KL 5 kap. 11 §)."""

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import organ_data, project, rule_findings
from where import is_varning, line_at, only

RULE = "kungorelse"
D = dt.date.fromisoformat
COUNCIL = organ_data(namn="Kommunfullmäktige", typ="fullmäktige")


def called(**extra):
    return {"datum": D("2024-06-19"), "tid": "18:00", "plats": "Fullmäktigesalen",
            "status": "kallelse", **extra}


def test_a_week_before_passes(tmp_path):
    project(tmp_path, called(kungörelse={"datum": D("2024-06-12")}), [{"rubrik": "Budget"}],
            organ=COUNCIL)
    assert rule_findings(tmp_path, RULE) == []


def test_late_kungorelse_is_a_varning_at_its_line(tmp_path):
    project(tmp_path, called(kungörelse={"datum": D("2024-06-14")}), [{"rubrik": "Budget"}],
            organ=COUNCIL)
    found = only(rule_findings(tmp_path, RULE))
    assert is_varning(found)
    assert "datum: 2024-06-14" in line_at(tmp_path, found)
    assert found.message == (
        "kungörelsen sattes upp 2024-06-14 men ska sättas upp senast onsdag 2024-06-12, en "
        "vecka före sammanträdet 2024-06-19 (KL 5 kap. 11 §)")


def test_a_bare_date_is_read_too(tmp_path):
    project(tmp_path, called(kungörelse=D("2024-06-13")), [{"rubrik": "Budget"}], organ=COUNCIL)
    assert "2024-06-13" in only(rule_findings(tmp_path, RULE)).message


def test_utskick_stands_in_for_the_kungorelse(tmp_path):
    project(tmp_path, called(kallelse={"utskick": D("2024-06-17")}), [{"rubrik": "Budget"}],
            organ=COUNCIL)
    found = only(rule_findings(tmp_path, RULE))
    assert "kallelse.utskick" in found.message and "2024-06-17" in found.message
    assert "utskick" in line_at(tmp_path, found)


def test_missing_date_on_a_called_meeting_is_a_varning(tmp_path):
    project(tmp_path, called(), [{"rubrik": "Budget"}], organ=COUNCIL)
    found = only(rule_findings(tmp_path, RULE))
    assert found.message.startswith("kungörelse.datum saknas")


def test_other_boards_are_not_kungjorda(tmp_path):
    project(tmp_path, called(), [{"rubrik": "Budget"}])
    assert rule_findings(tmp_path, RULE) == []


def test_unknown_key_in_kungorelse_suggests(tmp_path):
    from helpers import check
    project(tmp_path, called(kungörelse={"datm": D("2024-06-12")}), [{"rubrik": "Budget"}],
            organ=COUNCIL)
    messages = [f.message for f in check(tmp_path).findings]
    assert any("okänd nyckel datm i kungörelse (menar du datum?)" in m for m in messages)


def test_uppsatt_reads_as_datum(tmp_path):
    project(tmp_path, called(kungörelse={"uppsatt": D("2024-06-13")}), [{"rubrik": "Budget"}],
            organ=COUNCIL)
    assert "kungörelsen sattes upp 2024-06-13" in only(rule_findings(tmp_path, RULE)).message
