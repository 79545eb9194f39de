import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import pytest
from helpers import NINE, check, meeting_data, project, rule_findings
from people_helpers import line_at, lines_with, only

from protogen.findings import Level
from protogen.law.voting import vote_outcome

ID = "omrostning-roster"
ITEM_FILE = "protokoll/tn/2024-03-13/01-arende-1.md"
ORDER = {"propositionsordning": "Ordföranden ställer proposition på bifall mot avslag.\n"}


def voted(ja, nej, avstår=(), **more):
    return {**ORDER, "omröstning": {"ja": list(ja), "nej": list(nej), "avstår": list(avstår)},
            **more}


def vote_lines(root):
    """The `omröstning:` line and the first line of its block (where its value starts)."""
    first = lines_with(root, ITEM_FILE, "omröstning:")[0]
    return {first, first + 1}


def outcome(tmp_path):
    meeting = check(tmp_path).project.meetings()[0]
    return vote_outcome(meeting.items[0], meeting)


def test_five_against_four(tmp_path):
    project(tmp_path, items=[voted(NINE[:5], NINE[5:])])
    assert rule_findings(tmp_path, ID) == []
    result = outcome(tmp_path)
    assert (result.yes, result.no, result.abstain) == (5, 4, 0)
    assert result.winner == "ja"
    assert not result.tie_broken_by_chair


def test_no_wins_with_abstentions(tmp_path):
    project(tmp_path, items=[voted(NINE[:3], NINE[3:7], NINE[7:])])
    assert rule_findings(tmp_path, ID) == []
    result = outcome(tmp_path)
    assert (result.yes, result.no, result.abstain, result.winner) == (3, 4, 2, "nej")


def test_tie_broken_by_the_chair(tmp_path):
    # Anna Andersson presides and votes nej: 4 ja, 4 nej, 1 avstår.
    project(tmp_path, items=[voted(NINE[1:5], [NINE[0]] + NINE[5:8], NINE[8:])])
    assert rule_findings(tmp_path, ID) == []
    result = outcome(tmp_path)
    assert result.winner == "nej"
    assert result.tie_broken_by_chair


def test_tie_broken_by_the_chair_of_the_paragraph(tmp_path):
    # Anna Andersson has jäv; Bertil Berg presides over § 1 and votes ja.
    project(tmp_path, items=[voted(NINE[1:5], NINE[5:], jäv=[NINE[0]], ordförande=NINE[1])])
    assert rule_findings(tmp_path, ID) == []
    assert outcome(tmp_path).winner == "ja"


def test_tie_without_the_chair(tmp_path):
    project(tmp_path, items=[voted(NINE[1:5], NINE[5:], [NINE[0]])])
    found = only(rule_findings(tmp_path, ID))
    assert found.level is Level.FEL
    assert found.message.startswith(
        "§ 1: lika röstetal men ordföranden har inte röstat (4 ja mot 4 nej)")
    assert "Anna Andersson" in found.message
    assert found.pos.path == ITEM_FILE
    assert found.pos.line in vote_lines(tmp_path)
    result = outcome(tmp_path)
    assert result.tie and result.unresolved and not result.tie_broken_by_chair


def test_vote_by_someone_who_does_not_decide(tmp_path):
    project(tmp_path, meeting_data(närvarande={"ledamöter": NINE, "ersättare": ["Karin Krantz"]}),
            items=[voted(NINE[:5] + ["Karin Krantz"], NINE[5:])])
    found = only(rule_findings(tmp_path, ID))
    assert found.level is Level.FEL
    assert found.message == (
        "§ 1: Karin Krantz finns i ja-listan men är ersättare utan att tjänstgöra i paragrafen; "
        "bara den som deltar i beslutet får rösta"
    )
    assert line_at(tmp_path, found).strip() == "- Karin Krantz"


def test_vote_by_a_replaced_ledamot(tmp_path):
    project(tmp_path, meeting_data(närvarande={
        "ledamöter": NINE[:8],
        "tjänstgörande_ersättare": [{"namn": "Jonas Jansson", "ersätter": NINE[8]}],
    }), items=[voted(NINE[:5], NINE[5:] + ["Jonas Jansson"])])
    found = only(rule_findings(tmp_path, ID))
    assert found.message == (
        "§ 1: Ingrid Ivarsson finns i nej-listan men ersätts av Jonas Jansson i paragrafen; "
        "bara den som deltar i beslutet får rösta"
    )


def test_nobody_votes_twice(tmp_path):
    project(tmp_path, items=[voted(NINE[:5], NINE[5:] + [NINE[2]])])
    found = only(rule_findings(tmp_path, ID))
    assert found.message == (
        "§ 1: Cecilia Carlsson finns två gånger i omröstningen (i ja- och nej-listan)"
    )
    assert line_at(tmp_path, found).strip() == "- Cecilia Carlsson"
    assert found.pos.line == lines_with(tmp_path, ITEM_FILE, "- Cecilia Carlsson")[1]


def test_votes_that_do_not_add_up_are_a_warning(tmp_path):
    project(tmp_path, items=[voted(NINE[:5], NINE[5:8])])
    found = only(rule_findings(tmp_path, ID))
    assert found.level is Level.VARNING
    assert found.message == (
        "§ 1: omröstningen har 8 röster men 9 deltar i beslutet (Ingrid Ivarsson saknas)"
    )


def test_a_vote_needs_a_propositionsordning(tmp_path):
    vote = voted(NINE[:5], NINE[5:])
    del vote["propositionsordning"]
    project(tmp_path, items=[vote])
    found = only(rule_findings(tmp_path, ID))
    assert found.message.startswith("§ 1: omröstning utan propositionsordning")
    assert found.pos.line in vote_lines(tmp_path)


def test_jav_voters_are_left_to_jav_deltar(tmp_path):
    project(tmp_path, items=[voted(NINE[:5], NINE[5:], jäv=[NINE[8]])])
    assert [f.rule for f in check(tmp_path).findings if "Ingrid Ivarsson" in f.message] == [
        "jav-deltar"
    ]


def test_vote_outcome_needs_a_vote(tmp_path):
    project(tmp_path)
    meeting = check(tmp_path).project.meetings()[0]
    with pytest.raises(ValueError):
        vote_outcome(meeting.items[0], meeting)
