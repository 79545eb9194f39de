"""Datumens ordning: sammanträde ≤ justering ≤ anslag uppsatt < anslag nedtaget; kallelsen före.

The dates of a meeting follow one another: the protocol is justerat on or after the meeting,
the anslag goes up on or after the justering and comes down after it went up. The order
between two neighbours is checked, with the deadline, by `justering-frist`, `anslag-senast`
and `anslag-nedtagning`; this rule checks the order across a date that is left out (an anslag
before the meeting when no justering is written) and the kallelse: `kallelse.utskick` is
before the meeting, and when the board sets a least notice (`kallelse_dagar: 7` in
organ.yaml), a later utskick is a varning.

Passes::

    datum: 2020-02-14
    kallelse:
      utskick: 2020-02-07     # with kallelse_dagar: 7

Fails::

    datum: 2020-02-14
    kallelse:
      utskick: 2020-02-14
    → kallelsen skickades 2020-02-14, samma dag som sammanträdet; den ska skickas ut före
      sammanträdet

    datum: 2020-02-14
    kallelse:
      utskick: 2020-02-10     # with kallelse_dagar: 7
    → kallelsen skickades 2020-02-10, 4 dagar före sammanträdet 2020-02-14; organet kräver
      minst 7 dagar (kallelse_dagar), alltså senast fredag 2020-02-07   (varning)

    datum: 2020-02-14         # no justering written
    anslag:
      uppsatt: 2020-02-10
    → anslagets uppsättande 2020-02-10 är före sammanträdet 2020-02-14
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from protogen.findings import Pos
from protogen.law.dates import day_label, shift
from protogen.model import Meeting
from protogen.rules.base import Context, Problem, fel, varning

ID = "datum-ordning"


@dataclass(frozen=True)
class _Step:
    index: int  # place in the chain meeting, justering, uppsatt, nedtaget
    name: str
    day: dt.date
    pos: Pos
    strictly_after: bool = False  # nedtaget must be after uppsatt, not the same day


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    yield from _chain(meeting)
    yield from _invitation(meeting)


def _steps(meeting: Meeting) -> list[_Step]:
    steps: list[_Step] = []
    if meeting.date:
        steps.append(_Step(0, "sammanträdet", meeting.date, meeting.at("datum")))
    adjustment = meeting.adjustment
    if adjustment and adjustment.date:
        steps.append(_Step(1, "justeringen", adjustment.date, adjustment.at("datum")))
    posting = meeting.posting
    if posting and posting.posted:
        steps.append(_Step(2, "anslagets uppsättande", posting.posted, posting.at("uppsatt")))
    if posting and posting.taken_down:
        steps.append(
            _Step(3, "anslagets nedtagande", posting.taken_down, posting.at("nedtaget"), True)
        )
    return steps


def _chain(meeting: Meeting) -> Iterator[Problem]:
    steps = _steps(meeting)
    for earlier, later in zip(steps, steps[1:], strict=False):
        if later.index == earlier.index + 1:
            continue  # neighbours: the deadline rules report their order with the deadline
        wrong = later.day <= earlier.day if later.strictly_after else later.day < earlier.day
        if wrong:
            when = "samma dag som" if later.day == earlier.day else "före"
            yield fel(
                later.pos,
                f"{later.name} {later.day.isoformat()} är {when} {earlier.name} "
                f"{earlier.day.isoformat()}; ordningen är sammanträde, justering, anslag "
                "uppsatt, anslag nedtaget",
            )


def _invitation(meeting: Meeting) -> Iterator[Problem]:
    sent, day = meeting.invitation_sent, meeting.date
    if sent is None or day is None:
        return
    pos = meeting.invitation_pos or meeting.at("kallelse")
    if sent >= day:
        when = "samma dag som" if sent == day else "efter"
        yield fel(
            pos,
            f"kallelsen skickades {sent.isoformat()}, {when} sammanträdet {day.isoformat()}; den "
            "ska skickas ut före sammanträdet",
        )
        return
    least = meeting.organ.invitation_days if meeting.organ else None
    if least is None:
        return
    latest = shift(day, -least)
    if sent > latest:
        given = (day - sent).days
        yield varning(
            pos,
            f"kallelsen skickades {sent.isoformat()}, {given} {_days(given)} före sammanträdet "
            f"{day.isoformat()}; organet kräver minst {least} {_days(least)} (kallelse_dagar), "
            f"alltså senast {day_label(latest)}",
        )


def _days(count: int) -> str:
    return "dag" if count == 1 else "dagar"
