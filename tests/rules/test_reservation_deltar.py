import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import NINE, meeting_data, project, rule_findings
from people_helpers import line_at, only

from protogen.findings import Level

ID = "reservation-deltar"
ITEM_FILE = "protokoll/tn/2024-03-13/01-arende-1.md"
ORDER = {"propositionsordning": "Ordföranden ställer proposition på bifall mot avslag.\n"}
WITH_DEPUTY = {"närvarande": {"ledamöter": NINE, "ersättare": ["Karin Krantz"]}}


def test_reservation_by_a_member_who_voted_no(tmp_path):
    project(tmp_path, meeting_data(**WITH_DEPUTY), items=[{
        **ORDER,
        "omröstning": {"ja": NINE[:5], "nej": NINE[5:]},
        "reservationer": [{"av": NINE[8], "text": "Jag reserverar mig."}],
        "protokollsanteckningar": [{"av": "Karin Krantz", "text": "En anteckning."}],
    }])
    assert rule_findings(tmp_path, ID) == []


def test_reservation_by_one_who_abstained(tmp_path):
    project(tmp_path, items=[{
        **ORDER,
        "omröstning": {"ja": NINE[:5], "nej": NINE[5:8], "avstår": [NINE[8]]},
        "reservationer": [{"av": NINE[8]}],
    }])
    found = only(rule_findings(tmp_path, ID))
    assert found.level is Level.FEL
    assert found.message == (
        "§ 1: Ingrid Ivarsson avstod från att rösta och kan inte reservera sig mot beslutet"
    )
    assert found.pos.path == ITEM_FILE
    assert line_at(tmp_path, found) == "- av: Ingrid Ivarsson"


def test_reservation_by_an_ersattare_who_did_not_serve(tmp_path):
    project(tmp_path, meeting_data(**WITH_DEPUTY),
            items=[{"reservationer": ["Karin Krantz"]}])
    found = only(rule_findings(tmp_path, ID))
    assert found.message == (
        "§ 1: Karin Krantz reserverar sig men är ersättare utan att tjänstgöra i paragrafen; "
        "bara den som deltar i beslutet får reservera sig"
    )
    assert line_at(tmp_path, found) == "- Karin Krantz"


def test_reservation_by_a_ledamot_who_had_left(tmp_path):
    project(tmp_path, meeting_data(närvarande={
        "ledamöter": NINE[:8] + [{"namn": NINE[8], "paragrafer": "1"}]}),
        items=[{}, {"reservationer": [{"av": NINE[8]}]}])
    found = only(rule_findings(tmp_path, ID))
    assert found.message.startswith(
        "§ 2: Ingrid Ivarsson reserverar sig men är inte närvarande vid paragrafen")
    assert found.pos.path.endswith("02-arende-2.md")


def test_protokollsanteckning_by_someone_absent_is_a_warning(tmp_path):
    project(tmp_path, meeting_data(närvarande={"ledamöter": NINE[:8]}),
            items=[{"protokollsanteckningar": [{"av": NINE[8], "text": "En anteckning."}]}])
    found = only(rule_findings(tmp_path, ID))
    assert found.level is Level.VARNING
    assert found.message == (
        "§ 1: Ingrid Ivarsson har en protokollsanteckning men är inte närvarande vid paragrafen"
    )
    assert line_at(tmp_path, found) == "- av: Ingrid Ivarsson"
