"""Sekretess: a secret item names the ground for its secrecy.

An item with `sekretess: <ground>` is published with its § number, a neutral heading and
"Sekretess enligt <ground>" in place of its text. The ground is a provision of
offentlighets- och sekretesslagen (OSL), so it holds a number: an empty ground is a fel, and a
ground without a number (a word such as "ja") is a varning, since it tells the reader nothing.
(`sekretess: true` is reported when the item is read.) A secret item may still be
`expedieras` to those who need the decision.

Passes::

    sekretess: OSL 26 kap. 1 §

Fails::

    sekretess: ""
    → sekretess är tomt: ange grunden (lagrummet), t.ex. "OSL 26 kap. 1 §", eller ta bort
      raden

    sekretess: ja
    → sekretess ska ange grunden (lagrummet), t.ex. "OSL 26 kap. 1 §", inte "ja"   (varning)

    sekretess: nej
    → sekretess: nej läses som grunden "nej", så ärendet visas som sekretessbelagt; skriv
      sekretess: false (eller ta bort raden) om ärendet är offentligt   (varning)
"""

from __future__ import annotations

from collections.abc import Iterator

from protogen.findings import Finding
from protogen.loader.item import UNSTATED_GROUND
from protogen.model import Meeting
from protogen.rules.base import Context, fel, varning

ID = "sekretess"
LEVEL = "fel"
NO_WORDS = ("nej", "no", "ingen", "inte", "falskt", "off")  # YAML 1.2 reads them as text
READER_STAND_IN = UNSTATED_GROUND  # the reader keeps this for `sekretess: true` (reported)


def check(meeting: Meeting, ctx: Context) -> Iterator[Finding]:
    for item in meeting.items:
        ground = item.secrecy
        if ground is None or ground == READER_STAND_IN:
            continue
        ground = ground.strip()
        if not ground:
            yield fel(
                item.at("sekretess"),
                'sekretess är tomt: ange grunden (lagrummet), t.ex. "OSL 26 kap. 1 §", eller '
                "ta bort raden",
                ID,
            )
        elif ground.casefold() in NO_WORDS:
            yield varning(
                item.at("sekretess"),
                f'sekretess: {ground} läses som grunden "{ground}", så ärendet visas som '
                "sekretessbelagt; skriv sekretess: false (eller ta bort raden) om ärendet är "
                "offentligt",
                ID,
            )
        elif not any(char.isdigit() for char in ground):
            yield varning(
                item.at("sekretess"),
                f'sekretess ska ange grunden (lagrummet), t.ex. "OSL 26 kap. 1 §", inte "{ground}"',
                ID,
            )
