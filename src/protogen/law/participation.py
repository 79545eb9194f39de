"""Who decides in each §: ledamöter present, plus serving ersättare, minus those with jäv.

Beslutförhet is KL 6 kap. 27 § (more than half of the ledamöter; the same for fullmäktige);
jäv is KL 6 kap. 28-32 §§ (a member with jäv takes no part in the §).

Derived from the model and shared by the rules (beslutförhet, omröstning, reservationer) and by
the renderers (voting lists, attendance). Pure functions: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from protogen.model import Item, Meeting, Organ, Ref


@dataclass
class Participation:
    """The deciding members of one §."""

    number: int
    seats: int
    required: int
    present: list[str] = field(default_factory=list)  # ledamöter present for the §
    serving: list[tuple[str, str | None]] = field(default_factory=list)  # (ersättare, ersätter)
    conflicted: list[str] = field(default_factory=list)  # jäv in this §, among the present

    @property
    def deciding(self) -> list[str]:
        names = self.present + [name for name, _ in self.serving]
        # A name listed twice (an error the narvaro rule reports) still decides only once.
        return _unique(n for n in names if n not in self.conflicted)

    @property
    def quorate(self) -> bool:
        return len(self.deciding) >= self.required


def required_count(organ: Organ, seats: int) -> int:
    """Beslutförhet (KL 6 kap. 27 §): more than half of the seats, or the board's own number."""
    if isinstance(organ.quorum, int):
        return organ.quorum
    return seats // 2 + 1


def participation(meeting: Meeting, item: Item) -> Participation:
    organ = meeting.organ
    number = item.shown_number
    seats = len(organ.seats(meeting.date)) if organ else 0
    result = Participation(
        number=number, seats=seats, required=required_count(organ, seats) if organ else 1
    )
    attendance = meeting.attendance
    if attendance is None:
        return result
    conflicted = {ref.name for ref in item.conflicts}
    result.present = _unique(r.name for r in attendance.members if r.covers(number))
    result.serving = [
        (s.name, s.replaces) for s in attendance.substitutes if s.covers(number)
    ]
    result.conflicted = [
        n for n in result.present + [s for s, _ in result.serving] if n in conflicted
    ]
    return result


def presiding_chair(meeting: Meeting, item: Item) -> Ref | None:
    """Who presides over a §: the item's own `ordförande` (named when the chair has jäv or is
    away), else the meeting's."""
    return item.chair if item.chair is not None else meeting.chair


def _unique(names: object) -> list[str]:
    return list(dict.fromkeys(names))  # type: ignore[call-overload]
