"""`protogen serve`: a saved change shows in the browser without a manual reload, with the
check's findings on the page; only 127.0.0.1 is listened on; Ctrl-C stops it cleanly."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from protogen.preview import Server

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from a11y import CHROMIUM, CHROMIUM_ARGS, chromium_missing_reason  # noqa: E402

MEETING = "protokoll/gns/2020-02-14"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "protokoll" / "gns", tmp_path / "protokoll" / "gns")
    return tmp_path


@pytest.fixture()
def server(project: Path):
    running = Server(project, None, 0)
    running.start()
    yield running
    running.stop()


def test_listens_on_localhost_only(server):
    assert server.httpd.server_address[0] == "127.0.0.1"
    index = urllib.request.urlopen(server.url, timeout=10).read().decode()
    assert f"/{MEETING}/protokoll.html" in index and f"/{MEETING}/kallelse.html" in index


def test_other_host_names_are_refused(server):
    request = urllib.request.Request(server.url, headers={"Host": "evil.example:80"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403


def test_a_saved_change_appears_in_the_browser(project, server):
    reason = chromium_missing_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    item = project / MEETING / "03-arsbokslut-2019.md"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(20_000)
            page.goto(f"{server.url}{MEETING}/protokoll.html", wait_until="load")
            assert page.locator("h2, h3").filter(has_text="Årsbokslut 2019").count() > 0
            assert "Kontrollen hittade inga fel" in page.locator("#protogen-fynd").inner_text()

            text = item.read_text(encoding="utf-8")
            item.write_text(text.replace("rubrik: Årsbokslut 2019", "rubrik: Årsbokslut 2019 reviderat"),
                            encoding="utf-8")
            page.get_by_text("Årsbokslut 2019 reviderat").first.wait_for()

            # A mistake shows on the page with its file and line, again without a reload.
            meeting = project / MEETING / "sammanträde.yaml"
            meeting.write_text(meeting.read_text(encoding="utf-8").replace(
                "justerare: [Mikael Westin]", "justerare: [Mikael Westn]"), encoding="utf-8")
            panel = page.locator("#protogen-fynd")
            panel.get_by_text("Mikael Westn").first.wait_for()
            assert f"{MEETING}/sammanträde.yaml:" in panel.inner_text()
        finally:
            browser.close()


def test_ctrl_c_stops_it_cleanly(project):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen([sys.executable, "-m", "protogen", "serve", "--port", "0"],
                               cwd=project, env=env, stdout=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        line = ""
        while "http://127.0.0.1:" not in line and time.monotonic() < deadline:
            line = process.stdout.readline()  # type: ignore[union-attr]
        assert "http://127.0.0.1:" in line
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=20)
    finally:
        process.kill()
    assert process.returncode == 0
    assert "stoppad" in out


def test_the_site_is_published_when_asked_for_and_again_after_a_change(project, server):
    page = urllib.request.urlopen(f"{server.url}webbplats/", timeout=120).read().decode()
    assert "Gemensam nämnd" in page and "/__protogen/version" in page
    published = (project / "build/site/index.html").stat().st_mtime_ns
    organ = project / "protokoll/gns/organ.yaml"
    organ.write_text(organ.read_text(encoding="utf-8") + "\n# ändrad\n", encoding="utf-8")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if (project / "build/site/index.html").stat().st_mtime_ns != published:
            break
        time.sleep(0.5)
    else:
        pytest.fail("the site was not published again after the change")
