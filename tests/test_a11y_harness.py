"""The accessibility harness can fail: a page with known WCAG 2.1 AA faults gives violations,
a clean page gives none. Without this, a scan that silently checked nothing would pass."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from a11y import axe_scan, chromium_missing_reason, describe, serve  # noqa: E402

reason = chromium_missing_reason()
pytestmark = pytest.mark.skipif(reason is not None, reason=reason or "")

CLEAN = """<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><title>Protokoll 2024-03-13</title>
<style>body { color: #111; background: #fff; font-family: sans-serif }</style></head>
<body>
<header><p>Testnämnden</p></header>
<main>
<h1>Protokoll</h1>
<p>Sammanträdet hölls i Kommunhuset.</p>
<img src="logga.png" alt="Kommunens logotyp" width="10" height="10">
<table><caption>Närvarande</caption>
<thead><tr><th scope="col">Namn</th><th scope="col">Parti</th></tr></thead>
<tbody><tr><td>Anna Andersson</td><td>S</td></tr></tbody></table>
<p><a href="#top">Till början</a></p>
</main>
</body></html>
"""

FAULTY = """<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><title>Trasig sida</title></head>
<body><main>
<h1>Protokoll</h1>
<img src="logga.png">
<p style="color: #dddddd; background: #ffffff">Nästan osynlig text om beslutet.</p>
</main></body></html>
"""


def _page(folder: Path, name: str, html: str) -> Path:
    path = folder / name
    path.write_text(html, encoding="utf-8")
    # A real image beside the page, so the faults are the markup's and not a broken link.
    (folder / "logga.png").write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2a62a4d0000000049454e44ae426082"
        )
    )
    return path


def test_a_clean_page_has_no_violations(tmp_path: Path) -> None:
    violations = axe_scan(_page(tmp_path, "ren.html", CLEAN))
    assert violations == [], describe(violations)


def test_missing_alt_and_low_contrast_are_violations(tmp_path: Path) -> None:
    violations = axe_scan(_page(tmp_path, "trasig.html", FAULTY))
    ids = {v["id"] for v in violations}
    assert {"image-alt", "color-contrast"} <= ids, describe(violations)
    for violation in violations:
        assert set(violation["tags"]) & {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}


def test_a_missing_language_is_a_violation(tmp_path: Path) -> None:
    page = _page(tmp_path, "utan-sprak.html", CLEAN.replace(' lang="sv"', ""))
    assert "html-has-lang" in {v["id"] for v in axe_scan(page)}


def test_a_served_url_and_a_file_url_give_the_same_result(tmp_path: Path) -> None:
    page = _page(tmp_path, "trasig sida.html", FAULTY)  # a space, to test the quoting
    with serve(tmp_path) as base:
        served = axe_scan(base + "trasig%20sida.html")
    from_file = axe_scan(page.as_uri())
    assert {v["id"] for v in served} == {v["id"] for v in from_file} >= {"image-alt"}
