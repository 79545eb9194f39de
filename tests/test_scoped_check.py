"""A check of one meeting (or board, or file) gives exactly the findings a check of the whole
project gives for it, though it runs the rules on that meeting alone and reads the board's
other meetings only in outline (`protogen.loader.outline`).

The reference is the whole project's check with its findings limited to the scope (the
scope's path and its board's organ.yaml), which is what the scoped check printed before it
was made cheaper: the examples, a board full of broken meetings (findings in every meeting,
a datum that moves a meeting out of its folder's order, första_paragraf, anchors, unreadable
files, a sammanträdesplan with passed dates) and a generated board.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from protogen import checker
from protogen.checker import CheckResult, _within, check_project, meeting_in_scope
from protogen.findings import Findings
from protogen.loader.meeting import load_meeting
from protogen.loader.organ import load_organ
from protogen.loader.outline import proves_plain
from protogen.loader.project import load_project
from protogen.rules import RULES
from protogen.rules.base import Context
from tests.helpers import (
    NINE,
    copy_examples,
    dump_yaml,
    item_text,
    meeting_data,
    organ_data,
    write_meeting,
    write_organ,
)

TODAY = dt.date(2025, 3, 1)
REPO = Path(__file__).resolve().parents[1]


def _examples(tmp: Path) -> Path:
    return copy_examples(tmp / "exempel")


def _broken(tmp: Path) -> Path:
    """Two boards; meetings with findings of many rules, spread over the board."""
    root = tmp / "trasigt"
    plan = [{"datum": dt.date(2024, d.month, d.day)} for d in
            (dt.date(2024, 1, 17), dt.date(2024, 2, 14), dt.date(2024, 3, 13),
             dt.date(2024, 4, 10), dt.date(2024, 8, 21))]
    write_organ(root, "tn", organ_data(sammanträdesplan=plan))
    write_meeting(root, "tn", "2024-01-17", meeting_data("2024-01-17"), [{}, {}, {}])
    typo = meeting_data("2024-02-14")
    typo["närvarande"] = {"ledamöter": [*NINE[:1], "Bertil Bergg", *NINE[2:]]}
    write_meeting(root, "tn", "2024-02-14", typo, [{}, {"jäv": ["Eva Ekk"]}])
    write_meeting(root, "tn", "2024-03-13", meeting_data("2024-03-13", första_paragraf=12),
                  [{}, {}])
    # datum says January: the meeting sorts first, and every later § number moves.
    write_meeting(root, "tn", "2024-04-10", meeting_data("2024-01-03"), [{}, {}, {}, {}])
    write_meeting(root, "tn", "2024-05-15", "datum: 2024-05-15\ntid: [09:00\n", [{}, {}])
    folder = write_meeting(root, "tn", "2024-06-12", meeting_data("2024-06-12"), [{}])
    (folder / "sammanträde.yaml").unlink()
    anchored = dump_yaml(meeting_data("2024-09-11")).replace(
        "justering:\n  datum: 2024-09-18", "justering:\n  datum: &dag 2024-09-18").replace(
        "uppsatt: 2024-09-19", "uppsatt: *dag")
    write_meeting(root, "tn", "2024-09-11", anchored,
                  ["---\nrubrik: [trasig\n---\n\nText.\n", {"dnr": 7}])
    write_meeting(root, "tn", "2024-10-09", meeting_data("2024-10-09", status="utkast"), [{}])
    write_meeting(root, "tn", "2024-10-09-2", meeting_data("2024-10-09", justerare=["Okänd"]),
                  [{}, {}])
    (root / "protokoll" / "tn" / "2024-10-09-2" / "5-utan-nolla.md").write_text(
        item_text(), encoding="utf-8")
    (root / "protokoll" / "tn" / "2024-10-09-2" / "anteckning.MD").write_text("x", "utf-8")
    (root / "protokoll" / "tn" / "anteckningar").mkdir()
    write_meeting(root, "tn", "2025-01-15", meeting_data("2025-01-15", första_paragraf=3),
                  [{}, {}])
    write_organ(root, "ks", organ_data(namn="Kommunstyrelsen", kortnamn="KS",
                                       paragrafnumrering="löpande"))
    write_meeting(root, "ks", "2023-12-06", meeting_data("2023-12-06"), [{}, {}])
    write_meeting(root, "ks", "2024-02-07", meeting_data("2024-02-07", första_paragraf=2),
                  [{}])
    write_meeting(root, "ks", "2024-03-06", meeting_data("2024-03-06"), [{"rubrik": None}])
    return root


def _generated(tmp: Path) -> Path:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from check import generate  # bench/check.py: realistic boards (with anchors)
    finally:
        sys.path.remove(str(REPO / "bench"))
    root = tmp / "genererat"
    root.mkdir()
    generate(root, 10, 3)
    # Findings spread over the meetings: a typo, a wrong första_paragraf, a later datum.
    meetings = sorted((root / "protokoll").glob("*/*/sammanträde.yaml"))
    for number, path in enumerate(meetings):
        text = path.read_text(encoding="utf-8")
        if number % 3 == 0:
            text = text.replace("status: justerat", "status: justerat\nförsta_paragraf: 4")
        elif number % 3 == 1:
            text = text.replace("närvarande:\n  ledamöter:\n  - ", "närvarande:\n  ledamöter:\n"
                                "  - Okänd Person\n  - ", 1)
        path.write_text(text, encoding="utf-8")
    return root


def _scopes(root: Path) -> list[Path]:
    """Every board and meeting folder, some item files, organ.yaml and a folder that is no
    meeting."""
    scopes: list[Path] = []
    for board in sorted((root / "protokoll").iterdir()):
        scopes.append(board)
        scopes.append(board / "organ.yaml")
        for number, child in enumerate(sorted(p for p in board.iterdir() if p.is_dir())):
            scopes.append(child)
            if number < 2:
                scopes.extend(sorted(child.glob("*.md"))[:2])
    return scopes


def _reference(whole: CheckResult, root: Path, target: Path) -> tuple[list[str], int]:
    """The whole project's check, limited to the target as the scoped check promises."""
    scope = target.relative_to(root).as_posix()
    findings = [f.format() for f in whole.findings if _within(f.pos.path, scope)]
    count = sum(1 for m in whole.project.meetings() if _within(whole.rel(m.folder), scope))
    return findings, count


@pytest.mark.parametrize("make", [_examples, _broken, _generated])
def test_a_scoped_check_gives_the_whole_checks_findings_for_its_scope(tmp_path, make):
    root = make(tmp_path)
    seen_elsewhere = 0
    whole = check_project(root, today=TODAY)
    assert whole.findings or make is _examples
    for target in _scopes(root):
        expected, count = _reference(whole, root, target)
        for outline in (True, False) if make is _broken else (True,):
            result = check_project(root, target, today=TODAY, outline=outline)
            assert [f.format() for f in result.findings] == expected, (target, outline)
            assert sum(1 for m in result.project.meetings() if result.in_scope(m.folder)) \
                == count
        seen_elsewhere += len(whole.findings) - len(expected)
    assert make is _examples or seen_elsewhere > 0  # other meetings did have findings


def test_the_broken_board_has_findings_in_most_meetings_and_in_organ_yaml(tmp_path):
    """The fixture exercises what it should: cross-meeting findings (numbering after a datum
    that moves a meeting, the plan's passed date in organ.yaml) and a folded typo."""
    root = _broken(tmp_path)
    findings = check_project(root, today=TODAY).findings
    folders = {"/".join(f.pos.path.split("/")[:3]) for f in findings}
    assert len([f for f in folders if f.startswith("protokoll/tn/20")]) >= 7
    rules = {f.rule for f in findings}
    assert {"numrering", "sammantradesplan", "namn-okant", "mapp", "yaml-syntax"} <= rules
    organ = [f for f in findings if f.pos.path == "protokoll/tn/organ.yaml"]
    assert any("2024-08-21" in f.message for f in organ)
    scoped = check_project(root, root / "protokoll/tn/2024-03-13", today=TODAY, outline=True)
    numbering = [f.message for f in scoped.findings if f.rule == "numrering"]
    # 2024-04-10 (datum 2024-01-03, four items) sorts first: 2024-03-13 follows § 9.
    assert numbering == ["första_paragraf 12 lämnar en lucka: föregående sammanträde 2024-02-14 "
                         "slutade med § 9, så detta ska börja med § 10"]
    assert any(f.pos.path == "protokoll/tn/organ.yaml" for f in scoped.findings)


def test_the_other_meetings_are_read_in_outline_and_their_rules_do_not_run(tmp_path,
                                                                          monkeypatch):
    root = _broken(tmp_path)
    target = root / "protokoll/tn/2024-10-09"
    calls: list[str] = []
    original = checker._run_each

    def spy(rules, kind, subject, ctx, pos, findings):  # type: ignore[no-untyped-def]
        calls.append(pos.path)
        original(rules, kind, subject, ctx, pos, findings)

    monkeypatch.setattr(checker, "_run_each", spy)
    result = check_project(root, target, today=TODAY, outline=True)
    checked = {p for p in calls if p != "protokoll/tn/organ.yaml"}
    assert checked and all(p.startswith("protokoll/tn/2024-10-09/") for p in checked)
    outline = [m for m in result.project.meetings() if m.outline]
    assert len(outline) == len(result.project.meetings()) - 1
    # Their items are listed (numbered), not read.
    assert all(i.number is not None and i.title is None for m in outline for i in m.items)


def _meeting_rules_findings(root: Path) -> list[tuple[str, str]]:
    """(meeting folder, finding path) for what each meeting's own rules report."""
    project = load_project(root, Findings())
    ctx = Context(root=root, today=TODAY)
    board = Findings()  # the board rules' findings, which a scoped run also gives
    for organ in project.organs:
        for rule in RULES:
            if rule.organ_check is not None:
                checker._run(rule, rule.organ_check, organ, ctx, organ.pos, board)
    pairs = []
    for meeting in project.meetings():
        findings = Findings()
        folder = meeting.folder.relative_to(root).as_posix()
        checker.run_rules(project, ctx, findings, folder)
        pairs += [(folder, f.pos.path) for f in findings.items if f not in board.items]
    return pairs


@pytest.mark.parametrize("make", [_examples, _broken, _generated])
def test_a_meetings_rules_report_only_in_its_own_folder(tmp_path, make):
    """What lets a scoped check skip the other meetings: no folder, meeting or item rule
    reports a finding outside its meeting's folder (the board rules are run anyway)."""
    pairs = _meeting_rules_findings(make(tmp_path))
    assert pairs or make is _examples
    assert [(m, p) for m, p in pairs if not p.startswith(m + "/")] == []


def test_meeting_in_scope():
    assert meeting_in_scope("protokoll/tn/2024-01-17", "protokoll/tn")
    assert meeting_in_scope("protokoll/tn/2024-01-17", "protokoll/tn/2024-01-17")
    assert meeting_in_scope("protokoll/tn/2024-01-17", "protokoll/tn/2024-01-17/01-a.md")
    assert not meeting_in_scope("protokoll/tn/2024-01-17", "protokoll/tn/2024-01-17-2")
    assert not meeting_in_scope("protokoll/tn/2024-01-17", "protokoll/tn/organ.yaml")
    assert meeting_in_scope("protokoll/tn/2024-01-17", "")


PLAIN = "datum: 2024-03-13\ntid: 09:00\nstatus: justerat\n"
CASES = [
    (PLAIN, True),
    ("tid: 09:00\n", True),  # no datum: the folder's date stands
    ("datum: 2024-03-13 # kommentar\njusterare:\n- A\n", True),
    ("# rubrik\n\ndatum: 2024-03-13\n", True),
    ("datum: 2024-03-13\nanteckning: \"x\ndatum: 2024-03-13\"\n", False),  # two datum lines
    ("datum: 2024-03-14\n", False),  # another date
    ("datum: '2024-03-13'\n", False),
    ("datum:\n  2024-01-01\n", False),
    ("  datum: 2024-01-01\n  tid: x\n", False),  # an indented top-level mapping
    ("\n  datum: 2024-01-01\n", False),
    ("{datum: 2024-01-01}\n", False),
    ("? datum\n: 2024-01-01\n", False),
    ("\"datum\": 2024-01-01\n", False),
    ("\"d\\u0061tum\": 2024-01-01\ndatum: 2024-03-13\n", False),
    ("bas: &b {datum: 2024-01-01}\n<<: *b\n", False),
    ("&a datum: 2024-01-01\n", False),
    ("!!str datum: 2024-01-01\n", False),
    ("%YAML 1.2\n---\ndatum: 2024-01-01\n", False),
    ("---\ndatum: 2024-01-01\n", False),
    ("datum: 2024-03-13\n---\ndatum: 2024-01-01\n", False),
    ("\ufeffdatum: 2024-01-01\n", False),
    ("tid: x\rdatum: 2024-01-01\n", False),
    ("tid: x\u2028datum: 2024-01-01\n", False),
    ("datum: 2024-03-13\nförsta_paragraf: 5\n", False),
    ("första_paragraf: 5\n", False),
    ("datum: 2024-03-13\r\ntid: x\r\n", True),
    ("a: |\ndatum: 2024-01-01\n", False),
    ("datum: 2024-03-13\nnärvarande:\n  övriga:\n  - namn: A\n    paragrafer: 3-4\n", True),
    ("justering:\n  datum: &d 2024-03-20\nanslag:\n  uppsatt: *d\n", True),
]


@pytest.mark.parametrize(("text", "provable"), CASES)
def test_the_outline_proof_is_exact_where_it_is_used(tmp_path, text, provable):
    """Where `proves_plain` holds, reading the file gives no första_paragraf and no date but
    the folder's: the outline sorts and numbers the meeting as the full read would."""
    root = tmp_path
    write_organ(root, "tn")
    folder = root / "protokoll" / "tn" / "2024-03-13"
    folder.mkdir()
    path = folder / "sammanträde.yaml"
    path.write_bytes(text.encode("utf-8"))
    assert proves_plain(path, "2024-03-13") is provable
    organ = load_organ(root / "protokoll" / "tn", root, Findings())
    meeting = load_meeting(folder, organ, root, Findings())
    if provable:
        assert meeting.first_number_given is None
        assert (meeting.date or meeting.folder_date) == dt.date(2024, 3, 13)


def test_the_outline_proof_reads_no_link_and_no_large_file(tmp_path):
    real = tmp_path / "utanför.yaml"
    real.write_text(PLAIN, encoding="utf-8")
    link = tmp_path / "sammanträde.yaml"
    link.symlink_to(real)
    assert proves_plain(real, "2024-03-13")
    assert not proves_plain(link, "2024-03-13")
    assert not proves_plain(tmp_path / "saknas.yaml", "2024-03-13")
    big = tmp_path / "stor.yaml"
    big.write_text(PLAIN + "# " + "x" * 2_100_000 + "\n", encoding="utf-8")
    assert not proves_plain(big, "2024-03-13")
    latin = tmp_path / "latin1.yaml"
    latin.write_bytes("datum: 2024-03-13\nplats: Kommunhuset, våning 2\n".encode("latin-1"))
    assert not proves_plain(latin, "2024-03-13")


def _cli_check(root: Path, capsys: pytest.CaptureFixture[str], target: str) -> tuple[int, str]:
    from contextlib import chdir

    from protogen import cli

    capsys.readouterr()
    with chdir(root):
        code = cli.main(["check", "--datum", "2025-03-01", target])
    return code, capsys.readouterr().out


def test_a_stored_check_of_one_meeting_keys_on_what_its_outline_reads(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """An edit to another meeting's item text replays the stored run (the check does not
    read it); a change to what the outline reads (another meeting's sammanträde.yaml, a new
    or removed item file there, organ.yaml, the meeting itself) checks again; every output
    equals an uncached run's."""
    from protogen import cli

    root = _broken(tmp_path)
    monkeypatch.setenv("PROTOGEN_CACHE", str(tmp_path / "cache"))
    ran: list[str] = []
    real = cli._run_check

    def counting(root, target, today, args):  # type: ignore[no-untyped-def]
        ran.append(str(target))
        return real(root, target, today, args)

    monkeypatch.setattr(cli, "_run_check", counting)
    target = "protokoll/tn/2024-03-13"
    board = root / "protokoll" / "tn"

    def again(expect_run: bool) -> None:
        ran.clear()
        got = _cli_check(root, capsys, target)
        assert len(ran) == (1 if expect_run else 0)
        monkeypatch.setenv("PROTOGEN_CACHE", "av")
        assert _cli_check(root, capsys, target) == got
        monkeypatch.setenv("PROTOGEN_CACHE", str(tmp_path / "cache"))

    again(True)
    again(False)
    item = board / "2024-01-17" / "01-arende-1.md"
    item.write_text(item.read_text(encoding="utf-8") + "\nMer text.\n", encoding="utf-8")
    again(False)  # not read by the outline
    (board / "2024-01-17" / "04-nytt.md").write_text(item_text(), encoding="utf-8")
    again(True)  # one § more before this meeting
    (board / "2024-04-10" / "02-arende-2.md").unlink()
    again(True)
    head = board / "2024-02-14" / "sammanträde.yaml"
    head.write_text(head.read_text(encoding="utf-8") + "första_paragraf: 20\n", encoding="utf-8")
    again(True)
    (board / "2024-01-17" / "bilaga").mkdir()
    again(True)  # a listed name (the key is cautious about what a folder holds)
    (board / "2024-01-17" / "04-nytt.md").unlink()
    (board / "2024-01-17" / "04-nytt.md").symlink_to(board / "2024-01-17" / "bilaga")
    again(True)  # the same name, now a link to a folder: no item any more
    (board / "organ.yaml").write_text((board / "organ.yaml").read_text(encoding="utf-8")
                                      + "justering_dagar: 7\n", encoding="utf-8")
    again(True)
    mine = board / "2024-03-13" / "01-arende-1.md"
    mine.write_text(mine.read_text(encoding="utf-8") + "\nRättelse.\n", encoding="utf-8")
    again(True)
    again(False)


@pytest.mark.parametrize("name", ["01-a.md", ".md", "a.", "a", "a.b.MD", "..md", "x.markdown",
                                  "x.md.", ".a.md", "...", "01-a.Md", "ä.md"])
def test_item_files_are_told_by_the_suffix_pathlib_gives(name):
    from pathlib import PurePath

    from protogen.loader.meeting import _suffix

    assert _suffix(name) == PurePath(name).suffix


def test_a_check_of_one_file_of_a_meeting_says_it_checked_that_meeting(tmp_path, capsys):
    """`protogen check protokoll/<organ>/<möte>/sammanträde.yaml` runs that meeting's rules;
    its summary said "0 sammanträden kontrollerade"."""
    root = _examples(tmp_path)
    meeting = next(p for p in sorted((root / "protokoll").glob("*/*")) if p.is_dir())
    for target in (meeting / "sammanträde.yaml", sorted(meeting.glob("*.md"))[0], meeting):
        code, out = _cli_check(root, capsys, target.relative_to(root).as_posix())
        assert "1 sammanträde kontrollerat" in out, (target, out)
