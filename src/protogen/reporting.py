"""Reporters for check results: the parsable text lines, and JSON for machines."""

from __future__ import annotations

import json
from typing import TextIO

from protogen.checker import CheckResult
from protogen.plural import plural

__all__ = ["checked", "plural", "summary_line", "write_json", "write_text"]


def checked(result: CheckResult) -> str:
    """'1 sammanträde kontrollerat' / '2 sammanträden kontrollerade' (those within the scope)."""
    count = sum(1 for m in result.project.meetings() if result.in_scope(m.folder))
    return ("1 sammanträde kontrollerat" if count == 1
            else f"{plural(count, 'sammanträde', 'sammanträden')} kontrollerade")


def summary_line(result: CheckResult) -> str:
    files = len({f.pos.path for f in result.findings})
    if not result.findings:
        return f"Inga fel: {checked(result)}."
    return (
        f"{plural(result.errors, 'fel', 'fel')} och "
        f"{plural(result.warnings, 'varning', 'varningar')} i "
        f"{plural(files, 'fil', 'filer')} ({checked(result)})."
    )


def write_text(result: CheckResult, out: TextIO) -> None:
    """One `path:line:col: level: message [rule]` line a finding, sorted, then a summary."""
    for finding in result.findings:
        out.write(finding.format() + "\n")
    out.write(summary_line(result) + "\n")


def write_json(result: CheckResult, out: TextIO) -> None:
    payload = {
        "fynd": [
            {
                "fil": f.pos.path,
                "rad": f.pos.line,
                "kolumn": f.pos.col,
                "nivå": f.level.value,
                "meddelande": f.message,
                "regel": f.rule,
            }
            for f in result.findings
        ],
        "summering": {
            "fel": result.errors,
            "varningar": result.warnings,
            "sammanträden": sum(
                1 for m in result.project.meetings() if result.in_scope(m.folder)
            ),
        },
    }
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")
