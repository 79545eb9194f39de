"""Inkallelseordning: an absent ledamot is replaced by an ersättare of the same party first.

Each reglemente sets the order in which ersättare are called in; nearly all begin with the
absent ledamot's own party. A `varning` (not a `fel`, since a reglemente may say otherwise)
when an ersättare of another party serves while an ersättare of the absent ledamot's party was
present (listed under `närvarande.ersättare`) and did not serve.

Passes (the S ersättare serves for the S ledamot)::

    tjänstgörande_ersättare:
      - {namn: Jonas Jansson, ersätter: Anna Andersson}     # both S
    ersättare: [Karin Krantz]                               # M

Fails::

    tjänstgörande_ersättare:
      - {namn: Karin Krantz, ersätter: Anna Andersson}      # M for S
    ersättare: [Jonas Jansson]                              # S, present, not serving
    → §§ 1–9: ersättaren Karin Krantz (M) tjänstgör för Anna Andersson (S) fast ersättaren
      Jonas Jansson (S) från samma parti var närvarande utan att tjänstgöra (inkallelseordning)
"""

from __future__ import annotations

from collections.abc import Iterator

from protogen.model import Meeting
from protogen.rules._people import deputy, meeting_numbers, member, sections, span
from protogen.rules.base import Context, Problem, varning

ID = "ersattare-parti"


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    organ, attendance = meeting.organ, meeting.attendance
    if not meeting.held or organ is None or attendance is None:
        return
    numbers = meeting_numbers(meeting)
    for sub in attendance.substitutes:
        absent = member(organ, sub.replaces) if sub.replaces else None
        serving = deputy(organ, sub.name)
        if absent is None or serving is None or not absent.party or not serving.party:
            continue
        if serving.party == absent.party:
            continue
        served = span(sub, numbers)
        idle: dict[str, frozenset[int]] = {}
        for dep in attendance.deputies:
            person = deputy(organ, dep.name)
            if person is None or person.party != absent.party:
                continue
            # Only the §§ where the same-party ersättare sat idle while the other one served.
            busy = frozenset().union(
                *(span(s, numbers) for s in attendance.substitutes if s.name == dep.name)
            )
            when = (served & span(dep, numbers)) - busy
            if when:
                idle[person.label] = idle.get(person.label, frozenset()) | when
        if not idle:
            continue
        when = frozenset().union(*idle.values())
        waiting = " och ".join(f"ersättaren {label}" for label in idle)
        yield varning(
            sub.at("namn"),
            f"{sections(when)}: ersättaren {serving.label} tjänstgör för {absent.label} fast "
            f"{waiting} från samma parti var närvarande utan att tjänstgöra (inkallelseordning)",
        )
