"""The only door WeasyPrint has to the outside world while it renders a PDF.

A protocol is built from files in the project and nothing else: an image, a stylesheet or a
font that lives on a web server, or elsewhere on the machine, would make the archived PDF depend
on something that was never committed (and could leak what the build machine holds, e.g.
``file:///etc/passwd``). So the fetcher given to WeasyPrint allows

- ``data:`` URLs, which carry their content inline, and
- ``file:`` URLs that resolve, after following symlinks, to a file inside the project root
  or one of a few extra roots (the package's own fonts),

and refuses everything else without opening a socket. A refused URL is raised inside
WeasyPrint, which then skips that resource and goes on; the URL is also recorded so that the
caller can report it to the secretary as a ``fel``.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn
from urllib.parse import unquote, urlsplit
from urllib.request import DataHandler, Request, url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

# The hosts a file: URL may name and still mean "this machine". Any other host would make
# urllib's FileHandler fall back to FTP, i.e. to the network.
_LOCAL_HOSTS = frozenset({"", "localhost"})

# Used when the system's mime.types does not know a suffix. WeasyPrint needs text/css for
# stylesheets linked from HTML and image/svg+xml to parse SVG as SVG.
_FALLBACK_TYPES = {
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}


class BlockedURLError(ValueError):
    """A resource the document asks for that may not be fetched (message in Swedish)."""


def blocked_message(url: str) -> str:
    """The Swedish explanation shown to the secretary for a refused URL."""
    return (
        f"{url} får inte hämtas: dokumenten får bara använda filer inom projektet "
        "(och data:-adresser), aldrig adresser på nätet eller filer utanför projektet"
    )


class ProjectURLFetcher(URLFetcher):
    """A WeasyPrint URL fetcher confined to ``data:`` and files under the given roots."""

    def __init__(self, roots: Sequence[Path], blocked: list[str] | None = None) -> None:
        # No redirects, and only the two schemes; fetch() below never reaches urllib's
        # network handlers anyway, this is a second lock on the same door.
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
        self.roots: tuple[Path, ...] = tuple(root.resolve() for root in roots)
        self.blocked: list[str] = [] if blocked is None else blocked
        self.read: list[Path] = []  # the files handed out, for the build cache's key

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return _fetch_data(url)
        if scheme == "file":
            path = self.allowed_path(url)
            if path is not None:
                self.read.append(path)
                return _fetch_file(url, path)
        self._refuse(url)

    def allowed_path(self, url: str) -> Path | None:
        """The local file a ``file:`` URL names, if it lies inside one of the roots."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc.lower() not in _LOCAL_HOSTS:
            return None
        # resolve() follows symlinks, so a link in the project to /etc/passwd is refused.
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if any(path.is_relative_to(root) for root in self.roots):
            return path
        return None

    def _refuse(self, url: str) -> NoReturn:
        if url not in self.blocked:
            self.blocked.append(url)
        raise BlockedURLError(blocked_message(url))


def make_url_fetcher(
    project_root: Path,
    extra_roots: Sequence[Path] = (),
    *,
    blocked: list[str] | None = None,
) -> ProjectURLFetcher:
    """A WeasyPrint ``url_fetcher`` that only reads ``data:`` and files under the roots.

    Refused URLs are appended (once each) to ``blocked`` when it is given, and are always
    available as the fetcher's ``blocked`` attribute.
    """
    return ProjectURLFetcher((project_root, *extra_roots), blocked)


def _fetch_data(url: str) -> URLFetcherResponse:
    # Decode in-process with urllib's data: handler alone, not through an opener that also
    # holds proxy and network handlers.
    response = DataHandler().data_open(Request(url))
    return URLFetcherResponse(url, response.read(), dict(response.headers.items()))


def _fetch_file(url: str, path: Path) -> URLFetcherResponse:
    content_type = mimetypes.guess_type(path.name)[0] or _FALLBACK_TYPES.get(
        path.suffix.lower(), "application/octet-stream"
    )
    # WeasyPrint closes the response (and so the file) once it has read it.
    return URLFetcherResponse(url, path.open("rb"), {"Content-Type": content_type})
