"""Beslutförhet: more than half of the seats (or the board's own number) decide in every §.

KL 6 kap. 27 §: a nämnd may decide only when more than half of its ledamöter take part. The
deciding members of a § are the ledamöter present for it, plus the ersättare serving for it,
minus anyone with jäv. A board that sets `beslutförhet: 5` needs at least five.

Passes (9 seats, 5 decide in § 3)::

    närvarande:
      ledamöter: [A, B, C, D, E]

Fails (9 seats, 4 decide in § 3)::

    närvarande:
      ledamöter: [A, B, C, {namn: D, paragrafer: "1-2"}, E]
    # 03-….md
    jäv: [E]
    → § 3: 4 av 9 ledamöter deltar i beslutet (jäv: E); minst 5 krävs för beslutförhet
"""

from __future__ import annotations

from collections.abc import Iterator

from protogen.law.participation import participation
from protogen.model import Meeting
from protogen.rules.base import Context, Problem, fel

ID = "beslutforhet"


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    if not meeting.held or meeting.attendance is None or meeting.organ is None:
        return
    for item in meeting.items:
        part = participation(meeting, item)
        if part.quorate:
            continue
        count = len(part.deciding)
        detail = f" (jäv: {', '.join(part.conflicted)})" if part.conflicted else ""
        yield fel(
            item.pos if item.conflicts else meeting.attendance.pos,
            f"§ {part.number}: {count} av {part.seats} ledamöter deltar i beslutet{detail}; "
            f"minst {part.required} krävs för beslutförhet",
        )
