"""Tid: a meeting's time is written as 09:00 or 09:00-12:00.

The protocol prints the time ("kl. 09.00–12.00"), the kallelse and the calendar file read it,
so a time in another form is a varning at its line. The justering's `tid` is checked the same.

Passes::

    tid: 09:00-12:00
    justering:
      tid: "11:00"

Fails::

    tid: kl. 9-12
    → tid kl. 9-12 är inte skriven som 09:00 eller 09:00-12:00
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from protogen.model import Meeting
from protogen.rules.base import Context, Problem, varning

ID = "tid"

_TIME = r"(?:[01]?\d|2[0-3])[:.][0-5]\d"
_FORM = re.compile(rf"^{_TIME}(?:\s*[-–]\s*{_TIME})?$")


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    if meeting.time is not None and not _FORM.match(meeting.time.strip()):
        yield varning(meeting.at("tid"),
                      f"tid {meeting.time} är inte skriven som 09:00 eller 09:00-12:00")
    adjustment = meeting.adjustment
    if adjustment is not None and adjustment.time is not None \
            and not _FORM.match(adjustment.time.strip()):
        yield varning(adjustment.at("tid"),
                      f"justeringens tid {adjustment.time} är inte skriven som 11:00")
