"""The scanner's texts of a PDF are kept by the PDF's digest: read once, compared again with
the secret words of every run; a damaged or forged entry is never believed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from protogen import public, scancache
from protogen.loader import parsecache
from protogen.public import Findings, SecretWords, scan_file
from protogen.site import safety


def tiny_pdf(text: str) -> bytes:
    stream = f"BT /F1 12 Tf 10 100 Td ({text}) Tj ET".encode("latin-1")
    return (b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
            b"2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n"
            b"3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]/Contents 4 0 R"
            b"/Resources<</Font<</F1 5 0 R>>>>>> endobj\n"
            b"4 0 obj <</Length " + str(len(stream)).encode() + b">> stream\n" + stream
            + b"\nendstream endobj\n5 0 obj <</Type/Font/Subtype/Type1/BaseFont/Helvetica>> "
            b"endobj\n6 0 obj <</Title (Titel Tolvansson)>> endobj\n"
            b"trailer <</Root 1 0 R/Info 6 0 R>>\n%%EOF\n")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PROTOGEN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(parsecache, "_ENABLED", [True])  # as the command line does
    return tmp_path / "cache" / scancache.FOLDER


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    counted: list[int] = []
    real = public.pdf_texts

    def counting(data: bytes) -> list[str]:
        counted.append(len(data))
        return real(data)

    monkeypatch.setattr(public, "pdf_texts", counting)
    return counted


def secrets(*phrases: str) -> SecretWords:
    found = SecretWords()
    for phrase in phrases:
        found.phrases[tuple(public.words(phrase))] = "protokoll/ks/2024-01-01/3-hemligt.md"
    return found


def scan(name: str, data: bytes, words: SecretWords) -> list[str]:
    found = Findings()
    scan_file(name, data, words, found)
    return found.lines()


def test_a_pdf_is_read_once_and_compared_with_each_runs_words(cache: Path,
                                                             reads: list[int]) -> None:
    data = tiny_pdf("Kalle Tolvansson 19121212-1212")
    first = scan("a/protokoll.pdf", data, secrets("Ingenting"))
    assert len(reads) == 1 and any("personnummer" in line for line in first)
    # The next run has other secret words: the stored texts are compared with them.
    second = scan("a/protokoll.pdf", data, secrets("Tolvansson"))
    assert len(reads) == 1
    assert any("sekretess" in line for line in second)
    assert public.file_texts("a/protokoll.pdf", data) == public.pdf_texts(data)
    assert len(list(cache.glob("*/*"))) == 1


def test_other_bytes_are_read_again(cache: Path, reads: list[int]) -> None:
    scan("a.pdf", tiny_pdf("Kalle Andersson"), secrets("Tolvansson"))
    assert scan("a.pdf", tiny_pdf("Kalle Tolvansson"), secrets("Tolvansson"))
    assert len(reads) == 2


@pytest.mark.parametrize("forged", [
    b"", b"garbage", b"[]", json.dumps({"nyckel": "x", "texter": []}).encode(),
    json.dumps({"texter": []}).encode(), b'{"nyckel": "KEY", "texter": [1, 2]}',
    b'{"nyckel": "KEY", "texter": "Kalle"}', b'{"nyckel": "KEY", "texter": ["Kalle"]}',
    b'{"nyckel": "KEY", "texter": ["Kalle"], "sha256": "0"}',
])
def test_a_damaged_or_forged_entry_is_never_believed(cache: Path, reads: list[int],
                                                    forged: bytes) -> None:
    data = tiny_pdf("Kalle Tolvansson")
    scan("a.pdf", data, secrets("Tolvansson"))
    (entry,) = cache.glob("*/*")
    entry.write_bytes(forged.replace(b"KEY", entry.name.encode()))
    assert scan("a.pdf", data, secrets("Tolvansson"))
    assert len(reads) == 2


def test_the_signature_scan_keeps_the_metadata_alike(cache: Path) -> None:
    data = tiny_pdf("Text")
    read = safety._read_metadata(data)
    assert read and "Tolvansson" in " ".join(text for _, text in read)
    assert safety._pdf_metadata(data) == read
    assert safety._pdf_metadata(data) == read  # from the cache
    assert len(list(cache.glob("*/*"))) == 1


def test_off_unless_the_command_line_turns_it_on(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 reads: list[int]) -> None:
    monkeypatch.setenv("PROTOGEN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(parsecache, "_ENABLED", [False])
    data = tiny_pdf("Kalle")
    scan("a.pdf", data, secrets("Kalle"))
    scan("a.pdf", data, secrets("Kalle"))
    assert len(reads) == 2
    assert not (tmp_path / "cache").exists()
    monkeypatch.setattr(parsecache, "_ENABLED", [True])
    monkeypatch.setenv("PROTOGEN_CACHE", "av")
    scan("a.pdf", data, secrets("Kalle"))
    assert not (tmp_path / "cache").exists()


def test_an_entry_altered_inside_its_texts_is_never_believed(cache: Path,
                                                            reads: list[int]) -> None:
    data = tiny_pdf("Kalle Tolvansson")
    scan("a.pdf", data, secrets("Tolvansson"))
    (entry,) = cache.glob("*/*")
    entry.write_text(entry.read_text(encoding="ascii").replace("Tolvansson", "Tolvanssxn"),
                     encoding="ascii")
    assert scan("a.pdf", data, secrets("Tolvansson"))
    assert len(reads) == 2


def test_an_entry_of_another_user_is_never_believed(cache: Path, reads: list[int],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    data = tiny_pdf("Kalle Tolvansson")
    scan("a.pdf", data, secrets("Tolvansson"))
    monkeypatch.setattr(scancache, "_own", lambda info: False)
    assert scan("a.pdf", data, secrets("Tolvansson"))
    assert len(reads) == 2
