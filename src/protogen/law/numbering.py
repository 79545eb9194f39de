"""Paragrafnumrering: which § number each agenda item takes, and how a set of §§ is written.

A board numbers its §§ without gaps or repeats within one series: per calendar year
(`paragrafnumrering: per_år`) or continuously (`löpande`). The protocol is a record the board
keeps under KL 5 kap. 67-69 §§ (applied to nämnder by 6 kap. 35 §); the law does not say how
§§ are numbered, so this is the municipalities' common practice. protogen numbers the §§
itself: a meeting's first § follows the last § of the previous meeting of the same series that
had items (a meeting without items takes no number), unless `första_paragraf` is written.

The loader calls `number_meetings` once per board; the rule `numrering` compares a written
`första_paragraf` with `expected_first`. The `paragrafer` spec of an utdrag or a justering
("3", "3-4", "1-2, 6-9") is read by `parse_paragraphs` and written by `format_paragraphs`.
"""

from __future__ import annotations

import re

from protogen.model import Meeting, Organ

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


def series_of(organ: Organ, meeting: Meeting) -> int | None:
    """The numbering series a meeting belongs to: its year (per_år) or 0 (löpande)."""
    if organ.numbering == "löpande":
        return 0
    day = meeting.date or meeting.folder_date
    return day.year if day else None


def previous_in_series(organ: Organ, meeting: Meeting) -> Meeting | None:
    """The board's meeting just before this one in the same series (board meetings in date order)."""
    series = series_of(organ, meeting)
    previous = None
    for other in organ.meetings:
        if other is meeting:
            return previous
        if series_of(organ, other) == series:
            previous = other
    return previous


def previous_numbered(organ: Organ, meeting: Meeting) -> Meeting | None:
    """The last earlier meeting of the series that has §§ (a meeting without items takes none)."""
    previous = previous_in_series(organ, meeting)
    while previous is not None and previous.last_number is None:
        previous = previous_in_series(organ, previous)
    return previous


def expected_first(organ: Organ, meeting: Meeting) -> int:
    """The first § number the series gives, ignoring första_paragraf."""
    previous = previous_numbered(organ, meeting)
    if previous is None or previous.last_number is None:
        return 1
    return previous.last_number + 1


def number_meetings(organ: Organ) -> None:
    """Give every item its § number: the meeting's first number plus its position."""
    for meeting in organ.meetings:  # in date order, so the previous meeting is numbered first
        first = meeting.first_number_given or expected_first(organ, meeting)
        for item in meeting.items:
            item.number = first + item.position
