"""Shared reading of the attendance for the people rules: who is where, for which §§.

Not a rule (the leading underscore keeps discovery away): small pure helpers that let each
people rule say in the domain's words why a person may not move, vote or reserve in a §.
"""

from __future__ import annotations

from collections.abc import Iterable

from protogen.law.numbering import format_paragraphs
from protogen.law.participation import Participation
from protogen.model import Attendance, Item, Meeting, Organ, Person, Ref


def meeting_numbers(meeting: Meeting) -> frozenset[int]:
    return frozenset(item.number for item in meeting.items if item.number is not None)


def item_number(item: Item) -> int:
    return item.shown_number


def span(ref: Ref, numbers: frozenset[int]) -> frozenset[int]:
    """The §§ of the meeting a person is listed for (all of them without `paragrafer`)."""
    return numbers if ref.paragraphs is None else ref.paragraphs & numbers


def sections(numbers: Iterable[int]) -> str:
    """'§ 3', '§§ 1–5' as the protocol writes them."""
    return format_paragraphs(sorted(set(numbers)))


def known(organ: Organ, name: str) -> bool:
    """In the register; an unknown name is the namn-okant rule's to report, not ours."""
    return organ.person(name) is not None


def member(organ: Organ, name: str) -> Person | None:
    return next((p for p in organ.members if p.name == name), None)


def deputy(organ: Organ, name: str) -> Person | None:
    return next((p for p in organ.deputies if p.name == name), None)


def present_in(meeting: Meeting, number: int, name: str) -> bool:
    """Present at § `number` in any register role: ledamot, serving or non-serving ersättare."""
    attendance = meeting.attendance
    if attendance is None:
        return False
    refs: list[Ref] = [*attendance.members, *attendance.substitutes, *attendance.deputies]
    return any(ref.name == name and ref.covers(number) for ref in refs)


def has_jav(item: Item, name: str) -> bool:
    """Named under the item's `jäv` (whether or not the attendance lists the person)."""
    return any(ref.name == name for ref in item.conflicts)


def why_not_deciding(meeting: Meeting, part: Participation, name: str) -> str:
    """Why `name` is not among the deciding members of a §, in the protocol's words."""
    attendance = meeting.attendance
    if name in part.conflicted:
        return "har anmält jäv"
    if attendance is None:
        return "är inte närvarande vid sammanträdet"
    number = part.number
    replaced_by = [s.name for s in attendance.substitutes
                   if s.replaces == name and s.covers(number)]
    if replaced_by:
        return f"ersätts av {replaced_by[0]} i paragrafen"
    if any(d.name == name and d.covers(number) for d in attendance.deputies):
        return "är ersättare utan att tjänstgöra i paragrafen"
    listed = [*attendance.members, *attendance.substitutes, *attendance.deputies]
    if any(ref.name == name for ref in listed):
        return "är inte närvarande vid paragrafen"
    return "är inte närvarande vid sammanträdet"


def deciding_refs(attendance: Attendance, name: str) -> list[Ref]:
    """The attendance entries that make `name` a deciding member (ledamot or serving)."""
    return [r for r in [*attendance.members, *attendance.substitutes] if r.name == name]


def not_deciding_reason(attendance: Attendance, name: str) -> str:
    """Why someone with no deciding entry is not deciding, for a message."""
    if any(d.name == name for d in attendance.deputies):
        return "är ersättare utan att tjänstgöra"
    return "är inte närvarande som ledamot eller tjänstgörande ersättare"
