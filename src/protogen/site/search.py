"""Search that works on a static host: a Pagefind index of the public protocol pages.

Only the meeting pages are indexed, and of them only the protocol itself (the element marked
`data-pagefind-body`): the public view, in which a sekretess item is its § number, a neutral
heading and its ground. The index (pagefind/ beside the pages) is read by the browser; the
search page (sok/index.html) loads pagefind/pagefind.js and needs no server.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import re
import time
import zlib
from pathlib import Path

BUNDLE = "pagefind"
# Parts of the protocol that are form, not content: left out so that a hit shows the text.
NOT_INDEXED = [".arendelista-sektion", ".underskrifter", ".anslagsbevis", ".sign-rad",
               ".huvud", ".dokument", ".brodsmulor", ".visually-hidden"]


class SearchError(Exception):
    """The index could not be built; the message is Swedish."""


RUNS = 3  # Pagefind runs before an index that stays broken is refused
SETTLE = 0.5  # seconds to wait before looking at a broken index a second time


def write_index(pages: dict[str, bytes], site_dir: Path, root: Path | None = None) -> None:
    """Index `pages` (site path → HTML), write the bundle to `site_dir/pagefind/` and verify
    it. Under load Pagefind has been seen to leave an empty file behind: a broken index is
    looked at again after a moment, then built afresh, and refused after RUNS tries. `root`:
    the project, for removing a broken bundle through protogen's writer."""
    from protogen.output import remove_tree

    problem: SearchError | None = None
    for _ in range(RUNS):
        _run_pagefind(pages, site_dir)
        for _look in range(2):
            try:
                verify_index(site_dir, len(pages))
                return
            except SearchError as err:
                problem = err
                time.sleep(SETTLE)
        if root is None:
            break
        remove_tree(root, site_dir / BUNDLE)
    assert problem is not None
    raise problem


def _run_pagefind(pages: dict[str, bytes], site_dir: Path) -> None:
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


ENTRY = "pagefind-entry.json"
SIGNATURE = b"pagefind_dcd"
_CHUNKS = (("fragment", ".pf_fragment"), ("index", ".pf_index"), ("filter", ".pf_filter"))


def verify_index(site_dir: Path, pages: int) -> None:
    """Refuse an index that is not whole (a full disk once left 0-byte files that Pagefind
    reported as written): the entry file parses, every file it and the language's meta file
    name exists, is not empty and unpacks, every file of the bundle has content, and the index
    holds as many pages as were given."""
    bundle = site_dir / BUNDLE

    def broken(why: str) -> SearchError:
        return SearchError(f"sökindexet är ofullständigt ({why}); webbplatsen byts inte ut")

    for path in sorted(bundle.rglob("*")) if bundle.is_dir() else []:
        if path.is_file() and path.stat().st_size == 0:
            raise broken(f"{path.relative_to(site_dir).as_posix()} är tom")
    if not (bundle / "pagefind.js").is_file():
        raise broken("pagefind.js saknas")
    try:
        entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
        languages = dict(entry["languages"])
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise broken(f"{BUNDLE}/{ENTRY} kan inte läsas") from err
    counted = 0
    for key, language in languages.items():
        try:
            meta_name, wasm, count = (f"pagefind.{language['hash']}.pf_meta",
                                      f"wasm.{language['wasm']}.pagefind",
                                      int(language["page_count"]))
        except (KeyError, TypeError, ValueError) as err:
            raise broken(f"{BUNDLE}/{ENTRY} saknar uppgifter") from err
        counted += count
        for name in (meta_name, wasm):
            if not (bundle / name).is_file():
                raise broken(f"{BUNDLE}/{name} saknas")
        meta = _unpack(bundle / meta_name)
        if meta is None:
            raise broken(f"{BUNDLE}/{meta_name} kan inte packas upp")
        names = re.compile(re.escape(str(key)).encode() + rb"_[0-9a-f]{7,}")
        for found in sorted(set(names.findall(meta))):
            name = found.decode("ascii")
            chunks = [bundle / folder / f"{name}{suffix}" for folder, suffix in _CHUNKS]
            chunk = next((c for c in chunks if c.is_file()), None)
            if chunk is None:
                raise broken(f"{name} nämns i {meta_name} men finns inte")
            if _unpack(chunk) is None:
                raise broken(f"{chunk.relative_to(site_dir).as_posix()} kan inte packas upp")
    if counted != pages:
        raise broken(f"{counted} sidor indexerade av {pages}")


def _unpack(path: Path) -> bytes | None:
    """A Pagefind file's content, unpacked; None when it is not a whole Pagefind file."""
    try:
        data = gzip.decompress(path.read_bytes())
    except (OSError, EOFError, zlib.error):
        return None
    return data if data.startswith(SIGNATURE) else None
