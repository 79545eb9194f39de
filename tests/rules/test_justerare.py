import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import NINE, meeting_data, organ_data, project, rule_findings
from people_helpers import line_at, only

from protogen.findings import Level

ID = "justerare"


def test_one_justerare_present(tmp_path):
    project(tmp_path)
    assert rule_findings(tmp_path, ID) == []


def test_justerare_not_present(tmp_path):
    project(tmp_path, meeting_data(närvarande={"ledamöter": NINE[:8]}, justerare=[NINE[8]]))
    found = only(rule_findings(tmp_path, ID))
    assert found.level is Level.FEL
    assert found.message == (
        "justeraren Ingrid Ivarsson är inte närvarande som ledamot eller tjänstgörande "
        "ersättare; den som justerar ska vara beslutande vid sammanträdet"
    )
    assert line_at(tmp_path, found).strip() == "- Ingrid Ivarsson"
    assert found.pos.path.endswith("sammanträde.yaml")


def test_justerare_is_an_ersattare_who_did_not_serve(tmp_path):
    project(tmp_path, meeting_data(justerare=["Karin Krantz"],
                                   närvarande={"ledamöter": NINE, "ersättare": ["Karin Krantz"]}))
    found = only(rule_findings(tmp_path, ID))
    assert found.message.startswith("justeraren Karin Krantz är ersättare utan att tjänstgöra")


def test_serving_ersattare_may_justera(tmp_path):
    project(tmp_path, meeting_data(justerare=["Jonas Jansson"], närvarande={
        "ledamöter": NINE[:8],
        "tjänstgörande_ersättare": [{"namn": "Jonas Jansson", "ersätter": NINE[8]}],
    }))
    assert rule_findings(tmp_path, ID) == []


def test_justerare_who_is_the_chair_is_a_warning(tmp_path):
    project(tmp_path, meeting_data(justerare=[NINE[0]]))
    found = only(rule_findings(tmp_path, ID))
    assert found.level is Level.VARNING
    assert found.message == (
        "justeraren Anna Andersson är också ordförande; utse en annan justerare att justera "
        "protokollet tillsammans med ordföranden"
    )


def test_justerare_absent_for_part_of_the_meeting_is_a_warning(tmp_path):
    project(tmp_path, meeting_data(närvarande={
        "ledamöter": [NINE[0], {"namn": NINE[1], "paragrafer": "1"}] + NINE[2:]}),
        items=[{}, {}, {}])
    found = only(rule_findings(tmp_path, ID))
    assert found.level is Level.VARNING
    assert found.message == (
        "justeraren Bertil Berg var inte beslutande vid §§ 2–3 men ska justera dem"
    )
    assert line_at(tmp_path, found).strip() == "- Bertil Berg"


def test_board_demanding_two_justerare(tmp_path):
    project(tmp_path, organ=organ_data(justerare_minst=2))
    found = only(rule_findings(tmp_path, ID))
    assert found.level is Level.FEL
    assert found.message == (
        "nämnden kräver minst 2 justerare för att justera protokollet; 1 angiven (Bertil Berg)"
    )
    assert found.pos.line == 8  # justerare: in the meeting file


def test_two_justerare_for_a_board_demanding_two(tmp_path):
    project(tmp_path, meeting_data(justerare=NINE[1:3]), organ=organ_data(justerare_minst=2))
    assert rule_findings(tmp_path, ID) == []


def test_same_justerare_twice(tmp_path):
    project(tmp_path, meeting_data(justerare=[NINE[1], NINE[1]]),
            organ=organ_data(justerare_minst=2))
    found = rule_findings(tmp_path, ID)
    assert sorted(f.message for f in found) == [
        "Bertil Berg står två gånger bland justerarna",
        "nämnden kräver minst 2 justerare för att justera protokollet; 1 angiven (Bertil Berg)",
    ]


def test_every_paragraph_needs_its_justerare(tmp_path):
    project(tmp_path, meeting_data(justerare=[{"namn": NINE[1], "paragrafer": "1"}]),
            items=[{}, {}])
    found = only(rule_findings(tmp_path, ID))
    assert found.message == (
        "§ 2 har ingen justerare; nämnden kräver minst 1 justerare för att justera varje paragraf"
    )


def test_second_justerare_for_the_paragraphs_the_first_missed(tmp_path):
    project(tmp_path, meeting_data(
        justerare=[{"namn": NINE[1], "paragrafer": "1"}, {"namn": NINE[2], "paragrafer": "2"}],
        närvarande={"ledamöter": [NINE[0], {"namn": NINE[1], "paragrafer": "1"}] + NINE[2:]},
    ), items=[{}, {}])
    assert rule_findings(tmp_path, ID) == []


def test_missing_justerare_is_left_to_the_phase_rule(tmp_path):
    meeting = meeting_data()
    del meeting["justerare"]
    project(tmp_path, meeting)
    assert rule_findings(tmp_path, ID) == []
