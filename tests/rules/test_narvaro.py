import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import NINE, meeting_data, project, rule_findings
from people_helpers import line_at, lines_with, only

from protogen.findings import Level

ID = "narvaro"
MEETING_FILE = "protokoll/tn/2024-03-13/sammanträde.yaml"
THREE = [{}, {}, {}]


def test_left_and_came_back(tmp_path):
    project(tmp_path, meeting_data(närvarande={"ledamöter": NINE[:8] + [
        {"namn": NINE[8], "paragrafer": "1"}, {"namn": NINE[8], "paragrafer": "3"}]}),
        items=THREE)
    assert rule_findings(tmp_path, ID) == []


def test_ledamot_listed_twice(tmp_path):
    project(tmp_path, meeting_data(närvarande={"ledamöter": NINE + [NINE[3]]}), items=THREE)
    found = only(rule_findings(tmp_path, ID))
    assert found.level is Level.FEL
    assert found.message == "David Dahl står två gånger i närvarolistan (som ledamot) för §§ 1–3"
    assert found.pos.path == MEETING_FILE
    assert found.pos.line == lines_with(tmp_path, MEETING_FILE, "- David Dahl")[1]


def test_ledamot_also_serving_as_ersattare(tmp_path):
    project(tmp_path, meeting_data(närvarande={
        "ledamöter": NINE[:8],
        "tjänstgörande_ersättare": [
            {"namn": NINE[3], "ersätter": NINE[8], "paragrafer": "2-3"}],
    }), items=THREE)
    found = only(rule_findings(tmp_path, ID))
    assert found.message == (
        "David Dahl står två gånger i närvarolistan (som ledamot och som tjänstgörande "
        "ersättare) för §§ 2–3"
    )
    assert line_at(tmp_path, found).strip() == "- namn: David Dahl"


def test_ledamot_also_under_ovriga(tmp_path):
    project(tmp_path, meeting_data(närvarande={
        "ledamöter": NINE, "övriga": [{"namn": NINE[5], "titel": "Föredragande"}]}))
    found = only(rule_findings(tmp_path, ID))
    assert found.message == (
        "Fredrik Frisk står två gånger i närvarolistan (som ledamot och under övriga) för § 1"
    )


def test_serving_twice_is_left_to_ersattare_ersatter(tmp_path):
    project(tmp_path, meeting_data(närvarande={
        "ledamöter": NINE[:7],
        "tjänstgörande_ersättare": [
            {"namn": "Jonas Jansson", "ersätter": NINE[7]},
            {"namn": "Jonas Jansson", "ersätter": NINE[8]},
        ],
        "ersättare": ["Jonas Jansson"],
    }))
    assert rule_findings(tmp_path, ID) == []
    theirs = rule_findings(tmp_path, "ersattare-ersatter")
    assert len(theirs) == 2  # serving twice; serving and also listed as not serving


def test_paragrafer_the_meeting_does_not_have(tmp_path):
    project(tmp_path, meeting_data(närvarande={
        "ledamöter": NINE,
        "övriga": [{"namn": "Mikael Ferm", "titel": "Regionstabschef", "paragrafer": "2-4"}],
    }), items=THREE)
    found = only(rule_findings(tmp_path, ID))
    assert found.message == "Mikael Ferm: paragrafer 4 finns inte; sammanträdet omfattar §§ 1–3"
    assert "paragrafer: 2-4" in line_at(tmp_path, found)


def test_justerare_paragrafer_the_meeting_does_not_have(tmp_path):
    project(tmp_path, meeting_data(justerare=[{"namn": NINE[1], "paragrafer": "1-3, 12"}]),
            items=THREE)
    found = only(rule_findings(tmp_path, ID))
    assert found.message == "Bertil Berg: paragrafer 12 finns inte; sammanträdet omfattar §§ 1–3"


def test_not_checked_in_a_kallelse(tmp_path):
    project(tmp_path, meeting_data(status="kallelse", närvarande={"ledamöter": NINE + NINE[:1]}))
    assert rule_findings(tmp_path, ID) == []
