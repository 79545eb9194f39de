"""Ärendetyp: an item's `typ` is one of the board's ärendetyper.

A board lists its item kinds in organ.yaml (`ärendetyper: {B: beslut, I: information}`) and
an item names one with `typ: B`; the protocol shows it as "(B)" after the title. A `typ` that
the legend does not hold, or a `typ` on a board without ärendetyper, is a fel.

Passes (ärendetyper B and I)::

    rubrik: Årsredovisning 2023
    typ: B

Fails::

    typ: b
    → typ b finns inte bland organets ärendetyper (B, I) (menar du B?)

    typ: B          # on a board without ärendetyper
    → typ B kan inte användas: organet har inga ärendetyper; lägg till dem i organ.yaml
      (ärendetyper: {B: beslut, I: information}) eller ta bort typ
"""

from __future__ import annotations

from collections.abc import Iterator

from protogen.findings import did_you_mean
from protogen.model import Meeting
from protogen.rules.base import Context, Problem, fel

ID = "arendetyp"
NEEDS_ORGAN = True  # the board's legend: unknown when organ.yaml could not be read


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    if meeting.organ is None:
        return
    kinds = meeting.organ.item_kinds
    for item in meeting.items:
        if item.kind is None:
            continue
        kind = item.kind
        if not kinds:
            yield fel(
                item.at("typ"),
                f"typ {kind} kan inte användas: organet har inga ärendetyper; lägg till dem i "
                "organ.yaml (ärendetyper: {B: beslut, I: information}) eller ta bort typ",
            )
        elif kind not in kinds:
            yield fel(
                item.at("typ"),
                f"typ {kind} finns inte bland organets ärendetyper ({', '.join(kinds)})"
                + did_you_mean(kind, kinds),
            )
