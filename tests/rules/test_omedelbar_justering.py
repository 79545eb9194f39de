import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import meeting_data, organ_data, project, rule_findings
from where import is_fel, only

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


def test_late_protocol_anslag_is_no_fault_the_paragraph_gets_its_own(tmp_path):
    # build writes the §'s own anslag (posted the meeting day), so no finding here.
    project(tmp_path, held("2024-03-21"), IMMEDIATE)
    assert rule_findings(tmp_path, RULE) == []


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
