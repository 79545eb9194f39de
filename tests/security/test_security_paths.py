"""Issue 8 (input side), break 3: reads stay inside the project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import check, item_text, project
from secproject import items, run, run_check

from protogen.findings import Level

# -- break 3: reads stay inside the project -----------------------------------------------------


@pytest.fixture()
def outside(tmp_path: Path) -> Path:
    """A folder beside the project with a secret file and a whole board and meeting."""
    folder = tmp_path / "utanfor"
    folder.mkdir()
    (folder / "hemlig.md").write_text(item_text({"rubrik": "Utanförordet"}), encoding="utf-8")
    return folder


def test_an_item_linked_to_outside_is_a_fel_and_not_read(tmp_path, outside):
    root = tmp_path / "projekt"
    folder = project(root)
    os.symlink(outside / "hemlig.md", folder / "02-lank.md")
    result = check(root)
    [found] = [f for f in result.findings if f.pos.path.endswith("02-lank.md")]
    assert found.level is Level.FEL and "utanför projektmappen" in found.message
    item = items(result)[1]
    assert item.title is None and item.secret


def test_a_meeting_folder_linked_to_outside_is_not_read(tmp_path, outside):
    root = tmp_path / "projekt"
    project(root)
    other = outside / "2024-04-17"
    project(tmp_path / "annat", folder="2024-04-17")
    os.rename(tmp_path / "annat" / "protokoll" / "tn" / "2024-04-17", other)
    os.symlink(other, root / "protokoll" / "tn" / "2024-04-17")
    result = check(root)
    assert any(f.pos.path == "protokoll/tn/2024-04-17" and "utanför" in f.message
               for f in result.findings)
    assert [m.folder_name for m in result.project.meetings()] == ["2024-03-13"]


def test_a_board_folder_linked_to_outside_is_not_read(tmp_path, outside):
    root = tmp_path / "projekt"
    project(root)
    project(outside / "ks")
    os.symlink(outside / "ks" / "protokoll" / "tn", root / "protokoll" / "ks")
    result = check(root)
    assert any(f.pos.path == "protokoll/ks" and f.level is Level.FEL for f in result.findings)
    assert [o.id for o in result.project.organs] == ["tn"]


def test_a_link_inside_the_project_is_read(tmp_path):
    folder = project(tmp_path, items=[{"rubrik": "Första"}])
    (tmp_path / "texter").mkdir()
    (tmp_path / "texter" / "andra.md").write_text(item_text({"rubrik": "Andra"}), "utf-8")
    os.symlink(tmp_path / "texter" / "andra.md", folder / "02-andra.md")
    assert [i.title for i in items(check(tmp_path))] == ["Första", "Andra"]


def _site_config(root: Path, text: str) -> list[str]:
    from protogen.site.config import load_config

    (root / "webbplats.yaml").write_text(text, encoding="utf-8")
    config, findings = load_config(root)
    assert config.look == "standard"
    return [f.format() for f in findings]


@pytest.mark.parametrize("mall", ["/etc", "../utanfor", "../../etc", "mallar/../..", "a/b",
                                  "'C:\\\\mallar'", '"kommun\\0"'])
def test_a_site_mall_that_is_a_path_is_refused(tmp_path, mall):
    root = tmp_path / "projekt"
    project(root)
    (tmp_path / "utanfor" / "site").mkdir(parents=True)
    found = _site_config(root, f"namn: Kommunen\nmall: {mall}\n")
    assert found and all(line.startswith("webbplats.yaml:2:") for line in found), found


def test_a_template_linked_to_outside_is_refused_by_check_and_build(tmp_path, capsys):
    root = tmp_path / "projekt"
    project(root, organ=None)
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:Utanförordet\n", encoding="utf-8")
    look = root / "mallar" / "kommun"
    look.mkdir(parents=True)
    os.symlink(secret, look / "protokoll.html")
    organ = root / "protokoll" / "tn" / "organ.yaml"
    organ.write_text(organ.read_text("utf-8") + "mall: kommun\n", encoding="utf-8")
    code, out = run_check(root, capsys)
    assert code == 1 and "mallar/kommun/protokoll.html pekar utanför projektmappen" in out
    code = run(root, "build")
    out = capsys.readouterr()
    assert code == 1 and "Traceback" not in out.err
    for path in (root / "build").rglob("*") if (root / "build").exists() else []:
        if path.is_file():
            assert b"root:x:0:0" not in path.read_bytes()


def test_the_template_loader_refuses_a_link_out_of_mallar(tmp_path):
    from protogen.render.templates import TemplateFault, render

    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0\n", encoding="utf-8")
    look = tmp_path / "mallar" / "kommun"
    look.mkdir(parents=True)
    (look / "sida.html").write_text("{% include 'del.html' %}", encoding="utf-8")
    os.symlink(secret, look / "del.html")
    with pytest.raises(TemplateFault) as caught:
        render(tmp_path, "kommun", "sida.html")
    assert "pekar utanför mallar/" in str(caught.value)


def test_a_whole_look_linked_to_outside_is_not_used(tmp_path):
    from protogen.render.templates import search_path, template_exists

    (tmp_path / "ute").mkdir()
    (tmp_path / "projekt" / "mallar").mkdir(parents=True)
    os.symlink(tmp_path / "ute", tmp_path / "projekt" / "mallar" / "kommun")
    assert not template_exists(tmp_path / "projekt", "kommun")
    assert all("ute" not in str(p) for p in search_path(tmp_path / "projekt", "kommun"))
    assert not template_exists(tmp_path / "projekt", "/etc")
    assert not template_exists(tmp_path / "projekt", "../ute")


def test_webbplats_yaml_linked_to_outside_is_a_fel(tmp_path):
    from protogen.site.config import load_config

    (tmp_path / "ute.yaml").write_text("namn: Utanförordet\n", encoding="utf-8")
    root = tmp_path / "projekt"
    project(root)
    os.symlink(tmp_path / "ute.yaml", root / "webbplats.yaml")
    config, findings = load_config(root)
    assert config.name is None
    assert [f.pos.path for f in findings] == ["webbplats.yaml"]


@pytest.mark.parametrize("name", ["organ.yaml", "sammanträde.yaml"])
def test_a_yaml_file_linked_to_outside_is_a_fel_and_not_read(tmp_path, name):
    root = tmp_path / "projekt"
    folder = project(root)
    target = folder.parent / name if name == "organ.yaml" else folder / name
    outside_copy = tmp_path / name
    outside_copy.write_bytes(target.read_bytes())
    target.unlink()
    os.symlink(outside_copy, target)
    found = [f for f in check(root).findings if f.pos.path.endswith(name) and f.rule == "fil"]
    assert found and "utanför projektmappen" in found[0].message
