import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import project, rule_findings
from where import is_fel, is_varning, line_at, only

RULE = "sekretess"


def test_a_ground_passes(tmp_path):
    project(tmp_path, items=[{"sekretess": "OSL 26 kap. 1 §", "expedieras": ["Sökanden"]}])
    assert rule_findings(tmp_path, RULE) == []


def test_not_secret_passes(tmp_path):
    project(tmp_path, items=[{"sekretess": False}, {}])
    assert rule_findings(tmp_path, RULE) == []


def test_an_empty_ground_is_a_fel(tmp_path):
    project(tmp_path, items=['---\nrubrik: Ärende\nbeslut: Bifall.\nsekretess: ""\n---\n'])
    found = only(rule_findings(tmp_path, RULE))
    assert is_fel(found)
    assert found.pos.path.endswith("01-arende-1.md")
    assert "sekretess" in line_at(tmp_path, found)
    assert found.message.startswith("sekretess är tomt: ange grunden")


def test_a_ground_without_a_provision_is_a_varning(tmp_path):
    project(tmp_path, items=[{"sekretess": "ja"}])
    found = only(rule_findings(tmp_path, RULE))
    assert is_varning(found)
    assert found.message == (
        'sekretess ska ange grunden (lagrummet), t.ex. "OSL 26 kap. 1 §", inte "ja"'
    )


def test_nej_is_a_ground_by_mistake(tmp_path):  # a fel since issue 8: it reads as "public"
    project(tmp_path, items=[{"sekretess": "nej"}])
    found = only(rule_findings(tmp_path, RULE))
    assert is_fel(found)
    assert "sekretess: false" in found.message
    assert "sekretessbelagt" in found.message


def test_true_is_reported_once_by_the_reader(tmp_path):
    project(tmp_path, items=[{"sekretess": True}])
    found = only(rule_findings(tmp_path, RULE))
    assert "inte bara true" in found.message
