"""Search that works on a static host: a Pagefind index of the public protocol pages.

Only the meeting pages are indexed, and of them only the protocol itself (the element marked
`data-pagefind-body`): the public view, in which a sekretess item is its § number, a neutral
heading and its ground. The index (pagefind/ beside the pages) is read by the browser; the
search page (sok/index.html) loads pagefind/pagefind.js and needs no server.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

BUNDLE = "pagefind"
# Parts of the protocol that are form, not content: left out so that a hit shows the text.
NOT_INDEXED = [".arendelista-sektion", ".underskrifter", ".anslagsbevis", ".sign-rad",
               ".huvud", ".dokument", ".brodsmulor", ".visually-hidden"]


class SearchError(Exception):
    """The index could not be built; the message is Swedish."""


def write_index(pages: dict[str, bytes], site_dir: Path) -> None:
    """Index `pages` (site path → HTML) and write the bundle to `site_dir/pagefind/`."""
    try:
        from pagefind.index import PagefindIndex
    except ImportError as err:  # pragma: no cover - a declared dependency
        raise SearchError("paketet pagefind saknas (pip install 'pagefind[bin]')") from err

    async def run() -> None:
        config = {"force_language": "sv", "keep_index_url": True,
                  "exclude_selectors": NOT_INDEXED,
                  "output_path": str((site_dir / BUNDLE).resolve())}
        async with PagefindIndex(config=config) as index:  # type: ignore[arg-type]
            for path, html in sorted(pages.items()):
                await index.add_html_file(content=html.decode("utf-8"), url=path)

    try:
        asyncio.run(run())
    except FileNotFoundError as err:
        raise SearchError("pagefind kunde inte startas: programfilen saknas "
                          "(pip install 'pagefind[bin]')") from err
    except Exception as err:  # noqa: BLE001 - the service's errors have no common type
        raise SearchError(f"sökindexet kunde inte byggas ({type(err).__name__}: {err})") from err
    if not (site_dir / BUNDLE / "pagefind.js").is_file():
        raise SearchError("sökindexet kunde inte byggas (pagefind skrev ingen pagefind.js)")
