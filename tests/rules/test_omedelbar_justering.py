import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import meeting_data, organ_data, project, rule_findings
from where import is_fel, is_varning, line_at, only

RULE = "omedelbar-justering"
IMMEDIATE = [{}, {}, {"omedelbart_justerad": True}]


def d(text):
    return dt.date.fromisoformat(text)


def held(uppsatt, justering="2024-03-20", **overrides):
    return meeting_data("2024-03-13", justering={"datum": d(justering)},
                        anslag={"uppsatt": d(uppsatt)}, **overrides)


def test_protocol_anslag_in_time_for_the_paragraph_passes(tmp_path):
    project(tmp_path, held("2024-03-15", justering="2024-03-13"), IMMEDIATE)
    assert rule_findings(tmp_path, RULE) == []


def test_late_protocol_anslag_asks_for_a_separate_one(tmp_path):
    project(tmp_path, held("2024-03-21"), IMMEDIATE)
    found = only(rule_findings(tmp_path, RULE))
    assert is_varning(found)
    assert found.pos.path == "protokoll/tn/2024-03-13/03-arende-3.md"
    assert "omedelbart_justerad: true" in line_at(tmp_path, found)
    assert found.message.startswith("§ 3 justerades omedelbart vid sammanträdet 2024-03-13")
    assert "senast fredag 2024-03-15" in found.message
    assert "separat anslag för § 3 senast 2024-03-15" in found.message
    assert "2024-03-21" in found.message


def test_the_paragraph_deadline_moves_over_a_weekend(tmp_path):
    # Meeting Thursday 2024-03-14: +2 = Saturday → Monday 2024-03-18.
    project(tmp_path, meeting_data("2024-03-14", justering={"datum": d("2024-03-20")},
                                   anslag={"uppsatt": d("2024-03-20")}), IMMEDIATE)
    found = only(rule_findings(tmp_path, RULE))
    assert "senast måndag 2024-03-18 (två dagar efter sammanträdet 2024-03-14 är en lördag" in (
        found.message
    )


def test_no_immediate_paragraph_passes(tmp_path):
    project(tmp_path, held("2024-03-21"))
    assert rule_findings(tmp_path, RULE) == []


def test_a_kallelse_cannot_have_an_immediately_adjusted_paragraph(tmp_path):
    data = meeting_data("2024-03-13", status="kallelse")
    for key in ("justering", "anslag"):
        data.pop(key)
    project(tmp_path, data, IMMEDIATE)
    found = only(rule_findings(tmp_path, RULE))
    assert is_fel(found)
    assert found.pos.path.endswith("03-arende-3.md")
    assert "status kallelse" in found.message
    assert found.message.startswith("§ 3 är markerad omedelbart justerad")


def test_board_without_anslag_needs_no_separate_anslag(tmp_path):
    data = held("2024-03-21")
    data.pop("anslag")
    project(tmp_path, data, IMMEDIATE, organ=organ_data(anslag=False))
    assert rule_findings(tmp_path, RULE) == []


def test_utkast_without_anslag_yet_passes(tmp_path):
    data = held("2024-03-21", status="utkast")
    data.pop("anslag")
    project(tmp_path, data, IMMEDIATE)
    assert rule_findings(tmp_path, RULE) == []
