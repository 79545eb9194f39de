"""Yrkanden: only deciding members move; two or more yrkanden need a propositionsordning.

KL 5 kap. 67 §: the protocol shows each yrkande and who made it; a yrkande is made by a
deciding member of the § (a ledamot present or an ersättare serving, without jäv; a yrkande
despite jäv is the jav-deltar rule's finding). An ersättare present without serving may speak
but not move. When a § has more than one yrkande, the protocol must say in what order the
chair put them (`propositionsordning`); for a § with an omröstning the omrostning-roster rule
demands it.

Passes::

    yrkanden:
      - {av: Susanne Hansson, text: Bifall till förslaget.}
      - {av: Mikael Westin, text: Avslag.}
    propositionsordning: Ordföranden ställer proposition på bifall mot avslag och finner …

Fails::

    yrkanden:
      - {av: Susanne Hansson, text: Bifall till förslaget.}
      - {av: Mikael Westin, text: Avslag.}
    → § 7: 2 yrkanden men ingen propositionsordning; …

    yrkanden:
      - {av: Ann-Marie Johansson, text: …}     # present as ersättare, not serving
    → § 7: Ann-Marie Johansson yrkar men är ersättare utan att tjänstgöra i paragrafen; …
"""

from __future__ import annotations

from collections.abc import Iterator

from protogen.law.participation import participation
from protogen.model import Item, Meeting
from protogen.rules._people import has_jav, item_number, known, why_not_deciding
from protogen.rules.base import Context, Problem, fel

ID = "yrkande-deltar"


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    if not meeting.held or meeting.organ is None:
        return
    for item in meeting.items:
        yield from _movers(meeting, item)
        if len(item.motions) > 1 and item.vote is None and item.order_of_question is None:
            yield fel(
                item.at("yrkanden"),
                f"§ {item_number(item)}: {len(item.motions)} yrkanden men ingen "
                f"propositionsordning; beskriv i vilken ordning ordföranden ställde yrkandena "
                f"under proposition",
            )


def _movers(meeting: Meeting, item: Item) -> Iterator[Problem]:
    organ = meeting.organ
    if not item.motions or organ is None or meeting.attendance is None:
        return
    part = participation(meeting, item)
    for motion in item.motions:
        name = motion.by
        if not known(organ, name) or has_jav(item, name) or name in part.deciding:
            continue  # unknown: namn-okant; jäv: jav-deltar
        yield fel(
            motion.by_pos or motion.pos,
            f"§ {part.number}: {name} yrkar men {why_not_deciding(meeting, part, name)}; "
            f"bara den som deltar i beslutet får yrka",
        )
