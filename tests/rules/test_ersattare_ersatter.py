import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import NINE, meeting_data, organ_data, project, rule_findings
from people_helpers import line_at, lines_with, only

from protogen.findings import Level

ID = "ersattare-ersatter"
MEETING_FILE = "protokoll/tn/2024-03-13/sammanträde.yaml"


def attending(**lists):
    return meeting_data(närvarande={"ledamöter": NINE[:8], **lists})


def test_ersattare_for_an_absent_ledamot(tmp_path):
    project(tmp_path, attending(
        tjänstgörande_ersättare=[{"namn": "Jonas Jansson", "ersätter": NINE[8]}]))
    assert rule_findings(tmp_path, ID) == []


def test_ersattare_for_the_part_a_ledamot_was_away(tmp_path):
    project(tmp_path, meeting_data(närvarande={
        "ledamöter": NINE[:8] + [{"namn": NINE[8], "paragrafer": "1-2"}],
        "tjänstgörande_ersättare": [
            {"namn": "Jonas Jansson", "ersätter": NINE[8], "paragrafer": "3"}],
    }), items=[{}, {}, {}])
    assert rule_findings(tmp_path, ID) == []


def test_present_ledamot_cannot_be_replaced(tmp_path):
    project(tmp_path, meeting_data(närvarande={
        "ledamöter": NINE[:8] + [{"namn": NINE[8], "paragrafer": "1-2"}],
        "tjänstgörande_ersättare": [{"namn": "Jonas Jansson", "ersätter": NINE[8]}],
    }), items=[{}, {}, {}])
    found = only(rule_findings(tmp_path, ID))
    assert found.level is Level.FEL
    assert found.message == (
        "§§ 1–2: Ingrid Ivarsson är närvarande som ledamot och kan inte samtidigt ersättas av "
        "ersättaren Jonas Jansson"
    )
    assert found.pos.path == MEETING_FILE
    assert "ersätter: Ingrid Ivarsson" in line_at(tmp_path, found)


def test_a_seat_is_filled_once(tmp_path):
    project(tmp_path, attending(tjänstgörande_ersättare=[
        {"namn": "Jonas Jansson", "ersätter": NINE[8]},
        {"namn": "Karin Krantz", "ersätter": NINE[8]},
    ]))
    found = only(rule_findings(tmp_path, ID))
    assert found.message == (
        "§ 1: Ingrid Ivarsson ersätts redan av ersättaren Jonas Jansson; ersättaren Karin Krantz "
        "kan inte ersätta samma ledamot"
    )
    assert found.pos.line == lines_with(tmp_path, MEETING_FILE, "ersätter: Ingrid Ivarsson")[1]


def test_ersatter_must_name_a_ledamot(tmp_path):
    project(tmp_path, attending(tjänstgörande_ersättare=[
        {"namn": "Jonas Jansson", "ersätter": "Karin Krantz"},
    ]))
    found = only(rule_findings(tmp_path, ID))
    assert found.message == (
        "ersättaren Jonas Jansson ersätter Karin Krantz, som är ersättare och ingen ledamot; "
        "ersätter ska vara en ledamot i nämnden"
    )
    assert "ersätter: Karin Krantz" in line_at(tmp_path, found)


def test_ersatter_must_name_a_seat_held_on_the_day(tmp_path):
    organ = organ_data()
    organ["ledamöter"][8]["till"] = dt.date(2023, 12, 31)
    project(tmp_path, attending(tjänstgörande_ersättare=[
        {"namn": "Jonas Jansson", "ersätter": NINE[8]},
    ]), organ=organ)
    found = only(rule_findings(tmp_path, ID))
    assert found.message == (
        "ersättaren Jonas Jansson ersätter Ingrid Ivarsson, som är inte ledamot den 2024-03-13; "
        "ersätter ska vara en ledamot i nämnden"
    )


def test_one_ersattare_replaces_one_ledamot_at_a_time(tmp_path):
    project(tmp_path, meeting_data(närvarande={
        "ledamöter": NINE[:7],
        "tjänstgörande_ersättare": [
            {"namn": "Jonas Jansson", "ersätter": NINE[7]},
            {"namn": "Jonas Jansson", "ersätter": NINE[8]},
        ],
    }))
    found = only(rule_findings(tmp_path, ID))
    assert found.message == (
        "§ 1: ersättaren Jonas Jansson står två gånger bland tjänstgörande ersättare; "
        "en ersättare ersätter en ledamot i taget"
    )
    assert found.pos.line == lines_with(tmp_path, MEETING_FILE, "namn: Jonas Jansson")[1]


def test_serving_ersattare_is_not_also_a_non_serving_one(tmp_path):
    project(tmp_path, attending(
        tjänstgörande_ersättare=[{"namn": "Jonas Jansson", "ersätter": NINE[8]}],
        ersättare=["Jonas Jansson", "Karin Krantz"],
    ))
    found = only(rule_findings(tmp_path, ID))
    assert found.message == (
        "§ 1: ersättaren Jonas Jansson tjänstgör och kan inte samtidigt stå bland ersättare "
        "som inte tjänstgör"
    )
    assert line_at(tmp_path, found).strip() == "- Jonas Jansson"


def test_unknown_names_are_left_to_namn_okant(tmp_path):
    project(tmp_path, attending(
        tjänstgörande_ersättare=[{"namn": "Jonas Jansson", "ersätter": "Ingrid Ivarson"}]))
    assert rule_findings(tmp_path, ID) == []


def test_not_checked_before_the_meeting(tmp_path):
    meeting = attending(tjänstgörande_ersättare=[
        {"namn": "Jonas Jansson", "ersätter": NINE[0]}])
    meeting["status"] = "kallelse"
    project(tmp_path, meeting)
    assert rule_findings(tmp_path, ID) == []
