"""Justering inom 14 dagar: the protocol is adjusted no later than 14 days after the meeting.

KL 5 kap. 69 § (for nämnder through 6 kap. 35 §): the protocol is justerat within 14 days of
the meeting; a last day on a weekend or a holiday moves to the next vardag (Lag 1930:173). A
board may set a shorter limit in organ.yaml with `justering_dagar: 7`. The justering cannot
come before the meeting itself.

Passes (meeting Friday 2020-12-11; 14 days later is juldagen, so Monday 2020-12-28 is the
last day)::

    datum: 2020-12-11
    justering:
      datum: 2020-12-28

Fails::

    datum: 2020-12-11
    justering:
      datum: 2020-12-29
    → justeringen 2020-12-29 är för sen: protokollet ska justeras senast måndag 2020-12-28
      (14 dagar efter sammanträdet 2020-12-11 är juldagen; KL 5 kap. 69 §)

    datum: 2020-12-11
    justering:
      datum: 2020-12-10
    → justeringen 2020-12-10 är före sammanträdet 2020-12-11; protokollet kan justeras
      tidigast samma dag som sammanträdet
"""

from __future__ import annotations

from collections.abc import Iterator

from protogen.law.dates import adjustment_deadline, day_label, moved_reason, shift
from protogen.model import Meeting
from protogen.rules.base import Context, Problem, fel

ID = "justering-frist"
LAW_DAYS = 14  # KL 5 kap. 69 §


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    adjustment = meeting.adjustment
    if meeting.date is None or adjustment is None or adjustment.date is None:
        return
    pos = adjustment.at("datum")
    adjusted = adjustment.date
    if adjusted < meeting.date:
        yield fel(
            pos,
            f"justeringen {adjusted.isoformat()} är före sammanträdet {meeting.date.isoformat()}; "
            "protokollet kan justeras tidigast samma dag som sammanträdet",
        )
        return
    # A reglemente may shorten the 14 days of the law, never lengthen them.
    days = min(meeting.organ.adjustment_days, LAW_DAYS) if meeting.organ else LAW_DAYS
    deadline = adjustment_deadline(meeting.date, days)
    if adjusted <= deadline:
        return
    counted = shift(meeting.date, days)
    reason = moved_reason(counted, f"{days} dagar efter sammanträdet {meeting.date.isoformat()}")
    source = "KL 5 kap. 69 §" if days == LAW_DAYS else f"organets gräns justering_dagar: {days}"
    why = f"{reason}; {source}" if reason else source
    yield fel(
        pos,
        f"justeringen {adjusted.isoformat()} är för sen: protokollet ska justeras senast "
        f"{day_label(deadline)} ({why})",
    )
