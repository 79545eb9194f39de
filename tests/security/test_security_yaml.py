"""Issue 8 (input side), break 7: YAML depth, aliases."""

from __future__ import annotations

import time

import pytest
from helpers import check, project
from secproject import items, run_check, swedish

# -- break 7: YAML depth, aliases ---------------------------------------------------------------


def _bomb(levels: int = 6) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("where", ["sammanträde.yaml", "organ.yaml", "item"])
@pytest.mark.parametrize("text", ids=["flow", "flowmap", "block", "list", "bomb", "dupkey",
                                      "dupalias"], argvalues=[
    "namn: " + "[" * 300 + "]" * 300 + "\n",
    "namn: " + "{a: " * 300 + "1" + "}" * 300 + "\n",
    "".join("  " * i + f"k{i}:\n" for i in range(300)) + "  " * 300 + "v\n",
    "".join("  " * i + "- \n" for i in range(300)),
    _bomb(),
    _bomb() + "? *a5\n: 1\n? *a5\n: 2\n",
    _bomb(5) + "b: *a4\nb: *a4\n",
])
def test_hostile_yaml_is_a_swedish_fel_quickly(tmp_path, capsys, where, text):
    folder = project(tmp_path)
    if where == "item":
        (folder / "01-arende-1.md").write_text("---\n" + text + "---\nText.\n", "utf-8")
    else:
        path = folder / where if where == "sammanträde.yaml" else folder.parent / where
        path.write_text(text, encoding="utf-8")
    start = time.monotonic()
    code, out = run_check(tmp_path, capsys)
    assert time.monotonic() - start < 20
    assert code == 1
    lines = [line for line in out.splitlines() if ": fel: " in line]
    assert lines
    swedish([line.split(": fel: ", 1)[1] for line in lines])
    if where == "item":
        assert items(check(tmp_path))[0].secret


def test_yaml_nested_within_the_limit_is_read(tmp_path):
    from protogen.findings import Findings
    from protogen.loader.yamlread import read_yaml

    findings = Findings()
    data = read_yaml("a: " + "[" * 40 + "]" * 40 + "\n", "x.yaml", findings)
    assert data is not None and findings.items == []
