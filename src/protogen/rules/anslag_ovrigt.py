"""Övriga anslag: a notice under anslag/ says when it goes up and, if written, when it comes down.

A notice that is not a meeting's (an underrättelse, a delegationsbeslut not reported to a
board, a föreskrift) is a file `anslag/<ÅÅÅÅ-MM-DD>-<namn>.md`. It goes up on `uppsatt`, or on
the date its file name begins with; the two should agree, since the archive and the feed sort
by the day it went up. Unless it says `överklagande: false`, it can be appealed by
laglighetsprövning within three weeks of that day (KL 13 kap. 5 §), so it stays up at least
that long (rule `anslag-nedtagning`); `nedtaget` left out is computed as that last day. A
notice without an appeal period needs `nedtaget` after `uppsatt` when it gives one. The
loader reports unknown keys, a board (`organ`) that does not exist and a `fil:` outside
anslag/ under the same id.

Passes (`anslag/2024-04-02-parkering.md`)::

    ---
    rubrik: Delegationsbeslut om parkeringstillstånd
    organ: ks
    ---

Fails::

    ---                               # anslag/2024-04-02-parkering.md
    rubrik: Delegationsbeslut om parkeringstillstånd
    uppsatt: 2024-04-03
    ---
    → uppsatt 2024-04-03 stämmer inte med filnamnets datum 2024-04-02; byt namn på filen
      eller rätta datumet
"""

from __future__ import annotations

from collections.abc import Iterator

from protogen.model import PostedNotice, Written
from protogen.rules.base import Context, Problem, fel, varning

ID = "anslag-ovrigt"


def check_notice(notice: PostedNotice, ctx: Context) -> Iterator[Problem]:
    if notice.posted is None:
        if notice.written("uppsatt") is not Written.UNREADABLE and notice.file_date is None:
            yield fel(notice.pos, "uppsatt saknas: skriv dagen anslaget sätts upp "
                                  "(uppsatt: ÅÅÅÅ-MM-DD) eller börja filnamnet med den")
        return
    if notice.file_date and "uppsatt" in notice.positions and notice.posted != notice.file_date:
        yield varning(notice.at("uppsatt"),
                      f"uppsatt {notice.posted.isoformat()} stämmer inte med filnamnets datum "
                      f"{notice.file_date.isoformat()}; byt namn på filen eller rätta datumet")
    taken_down = notice.taken_down
    if not notice.appeal and taken_down is not None and taken_down <= notice.posted:
        yield fel(notice.at("nedtaget"),
                  f"nedtaget {taken_down.isoformat()} ska vara efter uppsatt "
                  f"{notice.posted.isoformat()}")
