"""Diarienummer: one dnr is not used for two different ärenden in the same meeting.

Diarienummer have no legal format (GNS/8/2019, 2021/25-2.2.0.1 and KS 2019/492 are all fine),
but one dnr names one ärende. Two items of a meeting with the same dnr and different titles
(compared without regard to case and spacing) are a varning: most often a dnr copied from the
item above and not changed. The same ärende on two items with the same title passes.

Passes::

    # 03-arsbokslut-2019.md
    rubrik: Årsbokslut 2019
    dnr: GNS/1/2020

Fails::

    # 03-arsbokslut-2019.md
    rubrik: Årsbokslut 2019
    dnr: GNS/1/2020
    # 04-gemensam-loneadministration.md
    rubrik: Gemensam löneadministration
    dnr: GNS/1/2020
    → dnr GNS/1/2020 används också för § 3 Årsbokslut 2019; har ärendet fått fel
      diarienummer?   (varning)
"""

from __future__ import annotations

from collections.abc import Iterator

from protogen.model import Item, Meeting
from protogen.rules.base import Context, Problem, varning

ID = "dnr"


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    first_with: dict[str, Item] = {}
    for item in meeting.items:
        if not item.dnr or not item.dnr.strip() or not item.title:
            continue
        key = _normal(item.dnr)
        earlier = first_with.setdefault(key, item)
        if earlier is item or _normal(earlier.title or "") == _normal(item.title):
            continue
        yield varning(
            item.at("dnr"),
            f"dnr {item.dnr.strip()} används också för {_label(earlier)} {earlier.title}; har "
            "ärendet fått fel diarienummer?",
        )


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _label(item: Item) -> str:
    return f"§ {item.number}" if item.number is not None else item.file.name
