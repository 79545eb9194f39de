"""Issue 8 (input side), break 8: input limits."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import check, item_text, project
from secproject import checked, fel, items

from protogen import limits

# -- break 8: input limits ---------------------------------------------------------------------


def test_a_body_over_the_limit_is_a_fel_before_build(tmp_path, capsys):
    body = ("Ett stycke text. " * 60 + "\n\n") * (limits.MAX_TEXT_BYTES // 1000 + 10)
    result = checked(tmp_path, item_text({"rubrik": "Stort"}, body))
    [found] = fel(result, "01-arende-1.md")
    assert found.rule == "grans" and "gränsen är 2 MB" in found.message
    assert items(result)[0].secret


def test_a_line_over_the_limit_is_a_fel_at_its_line(tmp_path):
    long_line = "x" * (limits.MAX_LINE_CHARS + 1)
    result = checked(tmp_path, item_text({"rubrik": "Lång rad"}, f"kort\n{long_line}\n"))
    [found] = fel(result, "01-arende-1.md")
    assert found.rule == "grans" and found.pos.line > 3


def test_too_many_items_in_a_meeting_is_a_fel(tmp_path):
    folder = project(tmp_path)
    text = item_text({"rubrik": "Ärende"})
    for index in range(2, limits.MAX_ITEMS + 2):
        (folder / f"{index:03d}-arende.md").write_text(text, encoding="utf-8")
    result = check(tmp_path)
    assert any(f.rule == "grans" and "gränsen är 500 ärenden" in f.message for f in result.findings)


def test_the_limits_are_documented():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "format.md").read_text("utf-8")
    for value in ("2 MB", "50 000 characters", "500 items", "100 MB", "500 MB",
                  "50 000 000 pixels", "2 000 pages", "50 levels", "200 000 values", "1 000 aliases"):
        assert value in doc, value


@pytest.mark.parametrize("name", ["02-sekretess.MD", "02-sekretess.Md", "02-sekretess.markdown"])
def test_an_item_file_with_another_ending_is_not_lost_silently(tmp_path, name):
    folder = project(tmp_path)
    (folder / name).write_text(item_text({"rubrik": "Ärende"}), encoding="utf-8")
    found = [f for f in check(tmp_path).findings if f.pos.path.endswith(name)]
    assert [f.rule for f in found] == ["arendefil"] and found[0].level.value == "fel"
