"""Kungörelse i tid: a fullmäktige meeting is made known at least a week before it.

KL 5 kap. 11 §: the chair makes the time and place of a fullmäktige meeting known on the
municipality's anslagstavla at least one week before the meeting day; 12 § adds the ärenden
to be dealt with. A board is a fullmäktige when its organ.yaml says `typ: fullmäktige`. The
day the kungörelse went up is `kungörelse: {datum: …}` in sammanträde.yaml; without it the
kallelse's `utskick` is taken as that day. A week before is counted back in calendar days: a
deadline that lies before the meeting never moves (Lag 1930:173 moves a last day forward,
which here would make the notice shorter than the law's week). A called meeting (status
`kallelse`) without either date is a varning too, since the site cannot know when to show it.

Passes (meeting Wednesday 2024-06-19; a week before is Wednesday 2024-06-12)::

    datum: 2024-06-19
    status: kallelse
    kungörelse:
      datum: 2024-06-12

Fails::

    datum: 2024-06-19
    kungörelse:
      datum: 2024-06-14
    → kungörelsen sattes upp 2024-06-14 men ska sättas upp senast onsdag 2024-06-12, en vecka
      före sammanträdet 2024-06-19 (KL 5 kap. 11 §)
"""

from __future__ import annotations

from collections.abc import Iterator

from protogen.law.anslag import announced_on, latest_announcement
from protogen.law.dates import day_label
from protogen.model import Meeting
from protogen.rules.base import Context, Problem, varning

ID = "kungorelse"

def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    organ = meeting.organ
    if organ is None or not organ.is_council or not organ.has_anslag or meeting.date is None:
        return
    deadline = latest_announcement(meeting.date)
    when = (f"senast {day_label(deadline)}, en vecka före sammanträdet "
            f"{meeting.date.isoformat()} (KL 5 kap. 11 §)")
    announced = announced_on(meeting)
    if announced is None:
        if meeting.status == "kallelse":
            yield varning(meeting.pos, "kungörelse.datum saknas: fullmäktiges sammanträde ska "
                                       f"kungöras på anslagstavlan {when}")
        return
    if announced > deadline:
        pos = meeting.announced_pos if meeting.announced else meeting.invitation_pos
        what = "kungörelsen sattes upp" if meeting.announced else (
            "kungörelsen (kallelse.utskick, då kungörelse.datum saknas) sattes upp")
        yield varning(pos or meeting.pos, f"{what} {announced.isoformat()} men ska sättas upp "
                                          f"{when}")
