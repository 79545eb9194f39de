import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import NINE, check, meeting_data, project, rule_findings
from people_helpers import line_at, only

from protogen.findings import Level

ID = "jav-deltar"
ITEM_FILE = "protokoll/tn/2024-03-13/01-arende-1.md"
ORDER = {"propositionsordning": "Ordföranden ställer proposition och finner bifall.\n"}


def test_jav_and_no_part_taken(tmp_path):
    project(tmp_path, items=[{
        "jäv": [NINE[4]],
        "yrkanden": [{"av": NINE[3], "text": "Avslag."}],
        "omröstning": {"ja": NINE[:4], "nej": NINE[5:]},
        "reservationer": [{"av": NINE[5]}],
        **ORDER,
    }])
    assert rule_findings(tmp_path, ID) == []


def test_vote_despite_jav(tmp_path):
    project(tmp_path, items=[{
        "jäv": [NINE[4]],
        "omröstning": {"ja": NINE[:5], "nej": NINE[5:]},
        **ORDER,
    }])
    found = only(rule_findings(tmp_path, ID))
    assert found.level is Level.FEL
    assert found.message == "§ 1: Eva Ek har anmält jäv men finns i ja-listan i omröstningen"
    assert found.pos.path == ITEM_FILE
    assert line_at(tmp_path, found).strip() == "- Eva Ek"
    assert found.pos.line > 5  # in the vote, not the jäv list at the top


def test_abstaining_despite_jav(tmp_path):
    project(tmp_path, items=[{
        "omröstning": {"ja": NINE[:4], "nej": NINE[5:], "avstår": [NINE[4]]},
        "jäv": [NINE[4]],
        **ORDER,
    }])
    found = only(rule_findings(tmp_path, ID))
    assert found.message == "§ 1: Eva Ek har anmält jäv men finns i avstår-listan i omröstningen"


def test_yrkande_and_reservation_despite_jav(tmp_path):
    project(tmp_path, items=[{
        "jäv": [NINE[4]],
        "yrkanden": [{"av": NINE[4], "text": "Avslag."}],
        "reservationer": [{"av": NINE[4], "text": "Jag reserverar mig."}],
    }])
    found = rule_findings(tmp_path, ID)
    assert sorted(f.message for f in found) == [
        "§ 1: Eva Ek har anmält jäv men reserverar sig",
        "§ 1: Eva Ek har anmält jäv men yrkar i ärendet",
    ]
    assert all("av: Eva Ek" in line_at(tmp_path, f) for f in found)


def test_chair_with_jav_needs_another_chair(tmp_path):
    project(tmp_path, items=[{"jäv": [NINE[0]]}])
    found = only(rule_findings(tmp_path, ID))
    assert found.level is Level.FEL
    assert found.message == (
        "§ 1: ordföranden Anna Andersson har anmält jäv; ange en annan ordförande för "
        "paragrafen med ordförande: i ärendet"
    )
    assert line_at(tmp_path, found).strip() == "- Anna Andersson"


def test_chair_with_jav_hands_over(tmp_path):
    project(tmp_path, items=[{"jäv": [NINE[0]], "ordförande": NINE[2]}, {}])
    assert rule_findings(tmp_path, ID) == []


def test_the_item_chair_must_have_no_jav(tmp_path):
    project(tmp_path, items=[{"jäv": [NINE[0], NINE[2]], "ordförande": NINE[2]}])
    found = only(rule_findings(tmp_path, ID))
    assert found.message == (
        "§ 1: Cecilia Carlsson är ordförande för paragrafen men har anmält jäv; ange en "
        "ordförande utan jäv"
    )
    assert line_at(tmp_path, found) == "ordförande: Cecilia Carlsson"


def test_the_item_chair_must_decide_in_the_paragraph(tmp_path):
    project(tmp_path, meeting_data(närvarande={"ledamöter": NINE, "ersättare": ["Karin Krantz"]}),
            items=[{"jäv": [NINE[0]], "ordförande": "Karin Krantz"}])
    found = only(rule_findings(tmp_path, ID))
    assert found.message == (
        "§ 1: Karin Krantz är ordförande för paragrafen men är ersättare utan att tjänstgöra i "
        "paragrafen; ordföranden ska vara en beslutande ledamot eller tjänstgörande ersättare "
        "i paragrafen"
    )
    assert line_at(tmp_path, found) == "ordförande: Karin Krantz"


def test_jav_for_someone_not_present_is_a_warning(tmp_path):
    project(tmp_path, meeting_data(närvarande={"ledamöter": NINE[:8]}),
            items=[{"jäv": [NINE[8]]}])
    found = only(rule_findings(tmp_path, ID))
    assert found.level is Level.VARNING
    assert found.message == (
        "§ 1: Ingrid Ivarsson har anmält jäv men är inte närvarande vid paragrafen"
    )
    assert line_at(tmp_path, found).strip() == "- Ingrid Ivarsson"


def test_not_checked_in_a_kallelse(tmp_path):
    meeting = meeting_data(status="kallelse")
    project(tmp_path, meeting, items=[{"jäv": [NINE[0]]}])
    assert rule_findings(tmp_path, ID) == []


def test_ledamot_with_jav_replaced_for_the_paragraph(tmp_path):
    project(tmp_path, meeting_data(närvarande={
        "ledamöter": NINE[:8] + [{"namn": NINE[8], "paragrafer": "1"}],
        "tjänstgörande_ersättare": [
            {"namn": "Jonas Jansson", "ersätter": NINE[8], "paragrafer": "2"}],
    }), items=[{}, {"jäv": [NINE[8]]}])
    assert rule_findings(tmp_path, ID) == []


def test_replaced_ledamot_with_jav_who_votes_is_reported_once(tmp_path):
    project(tmp_path, meeting_data(närvarande={
        "ledamöter": NINE[:8],
        "tjänstgörande_ersättare": [{"namn": "Jonas Jansson", "ersätter": NINE[8]}],
    }), items=[{**ORDER, "jäv": [NINE[8]],
                "omröstning": {"ja": NINE[:5], "nej": NINE[5:8] + [NINE[8]]}}])
    about = [f for f in check(tmp_path).findings if "Ingrid Ivarsson" in f.message]
    assert [(f.rule, f.message) for f in about] == [
        (ID, "§ 1: Ingrid Ivarsson har anmält jäv men finns i nej-listan i omröstningen")
    ]
