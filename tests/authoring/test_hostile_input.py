"""`new` and `status` given what a hurried or hostile user types: titles and names with line
breaks and control characters, over-long ids, a read-only file, a meeting folder linked out of
the project, a meeting planned on a holiday. Each gets a Swedish message, never a traceback,
and nothing written where it should not be."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml

from protogen.checker import check_project
from protogen.cli import main


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "projekt"
    root.mkdir()
    monkeypatch.chdir(root)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    assert main(["new", "organ", "sn", "--namn", "Socialnämnden", "--ledamot", "Anna Berg",
                 "--ledamot", "Bo Ek", "--ledamot", "Cia Dahl"]) == 0
    assert main(["new", "sammanträde", "sn", "2025-03-12"]) == 0
    return root


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def errors(root: Path) -> list[str]:
    result = check_project(root, today=dt.date(2025, 3, 1))
    return [f.format() for f in result.findings if f.level.value == "fel"]


def test_a_title_with_line_breaks_and_control_characters_stays_one_line(project, capsys):
    meeting = project / "protokoll/sn/2025-03-12"
    assert main(["new", "ärende", str(meeting), "rad1\n---\nrad2\x07 \"citat\" \\ 😀"]) == 0
    written = sorted(meeting.glob("03-*.md"))
    assert len(written) == 1
    assert front_matter(written[0])["rubrik"] == 'rad1 --- rad2 "citat" \\ 😀'
    assert errors(project) == []
    assert main(["new", "ärende", str(meeting), "\n\t "]) == 1
    assert "rubriken är tom" in capsys.readouterr().err


def test_board_names_are_one_line_and_ids_bounded(project, capsys):
    assert main(["new", "organ", "ks", "--namn", "Nämnd \"A\"\\\nB", "--ledamot", "Bo\tEk",
                 "--ledamot", "  ", "--ledamot", "Cia", "--ledamot", "Dan"]) == 0
    organ = yaml.safe_load((project / "protokoll/ks/organ.yaml").read_text(encoding="utf-8"))
    assert organ["namn"] == 'Nämnd "A"\\ B'
    assert [p["namn"] for p in organ["ledamöter"]] == ["Bo Ek", "Cia", "Dan"]
    capsys.readouterr()
    assert main(["new", "organ", "a" * 300, "--namn", "X"]) == 1
    assert main(["new", "organ", "tom", "--namn", " \n"]) == 1
    err = capsys.readouterr().err
    assert "högst 64 tecken" in err and "namn (--namn) är tomt" in err and "Errno" not in err
    assert not (project / "protokoll/tom").exists()


def test_status_leaves_a_read_only_file_alone(project, capsys):
    path = project / "protokoll/sn/2025-03-12/sammanträde.yaml"
    before = path.read_text(encoding="utf-8")
    path.chmod(0o444)
    try:
        assert main(["status", str(path.parent), "utkast", "--datum", "2025-03-12"]) == 1
    finally:
        path.chmod(0o644)
    assert "skrivskyddad" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == before


def test_a_meeting_folder_linked_out_of_the_project_is_refused(project, tmp_path, capsys):
    outside = tmp_path / "utanför" / "2025-04-09"
    outside.parent.mkdir()
    (project / "protokoll/sn/2025-03-12").rename(outside)
    (project / "protokoll/sn/2025-04-09").symlink_to(outside)
    listing = sorted(p.name for p in outside.iterdir())
    for args in (["new", "ärende", "protokoll/sn/2025-04-09", "Via länk"],
                 ["status", "protokoll/sn/2025-04-09", "kallelse"]):
        with pytest.raises(SystemExit) as stop:
            main(args)
        assert stop.value.code == 2
        assert "utanför projektet" in capsys.readouterr().err
    assert sorted(p.name for p in outside.iterdir()) == listing


def test_new_item_works_from_inside_the_meeting_folder(project, monkeypatch):
    monkeypatch.chdir(project / "protokoll/sn/2025-03-12")
    assert main(["new", "ärende", ".", "Från mappen"]) == 0
    assert (project / "protokoll/sn/2025-03-12/03-fran-mappen.md").is_file()


def test_a_meeting_on_a_holiday_is_pointed_out(project, capsys):
    capsys.readouterr()
    assert main(["new", "sammanträde", "sn", "2025-12-25"]) == 0
    assert "2025-12-25 är Juldagen: stämmer datumet?" in capsys.readouterr().out


def test_the_schemas_reject_what_the_reader_rejects(project):
    """A blank rubrik and an impossible date are fel in check; the editor says so too."""
    import json

    import jsonschema

    schema = json.loads((project / "schema/ärende.schema.json").read_text(encoding="utf-8"))
    meeting = json.loads((project / "schema/sammanträde.schema.json").read_text(encoding="utf-8"))
    item = front_matter(next((project / "protokoll/sn/2025-03-12").glob("01-*.md")))
    jsonschema.validate(item, schema)
    with pytest.raises(jsonschema.ValidationError) as failed:
        jsonschema.validate(item | {"rubrik": "  "}, schema)
    assert list(failed.value.absolute_path) == ["rubrik"]
    data = yaml.safe_load((project / "protokoll/sn/2025-03-12/sammanträde.yaml").read_text(
        encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))
    jsonschema.validate(data, meeting)
    for wrong in ("2025-13-01", "2025-02-40"):
        with pytest.raises(jsonschema.ValidationError) as failed:
            jsonschema.validate(data | {"datum": wrong}, meeting)
        assert list(failed.value.absolute_path) == ["datum"]


def test_new_meeting_writes_only_under_protokoll(project, capsys):
    (project / "x").mkdir()
    (project / "x/organ.yaml").write_bytes((project / "protokoll/sn/organ.yaml").read_bytes())
    for organ in ("../x", "x", "/tmp"):
        with pytest.raises(SystemExit) as stop:
            main(["new", "sammanträde", organ, "2025-04-09"])
        assert stop.value.code == 2
    assert list((project / "x").iterdir()) == [project / "x/organ.yaml"]
    assert "inget organs id" in capsys.readouterr().err


def test_schema_is_not_written_into_protokoll(project, capsys):
    assert main(["schema", "protokoll/sn/scheman"]) == 1
    assert "ligger under protokoll/" in capsys.readouterr().err
    assert not (project / "protokoll/sn/scheman").exists()


def test_a_justerat_meeting_is_not_moved_back(project, capsys):
    folder = project / "protokoll/sn/2025-03-12"
    path = folder / "sammanträde.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: kallelse", "status: justerat")
                    + "anslag:\n  uppsatt: 2025-03-20\n", encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    assert main(["status", str(folder), "kallelse"]) == 1
    assert "flyttar inte ett justerat protokoll tillbaka" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == before


def test_an_item_added_to_a_justerat_meeting_is_pointed_out(project, capsys):
    folder = project / "protokoll/sn/2025-03-12"
    path = folder / "sammanträde.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: kallelse", "status: justerat"),
                    encoding="utf-8")
    capsys.readouterr()
    assert main(["new", "ärende", str(folder), "Sent ärende"]) == 0
    assert "redan justerat" in capsys.readouterr().out


def test_a_port_that_is_no_number_is_told_in_swedish(capsys):
    with pytest.raises(SystemExit):
        main(["serve", "--port", "abc"])
    err = capsys.readouterr().err
    assert "inget heltal: 'abc'" in err and "invalid" not in err


def test_a_broken_board_file_is_shown_with_its_line(project, capsys):
    organ = project / "protokoll/sn/organ.yaml"
    organ.write_text(organ.read_text(encoding="utf-8") + "ersättare: [\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["new", "sammanträde", "sn", "2025-04-09"]) == 1
    err = capsys.readouterr().err
    assert "protokoll/sn/organ.yaml:" in err and "[yaml-syntax]" in err and "Traceback" not in err
    assert not (project / "protokoll/sn/2025-04-09").exists()


def test_past_item_99_the_lower_prefixes_keep_two_digits(project):
    folder = project / "protokoll/sn/2025-03-12"
    for number in range(3, 100):
        (folder / f"{number:02d}-arende-{number}.md").write_text(
            (folder / "02-faststallande-av-dagordning.md").read_text(encoding="utf-8"),
            encoding="utf-8")
    assert main(["new", "ärende", str(folder), "Hundra"]) == 0
    assert main(["new", "ärende", str(folder), "Tidigt", "--efter", "01"]) == 0
    names = sorted(p.name for p in folder.glob("*.md"))
    assert names[:3] == ["01-val-av-justerare.md", "02-tidigt.md", "03-faststallande-av-dagordning.md"]
    assert {"99-arende-98.md", "100-arende-99.md", "101-hundra.md"} <= set(names)
    assert errors(project) == []
