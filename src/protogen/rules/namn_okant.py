"""Namn: every person the protocol names is in the board's register, in the right role.

A person is named by `namn` as organ.yaml writes it: the ordförande, the justerare, everyone
under närvarande (ledamöter, tjänstgörande_ersättare and whom they replace, ersättare), and in
each § who moves, reserves, makes a protokollsanteckning, votes, has jäv or presides. A name
the register does not hold is a `fel`, with the closest name as a suggestion. The sekreterare
and the people under `övriga` (officials and guests) are not in the register.

A name under `närvarande.ledamöter` must be a ledamot whose term (`från`/`till`) covers the
meeting's date; a tjänstgörande ersättare or a present ersättare must be an `ersättare` of
the board.

Passes::

    # organ.yaml
    ledamöter: [{namn: Mikael Westin, parti: C}]
    # sammanträde.yaml
    justerare: [Mikael Westin]

Fails::

    justerare: [Mikael Westn]
    → Mikael Westn finns inte i ledamotsregistret (menar du Mikael Westin?)

    reservationer: [{av: Li Zakrisson}]      # under övriga: an official
    → § 3: Li Zakrisson kan inte reservera sig: Li Zakrisson står under övriga och är inte
      beslutande

    # organ.yaml: {namn: Robert Hamberg, till: 2019-12-31}
    närvarande:
      ledamöter: [Robert Hamberg]
    → Robert Hamberg är inte ledamot den 2020-02-14 (uppdraget gäller till 2019-12-31)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from protogen.findings import Pos, did_you_mean
from protogen.model import Meeting, Organ, Person, Ref
from protogen.rules.base import Context, Problem, fel

ID = "namn-okant"
CANNOT_RESERVE = "kan inte reservera sig"


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    organ = meeting.organ
    if organ is None or not (organ.members or organ.deputies):
        return  # no register to check against: the loader has said why
    register = organ.all_names()
    for name, pos in _named(meeting):
        if name and name not in register:
            yield fel(pos, f"{name} finns inte i ledamotsregistret{did_you_mean(name, register)}")
    yield from _reservations(meeting, register)
    yield from _roles(meeting, organ)


def _reservations(meeting: Meeting, register: list[str]) -> Iterator[Problem]:
    """A reservation by someone outside the register says that it is the reservation that
    cannot stand, not only that the name is unknown."""
    attendance = meeting.attendance
    guests = {g.name for g in attendance.others} if attendance is not None else set()
    for item in meeting.items:
        number = item.shown_number
        for reservation in item.reservations:
            name = reservation.by
            if not name or name in register:
                continue
            why = (f"{name} står under övriga och är inte beslutande" if name in guests
                   else f"finns inte i ledamotsregistret{did_you_mean(name, register)}")
            yield fel(reservation.by_pos or reservation.pos,
                      f"§ {number}: {name} {CANNOT_RESERVE}: {why}")


def _named(meeting: Meeting) -> Iterator[tuple[str, Pos]]:
    """Every register name the meeting and its items use, with where it stands."""
    if meeting.chair is not None:
        yield meeting.chair.name, meeting.chair.at("namn")
    for ref in meeting.adjusters:
        yield ref.name, ref.at("namn")
    attendance = meeting.attendance
    if attendance is not None:
        for ref in [*attendance.members, *attendance.substitutes, *attendance.deputies]:
            yield ref.name, ref.at("namn")
        for sub in attendance.substitutes:
            if sub.replaces is not None:
                yield sub.replaces, sub.replaces_pos or sub.pos
    guests = {g.name for g in attendance.others} if attendance is not None else set()
    for item in meeting.items:
        for statement in [*item.motions, *item.notes]:  # reservations: see _reservations
            if any(statement is n for n in item.notes) and statement.by in guests:
                continue  # övriga are not in the register; a note by one is theirs to make
            yield statement.by, statement.by_pos or statement.pos
        if item.vote is not None:
            for ref in [*item.vote.yes, *item.vote.no, *item.vote.abstain]:
                yield ref.name, ref.pos
        for ref in item.conflicts:
            yield ref.name, ref.pos
        if item.chair is not None:
            yield item.chair.name, item.chair.pos


def _roles(meeting: Meeting, organ: Organ) -> Iterator[Problem]:
    """Ledamöter must hold a seat on the day; ersättare must be the board's ersättare."""
    attendance = meeting.attendance
    if attendance is None:
        return
    register = organ.all_names()
    day = meeting.date
    yield from _outside_term(attendance.members, organ.members, register, day, "ledamot",
                             " utan ersättare (en ersättare skrivs under tjänstgörande_ersättare "
                             "eller ersättare)")
    yield from _outside_term([*attendance.substitutes, *attendance.deputies], organ.deputies,
                             register, day, "ersättare",
                             " utan ledamot (en ledamot skrivs under närvarande ledamöter)")


def _outside_term(refs: list[Ref], people: list[Person], register: list[str],
                  day: dt.date | None, role: str, other_role: str) -> Iterator[Problem]:
    """Names listed in a role whose register entry for that role does not cover `day`."""
    on_day = f" den {day.isoformat()}" if day else ""
    for ref in refs:
        if ref.name not in register:
            continue  # an unknown name is reported on its own
        terms = [p for p in people if p.name == ref.name]
        if any(p.serves_on(day) for p in terms):
            continue
        why = f" (uppdraget gäller {_term(terms[0])})" if terms else other_role
        yield fel(ref.at("namn"), f"{ref.name} är inte {role}{on_day}{why}")


def _term(person: Person) -> str:
    start = person.start.isoformat() if person.start else None
    end = person.end.isoformat() if person.end else None
    if start and end:
        return f"{start}–{end}"
    if start:
        return f"från {start}"
    return f"till {end}"
