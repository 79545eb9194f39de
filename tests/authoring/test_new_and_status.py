"""Writing a meeting from the command line: new organ → new sammanträde → new ärende →
status utkast → status justerat, checked after each step, and the user's comments kept."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from protogen.authoring.phase import set_value
from protogen.authoring.scaffold import invitation_day, slug
from protogen.checker import check_project
from protogen.cli import main
from protogen.law.dates import is_vardag
from protogen.model import Organ

PLAN = """sammanträdesplan:
  - {datum: 2025-02-12, tid: "13:00-16:00", plats: Sammanträdesrummet}
  - {datum: 2025-03-12, tid: "09:00-12:00", plats: Kommunhuset}
"""


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    return tmp_path


def run(*args: str) -> int:
    return main(list(args))


def errors(root: Path, today: dt.date = dt.date(2025, 3, 1)) -> list[str]:
    result = check_project(root, today=today)
    return [f.format() for f in result.findings if f.level.value == "fel"]


def new_board(root: Path) -> Path:
    assert run("new", "organ", "sn", "--namn", "Socialnämnden", "--ledamot", "Anna Berg",
               "--ledamot", "Bo Ek", "--ledamot", "Cia Dahl", "--ersättare", "Eva Fors") == 0
    organ = root / "protokoll" / "sn" / "organ.yaml"
    organ.write_text(organ.read_text(encoding="utf-8") + PLAN, encoding="utf-8")
    return organ


def test_new_organ_is_commented_points_at_its_schema_and_passes_check(project, capsys):
    assert run("new", "organ", "sn", "--namn", "Socialnämnden") == 0
    text = (project / "protokoll/sn/organ.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/organ.schema.json\n")
    assert (project / "schema/organ.schema.json").is_file()
    assert "# förvaringsplats:" in text and "paragrafnumrering: per_år" in text
    assert errors(project) == []
    assert run("new", "organ", "sn", "--namn", "Igen") == 1  # never overwrites
    assert "finns redan" in capsys.readouterr().err


def test_new_meeting_from_the_plan_passes_check(project, capsys):
    new_board(project)
    assert run("new", "sammanträde", "sn", "--idag", "2025-02-20") == 0
    folder = project / "protokoll/sn/2025-03-12"
    text = (folder / "sammanträde.yaml").read_text(encoding="utf-8")
    assert "$schema=../../../schema/sammanträde.schema.json" in text
    assert 'tid: "09:00-12:00"' in text and "plats: Kommunhuset" in text
    assert "status: kallelse" in text
    assert "    - Anna Berg\n    - Bo Ek\n    - Cia Dahl\n" in text
    assert "#  - Eva Fors" in text  # the ersättare as a comment
    utskick = dt.date.fromisoformat(text.split("utskick: ")[1][:10])
    assert is_vardag(utskick) and utskick <= dt.date(2025, 3, 5)
    assert sorted(p.name for p in folder.glob("*.md")) == [
        "01-val-av-justerare.md", "02-faststallande-av-dagordning.md"]
    assert errors(project) == []
    # A second meeting the same day gets -2.
    assert run("new", "sammanträde", "sn", "2025-03-12") == 0
    assert (project / "protokoll/sn/2025-03-12-2/sammanträde.yaml").is_file()
    assert errors(project) == []


def test_the_board_keeps_its_standing_items_in_a_folder(project):
    new_board(project)
    templates = project / "protokoll/sn/ärendemallar"
    (templates / "03-anmalan-av-delegationsbeslut.md").write_text(
        "---\nrubrik: Anmälan av delegationsbeslut\nbeslut: Anmälan läggs till handlingarna.\n---\n",
        encoding="utf-8")
    assert run("new", "sammanträde", "sn", "2025-02-12") == 0
    folder = project / "protokoll/sn/2025-02-12"
    assert (folder / "03-anmalan-av-delegationsbeslut.md").is_file()
    assert "Bo Ek utses" in (folder / "01-val-av-justerare.md").read_text(encoding="utf-8")
    assert errors(project) == []


def test_items_renumber_after_and_the_phases_move(project, capsys):
    new_board(project)
    assert run("new", "sammanträde", "sn", "2025-02-12") == 0
    folder = "protokoll/sn/2025-02-12"
    assert run("new", "ärende", folder, "Budget 2026 för äldreomsorgen", "--typ", "B") == 0
    assert run("new", "ärende", folder, "Övriga frågor") == 0
    capsys.readouterr()
    assert run("new", "ärende", folder, "Delårsrapport", "--efter", "02") == 0
    out = capsys.readouterr().out
    assert "03-budget-2026-for-aldreomsorgen.md → protokoll/sn/2025-02-12/04-budget" in out
    assert "05-ovriga-fragor.md" in out
    names = sorted(p.name for p in (project / folder).glob("*.md"))
    assert names[2:] == ["03-delarsrapport.md", "04-budget-2026-for-aldreomsorgen.md",
                         "05-ovriga-fragor.md"]
    assert errors(project) == []

    meeting = project / folder / "sammanträde.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace(
        "plats: Sammanträdesrummet", "plats: Sammanträdesrummet   # min egen kommentar"),
        encoding="utf-8")
    assert run("status", folder, "utkast", "--datum", "2025-02-13") == 1
    out = capsys.readouterr().out
    assert "har förslag till beslut men inget beslut" in out and "ändras inte" in out
    assert "status: kallelse" in meeting.read_text(encoding="utf-8")

    for item in (project / folder).glob("0[345]-*.md"):
        text = item.read_text(encoding="utf-8")
        item.write_text(text.replace("# beslut: |", "beslut: Förslaget bifalls.\n#", 1),
                        encoding="utf-8")
    assert run("status", folder, "utkast", "--datum", "2025-02-13") == 0
    assert errors(project, dt.date(2025, 2, 13)) == []
    assert run("status", folder, "justerat", "--datum", "2025-02-19") == 0
    out = capsys.readouterr().out
    # Justering 2025-02-19 (a Wednesday): up by Friday 2025-02-21, down after 2025-03-14.
    assert "senast fredag 2025-02-21" in out and "tidigast fredag 2025-03-14" in out
    text = meeting.read_text(encoding="utf-8")
    assert "status: justerat" in text and "uppsatt: 2025-02-21" in text
    assert "# min egen kommentar" in text and "#  - Eva Fors" in text
    assert errors(project, dt.date(2025, 2, 24)) == []


def test_set_value_changes_only_that_value():
    text = ("# head\ndatum: 2025-02-12\nstatus: 'kallelse'   # fas\njustering:\n  datum: 2025-02-19\n"
            "närvarande:\n  ledamöter:\n    - A   # här\n")
    changed = set_value(text, ["status"], "utkast")
    assert changed == text.replace("'kallelse'", "utkast")
    added = set_value(text, ["anslag", "uppsatt"], "2025-02-21", comment="förslag")
    assert added == text + "anslag:\n  uppsatt: 2025-02-21  # förslag\n"
    nested = set_value(text, ["justering", "tid"], "11:00")
    assert nested.splitlines()[5] == "  tid: 11:00"


def test_slug_folds_swedish_letters():
    assert slug("Årsbokslut 2019 – Gemensam nämnd för Östersund") == \
        "arsbokslut-2019-gemensam-namnd-for-ostersund"
    assert slug("???") == "arende"


def test_notice_moves_to_an_earlier_vardag():
    organ = Organ(pos=None, invitation_days=7)  # type: ignore[arg-type]
    # 2025-06-27 minus 7 days is midsommarafton (Friday 2025-06-20): the Thursday before.
    assert invitation_day(organ, dt.date(2025, 6, 27)) == dt.date(2025, 6, 19)


def test_what_new_writes_is_valid_by_the_schemas_it_points_at(project):
    import json

    from jsonschema import Draft202012Validator
    from ruamel.yaml import YAML

    from protogen.loader.item import split_front_matter

    new_board(project)
    assert run("new", "sammanträde", "sn", "2025-02-12") == 0
    assert run("new", "ärende", "protokoll/sn/2025-02-12", "Budget") == 0
    files = [*project.glob("protokoll/sn/*.yaml"), *project.glob("protokoll/sn/*/*.yaml"),
             *project.glob("protokoll/sn/*/*.md")]
    assert len(files) == 7  # organ, sammanträde, 2 ärendemallar, 3 items
    for path in files:
        text = path.read_text(encoding="utf-8")
        front = split_front_matter(text)[0] if path.suffix == ".md" else text
        pointer = front.split("$schema=", 1)[1].split("\n", 1)[0]
        schema = json.loads((path.parent / pointer).read_text(encoding="utf-8"))
        errors = list(Draft202012Validator(schema).iter_errors(YAML(typ="safe").load(front)))
        assert errors == [], (path, errors[0].message if errors else "")
