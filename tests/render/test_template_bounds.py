"""A board's template cannot hang the build or fill the memory (issue 8, break 8:
`{{ 'x' * 10**8 }}` hung): sizes are bounded in the sandbox, and time and output overall;
the Swedish message names the template file and line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from helpers import organ_data, project

from protogen.cli import main as protogen
from protogen.render import templates

HOSTILE = [
    "{{ 'x' * 10**8 }}",
    "{{ 10**8 * 'x' }}",
    "{{ [1] * 100000000 }}",
    "{{ 'x' * 1000 * 1000 * 1000 }}",
    "{{ 2 ** (10**9) }}",
    "{{ 'x'|center(1000000000) }}",
    "{{ 'x'|indent(1000000000, true) }}",
    "{{ '%01000000000d'|format(1) }}",
    "{{ '%01000000000d' % 1 }}",
    "{{ '{:>1000000000}'.format(1) }}",
    "{{ 'x'.ljust(1000000000) }}",
    "{{ 'x'.zfill(1000000000) }}",
    "{{ range(10**9)|list }}",
]


def _board(root: Path, expression: str) -> None:
    path = root / "mallar" / "minmall" / "protokoll.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{% extends "standard/protokoll.html" %}\n{% block arendelista %}\n'
                    f"<p>{expression}</p>\n{{% endblock %}}\n", encoding="utf-8")
    project(root, organ=organ_data(mall="minmall"))


def _refused(root: Path, monkeypatch, capsys, expression: str) -> str:
    """Build with `expression` in the board's template: refused quickly; what was printed."""
    _board(root, expression)
    monkeypatch.chdir(root)
    templates.environment.cache_clear()
    started = time.monotonic()
    assert protogen(["build"]) == 1
    assert time.monotonic() - started < 30
    return capsys.readouterr().out


@pytest.mark.parametrize("expression", HOSTILE)
def test_a_huge_template_value_is_refused_quickly(tmp_path: Path, monkeypatch, capsys,
                                                  expression: str) -> None:
    printed = _refused(tmp_path, monkeypatch, capsys, expression)
    assert "fel: mallar/minmall/protokoll.html:3: " in printed, printed
    assert "Traceback" not in printed
    assert not (tmp_path / "build/tn/2024-03-13").exists()


def test_a_template_that_loops_too_long_is_stopped(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(templates, "MAX_SECONDS", 1.0)
    printed = _refused(tmp_path, monkeypatch, capsys,
                       "{% for a in range(100000) %}{% for b in range(100000) %}"
                       "{% endfor %}{% endfor %}")
    assert "mallar/minmall/protokoll.html:3: mallen tog längre tid än 1 sekunder" in printed


def test_a_template_that_writes_too_much_is_stopped(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(templates, "MAX_OUTPUT", 100_000)
    printed = _refused(tmp_path, monkeypatch, capsys,
                       "{% for a in range(100000) %}{{ 'xxxxxxxxxx' }}{% endfor %}")
    assert "mallar/minmall/protokoll.html:3: mallen skrev mer än 100000 tecken" in printed


@pytest.mark.parametrize("expression", ["{{ 'ab' * 3 }}", "{{ 2 ** 10 }}", "{{ '%05d' % 42 }}",
                                        "{{ 'x'|center(9) }}", "{{ '{:>4}'.format(7) }}",
                                        "{{ 7 // 2 }} {{ 7 % 3 }}"])
def test_ordinary_expressions_still_work(tmp_path: Path, monkeypatch, expression: str) -> None:
    _board(tmp_path, expression)
    monkeypatch.chdir(tmp_path)
    templates.environment.cache_clear()
    assert protogen(["build"]) == 0
