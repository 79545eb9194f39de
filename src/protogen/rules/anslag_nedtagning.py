"""Anslaget sitter uppe hela överklagandetiden: nedtaget no earlier than its last day.

KL 13 kap. 5 §: an överklagande (laglighetsprövning) must reach the court within three weeks
of the day the anslag went up; a last day on a weekend or a holiday moves to the next vardag
(Lag 1930:173). The anslag must stay up for the whole period, so `anslag.nedtaget`, when
written, is that last day or later (and so after `uppsatt`). Left out, protogen computes it.
The same holds for a notice under anslag/ that can be appealed (every one without
`överklagande: false`).

Passes (up Friday 2020-12-04; three weeks later is juldagen, so the period ends Monday
2020-12-28)::

    anslag:
      uppsatt: 2020-12-04
      nedtaget: 2020-12-28

Fails::

    anslag:
      uppsatt: 2020-12-04
      nedtaget: 2020-12-25
    → anslaget togs ned 2020-12-25, före överklagandetidens slut: det ska sitta uppe till och
      med måndag 2020-12-28 (tre veckor efter uppsättandet 2020-12-04 är juldagen;
      KL 13 kap. 5 §)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from protogen.law.dates import APPEAL_WEEKS, appeal_end, day_label, moved_reason, shift
from protogen.model import Meeting, PostedNotice
from protogen.rules.base import Context, Problem, fel

ID = "anslag-nedtagning"


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    posting = meeting.posting
    if posting is None or posting.posted is None or posting.taken_down is None:
        return
    if meeting.organ is not None and not meeting.organ.has_anslag:
        return  # anslag-senast says the anslag is not used at all
    message = _too_early(posting.posted, posting.taken_down)
    if message:
        yield fel(posting.at("nedtaget"), message)


def check_notice(notice: PostedNotice, ctx: Context) -> Iterator[Problem]:
    """The same for a notice under anslag/ that can be appealed (laglighetsprövning)."""
    if not notice.appeal or notice.posted is None or notice.taken_down is None:
        return
    message = _too_early(notice.posted, notice.taken_down)
    if message:
        yield fel(notice.at("nedtaget"), message)


def _too_early(posted: dt.date, taken_down: dt.date) -> str | None:
    last_day = appeal_end(posted)
    if taken_down >= last_day:
        return None
    if taken_down <= posted:
        when = "samma dag som" if taken_down == posted else "före"
        message = (
            f"anslaget togs ned {taken_down.isoformat()}, {when} det sattes upp "
            f"({posted.isoformat()}); det ska sitta uppe till och med "
            f"{_last_day_text(posted, last_day)}"
        )
    else:
        message = (
            f"anslaget togs ned {taken_down.isoformat()}, före överklagandetidens slut: det "
            f"ska sitta uppe till och med {_last_day_text(posted, last_day)}"
        )
    return message


def _last_day_text(posted: dt.date, last_day: dt.date) -> str:
    counted = shift(posted, 7 * APPEAL_WEEKS)
    reason = moved_reason(counted, f"tre veckor efter uppsättandet {posted.isoformat()}")
    if not reason:
        reason = f"tre veckor efter uppsättandet {posted.isoformat()}"
    return f"{day_label(last_day)} ({reason}; KL 13 kap. 5 §)"
