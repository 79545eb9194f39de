import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import meeting_data, organ_data, rule_findings, write_meeting, write_organ
from where import is_varning, line_at, only

RULE = "sammantradesplan"


def d(text):
    return dt.date.fromisoformat(text)


def board(root, plan, meetings, **organ):
    write_organ(root, "tn", organ_data(sammanträdesplan=plan, **organ))
    for day in meetings:
        write_meeting(root, "tn", day, meeting_data(day[:10]))


PLAN = [
    {"datum": d("2024-02-14"), "tid": "09:00", "plats": "Kommunhuset"},
    {"datum": d("2024-03-13"), "tid": "09:00", "plats": "Kommunhuset"},
    {"datum": d("2024-04-17"), "tid": "09:00", "plats": "Kommunhuset"},
]


def test_meetings_as_planned_pass(tmp_path):
    board(tmp_path, PLAN, ["2024-02-14", "2024-03-13"])
    assert rule_findings(tmp_path, RULE, today=d("2024-04-01")) == []


def test_a_meeting_outside_the_plan_is_a_varning(tmp_path):
    board(tmp_path, PLAN, ["2024-02-14", "2024-03-14"])
    found = only(rule_findings(tmp_path, RULE, today=d("2024-03-13")))
    assert is_varning(found)
    assert found.pos.path == "protokoll/tn/2024-03-14/sammanträde.yaml"
    assert "datum: 2024-03-14" in line_at(tmp_path, found)
    assert found.message == (
        "sammanträdet 2024-03-14 finns inte i sammanträdesplanen för 2024 "
        "(närmast planerat: 2024-03-13)"
    )


def test_a_moved_meeting_gives_both_varningar_once_the_planned_day_has_passed(tmp_path):
    board(tmp_path, PLAN, ["2024-02-14", "2024-03-14"])
    found = rule_findings(tmp_path, RULE, today=d("2024-03-14"))
    assert [f.pos.path for f in found] == [
        "protokoll/tn/2024-03-14/sammanträde.yaml", "protokoll/tn/organ.yaml"]


def test_a_passed_planned_date_without_a_meeting_is_a_varning(tmp_path):
    board(tmp_path, PLAN, ["2024-02-14", "2024-04-17"])
    found = only(rule_findings(tmp_path, RULE, today=d("2024-05-01")))
    assert is_varning(found)
    assert found.pos.path == "protokoll/tn/organ.yaml"
    assert "2024-03-13" in line_at(tmp_path, found)
    assert found.message.startswith(
        "sammanträdet 2024-03-13 i sammanträdesplanen har passerat men det finns ingen "
        "mötesmapp protokoll/tn/2024-03-13"
    )


def test_planned_dates_still_to_come_pass(tmp_path):
    board(tmp_path, PLAN, ["2024-02-14"])
    assert rule_findings(tmp_path, RULE, today=d("2024-03-13")) == []


def test_a_cancelled_meeting_passes(tmp_path):
    plan = [*PLAN[:2], {"datum": d("2024-04-17"), "anteckning": "Inställt"}]
    board(tmp_path, plan, ["2024-02-14", "2024-03-13"])
    assert rule_findings(tmp_path, RULE, today=d("2024-05-01")) == []


def test_years_without_a_plan_are_not_checked(tmp_path):
    board(tmp_path, PLAN, ["2023-11-15", "2024-02-14", "2024-03-13", "2024-04-17"])
    assert rule_findings(tmp_path, RULE, today=d("2024-05-01")) == []


def test_a_board_without_a_plan_is_not_checked(tmp_path):
    write_organ(tmp_path, "tn", organ_data())
    write_meeting(tmp_path, "tn", "2024-03-14", meeting_data("2024-03-14"))
    assert rule_findings(tmp_path, RULE) == []


def test_a_second_meeting_the_same_day_is_in_the_plan(tmp_path):
    board(tmp_path, PLAN, ["2024-02-14", "2024-02-14-2", "2024-03-13"])
    assert rule_findings(tmp_path, RULE, today=d("2024-04-01")) == []


def test_plan_grouped_by_year_is_read_like_a_flat_list(tmp_path):
    import datetime as dt

    from helpers import organ_data, project, rule_findings

    plan = {2024: [{"datum": dt.date(2024, 3, 13), "tid": "09:00", "notering": "Budget"}],
            2025: [{"datum": dt.date(2025, 2, 5)}]}
    project(tmp_path, organ=organ_data(sammanträdesplan=plan))
    found = rule_findings(tmp_path, "sammantradesplan", today=dt.date(2025, 6, 1))
    assert [f.level.value for f in found] == ["varning"]
    assert "2025-02-05" in found[0].message


def test_installt_true_acknowledges_a_passed_date(tmp_path):
    plan = [*PLAN[:2], {"datum": d("2024-04-17"), "inställt": True}]
    board(tmp_path, plan, ["2024-02-14", "2024-03-13"])
    assert rule_findings(tmp_path, RULE, today=d("2024-05-01")) == []


def test_a_moved_meeting_is_acknowledged_by_its_anteckning(tmp_path):
    plan = [PLAN[0], {"datum": d("2024-03-13"), "anteckning": "Flyttat till 2024-03-14"}, PLAN[2]]
    board(tmp_path, plan, ["2024-02-14", "2024-03-14", "2024-04-17"])
    assert rule_findings(tmp_path, RULE, today=d("2024-05-01")) == []


def test_an_anteckning_that_says_nothing_happened_does_not_acknowledge(tmp_path):
    plan = [*PLAN[:2], {"datum": d("2024-04-17"), "anteckning": "Budgetmöte"}]
    board(tmp_path, plan, ["2024-02-14", "2024-03-13"])
    found = only(rule_findings(tmp_path, RULE, today=d("2024-05-01")))
    assert "inställt: true" in found.message and "Flyttat till" in found.message


def test_installt_must_be_true_or_false(tmp_path):
    from helpers import check

    plan = [*PLAN[:2], {"datum": d("2024-04-17"), "inställt": "ja"}]
    board(tmp_path, plan, ["2024-02-14", "2024-03-13"])
    assert any(f.rule == "typ" and "inställt" in f.message for f in check(tmp_path).findings)


def test_build_prints_a_board_warning_once_not_once_per_meeting(tmp_path, capsys):
    from contextlib import chdir

    from protogen.cli import main

    plan = [{"datum": d(day), "tid": "09:00", "plats": "Kommunhuset"}
            for day in ("2024-02-14", "2024-03-13", "2024-04-17")]
    board(tmp_path, plan, ["2024-03-13-2", "2024-04-17-2"])  # 2024-02-14 passed, no meeting
    for folder in ("2024-03-13-2", "2024-04-17-2"):  # refused: nothing rendered, fast
        (tmp_path / "protokoll/tn" / folder / "sammanträde.yaml").write_text(
            (tmp_path / "protokoll/tn" / folder / "sammanträde.yaml").read_text() + "x: 1\n")
    capsys.readouterr()
    with chdir(tmp_path):
        main(["build"])
    out = capsys.readouterr().out
    assert out.count("2024-02-14 i sammanträdesplanen har passerat") == 1, out
