"""A meeting's Markdown cannot run, read or fetch anything: `<script>` is escaped, a
`file:///etc/passwd` image and an image on a web server (a local http.server that counts its
requests) are left out as alt text, and the build still goes through (exit 0) with a varning
from the check rule `bild`. An image in the meeting's underlag/ works: an image XObject in the
PDF, a data: URI in the HTML."""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from boards import body_text, tree_hash
from helpers import item_text, meeting_data, project

from protogen.cli import main as protogen


def _red_png() -> bytes:  # 2 x 2 red pixels, a PNG that decodes (check opens it in full)
    import io as _io

    from PIL import Image

    out = _io.BytesIO()
    Image.new("RGB", (2, 2), (255, 0, 0)).save(out, "PNG")
    return out.getvalue()


PNG = _red_png()
SECRET = "root:x:0:0"


class Server:
    """A web server on 127.0.0.1 that answers every GET with a PNG and counts the requests."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        handler = functools.partial(_Handler, self)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"


class _Handler(http.server.BaseHTTPRequestHandler):
    def __init__(self, server: Server, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        self.counter = server
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        self.counter.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(PNG)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server()
    running.thread.start()
    try:
        yield running
    finally:
        running.httpd.shutdown()
        running.httpd.server_close()


def hostile_body(server: Server) -> str:
    return f"""\
Inledande text.

<script>alert(1)</script>

![x](file:///etc/passwd)

![y]({server.url("bild.png")})

<img src="{server.url("raw.png")}" onerror="alert(2)">

![z][ref] och [en länk]({server.url("lank")}) och [lokal](file:///etc/passwd).

![w](../../../../../../etc/passwd)

![Karta över området](underlag/karta.png)

[ref]: {server.url("ref.png")}
"""


@pytest.fixture
def hostile(tmp_path: Path, server: Server, monkeypatch, capsys) -> tuple[Path, Server, str]:
    """The hostile meeting, built: (root, server, build's exit code and output)."""
    folder = project(tmp_path, items=[item_text({
        "rubrik": "Ärende <script>alert(3)</script>",
        "beslut": f"Beslut. <script>alert(4)</script> ![b]({server.url('beslut.png')})\n",
    }, hostile_body(server))])
    (folder / "underlag").mkdir()
    (folder / "underlag" / "karta.png").write_bytes(PNG)
    monkeypatch.chdir(tmp_path)
    sources = tree_hash(tmp_path / "protokoll")
    code = protogen(["build"])
    assert tree_hash(tmp_path / "protokoll") == sources
    return tmp_path, server, f"{code}\n{capsys.readouterr().out}"


def test_it_builds_and_fetches_nothing(hostile) -> None:
    root, server, built = hostile
    code, printed = built.split("\n", 1)
    assert code == "0", printed
    assert server.requests == []
    assert (root / "build/tn/2024-03-13/protokoll.pdf").is_file()
    assert "varning: bilden file:///etc/passwd tas inte med" in printed  # build says so too
    with urllib.request.urlopen(server.url("direkt.png"), timeout=10) as answer:
        assert answer.read() == PNG
    assert server.requests == ["/direkt.png"]  # the counter does count


def test_the_check_warns_about_each_image_left_out(hostile, capsys) -> None:
    root, server, _ = hostile
    capsys.readouterr()
    assert protogen(["check"]) == 0
    out = capsys.readouterr().out
    item = "protokoll/tn/2024-03-13/01-arende-1.md"
    lines = (root / item).read_text(encoding="utf-8").splitlines()
    warned = re.findall(rf"{re.escape(item)}:(\d+):\d+: varning: bilden (\S+) tas inte med", out)
    assert {src for _, src in warned} == {
        "file:///etc/passwd", server.url("bild.png"), server.url("ref.png"),
        "../../../../../../etc/passwd", server.url("beslut.png")}
    for line, src in warned:
        assert src in lines[int(line) - 1] or "![z][ref]" in lines[int(line) - 1]
    assert server.requests == []


def test_the_html_has_no_script_and_nothing_of_etc_passwd(hostile) -> None:
    root, _, _ = hostile
    html = (root / "build/tn/2024-03-13/protokoll.html").read_text(encoding="utf-8")
    assert not re.search(r"<script", html, re.IGNORECASE)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in html
    assert SECRET not in html
    assert "onerror=" not in html.replace("onerror=&quot;", "")
    sources = re.findall(r'<img[^>]*\ssrc="([^"]*)"', html)
    assert sources and all(src.startswith("data:image/png;base64,") for src in sources)
    assert not re.search(r'href="file:', html)
    assert html.count('class="bild-saknas"') == 5


def test_the_pdf_shows_the_text_but_no_script_and_no_secret(hostile) -> None:
    root, _, _ = hostile
    pdf = root / "build/tn/2024-03-13/protokoll.pdf"
    text = body_text(pdf, "Testnämnden")
    assert "<script>alert(1)</script>" in text  # shown as the text it is
    assert SECRET not in text
    data = pdf.read_bytes()
    assert b"/JavaScript" not in data and b"/JS " not in data and b"/Launch" not in data
    assert b"root:x" not in data
    assert "[Bild: x]" in text and "[Bild: y]" in text


def test_the_image_from_underlag_is_in_both(hostile) -> None:
    root, _, _ = hostile
    html = (root / "build/tn/2024-03-13/protokoll.html").read_text(encoding="utf-8")
    assert 'alt="Karta över området"' in html
    reader = pypdf.PdfReader(root / "build/tn/2024-03-13/protokoll.pdf")
    images = {key: image for page in reader.pages
              for key, image in _image_xobjects(page["/Resources"]).items()}
    assert len(images) == 1  # (the pages share one resource dictionary)
    image = next(iter(images.values()))
    assert (image["/Width"], image["/Height"]) == (2, 2)


def _image_xobjects(resources: object) -> dict[int, dict]:
    """The image XObjects of a resource dictionary (and of its forms), by object number."""
    found = {}
    resources = resources.get_object()
    xobjects = resources.get("/XObject")
    for _, reference in (xobjects.get_object() if xobjects else {}).items():
        xobject = reference.get_object()
        if xobject.get("/Subtype") == "/Image":
            found[reference.idnum] = xobject
        elif "/Resources" in xobject:
            found |= _image_xobjects(xobject["/Resources"])
    return found


def test_a_symlink_to_etc_passwd_in_underlag_is_not_read(tmp_path: Path, server: Server,
                                                         monkeypatch) -> None:
    folder = project(tmp_path, items=[item_text({}, "![l](underlag/lank.png)\n")])
    (folder / "underlag").mkdir()
    os.symlink("/etc/passwd", folder / "underlag" / "lank.png")
    monkeypatch.chdir(tmp_path)
    assert protogen(["build"]) == 0
    out = tmp_path / "build/tn/2024-03-13"
    assert SECRET not in (out / "protokoll.html").read_text(encoding="utf-8")
    assert SECRET.encode() not in (out / "protokoll.pdf").read_bytes()


def test_a_board_template_cannot_make_the_pdf_stage_fetch(tmp_path: Path, server: Server,
                                                         monkeypatch, capsys) -> None:
    """Even a board's own template: the PDF stage refuses http: and outside file: URLs."""
    template = tmp_path / "mallar/minmall/protokoll.html"
    template.parent.mkdir(parents=True)
    template.write_text(
        '{% extends "standard/protokoll.html" %}\n'
        "{% block extra_style %}"
        f'body {{ background-image: url("{server.url("bakgrund.png")}"); }}'
        'h1 { background-image: url("file:///etc/passwd"); }'
        "{% endblock %}\n", encoding="utf-8")
    from helpers import organ_data

    project(tmp_path, meeting_data(), organ=organ_data(mall="minmall"))
    monkeypatch.chdir(tmp_path)
    protogen(["build"])
    printed = capsys.readouterr().out
    assert server.requests == []
    assert server.url("bakgrund.png") in printed and "file:///etc/passwd" in printed
    pdf = tmp_path / "build/tn/2024-03-13/protokoll.pdf"
    assert SECRET.encode() not in pdf.read_bytes()
