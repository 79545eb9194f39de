"""Issue 8 (input side), breaks 12, 13, 14: attachments and images opened as build opens them."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from helpers import check, item_text, project, sample_file
from secproject import run, run_check, swedish

# -- breaks 12, 13, 14: attachments and images opened as build opens them -----------------------


def _attached(tmp_path: Path, name: str, data: bytes) -> Path:
    folder = project(tmp_path, items=[{"beslutsunderlag": [{"titel": "Bilaga", "fil": f"underlag/{name}"}]}])
    (folder / "underlag").mkdir()
    (folder / "underlag" / name).write_bytes(data)
    return folder


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(sample_file(".pdf"))))
    writer.encrypt("hemligt")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _bomb_png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (10_000, 6_000)).save(out, "PNG")
    return out.getvalue()


PDF = sample_file(".pdf", pages=3)
BROKEN = {
    "trunkerad.pdf": PDF[: len(PDF) // 2],
    "utan-slut.pdf": PDF.replace(b"%%EOF", b""),
    "fel-xref.pdf": re.sub(rb"startxref\s+\d+", b"startxref\n999999", PDF),
    "skrap.pdf": b"%PDF-1.7\n" + os.urandom(2000),
    "krypterad.pdf": _encrypted_pdf(),
    "falsk.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
    "falsk.jpg": b"\xff\xd8\xff\xe0" + b"\0" * 64,
    "avkortad.jpg": sample_file(".jpg")[:-40],
    "bomb.png": _bomb_png(),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_attachment_is_a_swedish_fel_in_check(tmp_path, capsys, name):
    _attached(tmp_path, name, BROKEN[name])
    code, out = run_check(tmp_path, capsys)
    lines = [line for line in out.splitlines() if "[bilaga]" in line]
    if name in ("utan-slut.pdf", "fel-xref.pdf") and not lines:  # pypdf repairs these: harmless
        assert run(tmp_path, "build") == 0
        return
    assert code == 1 and len(lines) == 1, out
    assert lines[0].startswith("protokoll/tn/2024-03-13/01-arende-1.md:")
    swedish([lines[0].split(": fel: ", 1)[1].replace("[bilaga]", "")])


def test_a_good_attachment_passes(tmp_path, capsys):
    _attached(tmp_path, "yttrande.pdf", PDF)
    assert [f for f in check(tmp_path).findings if f.rule in ("bilaga", "grans")] == []


def test_pypdf_prints_nothing_in_english(tmp_path, capsys):
    _attached(tmp_path, "fel-xref.pdf", BROKEN["fel-xref.pdf"])
    _, out = run_check(tmp_path, capsys)
    assert "startxref" not in out and "pypdf" not in out


@pytest.mark.parametrize("src", ["underlag/a\0b.png", "underlag/a%00b.png", "underlag/\x01.png"])
def test_an_image_path_with_a_nul_is_a_fel_at_its_line(tmp_path, capsys, src):
    project(tmp_path, items=[item_text({"rubrik": "Bild"}, f"Text.\n\n![karta]({src})\n")])
    code, out = run_check(tmp_path, capsys)
    assert code == 1 and "internt fel" not in out
    [line] = [line for line in out.splitlines() if "[bild]" in line]
    text = (tmp_path / "protokoll/tn/2024-03-13/01-arende-1.md").read_text("utf-8")
    number = text.split("\n").index(f"![karta]({src})") + 1
    assert line.startswith(f"protokoll/tn/2024-03-13/01-arende-1.md:{number}:1: fel: bilden")
    assert "kontrolltecken" in line


def test_an_image_bomb_in_the_text_is_a_fel(tmp_path, capsys):
    folder = project(tmp_path, items=[item_text({"rubrik": "Bild"}, "![karta](underlag/k.png)\n")])
    (folder / "underlag").mkdir()
    (folder / "underlag" / "k.png").write_bytes(BROKEN["bomb.png"])
    code, out = run_check(tmp_path, capsys)
    assert code == 1 and "miljoner bildpunkter" in out


@pytest.mark.parametrize("fil", ['"underlag/a\\0.pdf"', '"underlag/a\\x01.pdf"', '"\\u202eunderlag/fdp.pdf"',
                                 '"underlag/a\\u200b.pdf"'])
def test_a_control_or_invisible_character_in_fil_is_a_fel_at_its_line(tmp_path, capsys, fil):
    folder = project(tmp_path)
    (folder / "01-arende-1.md").write_text(
        f"---\nrubrik: Ärende\nbeslutsunderlag:\n  - {{titel: A, fil: {fil}}}\n---\nText.\n", "utf-8")
    code, out = run_check(tmp_path, capsys)
    assert code == 1 and "internt fel" not in out
    [line] = [line for line in out.splitlines() if "[bilaga]" in line]
    assert line.startswith("protokoll/tn/2024-03-13/01-arende-1.md:4:") and "otillåtet tecken" in line
