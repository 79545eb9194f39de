"""An automated WCAG 2.1 AA scan in a real browser, for the tests of the rendered HTML.

DOMAIN.md (DOS-lagen 2018:1937, EN 301 549): the public HTML must pass an automated WCAG 2.1
AA scan in a real browser. This helper opens a page in Debian's chromium through Playwright,
injects axe-core and returns its violations:

    from a11y import axe_scan, describe
    violations = axe_scan(tmp_path / "index.html")
    assert violations == [], describe(violations)

Files are served from a local http.server on 127.0.0.1 (a page's relative CSS and images then
load as on the real site); an http(s):// or file:// URL is opened as given. axe-core's script
comes from the PyPI package axe-playwright-python, which bundles axe.min.js, or else from the
npm package axe-core that scripts/setup.sh puts under .cache/axe-core/.

This is a helper library, not a test module (its name does not start with test_).
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
REPO = Path(__file__).resolve().parent.parent
NPM_AXE = REPO / ".cache" / "axe-core" / "node_modules" / "axe-core" / "axe.min.js"

Violation = dict[str, Any]


def chromium_missing_reason() -> str | None:
    """Why a scan cannot run here, or None when it can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} saknas (Debians chromium; scripts/setup.sh installerar det)"
    return None


@functools.cache
def axe_source() -> str:
    """The text of axe.min.js: from axe-playwright-python, else from npm's axe-core."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is not None and spec.origin is not None:
        bundled = sorted(Path(spec.origin).parent.rglob("axe*.min.js"))
        if bundled:
            return bundled[0].read_text(encoding="utf-8")
    if NPM_AXE.is_file():
        return NPM_AXE.read_text(encoding="utf-8")
    raise RuntimeError(
        "axe.min.js not found: pip install axe-playwright-python (or run scripts/setup.sh, "
        "which falls back to npm's axe-core in .cache/axe-core/)"
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (a free port) in a thread; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="a11y-http", daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _is_url(target: str | Path) -> bool:
    return isinstance(target, str) and target.startswith(("http://", "https://", "file://"))


def axe_scan(
    html_path_or_url: str | Path,
    tags: Sequence[str] = WCAG_21_AA,
    timeout_ms: int = 30_000,
) -> list[Violation]:
    """axe-core's violations for a page, limited to the WCAG 2.1 A and AA rules.

    Each violation is axe's own dict: `id` (e.g. "image-alt"), `impact`, `help`, `helpUrl`,
    `tags` and `nodes` (each with its `target` selector and `html`).
    """
    if _is_url(html_path_or_url):
        return _scan_url(str(html_path_or_url), tags, timeout_ms)
    path = Path(html_path_or_url).resolve()
    if not path.is_file():
        raise FileNotFoundError(path)
    with serve(path.parent) as base:
        return _scan_url(base + quote(path.name), tags, timeout_ms)


def _scan_url(url: str, tags: Sequence[str], timeout_ms: int) -> list[Violation]:
    from playwright.sync_api import sync_playwright

    reason = chromium_missing_reason()
    if reason:
        raise RuntimeError(reason)
    source = axe_source()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            timeout=timeout_ms,
        )
        try:
            context = browser.new_context(bypass_csp=True, locale="sv-SE")
            page = context.new_page()
            page.set_default_timeout(timeout_ms)
            page.goto(url, wait_until="load")
            page.add_script_tag(content=source)
            result = page.evaluate(
                """async (tags) => await axe.run(document, {
                       runOnly: {type: "tag", values: tags},
                       resultTypes: ["violations"],
                   })""",
                list(tags),
            )
        finally:
            browser.close()
    return list(result["violations"])


def describe(violations: list[Violation]) -> str:
    """A readable list for an assertion message: rule id, impact, help, where."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation.get('impact')}): {violation.get('help')}")
        for node in violation.get("nodes", [])[:5]:
            lines.append(f"    {' '.join(map(str, node.get('target', [])))}: "
                         f"{node.get('html', '')[:120]}")
    return "\n".join(lines) or "inga överträdelser"
