"""The files a meeting offers for download on the site: the public kallelse with its
handlingar (`<organ>/<meeting>/kallelse.pdf`, OParl `invitation`) and the beslutsunderlag of
the public §§ (`<organ>/<meeting>/underlag/<§>-<name>.pdf`).

The kallelse starts from the public view, so a sekretess item is its neutral heading and
ground, with no dnr, text or handlingar; only the public items' files are bundled. Rendering
a kallelse takes a second or so; the result is kept under build/.cache/webbplats-kallelse/ by a
hash of everything it is made from (the meeting folder's files, organ.yaml, the templates),
so an unchanged meeting is not rendered again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from protogen import __version__
from protogen.model import Meeting
from protogen.output import OutputError, build_dir, remove, safe_path, write_atomic
from protogen.render.base import RenderContext
from protogen.render.pdfcache import PdfCache
from protogen.site.content import Site
from protogen.site.pages import PendingPdf

CACHE = ".cache/webbplats-kallelse"
MAX_HASHED = 256 * 1024 * 1024  # read no more than this of one meeting's files for the key


def invitations(root: Path, site: Site, pending: list[PendingPdf], problems: list[str]
                ) -> dict[str, bytes]:
    """The public kallelse of every published and every coming meeting: the deferred
    kallelse among `pending` (render.kallelse, given the public view), rendered now."""
    files: dict[str, bytes] = {}
    folder = build_dir(root) / CACHE
    try:
        safe_path(root, folder)
        cache = True
    except OutputError as err:
        problems.append(f"{err}; kallelsecachen används inte")
        cache = False
    used: set[Path] = set()
    # The build's PDF cache too: a public kallelse whose HTML equals the internal one (a
    # meeting without sekretess) is the build's PDF, and is not rendered again.
    pdfs = PdfCache(root) if cache else None
    if pdfs is not None and pdfs.unusable():
        pdfs = None
    for pdf in pending:
        later, path = pdf.output.later, pdf.path
        if later is None:
            continue  # a job: pages.render_pdfs renders it
        cached = folder / f"{_key(root, pdf.meeting, site)}.pdf"
        used.add(cached)
        if cache and cached.is_file():
            files[path] = cached.read_bytes()
            continue
        ctx = RenderContext(root=root, cache=pdfs)
        files[path] = later(ctx)
        problems.extend(f"{path}: {p}" for p in ctx.problems)
        if cache:
            try:
                write_atomic(root, cached, files[path])
            except OutputError:
                pass  # a cache that cannot be written only costs time
    if cache and folder.is_dir() and not folder.is_symlink():
        for stale in folder.glob("*.pdf"):
            if stale not in used:
                remove(root, stale)
    return files


def _key(root: Path, meeting: Meeting, site: Site) -> str:
    digest = hashlib.sha256(f"{__version__}\0{site.config.look}\0".encode())
    sources = sorted(p for p in meeting.folder.rglob("*") if p.is_file())
    if meeting.organ is not None:
        sources.append(meeting.organ.folder / "organ.yaml")
    templates = root / "mallar"
    if templates.is_dir():
        sources += sorted(p for p in templates.rglob("*") if p.is_file())
    budget = MAX_HASHED
    for path in sources:
        digest.update(path.as_posix().encode() + b"\0")
        try:
            data = path.read_bytes()[:budget]
        except OSError:
            continue
        budget -= len(data)
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def underlag(site: Site) -> dict[str, bytes]:
    """The beslutsunderlag files of the public §§ of every published meeting."""
    from protogen.render.bundle import resolve

    files: dict[str, bytes] = {}
    for page in site.pages():
        for download in page.downloads:
            files[download.path] = resolve(page.meeting.folder, download.source).read_bytes()
    return files
