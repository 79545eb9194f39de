"""Reporters for CI: GitHub Actions workflow commands, and SARIF 2.1.0 for code scanning.

`protogen check --format github` prints one `::error file=…,line=…,col=…,title=…::message`
(or `::warning`) a finding, so GitHub shows each on the changed line of a pull request.
`--format sarif` writes one SARIF 2.1.0 log (OASIS), which GitHub code scanning, GitLab and
editors read. Paths are made relative to the git repository when the project lies inside one,
since that is what both read them against.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from protogen import __version__
from protogen.checker import CheckResult
from protogen.findings import Finding, Level
from protogen.reporting import summary_line

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def repository_prefix(root: Path) -> str:
    """The project's folder inside its git repository ('' at the top or outside git)."""
    root = root.resolve()
    for folder in (root, *root.parents):
        if (folder / ".git").exists():
            rel = root.relative_to(folder).as_posix()
            return "" if rel == "." else rel + "/"
    return ""


def _property(value: str) -> str:
    return (value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            .replace(":", "%3A").replace(",", "%2C"))


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_line(finding: Finding, prefix: str = "") -> str:
    command = "error" if finding.level is Level.FEL else "warning"
    props = ",".join([
        f"file={_property(prefix + finding.pos.path)}",
        f"line={finding.pos.line}",
        f"col={finding.pos.col}",
        f"title={_property(f'protogen {finding.rule}')}",
    ])
    return f"::{command} {props}::{_data(finding.message)}"


def write_github(result: CheckResult, out: TextIO) -> None:
    prefix = repository_prefix(result.project.root)
    for finding in result.findings:
        out.write(github_line(finding, prefix) + "\n")
    out.write(summary_line(result) + "\n")


def _rule_descriptors(result: CheckResult) -> list[dict[str, Any]]:
    from protogen.rules import READER_FINDINGS, RULES

    known = {rule.id: rule for rule in RULES}
    used = sorted({f.rule for f in result.findings} | set(known))
    descriptors = []
    for rule_id in used:
        rule = known.get(rule_id)
        summary = rule.summary if rule else READER_FINDINGS.get(rule_id, rule_id)
        descriptor: dict[str, Any] = {"id": rule_id, "shortDescription": {"text": summary}}
        if rule is not None and rule.doc.strip():
            descriptor["fullDescription"] = {"text": rule.doc.strip()}
        descriptors.append(descriptor)
    return descriptors


def sarif_log(result: CheckResult) -> dict[str, Any]:
    prefix = repository_prefix(result.project.root)
    rules = _rule_descriptors(result)
    index = {rule["id"]: number for number, rule in enumerate(rules)}
    results = []
    for finding in result.findings:
        results.append({
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": "error" if finding.level is Level.FEL else "warning",
            "message": {"text": finding.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": prefix + finding.pos.path, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": max(1, finding.pos.line),
                               "startColumn": max(1, finding.pos.col)},
                },
            }],
        })
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "protogen",
                "version": __version__,
                "language": "sv-SE",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def write_sarif(result: CheckResult, out: TextIO) -> None:
    json.dump(sarif_log(result), out, ensure_ascii=False, indent=2)
    out.write("\n")
