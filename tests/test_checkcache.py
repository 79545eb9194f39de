"""A warm `protogen check` of an unchanged project replays the stored run, byte for byte; any
change to what a check reads makes it check again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from contextlib import chdir
from pathlib import Path

import pytest

from protogen import checkcache, cli

EXAMPLES = Path(__file__).resolve().parent.parent / "protokoll"
MEETING = "protokoll/gns/2020-02-14"
FORMATS = (["--format", "text"], ["--format", "json"], ["--format", "sarif"],
           ["--format", "github"], ["--strict"])


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PROTOGEN_CACHE", str(tmp_path / "cache"))
    root = tmp_path / "projekt"
    shutil.copytree(EXAMPLES, root / "protokoll")
    meeting = root / MEETING
    (meeting / "90-trasig.md").write_text("---\nrubrik: [Trasig\nbeslut: x\n---\n\nText.\n",
                                          encoding="utf-8")
    (meeting / "92-okand.md").write_text(
        "---\nrubrik: Okänd\nbeslut: Godkänns.\nreservationer:\n  - av: Ingen Alls\n"
        "datum_fel: 2020-02-30\n---\n\nText.\n", encoding="utf-8")
    return root


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """The checks that really ran (a replay runs none)."""
    ran: list[tuple[str, ...]] = []
    real = cli._run_check

    def counting(root, target, today, args):  # type: ignore[no-untyped-def]
        ran.append((str(target), str(today), args.format))
        return real(root, target, today, args)

    monkeypatch.setattr(cli, "_run_check", counting)
    return ran


def check(root: Path, capsys: pytest.CaptureFixture[str], *args: str,
          where: Path | None = None) -> tuple[int, str, str]:
    capsys.readouterr()
    with chdir(where or root):
        code = cli.main(["check", "--datum", "2030-01-01", *args])
    out, err = capsys.readouterr()
    return code, out, err


def entries(root: Path) -> list[Path]:
    return sorted((root.parent / "cache" / checkcache.FOLDER).glob("*/*"))


def test_a_warm_check_replays_the_run_exactly(project: Path, runs: list[tuple[str, ...]],
                                               capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    for options in FORMATS:
        monkeypatch.setenv("PROTOGEN_CACHE", "av")
        uncached = check(project, capsys, *options)
        monkeypatch.setenv("PROTOGEN_CACHE", str(project.parent / "cache"))
        runs.clear()
        cold = check(project, capsys, *options)
        warm = check(project, capsys, *options)
        assert len(runs) == 1, options  # the cold one
        assert warm == cold == uncached, options
        assert cold[0] == 1 and "yaml-syntax" in cold[1] and cold[2] == ""
    # The same for one meeting, run from its folder.
    runs.clear()
    cold = check(project, capsys, where=project / MEETING)
    warm = check(project, capsys, where=project / MEETING)
    assert warm == cold and len(runs) == 1
    assert "(1 sammanträde kontrollerat)" in cold[1]


def test_a_warm_check_imports_neither_ruamel_nor_the_rules(project: Path) -> None:
    script = ("import sys\nfrom protogen.cli import main\ncode = main(['check', '--datum', "
              "'2030-01-01'])\nloaded = [m for m in ('ruamel.yaml', 'protogen.rules', "
              "'protogen.checker') if m in sys.modules]\nprint('LOADED', loaded, code)\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    first = subprocess.run([sys.executable, "-c", script], cwd=project, env=env,
                           capture_output=True, text=True, check=True)
    second = subprocess.run([sys.executable, "-c", script], cwd=project, env=env,
                            capture_output=True, text=True, check=True)
    assert "LOADED ['ruamel.yaml', 'protogen.rules', 'protogen.checker'] 1" in first.stdout
    assert second.stdout.replace("LOADED [] 1", "") == first.stdout.replace(
        "LOADED ['ruamel.yaml', 'protogen.rules', 'protogen.checker'] 1", "")


def _edit_item(root: Path) -> None:
    item = root / MEETING / "92-okand.md"
    item.write_text(item.read_text(encoding="utf-8").replace("Ingen Alls", "Ingen Annan"),
                    encoding="utf-8")


def _new_item(root: Path) -> None:
    (root / MEETING / "93-ny.md").write_text("---\nrubrik: Ny\n---\n\nText.\n", encoding="utf-8")


def _remove_file(root: Path) -> None:
    (root / MEETING / "90-trasig.md").unlink()


def _attachment(root: Path) -> None:
    (root / MEETING / "bilaga.pdf").write_bytes(b"inte en pdf")


def _template(root: Path) -> None:
    (root / "mallar" / "kommunen").mkdir(parents=True)


def _notice(root: Path) -> None:
    (root / "anslag").mkdir()
    (root / "anslag" / "2030-01-01-x.md").write_text("---\nrubrik: X\n---\n", encoding="utf-8")


def _linked_meeting(root: Path) -> None:
    elsewhere = root / "annat" / "2031-01-01"
    shutil.copytree(root / MEETING, elsewhere)
    (root / "protokoll" / "gns" / "2031-01-01").symlink_to(elsewhere)


@pytest.mark.parametrize("change", [_edit_item, _new_item, _remove_file, _attachment,
                                    _template, _notice, _linked_meeting])
def test_any_change_to_what_check_reads_checks_again(project: Path, change, runs,  # type: ignore[no-untyped-def]
                                                     capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    check(project, capsys)
    change(project)
    runs.clear()
    changed = check(project, capsys)
    assert len(runs) == 1
    monkeypatch.setenv("PROTOGEN_CACHE", "av")
    assert changed == check(project, capsys)


def test_a_file_inside_a_linked_folder_is_read_through_the_link(
        project: Path, runs: list[tuple[str, ...]], capsys: pytest.CaptureFixture[str]) -> None:
    _linked_meeting(project)
    check(project, capsys)
    item = project / "annat" / "2031-01-01" / "92-okand.md"
    item.write_text(item.read_text(encoding="utf-8") + "Mer.\n", encoding="utf-8")
    runs.clear()
    check(project, capsys)
    assert len(runs) == 1


def test_another_day_scope_or_option_checks_again(project: Path, runs: list[tuple[str, ...]],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    check(project, capsys)
    runs.clear()
    with chdir(project):
        cli.main(["check", "--datum", "2030-01-02"])
        cli.main(["check", "--datum", "2030-01-01", MEETING])
        cli.main(["check", "--datum", "2030-01-01", "--strict"])
    assert len(runs) == 3


def test_a_large_file_is_known_by_its_times_and_a_fresh_one_is_not_trusted(
        project: Path, runs: list[tuple[str, ...]], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checkcache, "SMALL", 10)  # every file is "large"
    big = project / MEETING / "bilaga.pdf"
    big.write_bytes(b"%PDF-1.4 trasig")
    check(project, capsys)
    assert entries(project) == []  # changed just now: its times prove nothing yet
    old = time.time() - 60
    for path in (project / "protokoll").rglob("*"):
        os.utime(path, (old, old), follow_symlinks=False)
    monkeypatch.setattr(checkcache, "RACY", -1e9)  # ctime cannot be set back: trust it here
    check(project, capsys)
    assert len(entries(project)) == 1
    runs.clear()
    check(project, capsys)
    assert runs == []
    big.write_bytes(b"%PDF-1.4 annan")  # same size, new content: a new change time
    check(project, capsys)
    assert len(runs) == 1


def test_a_damaged_or_forged_entry_is_never_used(project: Path, runs: list[tuple[str, ...]],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    cold = check(project, capsys)
    (entry,) = entries(project)
    key = entry.name
    forged = [b"", b"garbage", f"{checkcache.FORMAT} {key} 0".encode(),
              f"{checkcache.FORMAT} {'0' * 64} 0\nInga fel.\n".encode(),
              f"{checkcache.FORMAT} {key} 7\nInga fel.\n".encode(),
              f"{checkcache.FORMAT} {key} 0\n\xff\n".encode("latin-1"),
              f"protogen-check-cache-0 {key} 0\nInga fel.\n".encode()]
    for raw in forged:
        entry.write_bytes(raw)
        runs.clear()
        assert check(project, capsys) == cold
        assert len(runs) == 1, raw


def test_a_run_that_wrote_to_standard_error_is_not_stored(
        project: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = cli._run_check

    def noisy(root, target, today, args):  # type: ignore[no-untyped-def]
        print("en varning från ett bibliotek", file=sys.stderr)
        return real(root, target, today, args)

    monkeypatch.setattr(cli, "_run_check", noisy)
    check(project, capsys)
    assert entries(project) == []


def test_the_cache_can_be_turned_off(project: Path, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROTOGEN_CACHE", "av")
    check(project, capsys)
    check(project, capsys)
    assert not (project.parent / "cache").exists()


def test_the_check_parser_alone_parses_as_the_whole_one(capsys: pytest.CaptureFixture[str]) -> None:
    cases = [["check"], ["check", "x"], ["check", "--form", "sarif", "--str"],
             ["check", "--format", "nej"], ["check", "--nej"], ["check", "-h"],
             ["check", "a", "b"], ["check", "--datum"], ["check", "--version"]]
    for args in cases:
        seen = []
        for only in (None, "check"):
            try:
                parsed: object = vars(cli.build_parser(only).parse_args(args))
            except SystemExit as exit_:
                parsed = exit_.code
            seen.append((parsed, capsys.readouterr()))
        assert seen[0] == seen[1], args


# -- Review (rv): ways a warm run could replay a stale or foreign result --------------------

def test_an_entry_cut_short_or_damaged_is_never_used(project: Path, runs: list[tuple[str, ...]],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A crash or a full disk can leave an entry whose first line is whole but whose output is
    cut short: replayed, it would show fewer fel (or none) than the project has."""
    cold = check(project, capsys)
    assert cold[0] == 1 and " fel" in cold[1]
    (entry,) = entries(project)
    raw = entry.read_bytes()
    head, _, body = raw.partition(b"\n")
    for damaged in (head + b"\n", head + b"\n" + body[: len(body) // 2],
                    head + b"\n" + body.replace(b"fel", b"lef", 1)):
        entry.write_bytes(damaged)
        runs.clear()
        assert check(project, capsys) == cold
        assert len(runs) == 1


def test_an_entry_written_by_another_user_is_never_used(
        project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """In a shared cache folder (PROTOGEN_CACHE=/tmp/…), another user who can read the
    project could write "0\\nInga fel" under its key."""
    check(project, capsys)
    (entry,) = entries(project)
    store = checkcache.CheckCache(entry.parent.parent)
    assert store.get(entry.name) is not None
    me = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: me + 1)
    assert store.get(entry.name) is None


def test_a_project_at_the_file_systems_root_follows_its_links(tmp_path: Path) -> None:
    """With the project at / (a container's WORKDIR), every linked folder is inside it and
    the check reads it: its files must be in the key."""
    (tmp_path / "mapp").mkdir()
    (tmp_path / "mapp" / "a.md").write_text("ett", encoding="utf-8")
    (tmp_path / "länk").symlink_to(tmp_path / "mapp")
    seen = []
    for text in ("ett", "två"):
        (tmp_path / "mapp" / "a.md").write_text(text, encoding="utf-8")
        inputs = checkcache._Inputs(Path("/"))
        inputs._entry(str(tmp_path / "länk"), "protokoll/länk")
        seen.append(inputs.digest.hexdigest())
    assert seen[0] != seen[1]


def test_where_change_times_prove_nothing_a_large_file_is_known_by_its_content(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows st_ctime is the creation time: a same-size edit with the modification time
    set back (a copy that keeps times, a restore) leaves every time and the inode as they were."""
    monkeypatch.setattr(checkcache, "SMALL", 10)
    monkeypatch.setattr(checkcache, "CHANGE_TIMES", False)
    big = tmp_path / "bilaga.pdf"
    seen = []
    for content in (b"%PDF-1.4 hel", b"%PDF-1.4 fel"):
        big.write_bytes(content)
        info = os.stat_result((0o100644, 1, 1, 1, 0, 0, len(content), 1, 1, 1))  # same times
        inputs = checkcache._Inputs(tmp_path)
        inputs._file(str(big), "bilaga.pdf", info)
        seen.append(inputs.digest.hexdigest())
    assert seen[0] != seen[1]


def test_a_run_that_printed_by_itself_is_not_stored(
        project: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Anything written to standard output besides the report would be missing from a replay."""
    real = cli._run_check

    def chatty(root, target, today, args):  # type: ignore[no-untyped-def]
        print("ett meddelande från ett bibliotek")
        return real(root, target, today, args)

    monkeypatch.setattr(cli, "_run_check", chatty)
    check(project, capsys)
    assert entries(project) == []


def test_a_project_with_a_folder_linked_out_of_it_is_never_replayed(
        project: Path, runs: list[tuple[str, ...]], capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    """mallar/ linked to a shared folder elsewhere: the rule `mall` lists it, so removing a
    look there gives a fel that a replay would not show."""
    shared = tmp_path / "gemensamt" / "mallar"
    (shared / "kommunen").mkdir(parents=True)
    (project / "mallar").symlink_to(shared)
    organ = project / "protokoll" / "gns" / "organ.yaml"
    text = organ.read_text(encoding="utf-8")
    organ.write_text(text.replace("\nmall: standard\n", "\nmall: kommunen\n"), encoding="utf-8")
    assert "mall: kommunen" in organ.read_text(encoding="utf-8")
    before = check(project, capsys, "protokoll/gns")
    assert "[mall]" not in before[1]
    (shared / "kommunen").rename(shared / "kommun")
    runs.clear()
    after = check(project, capsys, "protokoll/gns")
    assert len(runs) == 1 and "mallen kommunen finns varken" in after[1]
    assert entries(project) == []


def test_a_file_rewritten_and_put_back_while_the_check_read_it_is_not_stored(
        project: Path, runs: list[tuple[str, ...]], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """git stash and pop around a pre-commit hook while an editor's check runs: the check
    reads the other version, and the project has the same content before and after it."""
    item = project / MEETING / "92-okand.md"
    mine = item.read_text(encoding="utf-8")
    real = cli._run_check

    def meanwhile(root, target, today, args):  # type: ignore[no-untyped-def]
        item.write_text(mine.replace("Ingen Alls", "Ingen Annan"), encoding="utf-8")
        try:
            return real(root, target, today, args)
        finally:
            item.write_text(mine, encoding="utf-8")

    monkeypatch.setattr(cli, "_run_check", meanwhile)
    check(project, capsys)
    monkeypatch.setattr(cli, "_run_check", real)
    warm = check(project, capsys)
    monkeypatch.setenv("PROTOGEN_CACHE", "av")
    assert warm == check(project, capsys)


def test_no_cache_check_reads_takes_an_entry_written_by_another_user(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parse cache (a document without its personnummer) and the holiday table (a
    holiday that moves a deadline) feed a check as much as its own entries do."""
    import json

    from protogen.law import dates
    from protogen.loader import parsecache

    monkeypatch.setenv("PROTOGEN_CACHE", str(tmp_path))
    parsed = parsecache.ParseCache(tmp_path / parsecache.FOLDER)
    parsed.put("ab" * 32, {"rubrik": "x"}, [])
    table = tmp_path / "helgdagar" / "t.json"
    table.parent.mkdir()
    years = {"2030": [["2030-01-02", "Påhittad"]]}
    table.write_text(json.dumps({"innehåll": dates.content_digest(years), "år": years}),
                     encoding="utf-8")
    monkeypatch.setattr(dates, "_table_file", lambda: table)
    assert parsed.get("ab" * 32) is not None and dates._read_tables() != {}
    me = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: me + 1)
    assert parsed.get("ab" * 32) is None
    assert dates._read_tables() == {}


def test_a_deeply_nested_folder_is_read_without_a_traceback(
        project: Path, runs: list[tuple[str, ...]], capsys: pytest.CaptureFixture[str]) -> None:
    """The digest walked folders by recursion: 600 nested folders under a meeting (which the
    check itself does not mind) ended a check with RecursionError."""
    deep = project / MEETING / "underlag"
    os.makedirs(os.path.join(deep, *["a"] * 600))
    code, out, err = check(project, capsys)
    assert err == "" and len(runs) == 1
    (Path(os.path.join(deep, *["a"] * 600)) / "x.md").write_text("x", encoding="utf-8")
    runs.clear()
    check(project, capsys)
    assert len(runs) == 1


def test_a_pipe_or_a_planted_link_in_the_cache_folder_neither_hangs_nor_is_followed(
        project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A shared cache folder: a pipe at an entry's name would block the open for ever, and a
    link at the temporary name would have the entry written into the file it names."""
    from protogen.cache import read_own, write_own

    pipe = tmp_path / "rör"
    os.mkfifo(pipe)
    assert read_own(pipe) is None
    victim = tmp_path / "offer.txt"
    victim.write_text("mitt", encoding="utf-8")
    target = tmp_path / "c" / "ab" / "abc"
    target.parent.mkdir(parents=True)
    (target.parent / f".abc.{os.getpid()}.tmp").symlink_to(victim)
    assert write_own(target, b"post")
    assert victim.read_text(encoding="utf-8") == "mitt" and target.read_bytes() == b"post"


def test_a_cache_folder_inside_the_project_is_not_used(
        project: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """PROTOGEN_CACHE=.cache (relative) run in a meeting's folder would write kontroll/ and
    tolkat/ into protokoll/ (where only sign writes), and the check would then warn about
    them."""
    monkeypatch.setenv("PROTOGEN_CACHE", "av")
    fresh = check(project, capsys, where=project / MEETING)
    monkeypatch.setenv("PROTOGEN_CACHE", ".cache")
    for _ in range(2):
        assert check(project, capsys, where=project / MEETING) == fresh
    assert not (project / MEETING / ".cache").exists()


def test_a_read_folder_named_in_another_case_is_read_for_the_key(tmp_path: Path) -> None:
    """On macOS and Windows `Protokoll/` is the folder the check reads as protokoll/: its
    files must be in the key, not only its name."""
    for name in ("Protokoll", "MALLAR", "Anslag"):
        (tmp_path / name).mkdir()
        seen = set()
        for text in ("ett", "två"):
            (tmp_path / name / "a.md").write_text(text, encoding="utf-8")
            seen.add(checkcache.inputs_digest(tmp_path)[0])
        assert len(seen) == 2, name


def test_a_check_of_one_meeting_reads_its_board_alone(project: Path, runs: list[tuple[str, ...]],
                                                      capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Its key covers that board (and the names of the others): an edit in another board
    replays it, one in its own board checks again, and the output stays an uncached run's."""
    other = next(p for p in sorted((project / "protokoll").iterdir())
                 if p.is_dir() and p.name != "gns")
    cold = check(project, capsys, MEETING)
    item = next(iter(sorted(other.rglob("*.md"))))
    item.write_text(item.read_text(encoding="utf-8") + "\nMer text.\n", encoding="utf-8")
    runs.clear()
    assert check(project, capsys, MEETING) == cold
    assert runs == []
    _edit_item(project)
    changed = check(project, capsys, MEETING)
    assert len(runs) == 1
    monkeypatch.setenv("PROTOGEN_CACHE", "av")
    assert changed == check(project, capsys, MEETING)


def test_the_scanners_cache_does_not_hang_on_a_pipe(tmp_path: Path) -> None:
    from protogen import scancache

    pipe = tmp_path / "ab" / ("ab" * 32)
    pipe.parent.mkdir()
    os.mkfifo(pipe)
    assert scancache._load(pipe, pipe.name) is None
