"""Ordförande: the presiding chair is a deciding member for every § he or she presides over.

The meeting's `ordförande` presides over every § that does not name its own `ordförande:`
(as an item does when the chair has jäv or has left). For those §§ the chair must be a
deciding member: a ledamot present, or an ersättare serving. A chair who is not present at
all, or who is an ersättare present without serving, is a `fel`; so is a chair who left
(`paragrafer`) while the §§ after that name no other chair. Whether `ordförande` is written at
all is the phase rule's concern (`fas`); this rule checks the name that is there.

Passes::

    ordförande: Susanne Hansson
    närvarande:
      ledamöter: [Susanne Hansson, …]

Fails::

    ordförande: Susanne Hansson
    närvarande:
      ledamöter: [{namn: Susanne Hansson, paragrafer: "1-5"}, …]
    # no ordförande: in items 6-9
    → ordföranden Susanne Hansson är inte beslutande vid §§ 6–9; ange ordförande: i de
      ärendena
"""

from __future__ import annotations

from collections.abc import Iterator

from protogen.model import Meeting
from protogen.rules._people import deciding_refs, known, not_deciding_reason, sections, span
from protogen.rules.base import Context, Problem, fel

ID = "ordforande"


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    organ, attendance, chair = meeting.organ, meeting.attendance, meeting.chair
    if not meeting.held or organ is None or attendance is None or chair is None:
        return
    if not known(organ, chair.name):
        return  # namn-okant reports the name
    presided = frozenset(
        item.number for item in meeting.items if item.chair is None and item.number is not None
    )
    chair_refs = deciding_refs(attendance, chair.name)
    if not chair_refs:
        why = not_deciding_reason(attendance, chair.name)
        yield fel(chair.at("namn"), f"ordföranden {chair.name} {why}; ordföranden ska vara "
                                    f"beslutande vid sammanträdet")
        return
    there = frozenset().union(*(span(r, presided) for r in chair_refs))
    away = presided - there
    if away:
        yield fel(
            chair.at("namn"),
            f"ordföranden {chair.name} är inte beslutande vid {sections(away)}; "
            f"ange ordförande: i {'ärendet' if len(away) == 1 else 'de ärendena'}",
        )
