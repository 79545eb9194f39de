"""Where a finding points: its one finding, and the source line at its position."""

from __future__ import annotations

from pathlib import Path

from protogen.findings import Finding, Level


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, [f.format() for f in findings]
    return findings[0]


def line_at(root: Path, finding: Finding) -> str:
    """The text of the line the finding points at."""
    lines = (root / finding.pos.path).read_text(encoding="utf-8").splitlines()
    return lines[finding.pos.line - 1]


def is_fel(finding: Finding) -> bool:
    return finding.level is Level.FEL


def is_varning(finding: Finding) -> bool:
    return finding.level is Level.VARNING
