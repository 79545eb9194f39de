"""Other notices under anslag/: read and checked like meetings (dates, keys, files, organ,
personnummer), each finding with its file and line."""

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import check, dump_yaml, project
from where import is_fel, is_varning, line_at, only

D = dt.date.fromisoformat


def notice(root: Path, name: str, front: dict, body: str = "Beslutet gäller.\n") -> Path:
    folder = root / "anslag"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("---\n" + dump_yaml(front) + "---\n" + body, encoding="utf-8")
    return path


def findings(root: Path, rule: str | None = None):
    return [f for f in check(root).findings
            if f.pos.path.startswith("anslag/") and (rule is None or f.rule == rule)]


def test_a_plain_notice_passes_and_is_loaded(tmp_path):
    project(tmp_path)
    notice(tmp_path, "2024-04-02-parkering.md", {"rubrik": "Delegationsbeslut", "organ": "tn"})
    result = check(tmp_path)
    assert findings(tmp_path) == []
    (loaded,) = result.project.notices
    assert loaded.posted == D("2024-04-02") and loaded.organ is not None
    assert loaded.title == "Delegationsbeslut"


def test_unknown_key_suggests_the_right_one(tmp_path):
    project(tmp_path)
    notice(tmp_path, "2024-04-02-a.md", {"rubrik": "A", "nedtagen": D("2024-04-30")})
    found = only(findings(tmp_path))
    assert is_fel(found) and "menar du nedtaget?" in found.message
    assert "nedtagen" in line_at(tmp_path, found)


def test_unknown_organ_suggests(tmp_path):
    project(tmp_path)
    notice(tmp_path, "2024-04-02-a.md", {"rubrik": "A", "organ": "tnn"})
    found = only(findings(tmp_path))
    assert found.message == "organet tnn finns inte under protokoll/ (menar du tn?)"
    assert "organ: tnn" in line_at(tmp_path, found)


def test_file_outside_the_folder_is_a_fel(tmp_path):
    project(tmp_path)
    (tmp_path / "hemlig.pdf").write_bytes(b"%PDF-1.4\n")
    notice(tmp_path, "2024-04-02-a.md", {"rubrik": "A", "fil": "../hemlig.pdf"})
    found = only(findings(tmp_path))
    assert is_fel(found) and "utanför mappen anslag/" in found.message
    assert "../hemlig.pdf" in line_at(tmp_path, found)


def test_missing_file_is_a_fel(tmp_path):
    project(tmp_path)
    notice(tmp_path, "2024-04-02-a.md", {"rubrik": "A", "fil": ["beslut.pdf"]})
    assert "finns inte i mappen anslag/" in only(findings(tmp_path)).message


def test_early_take_down_is_a_fel_with_the_moved_last_day(tmp_path):
    project(tmp_path)
    # Up Fri 2020-12-04; three weeks later is juldagen → Mon 2020-12-28.
    notice(tmp_path, "2020-12-04-a.md", {"rubrik": "A", "nedtaget": D("2020-12-25")})
    found = only(findings(tmp_path, "anslag-nedtagning"))
    assert "måndag 2020-12-28" in found.message and "juldagen" in found.message
    assert "nedtaget" in line_at(tmp_path, found)


def test_no_appeal_allows_a_short_notice_but_not_a_backwards_one(tmp_path):
    project(tmp_path)
    notice(tmp_path, "2024-04-02-a.md", {"rubrik": "A", "överklagande": False,
                                         "nedtaget": D("2024-04-05")})
    notice(tmp_path, "2024-04-02-b.md", {"rubrik": "B", "överklagande": False,
                                         "nedtaget": D("2024-04-01")})
    found = only(findings(tmp_path))
    assert found.pos.path == "anslag/2024-04-02-b.md" and is_fel(found)


def test_uppsatt_other_than_the_file_name_is_a_varning(tmp_path):
    project(tmp_path)
    notice(tmp_path, "2024-04-02-a.md", {"rubrik": "A", "uppsatt": D("2024-04-03")})
    found = only(findings(tmp_path))
    assert is_varning(found) and found.rule == "anslag-ovrigt"


def test_badly_named_file_is_a_varning(tmp_path):
    project(tmp_path)
    notice(tmp_path, "parkering.md", {"rubrik": "A"})
    found = only(findings(tmp_path))
    assert is_varning(found) and "ÅÅÅÅ-MM-DD-<namn>.md" in found.message


def test_a_bad_date_is_reported_at_its_line(tmp_path):
    project(tmp_path)
    notice(tmp_path, "2024-04-02-a.md", {"rubrik": "A", "nedtaget": "2024-02-30"})
    found = only(findings(tmp_path))
    assert "inget giltigt datum" in found.message and "2024-02-30" in line_at(tmp_path, found)


def test_personnummer_in_a_notice_is_a_fel_at_its_line(tmp_path):
    project(tmp_path)
    notice(tmp_path, "2024-04-02-a.md", {"rubrik": "A"},
           body="Beslutet gäller\nTolvan Tolvansson 19121212-1212.\n")
    found = only(findings(tmp_path, "personnummer"))
    assert is_fel(found) and "19121212-1212" in line_at(tmp_path, found)
    assert "1212-1212" not in found.message


def test_missing_rubrik(tmp_path):
    project(tmp_path)
    notice(tmp_path, "2024-04-02-a.md", {"organ": "tn"})
    assert "rubrik saknas" in only(findings(tmp_path)).message
