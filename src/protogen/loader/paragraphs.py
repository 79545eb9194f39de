"""Parsing the `paragrafer` spec: "3", "3-4", "1-2, 6-9" (the meeting's own § numbers)."""

from __future__ import annotations

import re

_PART = re.compile(r"^\s*(?:§§?\s*)?(\d+)\s*(?:[-–]\s*(\d+))?\s*$")


def parse_paragraphs(spec: object) -> frozenset[int] | None:
    """The set of § numbers, or None when the spec is not of the form "1-2, 6-9"."""
    if isinstance(spec, bool):
        return None
    if isinstance(spec, int):
        return frozenset({spec}) if spec > 0 else None
    if not isinstance(spec, str) or not spec.strip():
        return None
    numbers: set[int] = set()
    for part in spec.split(","):
        match = _PART.match(part)
        if not match:
            return None
        low = int(match.group(1))
        high = int(match.group(2) or low)
        if high < low or high - low > 10_000:
            return None
        numbers.update(range(low, high + 1))
    return frozenset(numbers)


def format_paragraphs(numbers: frozenset[int] | set[int] | list[int]) -> str:
    """'§ 3', '§§ 3–4', '§§ 1–2, 6–9' as a protocol writes them."""
    ordered = sorted(numbers)
    if not ordered:
        return ""
    runs: list[tuple[int, int]] = []
    for number in ordered:
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    parts = [f"{a}" if a == b else f"{a}–{b}" for a, b in runs]
    prefix = "§" if len(ordered) == 1 else "§§"
    return f"{prefix} {', '.join(parts)}"
