"""Omedelbar justering: a § adjusted at the meeting needs its own anslag in time.

A § marked `omedelbart_justerad: true` was justerad at the meeting itself (KL 5 kap. 69 §), so
it can only be marked once the meeting has been held (status `utkast` or `justerat`). It is
justerad on the meeting day, and its justering is made known on the anslagstavla no later than
the second day after the meeting (KL 8 kap. 12 §, moved to a vardag). When the board has
anslag, `protogen build` writes that separate anslag for the § (a page of anslag.pdf, posted
the meeting day) and `protogen publish` posts it, whenever the protocol's own anslag goes up.

Passes (meeting Wednesday 2024-03-13, protocol anslag Friday 2024-03-15)::

    # 03-….md
    omedelbart_justerad: true
    # sammanträde.yaml
    datum: 2024-03-13
    anslag:
      uppsatt: 2024-03-15

Fails::

    status: kallelse
    # 03-….md
    omedelbart_justerad: true
    → § 3 är markerad omedelbart justerad, men sammanträdet har status kallelse; …
"""

from __future__ import annotations

from collections.abc import Iterator

from protogen.model import Item, Meeting
from protogen.rules.base import Context, Problem, fel

ID = "omedelbar-justering"


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    items = [item for item in meeting.items if item.immediately_adjusted]
    if not items or meeting.status is None:
        return
    if not meeting.held:
        for item in items:
            yield fel(
                item.at("omedelbart_justerad"),
                f"{_label(item)} är markerad omedelbart justerad, men sammanträdet har status "
                f"{meeting.status}; en paragraf justeras omedelbart vid sammanträdet, så markera "
                "den när sammanträdet har hållits (status utkast eller justerat)",
            )
        return
    # The § also needs its own anslag by the second day after the meeting (KL 8 kap. 12 §):
    # protogen writes it (a page of anslag.pdf, posted the meeting day, and a notice on the
    # published anslagstavla), so a protocol anslag that goes up later is no fault.


def _label(item: Item) -> str:
    return f"§ {item.number}" if item.number is not None else f"ärendet {item.file.name}"

