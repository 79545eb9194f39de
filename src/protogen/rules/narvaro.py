"""Närvaro: each person stands once in the attendance, for §§ the meeting has.

A person is listed once for any §: not twice as ledamot, not both as ledamot and as ersättare
(serving or not), not both in the register's lists and under `övriga`. (An ersättare listed
twice as serving, or as serving and non-serving, is the ersattare-ersatter rule's finding.)
Listing a person twice for different §§ is allowed, e.g. a ledamot who left and came back.
Every `paragrafer` (in the attendance, or on a justerare) names §§ of this meeting, in its
own numbers.

Passes (§§ 1–9)::

    närvarande:
      ledamöter:
        - {namn: Niklas Rhodin, paragrafer: "1-5"}
        - {namn: Niklas Rhodin, paragrafer: "8-9"}   # came back

Fails::

    närvarande:
      ledamöter: [Mikael Westin, …]
      tjänstgörande_ersättare:
        - {namn: Mikael Westin, ersätter: Robert Hamberg}
      övriga:
        - {namn: Mikael Ferm, titel: Regionstabschef, paragrafer: "12"}
    → Mikael Westin står två gånger i närvarolistan (som ledamot och som tjänstgörande
      ersättare) för §§ 1–9
    → Mikael Ferm: paragrafer 12 finns inte; sammanträdet omfattar §§ 1–9
"""

from __future__ import annotations

from collections.abc import Iterator

from protogen.model import Meeting, Ref
from protogen.rules._people import meeting_numbers, sections, span
from protogen.rules.base import Context, Problem, fel

ID = "narvaro"

AS_MEMBER = "som ledamot"
AS_SUBSTITUTE = "som tjänstgörande ersättare"
AS_DEPUTY = "som ersättare"
AS_OTHER = "under övriga"
# Pairs the ersattare-ersatter rule reports (an ersättare serving twice, or serving and idle).
_THEIRS = {frozenset({AS_SUBSTITUTE}), frozenset({AS_SUBSTITUTE, AS_DEPUTY})}


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    attendance = meeting.attendance
    if not meeting.held or attendance is None:
        return
    numbers = meeting_numbers(meeting)
    listed: list[tuple[Ref, str]] = [
        *((r, AS_MEMBER) for r in attendance.members),
        *((r, AS_SUBSTITUTE) for r in attendance.substitutes),
        *((r, AS_DEPUTY) for r in attendance.deputies),
        *((r, AS_OTHER) for r in attendance.others),
    ]
    yield from _twice(listed, numbers)
    yield from _unknown_sections([r for r, _ in listed] + meeting.adjusters, numbers)


def _twice(listed: list[tuple[Ref, str]], numbers: frozenset[int]) -> Iterator[Problem]:
    for index, (ref, role) in enumerate(listed):
        for other, other_role in listed[:index]:
            if other.name != ref.name or frozenset({role, other_role}) in _THEIRS:
                continue
            common = span(ref, numbers) & span(other, numbers)
            if not common:
                continue
            roles = role if role == other_role else f"{other_role} och {role}"
            yield fel(ref.at("namn"), f"{ref.name} står två gånger i närvarolistan ({roles}) "
                                      f"för {sections(common)}")
            break  # one finding per extra listing


def _unknown_sections(refs: list[Ref], numbers: frozenset[int]) -> Iterator[Problem]:
    if not numbers:
        return  # no items: nothing to compare with
    for ref in refs:
        if ref.paragraphs is None:
            continue
        extra = ref.paragraphs - numbers
        if extra:
            named = sections(extra).split(" ", 1)[1]  # "12" or "10–12", without the §-sign
            yield fel(ref.at("paragrafer"), f"{ref.name}: paragrafer {named} finns inte; "
                                            f"sammanträdet omfattar {sections(numbers)}")
