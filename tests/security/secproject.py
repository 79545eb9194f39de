"""One meeting with hand-written item files, checked, for the input-side security tests."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from helpers import check, project

from protogen.checker import CheckResult
from protogen.cli import main as protogen
from protogen.findings import Finding, Level
from protogen.model import Item


def checked(root: Path, *items: str | bytes) -> CheckResult:
    """Write `items` verbatim (bytes are written as they are) and check the project."""
    folder = project(root, items=["---\nrubrik: x\n---\n"] * len(items))
    for index, content in enumerate(items, start=1):
        path = folder / f"{index:02d}-arende-{index}.md"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return check(root, dt.date(2030, 1, 1))


def items(result: CheckResult) -> list[Item]:
    return result.project.meetings()[0].items


def fel(result: CheckResult, path_part: str = "") -> list[Finding]:
    return [f for f in result.findings if f.level is Level.FEL and path_part in f.pos.path]


ENGLISH = re.compile(r"\b(EOF|startxref|marker|found|expected|document|Error|error|Traceback|"
                     r"not|cannot|invalid|broken|truncated|Decompression)\b")


def swedish(messages: list[str]) -> None:
    for message in messages:
        assert not ENGLISH.search(message), message


def run(root: Path, *args: str) -> int:
    """A protogen command run in the project root, as a secretary runs it."""
    before = Path.cwd()
    os.chdir(root)
    try:
        return protogen(list(args))
    except SystemExit as stop:
        return int(stop.code or 0)
    finally:
        os.chdir(before)


def run_check(root: Path, capsys) -> tuple[int, str]:
    code = run(root, "check")
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out + out.err
