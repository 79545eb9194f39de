"""Omedelbar justering: a § adjusted at the meeting needs its own anslag in time.

A § marked `omedelbart_justerad: true` was justerad at the meeting itself (KL 5 kap. 69 §), so
it can only be marked once the meeting has been held (status `utkast` or `justerat`). It is
justerad on the meeting day, and its justering is made known on the anslagstavla no later than
the second day after the meeting (KL 8 kap. 12 §, moved to a vardag). When the board has
anslag and the protocol's own anslag goes up later than that, the § needs a separate anslag:
a varning says by which day.

Passes (meeting Wednesday 2024-03-13, protocol anslag Friday 2024-03-15)::

    # 03-….md
    omedelbart_justerad: true
    # sammanträde.yaml
    datum: 2024-03-13
    anslag:
      uppsatt: 2024-03-15

Fails::

    status: kallelse
    # 03-….md
    omedelbart_justerad: true
    → § 3 är markerad omedelbart justerad, men sammanträdet har status kallelse; …

    datum: 2024-03-13
    anslag:
      uppsatt: 2024-03-21
    → § 3 justerades omedelbart vid sammanträdet 2024-03-13 och ska tillkännages senast
      fredag 2024-03-15 (andra dagen efter sammanträdet), men protokollets anslag sattes upp
      2024-03-21: sätt upp ett separat anslag för § 3 senast 2024-03-15
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from protogen.dates import ANSLAG_DAYS, day_label, moved_reason, posting_deadline, shift
from protogen.findings import Finding
from protogen.model import Item, Meeting
from protogen.rules.base import Context, fel, varning

ID = "omedelbar-justering"
LEVEL = "fel"


def check(meeting: Meeting, ctx: Context) -> Iterator[Finding]:
    items = [item for item in meeting.items if item.immediately_adjusted]
    if not items or meeting.status is None:
        return
    if not meeting.held:
        for item in items:
            yield fel(
                item.at("omedelbart_justerad"),
                f"{_label(item)} är markerad omedelbart justerad, men sammanträdet har status "
                f"{meeting.status}; en paragraf justeras omedelbart vid sammanträdet, så markera "
                "den när sammanträdet har hållits (status utkast eller justerat)",
                ID,
            )
        return
    organ = meeting.organ
    posted = meeting.posting.posted if meeting.posting else None
    if meeting.date is None or posted is None or (organ is not None and not organ.has_anslag):
        return
    deadline = posting_deadline(meeting.date)
    if posted <= deadline:
        return
    for item in items:
        yield varning(
            item.at("omedelbart_justerad"),
            f"{_label(item)} justerades omedelbart vid sammanträdet {meeting.date.isoformat()} "
            f"och ska tillkännages på anslagstavlan senast {_deadline_text(meeting.date, deadline)}"
            f", men protokollets anslag sattes upp {posted.isoformat()}: sätt upp ett separat "
            f"anslag för {_label(item)} senast {deadline.isoformat()}",
            ID,
        )


def _label(item: Item) -> str:
    return f"§ {item.number}" if item.number is not None else f"ärendet {item.file.name}"


def _deadline_text(meeting_day: dt.date, deadline: dt.date) -> str:
    counted = shift(meeting_day, ANSLAG_DAYS)
    reason = moved_reason(counted, f"två dagar efter sammanträdet {meeting_day.isoformat()}")
    return f"{day_label(deadline)} ({reason or 'andra dagen efter sammanträdet'}; KL 8 kap. 12 §)"
