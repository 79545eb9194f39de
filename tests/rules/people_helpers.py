"""Small helpers for the people rules' tests: where a finding points, and its text there."""

from __future__ import annotations

from pathlib import Path

from protogen.findings import Finding


def line_at(root: Path, finding: Finding) -> str:
    """The source line a finding points at (to assert that it is the offending value's)."""
    lines = (root / finding.pos.path).read_text(encoding="utf-8").splitlines()
    return lines[finding.pos.line - 1]


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, [f.format() for f in findings]
    return findings[0]


def lines_with(root: Path, path: str, text: str) -> list[int]:
    """The 1-based numbers of the lines of `path` that contain `text`."""
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    return [number for number, line in enumerate(lines, start=1) if text in line]
