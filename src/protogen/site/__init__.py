"""`protogen publish`: the public web site in build/site/, with the digital anslagstavla.

The order is MkDocs': read the configuration, check every meeting, collect what is public,
render every text in memory, refuse if anything must not be published, render the PDFs, write
the whole site into a fresh folder beside build/site, index it for search, and only then swap
it in. A publish that fails at any step leaves the last good site as it was, and writes nothing
under build/site/. What happened comes back as a `PublishResult`; nothing is printed here
(`protogen.reporting.write_publish` does that).

What is public is decided in `public` (sekretess) and `content` (justerat meetings, coming
meetings, plans, notices); what stops a publish in `safety`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from protogen.checker import check_project
from protogen.output import OutputError, build_dir, clean_leftovers, replace_folder
from protogen.public import LeakError, SecretWords, scan_folder, strings
from protogen.results import Problem, PublishResult, split_place

SITE_DIR = "site"


def publish(root: Path, today: dt.date, sigill: Any = None) -> PublishResult:
    """Write the site as of `today` (the anslagstavla's day); `ok` when published.

    `sigill` (protogen.justering.Credentials: the organisation's e-sigill) signs every public
    PDF, so that a citizen can check that a copy is authentic."""
    import gc

    try:
        return _publish(root, today, sigill)
    finally:
        gc.unfreeze()  # frozen after the check (below); collectable again once published


def _publish(root: Path, today: dt.date, sigill: Any) -> PublishResult:
    from protogen.render.templates import TemplateFault
    from protogen.site import downloads, feeds, opendata, pages, safety, search
    from protogen.site.anslagsdata import notice_data
    from protogen.site.config import load_config
    from protogen.site.content import CALENDAR, FEED, NOTICE_DATA, NOTICE_FEED, build_site

    clean_leftovers(root)
    config, config_findings = load_config(root)
    result = check_project(root, today=today)
    import gc

    gc.freeze()  # the loaded project is never garbage: keep the collector from rescanning it
    refusals = safety.gate(result, config_findings, today)
    if refusals:
        return _refuse(today, refusals)
    skipped = safety.skipped_meetings(result, today)
    blocked = {id(m) for m, _ in skipped}
    blocked |= {id(m) for m in result.project.meetings() if result.meeting_has_fel(m)}
    site = build_site(result.project.organs, config, today, blocked,
                      others=[n for n in result.project.notices if n.readable], root=root)

    problems: list[str] = []
    from protogen.site.justering import attach_justering, seal_pdfs

    attach_justering(site, problems)
    try:
        files, pending = pages.html_pages(root, site)
        files[FEED] = feeds.atom_feed(site)
        files[CALENDAR] = feeds.calendar(site)
        files[NOTICE_FEED] = feeds.notice_feed(site)
        files[NOTICE_DATA] = notice_data(site)
        files.update(opendata.OpenData(site).files())
    except TemplateFault as err:
        file, line = split_place(err.where)
        return _refuse(today, [Problem("", err.message, file, line)])
    except Exception as err:  # noqa: BLE001 - the promise is: no input prints a traceback
        return _refuse(today, [f"internt fel när webbplatsen skulle skapas ({type(err).__name__}: "
                             f"{err}); rapportera gärna detta till protogen"])
    leaks = safety.scan_outputs(files, root)
    if leaks:
        return _refuse(today, leaks)
    try:
        files.update(pages.render_pdfs(root, pending, problems))
        files.update(downloads.invitations(root, site, pending, problems))
        files.update(downloads.underlag(site))
    except Exception as err:  # noqa: BLE001 - a render failure must not touch the last site
        return _refuse(today, [f"en PDF kunde inte renderas ({type(err).__name__}: {err})"])
    try:
        if sigill is not None:
            files.update(seal_pdfs(files, sigill))
    except Exception as err:  # noqa: BLE001 - a failed seal must not touch the last site
        return _refuse(today, [f"de offentliga PDF-filerna kunde inte förses med e-sigill ({err})"])
    leaks = safety.scan_pdf_signatures(files, root)
    if leaks:
        return _refuse(today, leaks)

    searchable = {p.path: files[p.path] for p in site.pages()}
    target = build_dir(root) / SITE_DIR
    # The one scanner reads back every byte of the new site before it is swapped in.
    secrets = SecretWords.of(result.project.meetings(), root,
                             public=[*strings(config), *strings(result.project.notices)])
    try:
        written = _write_site(root, target, files, searchable, secrets)
    except LeakError as err:
        return _refuse(today, err.lines)
    except (OutputError, OSError, search.SearchError) as err:
        return _refuse(today, [str(err)])
    warnings = [Problem(rel, "kallelsen har fel i kontrollen och visas inte på webbplatsen")
                for _, rel in skipped]
    warnings += [Problem(rel, "de omedelbart justerade paragraferna anslås inte, eftersom "
                              "kontrollen hittade fel i sammanträdet")
                 for rel in safety.unposted_paragraphs(result, blocked)]
    warnings += [Problem("", line) for line in problems]
    if not config.accessibility.has_contact:
        warnings.append(Problem("webbplats.yaml", "tillgänglighetsredogörelsen saknar ett sätt "
                                "att rapportera brister (tillgänglighet: kontakt, formulär "
                                "eller telefon); lagen (2018:1937) kräver ett"))
    return PublishResult(today, warnings=warnings, protocols=len(site.pages()),
                         organs=len(site.organ_pages), notices=len(site.up), files=written,
                         where=target.relative_to(root).as_posix())


def _refuse(today: dt.date, reasons: Sequence[str | Problem]) -> PublishResult:
    """Not published: the reasons (lines that name their own place, or problems)."""
    return PublishResult(today, refused=[r if isinstance(r, Problem) else Problem("", r)
                                         for r in reasons])


def _write_site(root: Path, target: Path, files: dict[str, bytes],
                searchable: dict[str, bytes], secrets: SecretWords) -> int:
    """Write everything into a new folder beside `target`, index it, scan every file of it
    for secret words and personnummer, and only then swap it in."""
    from protogen.site.search import write_index

    def finish(fresh: Path) -> None:
        write_index(searchable, fresh, root)
        leaks = scan_folder(fresh, secrets)
        if leaks:
            raise LeakError(leaks)

    replace_folder(root, target, sorted(files.items()), finish=finish)
    return sum(1 for p in target.rglob("*") if p.is_file())


__all__ = ["publish"]
