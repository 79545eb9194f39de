"""The notices of justering a meeting gives (anslag), with their dates: the one place that
says when a notice goes up and when it comes down.

- The protocol's notice goes up on `anslag.uppsatt` and stays up for the whole appeal period
  (KL 13 kap. 5 §): `nedtaget` as written, else the period's last day.
- A § adjusted at the meeting (omedelbar justering) is justerad that day, so its own notice
  goes up the meeting day and comes down at the end of the appeal period counted from it.

The anslag PDF, the protocol's anslag box and the public anslagstavla all read these.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from protogen.dates import appeal_end
from protogen.model import Item, Meeting


@dataclass(frozen=True)
class Notice:
    adjusted: dt.date | None  # the justering (the meeting day for omedelbar justering)
    posted: dt.date
    taken_down: dt.date
    taken_down_computed: bool  # `nedtaget` was left out and is the appeal period's end
    appeal_last_day: dt.date

    def is_up(self, today: dt.date) -> bool:
        """Up from its posting day through its take-down day; gone the day after."""
        return self.posted <= today <= self.taken_down


def protocol_notice(meeting: Meeting) -> Notice | None:
    """The notice of the protocol's justering, once its posting day is known."""
    if meeting.organ is not None and not meeting.organ.has_anslag:
        return None
    if meeting.posting is None or meeting.posting.posted is None:
        return None
    posted = meeting.posting.posted
    last_day = appeal_end(posted)
    given = meeting.posting.taken_down
    return Notice(
        adjusted=meeting.adjustment.date if meeting.adjustment else None,
        posted=posted,
        taken_down=given or last_day,
        taken_down_computed=given is None,
        appeal_last_day=last_day,
    )


def immediate_items(meeting: Meeting) -> list[Item]:
    return [item for item in meeting.items if item.immediately_adjusted]


def paragraph_notice(meeting: Meeting) -> Notice | None:
    """The notice of the §§ adjusted at a held meeting, posted the meeting day."""
    if meeting.organ is not None and not meeting.organ.has_anslag:
        return None
    day = meeting.date or meeting.folder_date
    if not meeting.held or day is None or not immediate_items(meeting):
        return None
    last_day = appeal_end(day)
    return Notice(adjusted=day, posted=day, taken_down=last_day, taken_down_computed=True,
                  appeal_last_day=last_day)
