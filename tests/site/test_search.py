"""Search: a Pagefind index of the public protocol pages only, and a search page that finds
them in a real browser from a plain static file server."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest
from siteproject import PUBLIC_MARKER

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from a11y import CHROMIUM, CHROMIUM_ARGS, chromium_missing_reason, serve  # noqa: E402

PUBLISHED = {"ks/2024-03-13/index.html", "ks/2024-04-17/index.html",
             "bun/2024-03-14/index.html", "ek/2024-03-15/index.html",
             "kf/2024-02-15/index.html"}


def fragments(site: Path) -> list[dict]:
    records = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        records.append(json.loads(data[len(b"pagefind_dcd"):]))
    return records


def test_only_the_protocol_pages_are_indexed(site: Path) -> None:
    assert {f["url"] for f in fragments(site)} == PUBLISHED


def test_the_index_holds_the_protocol_not_the_site_chrome(site: Path) -> None:
    record = next(f for f in fragments(site) if f["url"] == "ks/2024-03-13/index.html")
    assert PUBLIC_MARKER in record["content"]
    assert "Hoppa till innehållet" not in record["content"]  # the head is not indexed
    assert "Sekretessbelagt ärende" in record["content"]
    assert record["meta"]["title"] == "KS: protokoll 13 mars 2024"


@pytest.mark.skipif(chromium_missing_reason() is not None, reason=str(chromium_missing_reason()))
def test_the_search_page_finds_a_protocol_in_a_browser(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(base + "sok/index.html")
            page.fill("#sokord", PUBLIC_MARKER.lower())
            page.keyboard.press("Enter")  # keyboard only
            page.wait_for_selector("#sokresultat li a", timeout=15_000)
            links = page.eval_on_selector_all("#sokresultat h2 a", "as => as.map(a => a.href)")
            status = page.text_content("#sokstatus")
            assert links == [base + "ks/2024-03-13/index.html"]
            assert status and status.startswith("1 träff")
            page.goto(base + "sok/index.html?q=beslut&namnd=bun")
            page.wait_for_function("document.getElementById('sokstatus').textContent !== ''")
            shown = page.eval_on_selector_all("#sokresultat h2 a", "as => as.map(a => a.href)")
            assert shown and all("/bun/" in url for url in shown)
        finally:
            browser.close()
