"""Jäv: whoever has jäv in a § takes no part in it; a chair with jäv hands the § over.

KL 6 kap. 28–32 §§: a person with jäv in a § (`jäv:` in the item) makes no yrkande, casts no
vote (ja, nej or avstår) and makes no reservation there. When the presiding chair (the
meeting's `ordförande`, or the item's own `ordförande:`) has jäv, the item must name another
chair with `ordförande:`, and that chair must be a deciding member of the § (a ledamot
present or an ersättare serving, without jäv). A jäv for someone who is not present at the §
is a `varning`: the jäv is then likely a mistake in the name or in the attendance (a ledamot
with jäv stays in the attendance, or is replaced for the § by a serving ersättare).

Passes::

    # 03-….md, meeting ordförande: Susanne Hansson
    jäv: [Susanne Hansson]
    ordförande: Daniel Danielsson
    omröstning: {ja: [Therese Kärngård, Daniel Danielsson], nej: [Mikael Westin]}

Fails::

    jäv: [Mikael Westin]
    omröstning: {ja: [Therese Kärngård], nej: [Mikael Westin]}
    → § 3: Mikael Westin har anmält jäv men finns i nej-listan i omröstningen

    jäv: [Susanne Hansson]          # the meeting's ordförande, no ordförande: in the item
    → § 3: ordföranden Susanne Hansson har anmält jäv; ange en annan ordförande för
      paragrafen med ordförande: i ärendet
"""

from __future__ import annotations

from collections.abc import Iterator

from protogen.law.participation import participation
from protogen.model import Item, Meeting
from protogen.rules._people import item_number, known, present_in, why_not_deciding
from protogen.rules.base import Context, Problem, fel, varning

ID = "jav-deltar"


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    if not meeting.held or meeting.organ is None:
        return
    for item in meeting.items:
        yield from _takes_part(item)
        yield from _chair(meeting, item)
        yield from _absent(meeting, item)


def _takes_part(item: Item) -> Iterator[Problem]:
    conflicted = {ref.name for ref in item.conflicts}
    if not conflicted:
        return
    n = item_number(item)
    for motion in item.motions:
        if motion.by in conflicted:
            yield fel(motion.by_pos or motion.pos,
                      f"§ {n}: {motion.by} har anmält jäv men yrkar i ärendet")
    if item.vote is not None:
        for label, refs in (("ja", item.vote.yes), ("nej", item.vote.no),
                            ("avstår", item.vote.abstain)):
            for ref in refs:
                if ref.name in conflicted:
                    yield fel(ref.pos, f"§ {n}: {ref.name} har anmält jäv men finns i "
                                       f"{label}-listan i omröstningen")
    for reservation in item.reservations:
        if reservation.by in conflicted:
            yield fel(reservation.by_pos or reservation.pos,
                      f"§ {n}: {reservation.by} har anmält jäv men reserverar sig")


def _chair(meeting: Meeting, item: Item) -> Iterator[Problem]:
    organ = meeting.organ
    conflicted = {ref.name: ref for ref in item.conflicts}
    n = item_number(item)
    chair = item.chair
    if chair is None:
        if meeting.chair is not None and meeting.chair.name in conflicted:
            yield fel(
                conflicted[meeting.chair.name].pos,
                f"§ {n}: ordföranden {meeting.chair.name} har anmält jäv; ange en annan "
                f"ordförande för paragrafen med ordförande: i ärendet",
            )
        return
    if chair.name in conflicted:
        yield fel(chair.pos, f"§ {n}: {chair.name} är ordförande för paragrafen men har "
                             f"anmält jäv; ange en ordförande utan jäv")
        return
    if organ is None or not known(organ, chair.name) or meeting.attendance is None:
        return
    part = participation(meeting, item)
    if chair.name not in part.deciding:
        yield fel(
            chair.pos,
            f"§ {n}: {chair.name} är ordförande för paragrafen men "
            f"{why_not_deciding(meeting, part, chair.name)}; ordföranden ska vara en "
            f"beslutande ledamot eller tjänstgörande ersättare i paragrafen",
        )


def _absent(meeting: Meeting, item: Item) -> Iterator[Problem]:
    organ = meeting.organ
    if organ is None or meeting.attendance is None:
        return
    n = item_number(item)
    replaced = {s.replaces for s in meeting.attendance.substitutes if s.covers(n)}
    for ref in item.conflicts:
        if ref.name in replaced:
            continue  # an ersättare serves in the § because of the jäv: that is in order
        if known(organ, ref.name) and not present_in(meeting, n, ref.name):
            yield varning(ref.pos, f"§ {n}: {ref.name} har anmält jäv men är inte närvarande "
                                   f"vid paragrafen")
