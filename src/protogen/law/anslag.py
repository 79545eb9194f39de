"""The notices of justering a meeting gives (anslag), with their dates: the one place that
says when a notice goes up and when it comes down.

- The protocol's notice goes up on `anslag.uppsatt` and stays up for the whole appeal period
  (KL 13 kap. 5 §): `nedtaget` as written, else the period's last day.
- A § adjusted at the meeting (omedelbar justering) is justerad that day, so its own notice
  goes up the meeting day and comes down at the end of the appeal period counted from it.
- A fullmäktige meeting's kungörelse is up from the day it was made known to the meeting day.
- A notice under anslag/ is up from `uppsatt` to `nedtaget`, or three weeks moved to a vardag.

The anslag PDF, the protocol's anslag box and the public anslagstavla all read these.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from protogen.law.dates import appeal_end, shift
from protogen.model import Item, Meeting, PostedNotice


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


def other_notice(notice: PostedNotice) -> Notice | None:
    """A notice under anslag/: up on `uppsatt` (or its file's date); down on `nedtaget`, or,
    left out, at the end of the three weeks counted as the appeal period (moved to a
    vardag), whether or not an appeal is open against it."""
    if notice.posted is None:
        return None
    last_day = appeal_end(notice.posted)
    return Notice(adjusted=None, posted=notice.posted,
                  taken_down=notice.taken_down or last_day,
                  taken_down_computed=notice.taken_down is None, appeal_last_day=last_day)


ANNOUNCEMENT_DAYS = 7  # KL 5 kap. 11 §: minst en vecka före sammanträdesdagen


def announced_on(meeting: Meeting) -> dt.date | None:
    """The day the meeting's kungörelse went up: `kungörelse.datum`, else `kallelse.utskick`."""
    return meeting.announced or meeting.invitation_sent


def latest_announcement(meeting_day: dt.date) -> dt.date:
    """The last day a kungörelse may go up: a week before, never moved (a deadline before
    the meeting moved forward to a vardag would shorten the law's week)."""
    return shift(meeting_day, -ANNOUNCEMENT_DAYS)


def announcement(meeting: Meeting) -> Notice | None:
    """The kungörelse of a fullmäktige meeting (KL 5 kap. 11 §): up from the day it was made
    known until the meeting day. A called meeting whose day of kungörelse is not written is
    taken as made known on the last day the law allows (a week before); a held one without
    that day gives no notice, since nobody can say when it was up."""
    organ = meeting.organ
    day = meeting.date or meeting.folder_date
    if organ is None or not organ.has_anslag or day is None:
        return None
    if not organ.is_council and meeting.announced is None:
        return None
    posted = announced_on(meeting)
    if posted is None:
        if meeting.status != "kallelse":
            return None
        posted = latest_announcement(day)
    return Notice(adjusted=None, posted=min(posted, day), taken_down=day,
                  taken_down_computed=True, appeal_last_day=day)
