"""Anslag i tid: the justering is posted on the anslagstavla by the second day after it.

KL 8 kap. 12 §: the justering of the protocol is made known on the board's anslagstavla no
later than the second day after the justering; a last day on a weekend or a holiday moves to
the next vardag (Lag 1930:173), and the notice cannot go up before the justering. A `justerat`
meeting of a board with anslag must say when the anslag went up (`anslag.uppsatt`). A board
outside Kommunallagen (`anslag: false` in organ.yaml) has no anslag, so an `anslag:` in its
sammanträde.yaml is a varning: it is never used.

Passes (justering Friday 2020-02-21; the second day after is a Sunday, so Monday 2020-02-24 is
the last day)::

    justering:
      datum: 2020-02-21
    anslag:
      uppsatt: 2020-02-24

Fails::

    justering:
      datum: 2020-06-17
    anslag:
      uppsatt: 2020-06-23
    → anslaget sattes upp 2020-06-23 men ska sättas upp senast måndag 2020-06-22 (två dagar
      efter justeringen 2020-06-17 är midsommarafton; KL 8 kap. 12 §)

    status: justerat        # and no anslag:
    → anslag.uppsatt saknas: justeringen 2020-02-21 ska tillkännages på anslagstavlan senast
      måndag 2020-02-24 (…)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from protogen.law.dates import ANSLAG_DAYS, day_label, moved_reason, posting_deadline, shift
from protogen.model import Meeting
from protogen.rules.base import Context, Problem, fel, varning

ID = "anslag-senast"


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    organ = meeting.organ
    posting = meeting.posting
    if organ is not None and not organ.has_anslag:
        if posting is not None:
            yield varning(
                meeting.at("anslag"),
                "organet har inget anslag (anslag: false i organ.yaml), så anslag i "
                "sammanträde.yaml används inte; ta bort det",
            )
        return
    adjusted = meeting.adjustment.date if meeting.adjustment else None
    posted = posting.posted if posting else None
    if posted is None:
        if meeting.status == "justerat":
            yield fel(posting.pos if posting else meeting.pos, _missing(adjusted))
        return
    if adjusted is None:
        return  # no justering to measure from; fas and datum-ordning report what is missing
    pos = posting.at("uppsatt") if posting else meeting.pos
    if posted < adjusted:
        yield fel(
            pos,
            f"anslaget sattes upp {posted.isoformat()}, före justeringen {adjusted.isoformat()}; "
            "det kan sättas upp tidigast samma dag som protokollet justeras",
        )
    elif posted > (deadline := posting_deadline(adjusted)):
        yield fel(
            pos,
            f"anslaget sattes upp {posted.isoformat()} men ska sättas upp senast "
            f"{_deadline_text(adjusted, deadline)}",
        )


def _missing(adjusted: dt.date | None) -> str:
    if adjusted is None:
        return (
            "anslag.uppsatt saknas: ett justerat protokoll ska tillkännages på anslagstavlan "
            "senast andra dagen efter justeringen (KL 8 kap. 12 §)"
        )
    return (
        f"anslag.uppsatt saknas: justeringen {adjusted.isoformat()} ska tillkännages på "
        f"anslagstavlan senast {_deadline_text(adjusted, posting_deadline(adjusted))}"
    )


def _deadline_text(adjusted: dt.date, deadline: dt.date) -> str:
    """'måndag 2020-06-22 (två dagar efter justeringen 2020-06-17 är midsommarafton; KL …)'."""
    counted = shift(adjusted, ANSLAG_DAYS)
    reason = moved_reason(counted, f"två dagar efter justeringen {adjusted.isoformat()}")
    if not reason:
        reason = f"andra dagen efter justeringen {adjusted.isoformat()}"
    return f"{day_label(deadline)} ({reason}; KL 8 kap. 12 §)"
