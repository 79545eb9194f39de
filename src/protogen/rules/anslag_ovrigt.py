"""Övriga anslag: a notice under anslag/ says when it goes up and, if written, when it comes down.

A notice that is not a meeting's (an underrättelse, a delegationsbeslut not reported to a
board, a föreskrift) is a file `anslag/<ÅÅÅÅ-MM-DD>-<namn>.md`. It goes up on `uppsatt`, or on
the date its file name begins with; the two should agree, since the archive and the feed sort
by the day it went up. Unless it says `överklagande: false`, it can be appealed by
laglighetsprövning within three weeks of that day (KL 13 kap. 5 §), so it stays up at least
that long (rule `anslag-nedtagning`); `nedtaget` left out is computed as that last day. A
notice without an appeal period needs `nedtaget` after `uppsatt` when it gives one. A file
in anslag/ that is a symbolic link, or whose name does not begin with a valid date, a board
(`organ`) that does not exist and a `fil:` outside anslag/ (or missing, or not a PDF or an
image) are reported under the same id.

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

from protogen.findings import Pos, did_you_mean, shown
from protogen.model import PostedNotice, Project, Written
from protogen.resources import notice_file_problem
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


def check_anslag(project: Project, ctx: Context) -> Iterator[Problem]:
    """The files of anslag/ (read as notices or not) and what each notice names."""
    for stray in project.stray_notices:
        if stray.link:
            yield fel(stray.pos, "anslagsfilen är en symbolisk länk; lägg filen själv i anslag/")
        else:
            yield varning(stray.pos, f"filen {shown(stray.name)} läses inte som anslag: namnge "
                                     "den ÅÅÅÅ-MM-DD-<namn>.md")
    boards = [organ.id for organ in project.organs]
    for notice in project.notices:
        if notice.file_date is None:
            yield fel(Pos(notice.pos.path), f"filnamnet {shown(notice.file.name)} börjar inte "
                                            "med ett giltigt datum (ÅÅÅÅ-MM-DD)")
        for written, pos in notice.unusable_files:
            yield fel(pos, notice_file_problem(ctx.root / "anslag", written) or
                      f"filen {shown(written)} kan inte användas")
        if notice.organ_id is not None and notice.organ is None:
            yield fel(notice.at("organ"), f"organet {shown(notice.organ_id)} finns inte under "
                                          "protokoll/" + did_you_mean(notice.organ_id, boards))
