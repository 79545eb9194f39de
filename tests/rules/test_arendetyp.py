import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import organ_data, project, rule_findings
from where import is_fel, line_at, only

RULE = "arendetyp"
KINDS = {"B": "beslut", "I": "information"}


def test_known_typ_passes(tmp_path):
    project(tmp_path, items=[{"typ": "B"}, {"typ": "I"}, {}], organ=organ_data(ärendetyper=KINDS))
    assert rule_findings(tmp_path, RULE) == []


def test_no_typ_on_a_board_without_kinds_passes(tmp_path):
    project(tmp_path)
    assert rule_findings(tmp_path, RULE) == []


def test_unknown_typ_is_a_fel_with_a_suggestion(tmp_path):
    project(tmp_path, items=[{}, {"typ": "b"}], organ=organ_data(ärendetyper=KINDS))
    found = only(rule_findings(tmp_path, RULE))
    assert is_fel(found)
    assert found.pos.path.endswith("02-arende-2.md")
    assert "typ: b" in line_at(tmp_path, found)
    assert found.message == "typ b finns inte bland organets ärendetyper (B, I) (menar du B?)"


def test_typ_on_a_board_without_kinds_is_a_fel(tmp_path):
    project(tmp_path, items=[{"typ": "B"}])
    found = only(rule_findings(tmp_path, RULE))
    assert "typ: B" in line_at(tmp_path, found)
    assert found.message.startswith("typ B kan inte användas: organet har inga ärendetyper")
