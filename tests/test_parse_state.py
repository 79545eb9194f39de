"""Parse state as values: the checker, not each rule, skips what could not be read, and the
runner, not the rule, sets each finding's rule id (issue 9, part 4)."""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import item_text, meeting_data, organ_data, project, write_meeting

from protogen import checker
from protogen.findings import Finding, Findings, Level, Pos
from protogen.loader.item import load_item
from protogen.loader.project import load_project
from protogen.model import (
    UNSTATED_GROUND,
    Item,
    Meeting,
    Organ,
    ParseFailure,
    PostedNotice,
    UnstatedGround,
)
from protogen.rules import RULES
from protogen.rules.base import Context, Problem, Rule, fel

RULES_DIR = Path(checker.__file__).parent / "rules"
TODAY = dt.date(2030, 1, 1)


def _broken_project(root: Path) -> None:
    """One board whose second meeting cannot be read, whose third has an item with broken
    front matter and one without front matter, and a notice whose front matter is broken."""
    project(root)
    write_meeting(root, "tn", "2024-04-10", "datum: [2024-04-10\n", [{}])
    write_meeting(root, "tn", "2024-05-15", meeting_data("2024-05-15"),
                  [{}, "---\nrubrik: [trasig\n---\nText.\n", "Ingen front matter.\n"])
    (root / "anslag").mkdir()
    (root / "anslag" / "2024-04-02-trasig.md").write_text("---\nrubrik: [\n---\n", encoding="utf-8")


def _recording_rule(seen: list[object], needs_meeting: bool = False) -> Rule:
    def remember(subject: object, ctx: Context) -> Iterator[Problem]:
        seen.append(subject)
        return iter(())

    return Rule(id="spion", doc="", meeting_check=remember, item_check=remember,
                organ_check=remember, notice_check=remember, needs_meeting=needs_meeting)


def test_the_loader_keeps_a_parse_failure_as_a_value(tmp_path: Path) -> None:
    _broken_project(tmp_path)
    findings = Findings()
    loaded = load_project(tmp_path, findings)
    meetings = loaded.meetings()
    assert [m.failure is None for m in meetings] == [True, False, True]
    broken = meetings[1].failure
    assert isinstance(broken, ParseFailure) and broken.pos.path.endswith("sammanträde.yaml")
    assert [i.failure is None for i in meetings[2].items] == [True, False, False]
    assert all(isinstance(n.failure, ParseFailure) for n in loaded.notices)
    # The loader reported each failure once, where it stands.
    paths = [f.pos.path for f in findings.items if f.level is Level.FEL]
    assert sum(p.endswith("2024-04-10/sammanträde.yaml") for p in paths) == 1


def test_no_rule_ever_sees_what_could_not_be_read(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _broken_project(tmp_path)
    seen: list[object] = []
    monkeypatch.setattr(checker, "RULES", [*RULES, _recording_rule(seen)])
    checker.check_project(tmp_path, today=TODAY)
    meetings = [s for s in seen if isinstance(s, Meeting)]
    items = [s for s in seen if isinstance(s, Item)]
    assert [m.folder_name for m in meetings] == ["2024-03-13", "2024-05-15"]
    # An item file that was read is checked even where its sammanträde.yaml was not …
    folders = [i.file.parent.name for i in items]
    assert folders == ["2024-03-13", "2024-04-10", "2024-05-15"]
    assert all(i.failure is None for i in items)
    assert not [s for s in seen if isinstance(s, PostedNotice)]
    assert [s.id for s in seen if isinstance(s, Organ)] == ["tn"]
    # … except by a rule that needs the meeting too.
    seen.clear()
    monkeypatch.setattr(checker, "RULES", [_recording_rule(seen, needs_meeting=True)])
    checker.check_project(tmp_path, today=TODAY)
    folders = [s.file.parent.name for s in seen if isinstance(s, Item)]
    assert folders == ["2024-03-13", "2024-05-15"]


def test_a_rule_that_needs_the_board_skips_an_unreadable_organ_yaml(tmp_path: Path) -> None:
    project(tmp_path, items=[{"typ": "X"}], organ="namn: [\n")
    result = checker.check_project(tmp_path, today=TODAY)
    assert not [f for f in result.findings if f.rule == "arendetyp"]
    assert any(f.rule == "yaml-syntax" for f in result.findings)
    project(tmp_path, items=[{"typ": "X"}], organ=organ_data())
    result = checker.check_project(tmp_path, today=TODAY)
    assert [f.rule for f in result.findings if f.rule == "arendetyp"] == ["arendetyp"]


def test_the_runner_sets_the_rule_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path)

    def problem(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
        yield fel(meeting.pos, "ett problem")

    rule = Rule(id="egen-regel", doc="", meeting_check=problem)
    monkeypatch.setattr(checker, "RULES", [rule])
    result = checker.check_project(tmp_path, today=TODAY)
    assert [(f.rule, f.message) for f in result.findings] == [("egen-regel", "ett problem")]


def test_a_rule_cannot_report_under_another_id(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A problem has no id to give; a rule that yields a Finding with one is an internal
    error, never a finding under someone else's id."""
    project(tmp_path)

    def imposter(meeting: Meeting, ctx: Context) -> Iterator[object]:
        yield Finding(meeting.pos, Level.FEL, "falskt", "personnummer")

    rule = Rule(id="bedragare", doc="", meeting_check=imposter)  # type: ignore[arg-type]
    monkeypatch.setattr(checker, "RULES", [rule])
    result = checker.check_project(tmp_path, today=TODAY)
    assert [f.rule for f in result.findings] == ["internt-fel"]
    assert "bedragare" in result.findings[0].message
    assert not hasattr(Problem(Pos("x"), Level.FEL, "m"), "rule")


def _module_sources() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(RULES_DIR.glob("*.py")):
        if path.name != "base.py":
            yield path.name, ast.parse(path.read_text(encoding="utf-8"))


def test_rules_neither_repeat_their_id_nor_test_parse_state() -> None:
    flags = {"loaded", "readable", "failure", "body_line", "UNSTATED_GROUND", "LEVEL",
             "invalid"}
    for name, tree in _module_sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("fel", "varning"):
                assert len(node.args) == 2 and not node.keywords, (name, node.lineno)
            if isinstance(node, ast.Attribute):
                assert node.attr not in flags - {"body_line"}, (name, node.lineno, node.attr)
            if isinstance(node, ast.Name):
                assert node.id not in flags, (name, node.lineno, node.id)
            if isinstance(node, ast.Compare) and isinstance(node.left, ast.Attribute):
                assert node.left.attr != "body_line", (name, node.lineno)


def test_an_unread_sekretess_is_a_type_and_fails_closed(tmp_path: Path) -> None:
    path = tmp_path / "01-a.md"
    path.write_text("---\nrubrik: A\nsekretess:\n---\n", encoding="utf-8")
    item = load_item(path, "01-a.md", 1, "a", 0, Findings())
    assert isinstance(item.secrecy, UnstatedGround) and item.secret
    assert item.secrecy == UNSTATED_GROUND == str(UNSTATED_GROUND)
    path.write_text("---\nrubrik: [\n---\n", encoding="utf-8")
    unread = load_item(path, "01-a.md", 1, "a", 0, Findings())
    assert isinstance(unread.failure, ParseFailure)
    assert isinstance(unread.secrecy, UnstatedGround) and unread.secret
    # A ground the user wrote, even one spelt like the stand-in, is no UnstatedGround.
    path.write_text(f'---\nrubrik: A\nsekretess: "{UNSTATED_GROUND}"\n---\n', encoding="utf-8")
    written = load_item(path, "01-a.md", 1, "a", 0, Findings())
    assert written.secret and not isinstance(written.secrecy, UnstatedGround)


def test_a_finding_of_an_unreadable_item_keeps_its_own_words(tmp_path: Path) -> None:
    """The skip does not hide the reader's own finding, nor those about the body, which was
    read (a personnummer below broken front matter is still found)."""
    project(tmp_path, items=["---\nrubrik: [\n---\nTolvan 19121212-1212\n", item_text()])
    result = checker.check_project(tmp_path, today=TODAY)
    rules = sorted({f.rule for f in result.findings})
    assert rules == ["personnummer", "yaml-syntax"], rules


def test_the_loader_reports_no_finding_under_a_rule_id(tmp_path: Path) -> None:
    """The sekretess problems, duplicate prefixes and substitutes without ersätter are kept
    as values by the loader and reported by the rules that own their ids."""
    from protogen.rules import RULE_IDS

    substitute = {"tjänstgörande_ersättare": [{"namn": "Jonas Jansson"}, "Karin Krantz"]}
    data = meeting_data(närvarande={"ledamöter": ["Anna Andersson"], **substitute})
    folder = project(tmp_path, data, [{"sekretess": True}, {"sekretess": "nej"}])
    (folder / "01-samma.md").write_text(item_text({"sekretess": None}), encoding="utf-8")
    (folder / "03-text.md").write_text(item_text(body="sekretess: OSL\n"), encoding="utf-8")
    findings = Findings()
    load_project(tmp_path, findings)
    assert not [f.format() for f in findings.items if f.rule in RULE_IDS]
    result = checker.check_project(tmp_path, today=TODAY)
    owned = sorted((f.rule, f.pos.path.rsplit("/", 1)[1]) for f in result.findings
                   if f.rule in ("sekretess", "numrering", "ersattare-ersatter"))
    assert owned == [("ersattare-ersatter", "sammanträde.yaml")] * 2 + [
        ("numrering", "01-samma.md"), ("sekretess", "01-arende-1.md"),
        ("sekretess", "01-samma.md"), ("sekretess", "02-arende-2.md"), ("sekretess", "03-text.md")]


def test_what_the_reader_found_is_no_public_text(tmp_path: Path) -> None:
    """public.strings() gathers a meeting's words for the leak scanner: the parse state and the
    reader's findings kept for the rules are not words of the meeting."""
    from protogen.public import strings

    data = meeting_data(närvarande={"ledamöter": ["Anna Andersson"],
                                    "tjänstgörande_ersättare": ["Karin Krantz",
                                                                {"namn": "Jonas Jansson",
                                                                 "ersätter": ""}]})
    project(tmp_path, data, [{"sekretess": 3}, "---\nrubrik: [\n---\n"])
    meeting = load_project(tmp_path, Findings()).meetings()[0]
    assert meeting.items[0].secrecy_doubts and meeting.items[1].failure
    assert meeting.attendance is not None and meeting.attendance.unshaped_substitutes
    words = " ".join([*strings(meeting.attendance), *strings(meeting.items)])
    assert "heltal" not in words and ".yaml" not in words and ".md" not in words, words
    (tmp_path / "anslag").mkdir()
    (tmp_path / "anslag" / "2024-04-02-a.md").write_text(
        "---\nrubrik: A\nfil: hemligt-namn.pdf\n---\n", encoding="utf-8")
    notices = load_project(tmp_path, Findings()).notices
    assert notices[0].unusable_files and "hemligt" not in " ".join(strings(notices))


def test_the_anslag_folder_is_judged_by_its_rule_not_the_loader(tmp_path: Path) -> None:
    from protogen.rules import RULE_IDS

    project(tmp_path)
    anslag = tmp_path / "anslag"
    anslag.mkdir()
    text = "---\nrubrik: Beslut\norgan: tnn\nfil: [../organ.pdf, saknas.pdf]\n---\nText.\n"
    (anslag / "2024-04-02-beslut.md").write_text(text, encoding="utf-8")
    (anslag / "2024-02-30-fel-datum.md").write_text("---\nrubrik: A\n---\n", encoding="utf-8")
    (anslag / "utan-datum.md").write_text("---\nrubrik: A\n---\n", encoding="utf-8")
    (anslag / "2024-04-03-lank.md").symlink_to(anslag / "2024-04-02-beslut.md")
    findings = Findings()
    load_project(tmp_path, findings)
    assert not [f.format() for f in findings.items if f.rule in RULE_IDS]
    result = checker.check_project(tmp_path, today=TODAY)
    found = sorted((f.pos.path, f.level.value, f.message.split(" ")[0]) for f in result.findings
                   if f.rule == "anslag-ovrigt")
    assert found == [
        ("anslag/2024-02-30-fel-datum.md", "fel", "filnamnet"),
        ("anslag/2024-02-30-fel-datum.md", "fel", "uppsatt"),
        ("anslag/2024-04-02-beslut.md", "fel", "filen"),
        ("anslag/2024-04-02-beslut.md", "fel", "filen"),
        ("anslag/2024-04-02-beslut.md", "fel", "organet"),
        ("anslag/2024-04-03-lank.md", "fel", "anslagsfilen"),
        ("anslag/utan-datum.md", "varning", "filen"),
    ], found
    assert "menar du tn?" in " ".join(f.message for f in result.findings)
