"""Ersättare: each serving ersättare fills the seat of one absent ledamot.

A tjänstgörande ersättare replaces exactly one ledamot (`ersätter`), who must hold a seat on
the board on the meeting's day and be absent for the §§ the ersättare serves. A seat is never
filled twice for the same §, an ersättare serves for one ledamot at a time, and an ersättare
who serves is not also listed under `ersättare` (present without serving) for the same §.

Passes::

    närvarande:
      ledamöter: [{namn: Niklas Rhodin, paragrafer: "1-5"}, …]
      tjänstgörande_ersättare:
        - {namn: Ann-Marie Johansson, ersätter: Niklas Rhodin, paragrafer: "6-9"}

Fails::

    närvarande:
      ledamöter: [Robert Hamberg, …]
      tjänstgörande_ersättare:
        - {namn: Ann-Marie Johansson, ersätter: Robert Hamberg}
    → §§ 1–9: Robert Hamberg är närvarande som ledamot och kan inte samtidigt ersättas av
      ersättaren Ann-Marie Johansson

    tjänstgörande_ersättare: [{namn: Ann-Marie Johansson}]
    → tjänstgörande ersättare Ann-Marie Johansson: ersätter saknas (vilken ledamot ersätts?)
"""

from __future__ import annotations

from collections.abc import Iterator

from protogen.findings import shown
from protogen.model import Attendance, Meeting
from protogen.rules._people import meeting_numbers, sections, span
from protogen.rules.base import Context, Problem, fel

ID = "ersattare-ersatter"


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    organ, attendance = meeting.organ, meeting.attendance
    if attendance is not None:
        yield from _written(attendance)
    if not meeting.held or organ is None or attendance is None:
        return
    numbers = meeting_numbers(meeting)
    register = set(organ.all_names())
    seats = {p.name for p in organ.seats(meeting.date)}
    ledamot_names = {p.name for p in organ.members}
    on_day = f" den {meeting.date.isoformat()}" if meeting.date else ""

    for index, sub in enumerate(attendance.substitutes):
        served = span(sub, numbers)
        earlier = attendance.substitutes[:index]
        for other in earlier:
            common = served & span(other, numbers)
            if other.name == sub.name and common:
                yield fel(
                    sub.at("namn"),
                    f"{sections(common)}: ersättaren {sub.name} står två gånger bland "
                    f"tjänstgörande ersättare; en ersättare ersätter en ledamot i taget",
                )
        for dep in attendance.deputies:
            common = served & span(dep, numbers)
            if dep.name == sub.name and common:
                yield fel(
                    dep.at("namn"),
                    f"{sections(common)}: ersättaren {sub.name} tjänstgör och kan inte samtidigt "
                    f"stå bland ersättare som inte tjänstgör",
                )

        replaced = sub.replaces
        if replaced is None or replaced not in register:
            continue  # missing: _written says so; unknown: namn-okant says so
        where = sub.replaces_pos or sub.pos
        if replaced not in seats:
            what = (f"inte ledamot{on_day}" if replaced in ledamot_names
                    else "ersättare och ingen ledamot")
            yield fel(
                where,
                f"ersättaren {sub.name} ersätter {replaced}, som är {what}; "
                f"ersätter ska vara en ledamot i nämnden",
            )
            continue
        for ref in attendance.members:
            common = served & span(ref, numbers)
            if ref.name == replaced and common:
                yield fel(
                    where,
                    f"{sections(common)}: {replaced} är närvarande som ledamot och kan inte "
                    f"samtidigt ersättas av ersättaren {sub.name}",
                )
        for other in earlier:
            common = served & span(other, numbers)
            if other.replaces == replaced and other.name != sub.name and common:
                yield fel(
                    where,
                    f"{sections(common)}: {replaced} ersätts redan av ersättaren {other.name}; "
                    f"ersättaren {sub.name} kan inte ersätta samma ledamot",
                )


def _written(attendance: Attendance) -> Iterator[Problem]:
    """Each serving ersättare is written {namn: …, ersätter: …}, at every status."""
    for pos in attendance.unshaped_substitutes:
        yield fel(pos, "en tjänstgörande ersättare skrivs {namn: …, ersätter: …}")
    for sub in attendance.substitutes:
        if not sub.replaces_written:
            yield fel(sub.pos, f"tjänstgörande ersättare {shown(sub.name)}: ersätter saknas "
                               "(vilken ledamot ersätts?)")
