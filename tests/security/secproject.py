"""One meeting with hand-written item files, checked, for the input-side security tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import check, project

from protogen.checker import CheckResult
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
