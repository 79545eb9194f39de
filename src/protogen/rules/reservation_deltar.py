"""Reservationer: only those who took part in the decision may reserve against it.

A reservation in a § is made by one of its deciding members (a ledamot present or an
ersättare serving, without jäv; a reservation despite jäv is the jav-deltar rule's finding),
and not by someone who abstained (`avstår`) in its omröstning. An ersättare present without
serving may speak but not reserve. A protokollsanteckning may be made by any ledamot or
ersättare present at the §; a `varning` when its author was not present at the §.

Passes::

    omröstning: {ja: [Anna Andersson, Bertil Berg, Cecilia Carlsson], nej: [David Dahl]}
    reservationer:
      - av: David Dahl
    protokollsanteckningar:
      - {av: Karin Krantz, text: …}          # an ersättare present without serving

Fails::

    omröstning: {ja: [Anna Andersson, Bertil Berg], nej: [David Dahl], avstår: [Eva Ek]}
    reservationer:
      - av: Eva Ek
    → § 1: Eva Ek avstod från att rösta och kan inte reservera sig mot beslutet
"""

from __future__ import annotations

from collections.abc import Iterator

from protogen.law.participation import participation
from protogen.model import Item, Meeting
from protogen.rules._people import (
    has_jav,
    item_number,
    known,
    present_in,
    why_not_deciding,
)
from protogen.rules.base import Context, Problem, fel, varning

ID = "reservation-deltar"


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    if not meeting.held or meeting.organ is None or meeting.attendance is None:
        return
    for item in meeting.items:
        yield from _reservations(meeting, item)
        yield from _notes(meeting, item)


def _reservations(meeting: Meeting, item: Item) -> Iterator[Problem]:
    if not item.reservations or meeting.organ is None:
        return
    part = participation(meeting, item)
    n = part.number
    abstained = {ref.name for ref in item.vote.abstain} if item.vote else set()
    for reservation in item.reservations:
        name = reservation.by
        where = reservation.by_pos or reservation.pos
        if not known(meeting.organ, name) or has_jav(item, name):
            continue  # namn-okant or jav-deltar reports it
        if name not in part.deciding:
            yield fel(where, f"§ {n}: {name} kan inte reservera sig: "
                             f"{name} {why_not_deciding(meeting, part, name)}; bara den som "
                             f"deltar i beslutet får reservera sig")
        elif name in abstained:
            yield fel(where, f"§ {n}: {name} avstod från att rösta och kan inte reservera sig "
                             f"mot beslutet")


def _notes(meeting: Meeting, item: Item) -> Iterator[Problem]:
    organ = meeting.organ
    if organ is None:
        return
    n = item_number(item)
    for note in item.notes:
        if known(organ, note.by) and not present_in(meeting, n, note.by):
            yield varning(note.by_pos or note.pos,
                          f"§ {n}: {note.by} har en protokollsanteckning men är inte närvarande "
                          f"vid paragrafen")
