"""The site's HTML pages and the public PDFs: the site content in, (path, bytes) out.

Pages are templates under `site/` in the look's search path (`mallar/<look>/site/…`, then the
built-in look, then `standard/site/…`), so a municipality overrides one page, or one block of
one, like the documents. A meeting page extends the board's own `protokoll.html`, so a look
that reorders a § does so on the web too. Templates own every label; this module only decides
which page shows what and where it lies.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from protogen import __version__
from protogen.incremental import Manifest
from protogen.model import Meeting
from protogen.render import protokoll, utdrag
from protogen.render.base import Output, RenderContext, blocked_problem, render_html, render_job
from protogen.render.documents import meeting_outputs
from protogen.render.labels import SITE_LABELS, label
from protogen.render.pdfcache import PdfCache, Rendered, prune, save_site_keys
from protogen.render.templates import render
from protogen.site.anslagstavla import ANNOUNCEMENT, Notice
from protogen.site.content import (
    ACCESSIBILITY,
    CALENDAR,
    DATA,
    FEED,
    NOTICE_ARCHIVE,
    NOTICE_BOARD,
    NOTICE_DATA,
    NOTICE_FEED,
    SEARCH,
    MeetingPage,
    OrganPage,
    Site,
)
from protogen.view import MeetingView

MAX_WORKERS = 8


@dataclass
class SiteView:
    """What every site template knows about the site itself."""

    name: str
    description: str | None
    primary: str
    logo: str | None  # path of the logo on the site
    base_url: str | None
    feed: str = FEED
    calendar: str = CALENDAR
    data: str = DATA
    notice_board: str = NOTICE_BOARD
    notice_archive: str = NOTICE_ARCHIVE
    notice_feed: str = NOTICE_FEED
    notice_data: str = NOTICE_DATA
    accessibility: str = ACCESSIBILITY
    search: str = SEARCH
    index: str = "index.html"


@dataclass
class PendingPdf:
    """A public document's file still to render, once every text of the site has passed the
    personnummer scan: the document's deferred output (render.documents, public view)."""

    meeting: Meeting
    path: str  # on the site
    output: Output  # its `job` (rendered by a worker) or its `later` (the kallelse)


def public_documents(root: Path, meeting: Meeting, view: MeetingView, folder: str
                     ) -> list[PendingPdf]:
    """The public copies of the meeting's documents, unrendered: the same documents as
    `build`'s (render.documents.DOCUMENTS), given the public view, under `folder`."""
    ctx = RenderContext(root=root, view=view, defer=True, screen=False)
    pending = []
    for output in meeting_outputs(meeting, ctx):
        if not output.deferred:  # it would have been rendered before the personnummer scan
            raise RuntimeError(f"{output.path} renderades före kontrollen av texterna")
        pending.append(PendingPdf(meeting, f"{folder}/{output.path}", output))
    return pending


def site_view(site: Site) -> SiteView:
    config = site.config
    return SiteView(name=site.name, description=config.description, primary=config.primary,
                    logo=config.logo_name, base_url=config.base_url)


def prefix(path: str) -> str:
    """The relative way back to the site root from the page at `path`."""
    return "../" * path.count("/")


def common(site: Site, path: str, current: str) -> dict[str, Any]:
    return {"site": site_view(site), "rot": prefix(path), "aktuell": current,
            "idag": site.today, "sida": path}


def render_site_page(root: Path, site: Site, template: str, path: str, current: str,
                     title: str, **context: Any) -> bytes:
    html = render(root, site.config.look, template, title=title, author=site.name,
                  generator=f"protogen {__version__}", medium="skarm",
                  **common(site, path, current), **context)
    return html.encode("utf-8")


def _title(root: Path, site: Site, name: str, *args: str) -> str:
    """A page's title, from the macro `name` of the site's labels (the site's name last)."""
    return label(root, site.config.look, SITE_LABELS, name, *args, site.name)


def index_page(root: Path, site: Site) -> tuple[str, bytes]:
    path = "index.html"
    return path, render_site_page(root, site, "site/index.html", path, "start",
                                  _title(root, site, "titel_start"),
                                  boards=site.organ_pages, notices=site.up, coming=site.coming())


def organ_front_page(root: Path, site: Site, organ_page: OrganPage) -> tuple[str, bytes]:
    return organ_page.path, render_site_page(root, site, "site/namnd.html", organ_page.path, "start",
                                        _title(root, site, "titel_namnd", organ_page.organ.name),
                                        board=organ_page)


def notice_board_page(root: Path, site: Site) -> tuple[str, bytes]:
    path = NOTICE_BOARD
    return path, render_site_page(root, site, "site/anslagstavla.html", path, "anslagstavla",
                                  _title(root, site, "titel_anslagstavla"), notices=site.up,
                                  **_notice_links(site, site.up))


def notice_archive_page(root: Path, site: Site) -> tuple[str, bytes]:
    path = NOTICE_ARCHIVE
    years = site.archive
    shown = [n for _, found in years for n in found]
    return path, render_site_page(root, site, "site/anslagsarkiv.html", path, "anslagstavla",
                                  _title(root, site, "titel_anslagsarkiv"), years=years,
                                  **_notice_links(site, shown))


def _notice_links(site: Site, notices: list[Notice]) -> dict[str, Any]:
    """What a notice links to: its protocol page and, for a kungörelse, the kallelse."""
    pages = {n.key: site.page_of(n.meeting) for n in notices if n.meeting is not None}
    invitations = {n.key: site.invitation_of(n.meeting) for n in notices
                   if n.meeting is not None and n.kind == ANNOUNCEMENT}
    return {"pages": pages, "kallelser": invitations, "domstol": site.config.court}


def accessibility_page(root: Path, site: Site) -> tuple[str, bytes]:
    path = ACCESSIBILITY
    return path, render_site_page(root, site, "site/tillganglighet.html", path, "tillganglighet",
                                  _title(root, site, "titel_tillganglighet"),
                                  t=site.config.accessibility)


def notice_files(root: Path, site: Site) -> dict[str, bytes]:
    """The files of the other notices the site shows, read from anslag/."""
    from protogen.loader.notice import NOTICE_DIR

    files: dict[str, bytes] = {}
    for notice in site.shown_notices():
        for attached in notice.files:
            files[attached.path] = (root / NOTICE_DIR / attached.source).read_bytes()
    return files


def search_page(root: Path, site: Site) -> tuple[str, bytes]:
    path = SEARCH
    return path, render_site_page(root, site, "site/sok.html", path, "sok",
                                  _title(root, site, "titel_sok"), boards=site.organ_pages)


def meeting_page(root: Path, site: Site, organ_page: OrganPage, page: MeetingPage
                 ) -> tuple[tuple[str, bytes], list[PendingPdf]]:
    """The public protocol as a page of the site, and its documents (rendered later): the
    protocol, an utdrag of every § that is not secret, the kallelse."""
    view = page.view
    pending = public_documents(root, page.meeting, view, page.folder)
    for pdf in pending:
        number = utdrag.number_of(pdf.output.path)
        if number is not None:
            page.extracts[number] = pdf.path
    html = render_html(page.meeting, RenderContext(root=root), "site/sammantrade.html",
                       medium="skarm", view=view, title=protokoll.protocol_title(view),
                       board=organ_page, page=page, **common(site, page.path, "start"))
    return (page.path, html.encode("utf-8")), pending


def render_pdfs(root: Path, pending: list[PendingPdf], problems: list[str],
                jobs: int | None = None) -> dict[str, bytes]:
    """Every public PDF that is a job (the protocol, the utdrag; the kallelse is
    `downloads.invitations`'): from the PDF cache that `build` fills too (a public utdrag
    whose HTML equals the internal one is the build's PDF, a public protocol copy is made
    from the build's protocol: `Output.derived`), else rendered, several at once when the
    machine has the cores for it. Workers get the HTML (a PdfJob), never the meeting graph.
    The site's keys are recorded so that a build keeps what publish uses."""
    cache = PdfCache(root)
    unusable = cache.unusable()
    if unusable:  # a linked build/.cache is neither read nor written
        problems.append(f"{unusable}; PDF-cachen används inte")
    pending = [p for p in pending if p.output.job is not None]
    work = [p.output.derived.source if p.output.derived else p.output.job for p in pending
            if p.output.job is not None]
    keys = [job.key(cache) for job in work]
    found: list[Rendered | None] = [cache.get(key) for key in keys]
    todo = [i for i, hit in enumerate(found) if hit is None]
    workers = min(jobs or os.cpu_count() or 1, len(todo), MAX_WORKERS)
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            rendered = list(pool.map(render_job, [work[i] for i in todo], [root] * len(todo)))
    else:
        rendered = [render_job(work[i], root) for i in todo]
    for index, result in zip(todo, rendered, strict=True):
        found[index] = result
        cache.put(keys[index], result)
    done: dict[str, bytes] = {}
    for pdf, entry in zip(pending, found, strict=True):
        assert entry is not None
        done[pdf.path], blocked = entry.data, entry.blocked
        derived = pdf.output.derived
        made = derived.make(entry.data) if derived else None
        if derived and made is None:  # not in the shape xmpswap writes again: render it
            assert pdf.output.job is not None
            keys.append(pdf.output.job.key(cache))
            own = cache.get(keys[-1])
            if own is None:
                own = render_job(pdf.output.job, root)
                cache.put(keys[-1], own)
            made, blocked = own.data, own.blocked
        if made is not None:
            done[pdf.path] = made
        problems.extend(f"{pdf.path}: {blocked_problem(url)}" for url in blocked)
    if not unusable:
        save_site_keys(root, set(keys))
        prune(root, set(keys) | Manifest.load(root).pdf_keys())
    return done


def html_pages(root: Path, site: Site) -> tuple[dict[str, bytes], list[PendingPdf]]:
    """Every HTML page of the site, and the PDFs still to render."""
    files: dict[str, bytes] = {}
    pending: list[PendingPdf] = []
    for organ_page in site.organ_pages:
        for page in organ_page.published:  # first: a page learns its utdrag here
            (path, data), pdfs = meeting_page(root, site, organ_page, page)
            files[path] = data
            pending += pdfs
        for coming in organ_page.coming:  # its kallelse
            pending += public_documents(root, coming.meeting, coming.view, coming.folder)
        path, data = organ_front_page(root, site, organ_page)
        files[path] = data
    for path, data in (index_page(root, site), notice_board_page(root, site),
                       notice_archive_page(root, site), accessibility_page(root, site),
                       search_page(root, site)):
        files[path] = data
    files.update(notice_files(root, site))
    if site.config.logo and site.config.logo_name:
        files[site.config.logo_name] = site.config.logo.read_bytes()
    return files, pending
