"""Reporters for check results: the parsable text lines, and JSON for machines."""

from __future__ import annotations

import json
from typing import TextIO

from protogen.checker import CheckResult


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def summary_line(result: CheckResult) -> str:
    meetings = sum(len(o.meetings) for o in result.project.organs)
    files = len({f.pos.path for f in result.findings})
    if not result.findings:
        return f"Inga fel: {plural(meetings, 'sammanträde', 'sammanträden')} kontrollerade."
    return (
        f"{plural(result.errors, 'fel', 'fel')} och "
        f"{plural(result.warnings, 'varning', 'varningar')} i "
        f"{plural(files, 'fil', 'filer')} "
        f"({plural(meetings, 'sammanträde', 'sammanträden')} kontrollerade)."
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
            "sammanträden": sum(len(o.meetings) for o in result.project.organs),
        },
    }
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")
