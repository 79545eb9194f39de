"""One typo, one finding: the findings that only follow from a misspelt name are folded into
the finding that names the misspelling.

A name typed wrong in the attendance ("Bertil Bergg") makes the real person ("Bertil Berg")
absent, and every rule that asks who took part then reports him: as a justerare who was not
there, a vote or a yrkande by someone absent, a vote count that does not add up. The secretary
would read three findings with the cause last. So the `namn-okant` finding that suggests a
name (the root) stays, and says how many findings follow from it; the findings of the same
meeting from the people rules that name either spelling are left out until the name is
corrected (they come back then if they were real).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from protogen.findings import Finding

ROOT_RULE = "namn-okant"
#: The rules whose findings are about who took part, so a misspelt name can cause them.
DERIVED_RULES = frozenset({
    "justerare", "ordforande", "omrostning-roster", "reservation-deltar", "yrkande-deltar",
    "jav-deltar", "ersattare-ersatter", "ersattare-parti", "narvaro",
})
_ROOT = re.compile(r"^(?:§ \d+: )?(?P<typo>[^:]+?)(?: kan inte reservera sig:)? finns inte i "
                   r"ledamotsregistret \(menar du (?P<guess>.+?)\?\)")


def fold(findings: Sequence[Finding]) -> list[Finding]:
    """`findings` (sorted) with each typo's consequences folded into its root finding."""
    roots: dict[int, tuple[str, set[str], list[Finding]]] = {}  # index -> meeting, names, folded
    by_name: dict[tuple[str, str], int] = {}
    for index, finding in enumerate(findings):
        match = _ROOT.search(finding.message) if finding.rule == ROOT_RULE else None
        if match is None:
            continue
        meeting = _meeting_of(finding.pos.path)
        if not meeting:
            continue
        names = {match["typo"], match["guess"]}
        key = (meeting, match["guess"])
        if key in by_name:  # the same misspelling twice: the first one carries the count
            continue
        by_name[key] = index
        roots[index] = (meeting, names, [])
    if not roots:
        return list(findings)
    kept: list[Finding] = []
    for finding in findings:
        root = _root_of(finding, roots)
        if root is None:
            kept.append(finding)
        else:
            roots[root][2].append(finding)
    result = []
    for index, finding in enumerate(findings):
        if index in roots and roots[index][2]:
            finding = replace(finding, message=finding.message + _followers(roots[index][2]))
        if any(finding is k for k in kept) or index in roots:
            result.append(finding)
    return result


def _root_of(finding: Finding, roots: dict[int, tuple[str, set[str], list[Finding]]]
             ) -> int | None:
    if finding.rule not in DERIVED_RULES:
        return None
    meeting = _meeting_of(finding.pos.path)
    for index, (root_meeting, names, _) in roots.items():
        if meeting == root_meeting and any(_names(finding.message, name) for name in names):
            return index
    return None


def _names(message: str, name: str) -> bool:
    """`name` stands in `message` as a whole name (Bertil Berg is not in Bertil Bergström)."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", message) is not None


def _meeting_of(path: str) -> str:
    """protokoll/<organ>/<meeting> of a finding's path ('' for a board file)."""
    parts = path.split("/")
    return "/".join(parts[:3]) if len(parts) > 3 else ""


def _followers(folded: list[Finding]) -> str:
    count = len(folded)
    rules = ", ".join(dict.fromkeys(f.rule for f in folded))
    return f"; det ger {count} följdfel till ({rules}), som inte visas här"
