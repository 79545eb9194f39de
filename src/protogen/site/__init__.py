"""`protogen publish`: the public web site in build/site/, with the digital anslagstavla.

The order is MkDocs': read the configuration, check every meeting, collect what is public,
render every text in memory, refuse if anything must not be published, render the PDFs, write
the whole site into a fresh folder beside build/site, index it for search, and only then swap
it in. A publish that fails at any step leaves the last good site as it was, and writes nothing
under build/site/.

What is public is decided in `public` (sekretess) and `content` (justerat meetings, coming
meetings, plans, notices); what stops a publish in `safety`.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from protogen.checker import check_project
from protogen.output import OutputError, build_dir, write_all

SITE_DIR = "site"
EXIT_OK, EXIT_FEL = 0, 1


def publish(root: Path, today: dt.date, out: TextIO | None = None) -> int:
    """Write the site as of `today` (the anslagstavla's day); 0 when published, 1 when not."""
    from protogen.render.templates import TemplateFault
    from protogen.site import feeds, opendata, pages, safety, search
    from protogen.site.config import load_config
    from protogen.site.content import CALENDAR, FEED, build_site

    out = out or sys.stdout
    config, config_findings = load_config(root)
    result = check_project(root, today=today)
    refusals = safety.gate(result, config_findings, today)
    if refusals:
        return _refuse(out, refusals)
    skipped = safety.skipped_meetings(result, today)
    blocked = {id(m) for m, _ in skipped}
    blocked |= {id(m) for m in result.project.meetings() if result.meeting_has_fel(m)}
    site = build_site(result.project.organs, config, today, blocked)

    problems: list[str] = []
    try:
        files, pending = pages.html_pages(root, site)
        files[FEED] = feeds.atom_feed(site)
        files[CALENDAR] = feeds.calendar(site)
        files.update(opendata.OpenData(site).files())
    except TemplateFault as err:
        return _refuse(out, [f"{err}"])
    except Exception as err:  # noqa: BLE001 - the promise is: no input prints a traceback
        return _refuse(out, [f"internt fel när webbplatsen skulle skapas ({type(err).__name__}: "
                             f"{err}); rapportera gärna detta till protogen"])
    leaks = safety.scan_outputs(files, root)
    if leaks:
        return _refuse(out, leaks)
    try:
        files.update(pages.render_pdfs(root, pending, problems))
    except Exception as err:  # noqa: BLE001 - a render failure must not touch the last site
        return _refuse(out, [f"en PDF kunde inte renderas ({type(err).__name__}: {err})"])

    searchable = {p.path: files[p.path] for p in site.pages()}
    target = build_dir(root) / SITE_DIR
    try:
        written = _write_site(root, target, files, searchable)
    except (OutputError, OSError, search.SearchError) as err:
        return _refuse(out, [str(err)])
    for _, rel in skipped:
        out.write(f"varning: {rel}: kallelsen har fel i kontrollen och visas inte på "
                  "webbplatsen\n")
    for rel in safety.unposted_paragraphs(result, blocked):
        out.write(f"varning: {rel}: de omedelbart justerade paragraferna anslås inte, "
                  "eftersom kontrollen hittade fel i sammanträdet\n")
    for line in problems:
        out.write(f"varning: {line}\n")
    out.write(
        f"Publicerat: {len(site.pages())} protokoll från {len(site.boards)} nämnder, "
        f"{len(site.up)} anslag uppsatta {today.isoformat()}, {written} filer i "
        f"{target.relative_to(root).as_posix()}/.\n"
    )
    return EXIT_OK


def _refuse(out: TextIO, lines: list[str]) -> int:
    for line in lines:
        out.write(line + "\n")
    out.write("Webbplatsen publicerades inte; build/site/ är oförändrad.\n")
    return EXIT_FEL


def _write_site(root: Path, target: Path, files: dict[str, bytes],
                searchable: dict[str, bytes]) -> int:
    """Write everything into a new folder beside `target`, index it, then swap it in."""
    from protogen.site.search import write_index

    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}-ny-", dir=target.parent))
    try:
        os.chmod(fresh, 0o755)
        write_all(fresh, sorted(files.items()), root)
        write_index(searchable, fresh)
        count = sum(1 for p in fresh.rglob("*") if p.is_file())
        swap_in(fresh, target)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return count


def swap_in(fresh: Path, target: Path) -> None:
    """Put the folder `fresh` in the place of `target`.

    On Linux the two folders are exchanged in one step (renameat2 RENAME_EXCHANGE), so a web
    server reading build/site never finds it missing; elsewhere the old folder is moved
    aside and the new one renamed in, a gap of two renames.
    """
    if not target.exists():
        os.rename(fresh, target)
        return
    if _exchange(fresh, target):
        shutil.rmtree(fresh, ignore_errors=True)  # now holds the old site
        return
    old = target.with_name(f".{target.name}-gammal-{os.getpid()}")
    shutil.rmtree(old, ignore_errors=True)
    os.rename(target, old)
    try:
        os.rename(fresh, target)
    except OSError:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2); False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    status = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second),
                       rename_exchange)
    return status == 0


__all__ = ["publish", "swap_in"]
