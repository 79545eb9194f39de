import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import check, meeting_data, organ_data, rule_findings, write_meeting, write_organ
from where import is_fel, line_at, only

RULE = "numrering"


def board(root, second_first=None, numbering="per_år", first_day="2024-02-14",
          second_day="2024-03-13", first_items=9):
    """Two meetings: the first with `first_items` §§, the second with three."""
    write_organ(root, "tn", organ_data(paragrafnumrering=numbering))
    write_meeting(root, "tn", first_day, meeting_data(first_day), [{}] * first_items)
    second = meeting_data(second_day[:10])
    if second_first is not None:
        second["första_paragraf"] = second_first
    write_meeting(root, "tn", second_day, second, [{}] * 3)


def test_numbers_following_on_pass(tmp_path):
    board(tmp_path, second_first=10)
    assert rule_findings(tmp_path, RULE) == []


def test_left_out_passes_and_counts_on(tmp_path):
    board(tmp_path)
    assert rule_findings(tmp_path, RULE) == []
    second = check(tmp_path).project.organs[0].meetings[1]
    assert (second.first_number, second.last_number) == (10, 12)


def test_a_gap_is_a_fel(tmp_path):
    board(tmp_path, second_first=12)
    found = only(rule_findings(tmp_path, RULE))
    assert is_fel(found)
    assert found.pos.path == "protokoll/tn/2024-03-13/sammanträde.yaml"
    assert "första_paragraf: 12" in line_at(tmp_path, found)
    assert found.message == (
        "första_paragraf 12 lämnar en lucka: föregående sammanträde 2024-02-14 slutade med § 9, "
        "så detta ska börja med § 10"
    )


def test_an_overlap_is_a_fel(tmp_path):
    board(tmp_path, second_first=8)
    found = only(rule_findings(tmp_path, RULE))
    assert found.message == (
        "första_paragraf 8 ger dubbla paragrafnummer: föregående sammanträde 2024-02-14 slutade "
        "med § 9, så detta ska börja med § 10"
    )


def test_first_meeting_of_the_year_may_start_anywhere(tmp_path):
    # per_år: the 2023 meeting is another series; the earlier 2024 protocols live elsewhere.
    board(tmp_path, second_first=40, first_day="2023-12-13")
    assert rule_findings(tmp_path, RULE) == []


def test_lopande_numbering_crosses_the_year(tmp_path):
    board(tmp_path, second_first=1, numbering="löpande", first_day="2023-12-13",
          second_day="2024-01-24")
    found = only(rule_findings(tmp_path, RULE))
    assert "föregående sammanträde 2023-12-13 slutade med § 9" in found.message
    assert "ger dubbla paragrafnummer" in found.message


def test_a_second_meeting_the_same_day(tmp_path):
    board(tmp_path, second_first=11, second_day="2024-02-14-2")
    found = only(rule_findings(tmp_path, RULE))
    assert "så detta ska börja med § 10" in found.message


def test_duplicate_prefixes_share_the_id(tmp_path):
    board(tmp_path)
    folder = tmp_path / "protokoll" / "tn" / "2024-03-13"
    (folder / "01-dubblett.md").write_text("---\nrubrik: Dubblett\n---\n", encoding="utf-8")
    found = only(rule_findings(tmp_path, RULE))
    assert "prefixet 01" in found.message
