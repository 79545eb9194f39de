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
        "§ 1: Karin Krantz kan inte reservera sig: Karin Krantz är ersättare utan att "
        "tjänstgöra i paragrafen; "
        "bara den som deltar i beslutet får reservera sig"
    )
    assert line_at(tmp_path, found) == "- Karin Krantz"


def test_reservation_by_a_ledamot_who_had_left(tmp_path):
    project(tmp_path, meeting_data(närvarande={
        "ledamöter": NINE[:8] + [{"namn": NINE[8], "paragrafer": "1"}]}),
        items=[{}, {"reservationer": [{"av": NINE[8]}]}])
    found = only(rule_findings(tmp_path, ID))
    assert found.message.startswith(
        "§ 2: Ingrid Ivarsson kan inte reservera sig: Ingrid Ivarsson är inte närvarande vid "
        "paragrafen")
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


def test_reservation_by_someone_outside_the_register_names_the_reservation(tmp_path):
    from helpers import check

    project(tmp_path, items=[{"reservationer": [{"av": "Sara Sekreterare"}]}])
    found = only([f for f in check(tmp_path).findings if "reservera" in f.message])
    assert found.rule == "namn-okant"
    assert found.message == ("§ 1: Sara Sekreterare kan inte reservera sig: finns inte i "
                             "ledamotsregistret")
    assert line_at(tmp_path, found) == "- av: Sara Sekreterare"


def test_reservation_by_a_guest_under_ovriga_says_so(tmp_path):
    from helpers import check

    attendance = {"ledamöter": list(NINE), "övriga": [{"namn": "Li Zakrisson", "titel": "E-strateg"}]}
    project(tmp_path, meeting_data(närvarande=attendance),
            items=[{"reservationer": [{"av": "Li Zakrisson"}]}])
    found = only([f for f in check(tmp_path).findings if "reservera" in f.message])
    assert found.message == ("§ 1: Li Zakrisson kan inte reservera sig: Li Zakrisson står under "
                             "övriga och är inte beslutande")


def test_a_misspelt_reservation_keeps_its_suggestion(tmp_path):
    from helpers import check

    project(tmp_path, items=[{"reservationer": [{"av": "Ingrid Ivarson"}]}])
    found = only(check(tmp_path).findings)
    assert found.message.endswith("kan inte reservera sig: finns inte i ledamotsregistret "
                                  "(menar du Ingrid Ivarsson?)")
