"""WCAG 2.1 AA: axe-core in a real headless Chromium on every page type of the site (tests/
a11y.py), served over http as on the real site. Any violation fails."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from a11y import CHROMIUM, CHROMIUM_ARGS, axe_scan, chromium_missing_reason, describe, serve  # noqa: E402

PAGES = {
    "start": "index.html",
    "nämnd": "ks/index.html",
    "sammanträde": "ks/2024-03-13/index.html",
    "anslagstavla": "anslagstavla/index.html",
    "anslagsarkiv": "anslagstavla/arkiv/index.html",
    "tillgänglighet": "tillganglighet/index.html",
    "sök": "sok/index.html",
}

pytestmark = pytest.mark.skipif(chromium_missing_reason() is not None,
                                reason=str(chromium_missing_reason()))


@pytest.fixture(scope="module")
def base(site: Path):  # noqa: ANN201
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("page", PAGES.values(), ids=PAGES.keys())
def test_no_axe_violations(base: str, page: str) -> None:
    violations = axe_scan(base + page)
    assert violations == [], describe(violations)


def test_keyboard_skip_link_and_visible_focus(base: str, tmp_path: Path) -> None:
    """The first Tab reaches the skip link, which shows itself; Enter moves focus to the
    content; every link and control on the way has a visible outline."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.goto(base + PAGES["sammanträde"])
            page.keyboard.press("Tab")
            focused = page.evaluate("""() => {
                const a = document.activeElement, r = a.getBoundingClientRect();
                return {text: a.textContent, top: r.top, outline: getComputedStyle(a).outlineStyle};
            }""")
            assert focused["text"] == "Hoppa till innehållet"
            assert focused["top"] >= 0  # on screen once focused
            page.screenshot(path=str(tmp_path / "hoppa.png"))
            page.keyboard.press("Enter")
            assert page.evaluate("document.activeElement.id") == "innehall"
            for _ in range(6):
                page.keyboard.press("Tab")
                style = page.evaluate("""() => {
                    const s = getComputedStyle(document.activeElement);
                    return [s.outlineStyle, s.outlineWidth];
                }""")
                assert style[0] != "none" and style[1] != "0px", style
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= 390  # no sideways scrolling on a phone
        finally:
            browser.close()
