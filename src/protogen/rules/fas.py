"""Fasens krav: what a meeting must hold at its status (kallelse, utkast, justerat).

`status` tells how far a meeting has come:

- `kallelse` (before the meeting): `datum`, `tid`, `plats`, and at least one item, each with a
  `rubrik`;
- `utkast` (held, not yet justerat): also `närvarande`, `ordförande`, `sekreterare`,
  `justerare`, and a `beslut` for every item with a `förslag_till_beslut` (KL 5 kap. 67 §);
- `justerat`: also `justering.datum`. The anslag a justerat meeting needs is checked by
  `anslag-senast`.

Passes::

    datum: 2024-03-13
    tid: 09:00-12:00
    plats: Kommunhuset
    status: kallelse
    # 01-budget.md
    rubrik: Budget 2025

Fails::

    status: utkast             # and no justerare:
    → justerare saknas: ett hållet sammanträde (status utkast) ska ange vem som justerar
      protokollet

    # 03-….md in a meeting with status utkast
    förslag_till_beslut: Budgeten fastställs.
    → § 3 har förslag till beslut men inget beslut; ett hållet sammanträde (status utkast)
      ska ha ett beslut i varje ärende med förslag
"""

from __future__ import annotations

from collections.abc import Iterator

from protogen.model import Item, Meeting, Written
from protogen.rules.base import Context, Problem, fel

ID = "fas"
NEEDS_MEETING = True  # an item's rubrik is demanded where its meeting could be read


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    yield from _invitation_demands(meeting)
    if meeting.held:
        yield from _held_demands(meeting)
    adjustment = meeting.adjustment
    if meeting.status == "justerat" and (adjustment is None or adjustment.date is None) and not (
        adjustment is not None and adjustment.written("datum") is Written.UNREADABLE
    ):
        yield fel(
            adjustment.pos if adjustment else meeting.pos,
            "justering.datum saknas: ett justerat protokoll (status justerat) ska ange när det "
            "justerades",
        )


def _invitation_demands(meeting: Meeting) -> Iterator[Problem]:
    for key, value, what in (
        ("datum", meeting.date, "sammanträdets datum (ÅÅÅÅ-MM-DD)"),
        ("tid", meeting.time, "sammanträdets tid, t.ex. 09:00-12:00"),
        ("plats", meeting.place, "var sammanträdet hålls"),
    ):
        written = meeting.written(key)
        if written is Written.UNREADABLE:
            continue  # the reader has reported it at its line
        if written is Written.ABSENT:
            yield fel(meeting.pos, f"{key} saknas i sammanträde.yaml ({what})")
        elif value is None or not str(value).strip():
            # Also a value of the wrong type, which the reader reports at its line. (The
            # position of an empty value is the next line, so point at the mapping instead.)
            yield fel(meeting.pos, f"{key} har inget värde i sammanträde.yaml ({what})")
    if not meeting.items:
        yield fel(
            meeting.pos,
            "sammanträdet har inga ärenden: lägg ärendefiler (01-….md, 02-….md) i mötesmappen",
        )


def check_item(item: Item, ctx: Context) -> Iterator[Problem]:
    """Every item needs a rubrik (an item whose front matter could not be read never gets
    here: the reader has said why)."""
    if item.written("rubrik") is not Written.UNREADABLE and not (item.title or "").strip():
        yield fel(item.pos, f"rubrik saknas i {_label(item)}")


def _held_demands(meeting: Meeting) -> Iterator[Problem]:
    phase = f"ett hållet sammanträde (status {meeting.status})"
    if meeting.attendance is None:
        yield fel(meeting.pos, f"närvarande saknas: {phase} ska ange vilka som deltog")
    if meeting.chair is None:
        yield fel(meeting.pos, f"ordförande saknas: {phase} ska ange vem som var ordförande")
    if meeting.secretary is None:
        yield fel(meeting.pos, f"sekreterare saknas: {phase} ska ange sekreteraren")
    if not meeting.adjusters:
        yield fel(
            meeting.pos,
            f"justerare saknas: {phase} ska ange vem som justerar protokollet",
        )
    for item in meeting.items:
        if item.proposal and not item.decision:
            yield fel(
                item.at("förslag_till_beslut"),
                f"{_label(item)} har förslag till beslut men inget beslut; {phase} ska ha ett "
                "beslut i varje ärende med förslag",
            )


def _label(item: Item) -> str:
    return f"§ {item.number}" if item.number is not None else item.file.name
