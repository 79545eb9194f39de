"""protogen sign / verify: signing in turn, the record, and every kind of tampering caught."""

from __future__ import annotations

import io
import json
import re
import subprocess
from pathlib import Path

import pytest
from signing import ADJUSTER, CHAIR, PERSONNUMMER, SECRETARY, Built, Keys

from protogen.cli import main

RECORD = "signerat/protokoll.pdf"


def run(root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        *argv: str) -> tuple[int, str, str]:
    monkeypatch.chdir(root)
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def sign(built: Built, keys: Keys, p12: Path, monkeypatch, capsys, *extra: str) -> tuple[int, str, str]:
    return run(built.root, monkeypatch, capsys, "sign", str(built.meeting.relative_to(built.root)),
               "--pkcs12", str(p12), "--lösenord-fil", str(keys.password), *extra)


def sign_all(built: Built, keys: Keys, monkeypatch, capsys) -> Path:
    for p12 in (keys.adjuster, keys.secretary, keys.chair):  # any order
        code, out, err = sign(built, keys, p12, monkeypatch, capsys)
        assert code == 0, err
    return built.meeting / RECORD


def test_three_signers_in_any_order_then_verify(built: Built, keys: Keys, monkeypatch, capsys) -> None:
    code, out, _ = sign(built, keys, keys.adjuster, monkeypatch, capsys)
    assert code == 0
    assert f"signerat av {ADJUSTER}, justerare" in out
    assert f"Återstår: {SECRETARY}, sekreterare; {CHAIR}, ordförande" in out
    record = sign_all_rest(built, keys, monkeypatch, capsys)
    code, out, _ = run(built.root, monkeypatch, capsys, "verify", "--betrodd", str(keys.ca_pem))
    assert code == 0, out
    assert re.fullmatch(
        rf"protokoll/tn/2024-03-13: justerat digitalt av {SECRETARY}, sekreterare, {CHAIR}, "
        rf"ordförande, och {ADJUSTER}, justerare, den \d{{4}}-\d{{2}}-\d{{2}}\n", out), out
    # The record is where the format says, and build never touched it.
    assert record.is_file()
    code, out, _ = run(built.root, monkeypatch, capsys, "verify", "--format", "json")
    data = json.loads(out)
    assert data["ok"] is True and data["protokoll"][0]["källan_stämmer"] is True
    assert {s["roll"] for s in data["protokoll"][0]["underskrifter"]} == {"sekreterare", "ordförande", "justerare"}


def sign_all_rest(built: Built, keys: Keys, monkeypatch, capsys) -> Path:
    for p12 in (keys.secretary, keys.chair):
        code, _, err = sign(built, keys, p12, monkeypatch, capsys)
        assert code == 0, err
    return built.meeting / RECORD


def test_signed_pdf_keeps_pdfa_structure_fonts_and_qpdf_is_clean(built: Built, keys: Keys, monkeypatch,
                                                                 capsys) -> None:
    import pypdf

    record = sign_all(built, keys, monkeypatch, capsys)
    data = record.read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r'pdfaid:part(="2"|>2<)', xmp), xmp[:500]
    assert "/StructTreeRoot" in root
    # Every font in every page and in every signature appearance is embedded.
    fonts = _fonts(reader)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    # The appearance says who signed, as what, and when.
    text = subprocess.run(["pdftotext", "-layout", str(record), "-"], capture_output=True, text=True).stdout
    assert re.search(rf"{SECRETARY}, sekreterare, digitalt signerat \d{{4}}-\d{{2}}-\d{{2}}", text)
    assert re.search(r"Dokument-id [0-9a-f]{12}…", text)
    check = subprocess.run(["qpdf", "--check", str(record)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors" in check.stdout


def _fonts(reader) -> list[tuple[str, bool]]:
    found: list[tuple[str, bool]] = []
    seen: set[int] = set()

    def walk(resources) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            if id(font) in seen:
                continue
            seen.add(id(font))
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((str(font.get("/BaseFont")), embedded or font.get("/Subtype") == "/Type3"))
        for xobject in (resources.get("/XObject") or {}).values():
            walk(xobject.get_object().get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
        for annot in page.get("/Annots") or []:
            appearance = annot.get_object().get("/AP")
            if appearance:
                normal = appearance.get_object()["/N"].get_object()
                walk(normal.get("/Resources"))
    return found


def test_a_changed_byte_is_caught(built: Built, keys: Keys, monkeypatch, capsys) -> None:
    record = sign_all(built, keys, monkeypatch, capsys)
    data = bytearray(record.read_bytes())
    # Change one byte of the first page's text (inside the first signed revision).
    at = data.index(b"/Contents", 2000) - 400
    data[at] = (data[at] + 1) % 256 or 1
    record.write_bytes(bytes(data))
    code, out, _ = run(built.root, monkeypatch, capsys, "verify")
    assert code == 1
    assert "protokoll/tn/2024-03-13:" in out
    assert "bruten" in out or "skadad" in out or "ändrats" in out, out


def test_an_incremental_update_changing_page_text_is_caught(built: Built, keys: Keys, monkeypatch, capsys) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    record = sign_all(built, keys, monkeypatch, capsys)
    writer = IncrementalPdfFileWriter(io.BytesIO(record.read_bytes()))
    # Paint a white box over the first page's text: what the page says changes.
    stream = generic.StreamObject(stream_data=b"q 1 1 1 rg 0 0 600 800 re f Q")
    writer.add_stream_to_page(0, writer.add_object(stream))
    out = io.BytesIO()
    writer.write(out)
    record.write_bytes(out.getvalue())
    code, text, _ = run(built.root, monkeypatch, capsys, "verify")
    assert code == 1
    assert "ändrats efter underskriften" in text, text


def test_a_source_edit_after_signing_names_the_paragraph(built: Built, keys: Keys, monkeypatch, capsys) -> None:
    sign_all(built, keys, monkeypatch, capsys)
    item = next(built.meeting.glob("02-*.md"))
    item.write_text(item.read_text(encoding="utf-8").replace("bifalls", "avslås"), encoding="utf-8")
    code, out, _ = run(built.root, monkeypatch, capsys, "verify")
    assert code == 1
    assert "ändrat efter justering: § 2" in out, out
    code, out, _ = run(built.root, monkeypatch, capsys, "check")
    assert code == 1
    assert re.search(r"fel: .*§ 2.*\[andrad-efter-justering\]", out), out


def test_a_head_edit_after_signing_is_named(built: Built, keys: Keys, monkeypatch, capsys) -> None:
    sign_all(built, keys, monkeypatch, capsys)
    head = built.meeting / "sammanträde.yaml"
    head.write_text(head.read_text(encoding="utf-8").replace("Kommunhuset", "Stadshuset"), encoding="utf-8")
    code, out, _ = run(built.root, monkeypatch, capsys, "verify")
    assert code == 1
    assert "huvudet (sammanträde.yaml)" in out


def test_missing_signers_are_named(built: Built, keys: Keys, monkeypatch, capsys) -> None:
    sign(built, keys, keys.adjuster, monkeypatch, capsys)
    code, out, _ = run(built.root, monkeypatch, capsys, "verify")
    assert code == 1
    assert f"saknar underskrift av {SECRETARY}, sekreterare" in out
    assert f"saknar underskrift av {CHAIR}, ordförande" in out


def test_untrusted_root_is_caught_with_betrodd(built: Built, keys: Keys, monkeypatch, capsys, tmp_path) -> None:
    import pki

    sign_all(built, keys, monkeypatch, capsys)
    other = pki.make_ca("En annan CA").write_pem(tmp_path / "annan.pem")
    code, out, _ = run(built.root, monkeypatch, capsys, "verify", "--betrodd", str(other))
    assert code == 1
    assert "leder inte till någon betrodd rot" in out


def test_a_certificate_that_matches_nobody_is_refused(built: Built, keys: Keys, monkeypatch, capsys) -> None:
    code, _, err = sign(built, keys, keys.stranger, monkeypatch, capsys)
    assert code == 1
    assert "Olle Okänd" in err and "inte är sekreterare, ordförande eller justerare" in err
    assert not (built.meeting / RECORD).exists()


def test_role_decides_for_a_name_that_does_not_match(built: Built, keys: Keys, monkeypatch, capsys) -> None:
    code, out, err = sign(built, keys, keys.stranger, monkeypatch, capsys, "--roll", "justerare")
    assert code == 0, err
    assert f"signerat av {ADJUSTER}, justerare" in out
    # verify names that the field is signed by someone else
    code, out, _ = run(built.root, monkeypatch, capsys, "verify")
    assert code == 1 and "Olle Okänd" in out


def test_signing_twice_is_refused(built: Built, keys: Keys, monkeypatch, capsys) -> None:
    assert sign(built, keys, keys.chair, monkeypatch, capsys)[0] == 0
    code, _, err = sign(built, keys, keys.chair, monkeypatch, capsys)
    assert code == 1 and "har redan signerat" in err


def test_a_stale_or_missing_build_is_rendered_afresh(built: Built, keys: Keys, monkeypatch, capsys) -> None:
    item = next(built.meeting.glob("01-*.md"))
    item.write_text(item.read_text(encoding="utf-8") + "\nEn rad till.\n", encoding="utf-8")
    (built.root / "build" / "tn" / "2024-03-13" / "protokoll.pdf").unlink()
    sign_all(built, keys, monkeypatch, capsys)
    code, out, _ = run(built.root, monkeypatch, capsys, "verify")
    assert code == 0, out


def test_a_meeting_with_a_fel_is_not_signed(built: Built, keys: Keys, monkeypatch, capsys) -> None:
    head = built.meeting / "sammanträde.yaml"
    head.write_text(head.read_text(encoding="utf-8").replace("justerare:", "justerare: []\nx:"),
                    encoding="utf-8")
    code, _, err = sign(built, keys, keys.chair, monkeypatch, capsys)
    assert code == 1 and "kontrollen hittade fel" in err
    assert not (built.meeting / RECORD).exists()


def test_wrong_password_and_usage(built: Built, keys: Keys, monkeypatch, capsys, tmp_path) -> None:
    bad = tmp_path / "fel.txt"
    bad.write_text("fel\n")
    code, _, err = run(built.root, monkeypatch, capsys, "sign", "protokoll/tn/2024-03-13",
                       "--pkcs12", str(keys.chair), "--lösenord-fil", str(bad))
    assert code == 1 and "fel lösenord" in err
    with pytest.raises(SystemExit) as exit_info:
        run(built.root, monkeypatch, capsys, "sign", "protokoll/tn/2024-03-13")
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        run(built.root, monkeypatch, capsys, "verify", "--betrodd", "finns-inte.pem")
    assert exit_info.value.code == 2


def test_the_certificate_personnummer_stays_in_the_record(built: Built, keys: Keys, monkeypatch, capsys) -> None:
    """The record holds the signer's certificate, personnummer and all: that is why it is
    never published as it is (see test_publish_justering)."""
    record = sign_all(built, keys, monkeypatch, capsys)
    digits = PERSONNUMMER.replace("-", "").encode()
    # The CMS signature (with its certificates) is a hex string in the signature's /Contents.
    assert digits.hex().encode() in record.read_bytes().lower()


def test_a_time_stamp_authority_gives_pades_b_t(built: Built, keys: Keys, monkeypatch, capsys) -> None:
    """--tsa URL: the signature carries an RFC 3161 time-stamp token (a local TSA here)."""
    import http.server
    import threading

    import pki
    from asn1crypto import tsp
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    cert, key = pki.make_tsa(keys.ca)
    stamper = DummyTimeStamper(tsa_cert=cert, tsa_key=key)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the http.server API
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = stamper.request_tsa_response(request).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        code, _, err = sign(built, keys, keys.chair, monkeypatch, capsys, "--tsa", url)
        assert code == 0, err
    finally:
        server.shutdown()
    signature = PdfFileReader(io.BytesIO((built.meeting / RECORD).read_bytes())).embedded_signatures[0]
    unsigned = signature.signer_info["unsigned_attrs"]
    assert any(a["type"].native == "signature_time_stamp_token" for a in unsigned)
    code, out, _ = run(built.root, monkeypatch, capsys, "verify", "--betrodd", str(keys.ca_pem))
    assert "saknar underskrift" in out and "bruten" not in out and "betrodd" not in out


def test_rsa_certificates_without_key_usage_sign_and_verify(built: Built, keys: Keys, monkeypatch, capsys,
                                                             tmp_path: Path) -> None:
    """Not every certificate states its key usage (RFC 5280 allows it), and RSA is common."""
    import pki

    people = [("Sara", "Sekreterare"), ("Anna", "Andersson"), ("Bertil", "Berg")]
    for given, surname in people:
        p12 = pki.make_person(keys.ca, given, surname, tmp_path, rsa_key=True, key_usage=False)
        code, _, err = sign(built, keys, p12, monkeypatch, capsys)
        assert code == 0, err
    code, out, _ = run(built.root, monkeypatch, capsys, "verify", "--betrodd", str(keys.ca_pem))
    assert code == 0, out
