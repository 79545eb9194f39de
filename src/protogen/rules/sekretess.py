"""Sekretess: a secret item names the ground for its secrecy.

An item with `sekretess: <ground>` is published with its § number, a neutral heading and
"Sekretess enligt <ground>" in place of its text. The ground is a provision of
offentlighets- och sekretesslagen (OSL), so it holds a number: a ground without a number (a
word such as "ja") is a varning, since it tells the reader nothing.

The reader (`protogen.loader.item`) decides whether an item is secret, and fails closed: only
a missing key or `sekretess: false` makes an item public. An empty value, `~`, `true`, a
number, `"false"` as text, `nej`, a misspelt key or a `sekretess:` line below the front matter
are each a fel there, and the item stays secret until it is fixed. A secret item may still be
`expedieras` to those who need the decision.

Passes::

    sekretess: OSL 26 kap. 1 §

Fails::

    sekretess:
    → sekretess saknar värde: ange grunden, t.ex. "OSL 26 kap. 1 §", eller skriv
      sekretess: false om ärendet är offentligt; …   (fel, from the reader)

    sekretess: nej
    → sekretess: nej läses som grunden "nej", så ärendet visas som sekretessbelagt; skriv
      sekretess: false …   (fel, from the reader)

    sekretess: ja
    → sekretess ska ange grunden (lagrummet), t.ex. "OSL 26 kap. 1 §", inte "ja"   (varning)
"""

from __future__ import annotations

from collections.abc import Iterator

from protogen.model import NO_WORDS, Meeting, UnstatedGround, plain_word
from protogen.rules.base import Context, Problem, varning

ID = "sekretess"


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    for item in meeting.items:
        ground = item.secrecy
        if ground is None or isinstance(ground, UnstatedGround):
            continue  # public, or a value the reader could not read (it has said why)
        ground = ground.strip()
        if ground and plain_word(ground) not in NO_WORDS and not any(
            char.isdigit() for char in ground
        ):
            yield varning(
                item.at("sekretess"),
                f'sekretess ska ange grunden (lagrummet), t.ex. "OSL 26 kap. 1 §", inte "{ground}"',
            )
