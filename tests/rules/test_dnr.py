import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import project, rule_findings
from where import is_varning, line_at, only

RULE = "dnr"


def test_different_dnr_pass(tmp_path):
    project(tmp_path, items=[{"rubrik": "Årsbokslut 2019", "dnr": "GNS/1/2020"},
                             {"rubrik": "Gemensam löneadministration", "dnr": "GNS/2/2020"}])
    assert rule_findings(tmp_path, RULE) == []


def test_same_dnr_same_title_passes(tmp_path):
    # The same ärende on two items, written with other spacing and case.
    project(tmp_path, items=[{"rubrik": "Årsbokslut 2019", "dnr": "GNS/1/2020"},
                             {"rubrik": "årsbokslut  2019", "dnr": "GNS/1/2020"}])
    assert rule_findings(tmp_path, RULE) == []


def test_same_dnr_for_unrelated_titles_is_a_varning(tmp_path):
    project(tmp_path, items=[{"rubrik": "Årsbokslut 2019", "dnr": "GNS/1/2020"},
                             {"rubrik": "Val av justerare"},
                             {"rubrik": "Gemensam löneadministration", "dnr": "GNS/1/2020"}])
    found = only(rule_findings(tmp_path, RULE))
    assert is_varning(found)
    assert found.pos.path == "protokoll/tn/2024-03-13/03-arende-3.md"
    assert "dnr: GNS/1/2020" in line_at(tmp_path, found)
    assert found.message == (
        "dnr GNS/1/2020 används också för § 1 Årsbokslut 2019; har ärendet fått fel "
        "diarienummer?"
    )


def test_no_dnr_passes(tmp_path):
    project(tmp_path, items=[{"rubrik": "A"}, {"rubrik": "B"}])
    assert rule_findings(tmp_path, RULE) == []
