import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import NINE, meeting_data, project, rule_findings
from people_helpers import line_at, only

from protogen.findings import Level

ID = "ordforande"


def test_chair_present_as_ledamot(tmp_path):
    project(tmp_path)
    assert rule_findings(tmp_path, ID) == []


def test_chair_serving_as_ersattare(tmp_path):
    project(tmp_path, meeting_data(ordförande="Jonas Jansson", närvarande={
        "ledamöter": NINE[1:],
        "tjänstgörande_ersättare": [{"namn": "Jonas Jansson", "ersätter": NINE[0]}],
    }))
    assert rule_findings(tmp_path, ID) == []


def test_chair_not_present(tmp_path):
    project(tmp_path, meeting_data(närvarande={"ledamöter": NINE[1:]}))
    found = only(rule_findings(tmp_path, ID))
    assert found.level is Level.FEL
    assert found.message == (
        "ordföranden Anna Andersson är inte närvarande som ledamot eller tjänstgörande "
        "ersättare; ordföranden ska vara beslutande vid sammanträdet"
    )
    assert found.pos.path.endswith("sammanträde.yaml")
    assert line_at(tmp_path, found) == "ordförande: Anna Andersson"


def test_chair_is_an_ersattare_who_did_not_serve(tmp_path):
    project(tmp_path, meeting_data(ordförande="Karin Krantz",
                                   närvarande={"ledamöter": NINE, "ersättare": ["Karin Krantz"]}))
    found = only(rule_findings(tmp_path, ID))
    assert "ordföranden Karin Krantz är ersättare utan att tjänstgöra" in found.message


def test_chair_who_left_needs_a_chair_for_the_rest(tmp_path):
    project(tmp_path, meeting_data(närvarande={
        "ledamöter": [{"namn": NINE[0], "paragrafer": "1"}] + NINE[1:]}), items=[{}, {}, {}])
    found = only(rule_findings(tmp_path, ID))
    assert found.message == (
        "ordföranden Anna Andersson är inte beslutande vid §§ 2–3; ange ordförande: i de ärendena"
    )
    assert line_at(tmp_path, found) == "ordförande: Anna Andersson"


def test_chair_who_left_with_chairs_named_for_the_rest(tmp_path):
    project(tmp_path, meeting_data(närvarande={
        "ledamöter": [{"namn": NINE[0], "paragrafer": "1"}] + NINE[1:]}),
        items=[{}, {"ordförande": NINE[1]}, {"ordförande": NINE[1]}])
    assert rule_findings(tmp_path, ID) == []


def test_not_checked_in_a_kallelse(tmp_path):
    project(tmp_path, meeting_data(status="kallelse", närvarande={"ledamöter": NINE[1:]}))
    assert rule_findings(tmp_path, ID) == []
