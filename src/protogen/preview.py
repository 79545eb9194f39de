"""`protogen serve`: the protocol, the kallelse and the site in the browser while one writes.

A small HTTP server on 127.0.0.1 (never another interface). A watcher looks at protokoll/,
mallar/ and webbplats.yaml twice a second; on a change it checks the project again and renders
each meeting's protocol and kallelse as HTML (no PDF: that is `build`'s job). Each page asks
the server once a second whether anything changed and reloads itself when it did, and shows
the check's findings for its meeting, with file and line, above the document. The site is
published into build/site/ when it is first asked for, and after that again on every change.
Ctrl-C stops it cleanly.
"""

from __future__ import annotations

import datetime as dt
import errno
import html
import io
import mimetypes
import sys
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from protogen.findings import Finding
from protogen.location import PROTOCOL_DIR

HOST = "127.0.0.1"
WATCHED = (PROTOCOL_DIR, "mallar", "webbplats", "webbplats.yaml")
POLL_SECONDS = 0.5
VERSION_URL = "/__protogen/version"


@dataclass
class Page:
    title: str
    body: bytes  # the whole HTML page, findings and reload script included


@dataclass
class Preview:
    """What the server shows, rebuilt as a whole on every change and swapped in under a lock."""

    root: Path
    target: Path | None
    version: int = 0
    pages: dict[str, Page] = field(default_factory=dict)
    folders: dict[str, Path] = field(default_factory=dict)  # page URL → meeting folder
    index: bytes = b""
    site_version: int = -1
    site_message: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def rebuild(self) -> None:
        pages, folders, index = render_all(self.root, self.target, self.version + 1)
        with self.lock:
            self.pages, self.folders, self.index = pages, folders, index
            self.version += 1

    def site(self) -> str:
        """Publish the site when it is older than the files; '' or the refusal's words."""
        with self.lock:
            if self.site_version == self.version:
                return self.site_message
            version = self.version
        from protogen.reporting import write_publish
        from protogen.site import publish

        out = io.StringIO()
        try:
            published = publish(self.root, dt.date.today())
            write_publish(published, out)
            failed = not published.ok
        except Exception as err:  # noqa: BLE001 - the preview keeps running whatever happens
            failed, out = True, io.StringIO(f"{type(err).__name__}: {err}")
        with self.lock:
            self.site_version = version
            self.site_message = out.getvalue() if failed else ""
            return self.site_message


def snapshot(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Every watched file with its modification time and size: a change shows as a new tuple."""
    seen: list[tuple[str, int, int]] = []
    for name in WATCHED:
        top = root / name
        paths = [top] if top.is_file() else sorted(top.rglob("*")) if top.is_dir() else []
        for path in paths:
            try:
                info = path.stat()
            except OSError:
                continue
            if path.is_file() and not path.name.startswith("."):
                seen.append((path.as_posix(), info.st_mtime_ns, info.st_size))
    return tuple(seen)


def render_all(root: Path, target: Path | None, version: int) -> tuple[dict[str, Page], dict[str, Path], bytes]:
    from protogen.build import meetings_in_scope
    from protogen.checker import check_project

    result = check_project(root, target)
    pages: dict[str, Page] = {}
    folders: dict[str, Path] = {}
    links: list[str] = []
    for meeting in meetings_in_scope(result, target):
        rel = result.rel(meeting.folder)
        base = "/" + rel + "/"
        findings = result.meeting_findings(meeting)
        for kind, title, render in (("protokoll", "Protokoll", _protocol_html),
                                    ("kallelse", "Kallelse", _kallelse_html)):
            if kind == "protokoll" and meeting.status not in ("utkast", "justerat"):
                continue
            url = f"{base}{kind}.html"
            try:
                document = render(meeting, root)
            except Exception as err:  # noqa: BLE001 - show the failure instead of the page
                document = _plain_page(f"{title} kunde inte visas",
                                       f"{type(err).__name__}: {err}")
            pages[url] = Page(title, _decorate(document, findings, version, rel))
            folders[url] = meeting.folder
            links.append(f'<li><a href="{html.escape(url)}">{html.escape(rel)}: {title.lower()}</a>'
                         f"{_count(findings)}</li>")
    index = _plain_page(
        "protogen serve",
        "<p>Sidorna byggs om när en fil under protokoll/ eller mallar/ sparas och laddas om "
        "av sig själva.</p>"
        f"<ul>{''.join(links) or '<li>Inga sammanträden.</li>'}</ul>"
        '<p><a href="/webbplats/">Den publika webbplatsen</a></p>'
        + _findings_html(result.findings),
        raw=True,
    )
    return pages, folders, _decorate(index, [], version, "")


def _protocol_html(meeting: Any, root: Path) -> str:
    from protogen.render.base import RenderContext, render_html

    return render_html(meeting, RenderContext(root=root), "protokoll.html", medium="skarm")


def _kallelse_html(meeting: Any, root: Path) -> str:
    from protogen.render.base import RenderContext, render_html
    from protogen.render.bundle import ranges
    from protogen.render.kallelse import TEMPLATE, board_chair, kallelse_items, kallelse_view

    view = kallelse_view(meeting)
    return render_html(
        meeting, RenderContext(root=root), TEMPLATE, medium="skarm", view=view,
        arenden=kallelse_items(view, [], ranges(2, [])), handlingar=False, sidor_totalt=None,
        ordforande=board_chair(meeting), sekreterare=view.secretary,
    )


def _count(findings: list[Finding]) -> str:
    if not findings:
        return ""
    return f" ({len(findings)} fynd)"


def _findings_html(findings: list[Finding]) -> str:
    if not findings:
        return '<p class="protogen-ok">Kontrollen hittade inga fel.</p>'
    rows = "".join(
        f'<li class="{f.level.value}"><code>{html.escape(str(f.pos))}</code>: '
        f"<strong>{f.level.value}</strong>: {html.escape(f.message)} "
        f"<span>[{html.escape(f.rule)}]</span></li>"
        for f in findings
    )
    return f"<ul>{rows}</ul>"


PANEL_STYLE = (
    "#protogen-fynd{font:14px/1.4 sans-serif;background:#fff8e1;border:2px solid #8a6d00;"
    "margin:0 0 1em;padding:.5em 1em;color:#000}#protogen-fynd li.fel strong{color:#a00000}"
    "#protogen-fynd code{font-size:13px}"
)
RELOAD_SCRIPT = """
<script>
(function () {
  var seen = %d;
  function ask() {
    fetch("%s", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (v) {
      if (parseInt(v, 10) !== seen) { location.reload(); }
    }).catch(function () {}).finally(function () { setTimeout(ask, 1000); });
  }
  setTimeout(ask, 1000);
})();
</script>
"""


def _decorate(document: str, findings: list[Finding], version: int, rel: str) -> bytes:
    """The page with the findings panel at the top of its body and the reload script."""
    panel = ""
    if rel:
        panel = (f'<style>{PANEL_STYLE}</style><aside id="protogen-fynd" aria-label="Kontrollens fynd">'
                 f"<p><strong>protogen check</strong> för {html.escape(rel)} "
                 f'(<a href="/">alla sammanträden</a>)</p>{_findings_html(findings)}</aside>')
    script = RELOAD_SCRIPT % (version, VERSION_URL)
    lower = document.lower()
    at = lower.find("<body")
    if at >= 0:
        end = document.find(">", at) + 1
        document = document[:end] + panel + document[end:]
    else:
        document = panel + document
    close = document.lower().rfind("</body>")
    if close >= 0:
        document = document[:close] + script + document[close:]
    else:
        document += script
    return document.encode("utf-8")


def _plain_page(title: str, body: str, *, raw: bool = False) -> str:
    content = body if raw else f"<pre>{html.escape(body)}</pre>"
    return (f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{html.escape(title)}'
            f"</title></head><body><main><h1>{html.escape(title)}</h1>{content}</main></body></html>")


class Handler(BaseHTTPRequestHandler):
    preview: Preview  # set on the subclass made for each server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass

    def do_GET(self) -> None:  # noqa: N802 - the base's name
        if not self._local_host():
            self._send("Förhandsgranskningen visas bara på http://127.0.0.1/.".encode(),
                       "text/plain; charset=utf-8", HTTPStatus.FORBIDDEN)
            return
        path = unquote(urlsplit(self.path).path)
        preview = self.preview
        if path == VERSION_URL:
            self._send(str(preview.version).encode(), "text/plain; charset=utf-8")
            return
        with preview.lock:
            page = preview.pages.get(path)
            index = preview.index
            folders = dict(preview.folders)
        if path == "/":
            self._send(index, "text/html; charset=utf-8")
        elif page is not None:
            self._send(page.body, "text/html; charset=utf-8")
        elif path.startswith("/webbplats/"):
            self._site(path[len("/webbplats/"):])
        else:
            self._file(path, folders)

    def _local_host(self) -> bool:
        """A page of another site must not read the preview (secret items included) through
        a name that resolves to 127.0.0.1 (DNS rebinding): only local host names are served."""
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
        return host in ("127.0.0.1", "localhost", "")

    def _site(self, rest: str) -> None:
        message = self.preview.site()
        if message:
            page = _plain_page("Webbplatsen kunde inte publiceras", message)
            self._send(_decorate(page, [], self.preview.version, ""), "text/html; charset=utf-8")
            return
        site = (self.preview.root / "build" / "site").resolve()
        target = (site / rest).resolve()
        if target.is_dir():
            target = target / "index.html"
        self._serve_file(target, site, reload=target.suffix == ".html")

    def _file(self, path: str, folders: dict[str, Path]) -> None:
        """A file a page refers to (an image in underlag/), from the meeting's own folder."""
        for url, folder in folders.items():
            base = url.rsplit("/", 1)[0] + "/"
            if path.startswith(base):
                self._serve_file((folder / path[len(base):]).resolve(), folder.resolve())
                return
        self._send(b"Finns inte.", "text/plain; charset=utf-8", HTTPStatus.NOT_FOUND)

    def _serve_file(self, target: Path, inside: Path, reload: bool = False) -> None:
        if not target.is_relative_to(inside) or not target.is_file():
            self._send(b"Finns inte.", "text/plain; charset=utf-8", HTTPStatus.NOT_FOUND)
            return
        data = target.read_bytes()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if reload:
            data = _decorate(data.decode("utf-8", "replace"), [], self.preview.version, "")
        self._send(data, kind + ("; charset=utf-8" if kind.startswith("text/") else ""))

    def _send(self, data: bytes, kind: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass


class Server:
    """The server and its watcher; `start()` returns once the first rendering is ready."""

    def __init__(self, root: Path, target: Path | None, port: int) -> None:
        self.preview = Preview(root, target)
        handler = type("PreviewHandler", (Handler,), {"preview": self.preview})
        self.httpd = ThreadingHTTPServer((HOST, port), handler)
        self.httpd.daemon_threads = True
        self.stopping = threading.Event()
        self.threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.httpd.server_address[1]}/"

    def start(self) -> None:
        self.preview.rebuild()
        self.threads = [threading.Thread(target=self.httpd.serve_forever, daemon=True),
                        threading.Thread(target=self._watch, daemon=True)]
        for thread in self.threads:
            thread.start()

    def _watch(self) -> None:
        last = snapshot(self.preview.root)
        while not self.stopping.wait(POLL_SECONDS):
            now = snapshot(self.preview.root)
            if now == last:
                continue
            last = now
            try:
                self.preview.rebuild()
                if self.preview.site_version >= 0:  # the site is being looked at: publish it too
                    self.preview.site()
            except Exception as err:  # noqa: BLE001 - a broken file must not stop the preview
                print(f"protogen serve: kunde inte bygga om ({type(err).__name__}: {err})",
                      file=sys.stderr)

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        for thread in self.threads:
            thread.join(timeout=5)


def serve(root: Path, target: Path | None, port: int) -> int:
    try:
        server = Server(root, target, port)
    except OSError as err:
        why = ("porten används redan; välj en annan med --port" if err.errno == errno.EADDRINUSE
               else "porten är inte tillåten; välj en över 1024 med --port" if err.errno == errno.EACCES
               else err.strerror)
        print(f"protogen: fel: kan inte lyssna på {HOST}:{port}: {why}", file=sys.stderr)
        return 1
    try:
        print("protogen serve: bygger …", flush=True)
        server.start()
        print(f"Förhandsgranskning på {server.url} (avsluta med Ctrl-C)", flush=True)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("\nprotogen serve: stoppad.", flush=True)
    finally:
        server.stop()
    return 0
