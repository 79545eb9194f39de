"""Ändrad efter justering: a meeting whose signed protocol no longer matches its source.

Once the protocol is justerat and signed (``signerat/protokoll.pdf``), the meeting's files
are the record's source and are not edited: a correction after justering is a new decision at
a later meeting, not an edit of the old one. The signed PDF carries the digest of the source
it was built from, per § and for the head (sammanträde.yaml) and the parts of organ.yaml it
uses; this rule compares it with the source now and names what changed.

Passes: the meeting's files are as they were when the protocol was built and signed.

Fails (the decision of § 12 was edited after signing)::

    protokoll/ks/2024-03-13/12-budget.md: fel: § 12 har ändrats efter justeringen: den
      stämmer inte med det signerade protokollet (signerat/protokoll.pdf, Dokument-id
      3f9a1c2b7d4e…); en rättelse efter justering är ett nytt beslut, inte en ändring
"""

from __future__ import annotations

from collections.abc import Iterator

from protogen.findings import Pos
from protogen.model import Meeting
from protogen.rules.base import Context, Problem, fel

ID = "andrad-efter-justering"
_WHY = "en rättelse efter justering är ett nytt beslut, inte en ändring"


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    record = meeting.signed
    if record is None:
        return
    from protogen.fingerprint import SHORT, Fingerprint  # only for a signed meeting

    if record.problem is not None:
        yield fel(meeting.pos, record.problem)
        return
    current = Fingerprint.from_listing(record.current)
    if current is None or record.digest == current.digest:
        return
    signed = Fingerprint.from_listing(record.listing) if record.listing else None
    shown = f"{record.path.rsplit('/', 2)[-2]}/{record.path.rsplit('/', 1)[-1]}, Dokument-id " \
            f"{(record.digest or '')[:SHORT]}…"
    if signed is None:
        yield fel(meeting.pos, f"sammanträdet har ändrats efter justeringen: källan stämmer inte "
                               f"med det signerade protokollet ({shown}); {_WHY}")
        return
    for change in signed.changes(current):
        yield fel(_where(meeting, change), f"{_subject(change)} efter justeringen: "
                  f"{'den' if change.startswith('§') else 'det'} stämmer inte med det signerade "
                  f"protokollet ({shown}); {_WHY}")


def _subject(change: str) -> str:
    if change.endswith("(tillagd)"):
        return f"{change.removesuffix(' (tillagd)')} har lagts till"
    if change.endswith("(borttagen)"):
        return f"{change.removesuffix(' (borttagen)')} har tagits bort"
    return f"{change} har ändrats"


def _where(meeting: Meeting, change: str) -> Pos:
    if change.startswith("§"):
        number = change.split()[1]
        for item in meeting.items:
            if str(item.number) == number:
                return item.pos
    if change == "organ.yaml" and meeting.organ is not None:
        return meeting.pos
    return meeting.pos
