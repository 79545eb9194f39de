"""A search index that is not whole is never swapped in (issue 8, break 10: a full disk
left 0-byte Pagefind files and publish still exited 0)."""

from __future__ import annotations

import asyncio
import gzip
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from siteproject import DAY

from protogen.reporting import write_publish
from protogen.site import publish, search
from protogen.site.search import SearchError, verify_index


def _copy(site: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    return copy


def _pages(site: Path) -> int:
    return len(list((site / "pagefind" / "fragment").iterdir()))


def test_a_whole_index_passes(site: Path) -> None:
    verify_index(site, _pages(site))


def _empty_fragment(site: Path) -> None:
    next((site / "pagefind" / "fragment").iterdir()).write_bytes(b"")


def _missing_index(site: Path) -> None:
    for chunk in (site / "pagefind" / "index").iterdir():
        chunk.unlink()


def _truncated_meta(site: Path) -> None:
    meta = next((site / "pagefind").glob("*.pf_meta"))
    meta.write_bytes(meta.read_bytes()[:20])


def _bad_entry(site: Path) -> None:
    (site / "pagefind" / "pagefind-entry.json").write_text('{"languages": {"sv": ')


def _not_pagefind(site: Path) -> None:
    next((site / "pagefind" / "index").iterdir()).write_bytes(gzip.compress(b"something else"))


@pytest.mark.parametrize("damage", [_empty_fragment, _missing_index, _truncated_meta,
                                    _bad_entry, _not_pagefind])
def test_a_damaged_index_is_refused(site: Path, tmp_path: Path, damage: Any) -> None:
    copy = _copy(site, tmp_path)
    pages = _pages(copy)
    damage(copy)
    with pytest.raises(SearchError, match="sökindexet är ofullständigt"):
        verify_index(copy, pages)


def test_a_page_left_out_of_the_index_is_refused(site: Path) -> None:
    with pytest.raises(SearchError, match="sidor indexerade"):
        verify_index(site, _pages(site) + 1)


def test_publish_keeps_the_last_site_when_the_disk_fills(site_project: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    root = tmp_path / "projekt"
    shutil.copytree(site_project, root, ignore=shutil.ignore_patterns(".cache"))
    before = {p: p.read_bytes() for p in (root / "build" / "site").rglob("*") if p.is_file()}
    real_run = asyncio.run

    def full_disk(coro: Any) -> Any:  # Pagefind "succeeds", but its files are empty
        result = real_run(coro)
        for fresh in (root / "build").glob(".site-ny-*"):
            for chunk in (fresh / "pagefind" / "fragment").iterdir():
                chunk.write_bytes(b"")
        return result

    monkeypatch.setattr(search.asyncio, "run", full_disk)
    monkeypatch.setattr(search, "SETTLE", 0.01)
    out = io.StringIO()
    write_publish(publish(root, DAY), out)
    assert "Webbplatsen publicerades inte" in out.getvalue()
    assert "sökindexet är ofullständigt" in out.getvalue()
    after = {p: p.read_bytes() for p in (root / "build" / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not list((root / "build").glob(".site-*"))


def test_an_index_broken_once_is_built_again(site_project: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # Seen under load: Pagefind left an empty pagefind-entry.json. One bad run is not a
    # refusal; the index is built again and verified.
    root = tmp_path / "projekt"
    shutil.copytree(site_project, root, ignore=shutil.ignore_patterns(".cache"))
    real_run = asyncio.run
    runs: list[int] = []

    def flaky(coro: Any) -> Any:
        result = real_run(coro)
        runs.append(1)
        if len(runs) == 1:
            for fresh in (root / "build").glob(".site-ny-*"):
                (fresh / "pagefind" / "pagefind-entry.json").write_bytes(b"")
        return result

    monkeypatch.setattr(search.asyncio, "run", flaky)
    monkeypatch.setattr(search, "SETTLE", 0.01)
    out = io.StringIO()
    published = publish(root, DAY)
    write_publish(published, out)
    assert published.ok, out.getvalue()
    assert len(runs) == 2
    verify_index(root / "build" / "site", _pages(root / "build" / "site"))
