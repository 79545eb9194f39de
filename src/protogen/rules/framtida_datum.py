"""Framtida datum: a meeting held or justerat cannot lie after today.

A meeting with status `utkast` or `justerat` has been held, so its `datum` is today or
earlier; a `justerat` protocol has been justerat, so its `justering.datum` is today or earlier.
A date after today is most often a typo (2042 for 2024) or a status set ahead of time; it is
a `varning`, since the published site would show a protocol that cannot exist yet. "Today"
is the date `check --datum` gives, else the computer's date.

Passes (checked 2024-03-25)::

    datum: 2024-03-13
    status: justerat
    justering:
      datum: 2024-03-20

Fails (checked 2024-03-18)::

    datum: 2024-03-13
    status: justerat
    justering:
      datum: 2024-03-20
    → justeringen 2024-03-20 ligger efter dagens datum 2024-03-18, men sammanträdet har
      status justerat; ett protokoll justeras inte i förväg (skriv status: utkast tills det
      är justerat)   (varning)
"""

from __future__ import annotations

from collections.abc import Iterator

from protogen.model import Meeting
from protogen.rules.base import Context, Problem, varning

ID = "framtida-datum"


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    today = ctx.today.isoformat()
    if meeting.held and meeting.date is not None and meeting.date > ctx.today:
        yield varning(
            meeting.at("datum"),
            f"sammanträdet {meeting.date.isoformat()} ligger efter dagens datum {today}, men "
            f"har status {meeting.status}; ett sammanträde som inte har hållits har status "
            "kallelse (eller är datumet felskrivet?)",
        )
        return  # the justering follows the meeting; one finding says it
    adjustment = meeting.adjustment
    if (meeting.status == "justerat" and adjustment is not None
            and adjustment.date is not None and adjustment.date > ctx.today):
        yield varning(
            adjustment.at("datum"),
            f"justeringen {adjustment.date.isoformat()} ligger efter dagens datum {today}, "
            "men sammanträdet har status justerat; ett protokoll justeras inte i förväg "
            "(skriv status: utkast tills det är justerat)",
        )
