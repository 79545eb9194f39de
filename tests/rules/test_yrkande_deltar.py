import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import NINE, check, meeting_data, project, rule_findings
from people_helpers import line_at, only

from protogen.findings import Level

ID = "yrkande-deltar"
ITEM_FILE = "protokoll/tn/2024-03-13/01-arende-1.md"
TWO = [{"av": NINE[0], "text": "Bifall till förslaget."}, {"av": NINE[4], "text": "Avslag."}]


def test_two_yrkanden_put_in_order(tmp_path):
    project(tmp_path, items=[{
        "yrkanden": TWO,
        "propositionsordning": "Ordföranden ställer proposition på bifall mot avslag.\n",
    }])
    assert rule_findings(tmp_path, ID) == []


def test_one_yrkande_needs_no_propositionsordning(tmp_path):
    project(tmp_path, items=[{"yrkanden": TWO[:1]}])
    assert rule_findings(tmp_path, ID) == []


def test_two_yrkanden_without_propositionsordning(tmp_path):
    project(tmp_path, items=[{"yrkanden": TWO}])
    found = only(rule_findings(tmp_path, ID))
    assert found.level is Level.FEL
    assert found.message.startswith("§ 1: 2 yrkanden men ingen propositionsordning")
    assert found.pos.path == ITEM_FILE
    assert line_at(tmp_path, found) in ("yrkanden:", "- av: Anna Andersson")


def test_with_a_vote_the_vote_rule_asks_for_the_propositionsordning(tmp_path):
    project(tmp_path, items=[{"yrkanden": TWO,
                              "omröstning": {"ja": NINE[:5], "nej": NINE[5:]}}])
    assert rule_findings(tmp_path, ID) == []
    assert any(f.rule == "omrostning-roster" and "propositionsordning" in f.message
               for f in check(tmp_path).findings)


def test_yrkande_by_an_ersattare_who_did_not_serve(tmp_path):
    project(tmp_path, meeting_data(närvarande={"ledamöter": NINE, "ersättare": ["Karin Krantz"]}),
            items=[{"yrkanden": [{"av": "Karin Krantz", "text": "Återremiss."}]}])
    found = only(rule_findings(tmp_path, ID))
    assert found.message == (
        "§ 1: Karin Krantz yrkar men är ersättare utan att tjänstgöra i paragrafen; "
        "bara den som deltar i beslutet får yrka"
    )
    assert line_at(tmp_path, found) == "- av: Karin Krantz"


def test_yrkande_by_a_replaced_ledamot(tmp_path):
    project(tmp_path, meeting_data(närvarande={
        "ledamöter": NINE[:8],
        "tjänstgörande_ersättare": [{"namn": "Jonas Jansson", "ersätter": NINE[8]}],
    }), items=[{"yrkanden": [{"av": NINE[8], "text": "Avslag."}]}])
    found = only(rule_findings(tmp_path, ID))
    assert found.message == (
        "§ 1: Ingrid Ivarsson yrkar men ersätts av Jonas Jansson i paragrafen; "
        "bara den som deltar i beslutet får yrka"
    )


def test_yrkande_despite_jav_is_left_to_jav_deltar(tmp_path):
    project(tmp_path, items=[{"yrkanden": TWO[1:], "jäv": [NINE[4]]}])
    assert rule_findings(tmp_path, ID) == []
    assert len(rule_findings(tmp_path, "jav-deltar")) == 1
