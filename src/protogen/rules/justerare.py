"""Justerare: enough justerare, each a deciding member who took part in what he or she adjusts.

Once the meeting is held, the protocol names at least one justerare (a board may demand two
with `justerare_minst: 2` in organ.yaml). Each justerare must be a deciding member of the
meeting: a ledamot present or an ersättare serving. A `varning` when a justerare is also the
presiding chair (the chair signs anyway, so nobody else checks the protocol), and when a
justerare was absent for part of the meeting (`paragrafer` on his or her attendance) and so
must justera §§ he or she did not witness. A justerare written `{namn: …, paragrafer: …}`
adjusts only those §§; every § still needs the board's number of justerare. Whether
`justerare` is written at all is the phase rule's concern (`fas`).

Passes::

    ordförande: Susanne Hansson
    justerare: [Mikael Westin]
    närvarande:
      ledamöter: [Susanne Hansson, Mikael Westin, …]

Fails::

    justerare: [Ann-Marie Johansson]      # present, but as an ersättare who did not serve
    närvarande:
      ersättare: [Ann-Marie Johansson]
    → justeraren Ann-Marie Johansson är ersättare utan att tjänstgöra; den som justerar
      ska vara beslutande vid sammanträdet
"""

from __future__ import annotations

from collections.abc import Iterator

from protogen.model import Meeting, Ref
from protogen.rules._people import (
    deciding_refs,
    known,
    meeting_numbers,
    not_deciding_reason,
    sections,
    span,
)
from protogen.rules.base import Context, Problem, fel, varning

ID = "justerare"


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    organ, attendance = meeting.organ, meeting.attendance
    if not meeting.held or organ is None:
        return
    numbers = meeting_numbers(meeting)
    adjusters: list[Ref] = []
    for ref in meeting.adjusters:
        if any(other.name == ref.name for other in adjusters):
            yield fel(ref.at("namn"), f"{ref.name} står två gånger bland justerarna")
        else:
            adjusters.append(ref)
    if adjusters:  # none at all: the phase rule (fas) says so
        yield from _enough(meeting, adjusters, numbers, organ.min_adjusters)
    if attendance is None:
        return
    for ref in adjusters:
        if not known(organ, ref.name):
            continue  # namn-okant reports the name
        deciding = deciding_refs(attendance, ref.name)
        if not deciding:
            why = not_deciding_reason(attendance, ref.name)
            yield fel(ref.at("namn"), f"justeraren {ref.name} {why}; den som justerar ska "
                                      f"vara beslutande vid sammanträdet")
            continue
        if meeting.chair is not None and meeting.chair.name == ref.name:
            yield varning(ref.at("namn"), f"justeraren {ref.name} är också ordförande; "
                                          f"utse en annan justerare att justera protokollet "
                                          f"tillsammans med ordföranden")
        there = frozenset().union(*(span(r, numbers) for r in deciding))
        away = span(ref, numbers) - there
        if away:
            yield varning(ref.at("namn"), f"justeraren {ref.name} var inte beslutande vid "
                                          f"{sections(away)} men ska justera "
                                          f"{'den' if len(away) == 1 else 'dem'}")


def _enough(
    meeting: Meeting, adjusters: list[Ref], numbers: frozenset[int], least: int
) -> Iterator[Problem]:
    where = meeting.at("justerare")
    demand = f"nämnden kräver minst {least} justerare"
    if len(adjusters) < least:
        names = ", ".join(r.name for r in adjusters)
        given = f"{len(adjusters)} {'angiven' if len(adjusters) == 1 else 'angivna'} ({names})"
        yield fel(where, f"{demand} för att justera protokollet; {given}")
        return
    short = frozenset(n for n in numbers if sum(r.covers(n) for r in adjusters) < least)
    if short:
        fewer = "ingen justerare" if least == 1 else f"färre än {least} justerare"
        yield fel(where, f"{sections(short)} har {fewer}; {demand} för att justera varje "
                         f"paragraf")
