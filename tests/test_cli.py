"""The command line as FORMAT.md's command table promises it: Swedish help, exit codes 0/1/2,
`path:line:col: fel|varning: message [rule-id]` lines relative to the root, sorted, a summary,
JSON with the same findings, --strict, and checking one board or one meeting folder."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from contextlib import chdir
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from helpers import NINE, dump_yaml, meeting_data, project, write_meeting  # noqa: E402

from protogen.cli import main  # noqa: E402

LINE = re.compile(
    r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<level>fel|varning): "
    r"(?P<message>.+) \[(?P<rule>[a-z0-9][a-z0-9-]*)\]$"
)
SUMMARY = re.compile(  # "kontrollerade" with one sammanträde is accepted for now
    r"^(Inga fel: \d+ sammanträden? kontrollera(?:t|de)\."
    r"|\d+ fel och \d+ varning(?:ar)? i \d+ fil(?:er)? "
    r"\(\d+ sammanträden? kontrollera(?:t|de)\)\.)$"
)
MEETING = "protokoll/tn/2024-03-13"
OTHER = "protokoll/tn/2024-04-17"




def run(args: list[str], where: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """`protogen ARGS` in-process, from folder `where`: (exit code, stdout, stderr)."""
    capsys.readouterr()
    with chdir(where):
        try:
            code = main(args)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 2)
    out, err = capsys.readouterr()
    return code, out, err


def finding_lines(out: str) -> list[re.Match[str]]:
    lines = out.rstrip("\n").split("\n")
    assert SUMMARY.match(lines[-1]), f"no summary line last: {lines[-1]!r}"
    matches = []
    for line in lines[:-1]:
        match = LINE.match(line)
        assert match, f"not a finding line: {line!r}"
        matches.append(match)
    return matches


# -- projects ----------------------------------------------------------------------------------

MEETING_WITH_TYPO = """\
datum: 2024-03-13
tid: 09:00-12:00
platz: Kommunhuset
status: justerat
ordförande: Anna Andersson
sekreterare: Sara Sekreterare
justerare: [Bertil Berg]
justering:
  datum: 2024-03-20
närvarande:
  ledamöter: [Anna Andersson, Bertil Berg, Cecilia Carlsson, David Dahl, Eva Ek,
    Fredrik Frisk, Gunilla Gran, Hans Holm, Ingrid Ivarsson]
anslag:
  uppsatt: 2024-03-21
"""


def clean_project(root: Path) -> Path:
    return project(root)


def project_with_fel(root: Path) -> None:
    """Two meetings of one board, each with a fel, in two files each."""
    project(root, MEETING_WITH_TYPO, items=[{}, {"rubrik": "B", "färslag": "x"}])
    write_meeting(root, "tn", "2024-04-17", meeting_data("2024-04-17", extra="x"),
                  items=[{"omröstningen": 1}])


def project_with_only_a_varning(root: Path) -> None:
    project(root)
    (root / "protokoll" / "tn" / "arkiv").mkdir()  # not a meeting folder: a varning


# -- help ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["check", "--help"], ["check", "-h"]])
def test_help_is_swedish_and_exits_0(args, tmp_path, capsys):
    code, out, err = run(args, tmp_path, capsys)
    assert code == 0
    assert "användning" in out
    assert "flaggor" in out
    assert "usage" not in out and "options" not in out


def test_check_help_names_the_options_and_exit_codes(tmp_path, capsys):
    _, out, _ = run(["check", "--help"], tmp_path, capsys)
    for word in ("--format", "--strict", "SÖKVÄG", "fel|varning"):
        assert word in out


# -- exit codes ---------------------------------------------------------------------------------


def test_clean_project_exits_0(tmp_path, capsys):
    clean_project(tmp_path)
    code, out, err = run(["check"], tmp_path, capsys)
    assert (code, err) == (0, "")
    assert finding_lines(out) == []
    assert out.strip() == "Inga fel: 1 sammanträde kontrollerat." or SUMMARY.match(out.strip())


def test_a_fel_exits_1(tmp_path, capsys):
    project_with_fel(tmp_path)
    code, out, _ = run(["check"], tmp_path, capsys)
    assert code == 1
    assert any(m["level"] == "fel" for m in finding_lines(out))


def test_a_varning_alone_exits_0_and_1_with_strict(tmp_path, capsys):
    project_with_only_a_varning(tmp_path)
    code, out, _ = run(["check"], tmp_path, capsys)
    levels = {m["level"] for m in finding_lines(out)}
    assert (code, levels) == (0, {"varning"})
    code, _, _ = run(["check", "--strict"], tmp_path, capsys)
    assert code == 1


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--okänd-flagga"],
        ["check", "--format", "xml"],
        ["check", "--datum", "2024-02-30"],
        ["check", "--datum"],
        ["check", "protokoll/finns-inte"],
        ["check", "protokoll/tn", "protokoll/tn"],
        ["check", "."],  # exists, but not under protokoll/
        ["kontrollera"],
        [],
    ],
)
def test_wrong_usage_exits_2(args, tmp_path, capsys):
    clean_project(tmp_path)
    code, out, err = run(args, tmp_path, capsys)
    assert code == 2
    assert err.strip(), "the user is told what was wrong"
    assert "Traceback" not in err
    assert "fel" in err


def test_no_protokoll_folder_exits_2(tmp_path, capsys):
    code, out, err = run(["check"], tmp_path, capsys)
    assert code == 2
    assert "protokoll/" in err


# -- the finding lines --------------------------------------------------------------------------


def test_finding_line_format_with_exact_position(tmp_path, capsys):
    project(tmp_path, MEETING_WITH_TYPO)
    _, out, _ = run(["check"], tmp_path, capsys)
    assert (
        f"{MEETING}/sammanträde.yaml:3:1: fel: okänd nyckel platz i sammanträde.yaml "
        "(menar du plats?) [okand-nyckel]"
    ) in out.splitlines()


def test_findings_are_relative_to_the_root_and_sorted(tmp_path, capsys):
    project_with_fel(tmp_path)
    (tmp_path / "protokoll" / "tn" / "arkiv").mkdir()
    _, out, _ = run(["check"], tmp_path, capsys)
    found = finding_lines(out)
    assert len({m["path"] for m in found}) >= 4
    for match in found:
        assert match["path"].startswith("protokoll/")
        assert not os.path.isabs(match["path"]) and str(tmp_path) not in match["path"]
        assert (tmp_path / match["path"]).exists()
    keys = [(m["path"], int(m["line"]), int(m["col"])) for m in found]
    assert keys == sorted(keys)


def test_paths_stay_relative_to_the_root_when_run_from_a_subfolder(tmp_path, capsys):
    project_with_fel(tmp_path)
    _, from_root, _ = run(["check"], tmp_path, capsys)
    _, from_board, _ = run(["check"], tmp_path / "protokoll" / "tn", capsys)
    assert from_board == from_root


def test_summary_counts_fel_and_varningar(tmp_path, capsys):
    project_with_fel(tmp_path)
    (tmp_path / "protokoll" / "tn" / "arkiv").mkdir()
    _, out, _ = run(["check"], tmp_path, capsys)
    found = finding_lines(out)
    fel = sum(1 for m in found if m["level"] == "fel")
    varningar = sum(1 for m in found if m["level"] == "varning")
    files = len({m["path"] for m in found})
    summary = out.rstrip("\n").split("\n")[-1]
    assert summary.startswith(f"{fel} fel och {varningar} varning")
    assert f" i {files} fil" in summary
    assert "(2 sammanträden kontrollerade)" in summary


# -- JSON ---------------------------------------------------------------------------------------


def test_json_holds_the_same_findings_as_text(tmp_path, capsys):
    project_with_fel(tmp_path)
    (tmp_path / "protokoll" / "tn" / "arkiv").mkdir()
    text_code, text, _ = run(["check"], tmp_path, capsys)
    json_code, out, _ = run(["check", "--format", "json"], tmp_path, capsys)
    payload = json.loads(out)
    assert json_code == text_code == 1
    from_text = [
        (m["path"], int(m["line"]), int(m["col"]), m["level"], m["message"], m["rule"])
        for m in finding_lines(text)
    ]
    from_json = [
        (f["fil"], f["rad"], f["kolumn"], f["nivå"], f["meddelande"], f["regel"])
        for f in payload["fynd"]
    ]
    assert from_json == from_text
    summary = payload["summering"]
    assert summary["fel"] == sum(1 for f in from_text if f[3] == "fel")
    assert summary["varningar"] == sum(1 for f in from_text if f[3] == "varning")
    assert summary["sammanträden"] == 2


def test_json_of_a_clean_project(tmp_path, capsys):
    clean_project(tmp_path)
    code, out, _ = run(["check", "--format", "json"], tmp_path, capsys)
    assert code == 0
    assert json.loads(out)["fynd"] == []


# -- one board, one meeting ---------------------------------------------------------------------


def test_check_of_one_meeting_limits_the_findings(tmp_path, capsys):
    project_with_fel(tmp_path)
    _, everything, _ = run(["check"], tmp_path, capsys)
    paths = {m["path"] for m in finding_lines(everything)}
    assert any(p.startswith(MEETING + "/") for p in paths)
    assert any(p.startswith(OTHER + "/") for p in paths)

    for target in (MEETING, MEETING + "/"):
        code, out, _ = run(["check", target], tmp_path, capsys)
        found = finding_lines(out)
        assert code == 1
        assert found
        assert all(m["path"].startswith(MEETING + "/") for m in found)
    # The same from inside the board folder, with a path relative to the working directory.
    _, inside, _ = run(["check", "2024-04-17"], tmp_path / "protokoll" / "tn", capsys)
    assert {m["path"] for m in finding_lines(inside)} == {
        p for p in paths if p.startswith(OTHER + "/")
    }


def test_check_of_a_clean_meeting_exits_0_beside_a_broken_one(tmp_path, capsys):
    project(tmp_path)
    write_meeting(tmp_path, "tn", "2024-04-17", meeting_data("2024-04-17", extra="x"))
    assert run(["check"], tmp_path, capsys)[0] == 1
    code, out, _ = run(["check", MEETING], tmp_path, capsys)
    assert code == 0
    assert finding_lines(out) == []


def test_check_of_one_board_limits_the_findings(tmp_path, capsys):
    project_with_fel(tmp_path)
    other = tmp_path / "protokoll" / "annan"
    other.mkdir()
    (other / "organ.yaml").write_text(dump_yaml({"namn": "Annan", "ledamöter": NINE,
                                                  "okänd": 1}), encoding="utf-8")
    _, everything, _ = run(["check"], tmp_path, capsys)
    assert any(m["path"].startswith("protokoll/annan/") for m in finding_lines(everything))
    code, out, _ = run(["check", "protokoll/annan"], tmp_path, capsys)
    found = finding_lines(out)
    assert code == 1
    assert found and all(m["path"] == "protokoll/annan/organ.yaml" for m in found)


def test_check_of_a_meeting_shows_its_board_file_findings(tmp_path, capsys):
    """The board's organ.yaml shapes every meeting, so its findings come along."""
    from helpers import organ_data

    project(tmp_path, organ=organ_data(okänd_nyckel=1))
    code, out, _ = run(["check", MEETING], tmp_path, capsys)
    assert code == 1
    assert [m["path"] for m in finding_lines(out)] == ["protokoll/tn/organ.yaml"]


# -- as a real process --------------------------------------------------------------------------


def _subprocess(args: list[str], where: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "protogen", *args], cwd=where, capture_output=True, text=True,
        encoding="utf-8", env=env, timeout=120, check=False,
    )


def test_python_m_protogen_in_a_project(tmp_path):
    project_with_fel(tmp_path)
    done = _subprocess(["check"], tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    found = finding_lines(done.stdout)
    assert f"{MEETING}/sammanträde.yaml" in {m["path"] for m in found}


def test_python_m_protogen_clean_and_usage(tmp_path):
    clean_project(tmp_path)
    assert _subprocess(["check"], tmp_path).returncode == 0
    wrong = _subprocess(["check", "--nej"], tmp_path)
    assert wrong.returncode == 2
    assert "användning" in wrong.stderr
    assert _subprocess(["check"], tmp_path / "protokoll" / "..").returncode == 0
    empty = tmp_path / "tom"
    empty.mkdir()
    (tmp_path / "protokoll").rename(tmp_path / "inte-protokoll")
    assert _subprocess(["check"], empty).returncode == 2


def test_a_yaml_warning_is_a_finding_not_a_python_warning(tmp_path):
    """A reused &anchor made ruamel print a Python warning, with a path into site-packages
    and a source line, to the secretary's terminal. It is now a varning at its line."""
    project(tmp_path)
    organ = tmp_path / "protokoll" / "tn" / "organ.yaml"
    lines = organ.read_text(encoding="utf-8").splitlines()
    organ.write_text("\n".join([*lines, "mall: &k standard", "typ: &k nämnd", ""]),
                     encoding="utf-8")
    done = _subprocess(["check"], tmp_path)
    assert done.stderr == ""
    assert (
        f"protokoll/tn/organ.yaml:{len(lines) + 2}:6: varning: ankaret &k definieras två "
        "gånger; alias efter detta ställe syftar på den senare definitionen [yaml-syntax]"
    ) in done.stdout.splitlines()
