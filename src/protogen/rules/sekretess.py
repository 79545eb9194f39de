"""Sekretess: a secret item names the ground for its secrecy.

An item with `sekretess: <ground>` is published with its § number, a neutral heading and
"Sekretess enligt <ground>" in place of its text. The ground is a provision of
offentlighets- och sekretesslagen (OSL), so it holds a number: a ground without a number (a
word such as "ja") is a varning, since it tells the reader nothing.

The reader (`protogen.loader.item`) decides whether an item is secret, and fails closed: only
a missing key or `sekretess: false` makes an item public. An empty value, `~`, `true`, a
number, `"false"` as text, `nej`, a sekretess key inside another value or a `sekretess:` line
below the front matter are each a fel, and the item stays secret until it is fixed (a
misspelt key is an unknown key, and keeps the item secret too). A secret item may still be
`expedieras` to those who need the decision.

Passes::

    sekretess: OSL 26 kap. 1 §

Fails::

    sekretess:
    → sekretess saknar värde: ange grunden, t.ex. "OSL 26 kap. 1 §", eller skriv
      sekretess: false om ärendet är offentligt; …

    sekretess: nej
    → sekretess: nej läses som grunden "nej", så ärendet visas som sekretessbelagt; skriv
      sekretess: false …

    sekretess: ja
    → sekretess ska ange grunden (lagrummet), t.ex. "OSL 26 kap. 1 §", inte "ja"   (varning)
"""

from __future__ import annotations

from collections.abc import Iterator

from protogen.findings import shown
from protogen.model import NO_WORDS, Doubt, Item, Meeting, SecrecyDoubt, UnstatedGround, plain_word
from protogen.rules.base import Context, Problem, fel, varning

ID = "sekretess"


_STAYS_SECRET = "ärendet behandlas som sekretessbelagt tills dess"


def check_item(item: Item, ctx: Context) -> Iterator[Problem]:
    """What the reader could not take as public or as a ground (it kept the item secret)."""
    for doubt in item.secrecy_doubts:
        yield fel(doubt.pos, _doubt_message(doubt))
    ground = item.secrecy
    if ground is not None and not isinstance(ground, UnstatedGround):
        written = ground.strip()
        if plain_word(written) in NO_WORDS:
            yield fel(
                item.at("sekretess"),
                f'sekretess: {shown(written)} läses som grunden "{shown(written)}", så ärendet '
                "visas som sekretessbelagt; skriv sekretess: false (utan citattecken) eller ta "
                "bort raden om ärendet är offentligt",
            )


def _doubt_message(doubt: SecrecyDoubt) -> str:
    match doubt.doubt:
        case Doubt.TRUE:
            return 'sekretess ska ange grunden, t.ex. "OSL 26 kap. 1 §", inte bara true'
        case Doubt.EMPTY:
            return ('sekretess saknar värde: ange grunden, t.ex. "OSL 26 kap. 1 §", eller skriv '
                    f"sekretess: false om ärendet är offentligt; {_STAYS_SECRET}")
        case Doubt.NOT_TEXT:
            return ('sekretess ska vara grunden som text, t.ex. "OSL 26 kap. 1 §", eller false, '
                    f"inte {doubt.shown_type}; {_STAYS_SECRET}")
        case Doubt.BLANK:
            return ('sekretess är tomt: ange grunden (lagrummet), t.ex. "OSL 26 kap. 1 §", eller '
                    f"ta bort raden; {_STAYS_SECRET}")
        case Doubt.NESTED:
            return ("nyckeln sekretess står inuti ett annat värde (fel indrag?); den ska stå "
                    "först på raden i front matter. Ärendet behandlas som sekretessbelagt tills "
                    "dess")
        case Doubt.IN_BODY:
            return ("en rad sekretess: står i ärendets text, efter front matter; flytta den upp "
                    f"före raden --- ({_STAYS_SECRET})")


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
