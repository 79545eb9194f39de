"""publish after justering: the justering in words, never the signed original, an optional
e-sigill on every public PDF, and no personnummer from any certificate."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pki
from signing import ADJUSTER, CHAIR, PERSONNUMMER, SECRETARY, Built, Keys
from test_sign_verify import run, sign_all

DAY = "2024-03-25"


def site_files(root: Path) -> dict[str, bytes]:
    site = root / "build" / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def number_forms(number: str) -> list[bytes]:
    digits = number.replace("-", "")
    forms = {number, digits, digits[2:], f"{digits[2:8]}-{digits[8:]}"}
    encoded = [f.encode() for f in forms]
    return encoded + [f.hex().encode() for f in encoded] + [f.hex().upper().encode() for f in encoded] \
        + [f.encode("utf-16-be") for f in forms]


def test_publish_shows_the_justering_and_never_the_signed_original(built: Built, keys: Keys, monkeypatch,
                                                                   capsys) -> None:
    record = sign_all(built, keys, monkeypatch, capsys)
    code, out, _ = run(built.root, monkeypatch, capsys, "publish", "--datum", DAY)
    assert code == 0, out
    files = site_files(built.root)
    page = files["tn/2024-03-13/index.html"].decode("utf-8")
    assert re.search(rf"Justerat digitalt \d{{4}}-\d{{2}}-\d{{2}} av {SECRETARY}, sekreterare, {CHAIR}, "
                     rf"ordförande, och {ADJUSTER}, justerare", page), page[:3000]
    assert "Dokument-id" in page
    signed = record.read_bytes()
    for path, data in files.items():
        assert data != signed, path
        for form in number_forms(PERSONNUMMER):
            assert form not in data, (path, form)
    # The public PDF has no empty signature fields, and says the same in words.
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(files["tn/2024-03-13/protokoll.pdf"]))
    assert "/AcroForm" not in reader.trailer["/Root"] or not reader.trailer["/Root"]["/AcroForm"].get("/Fields")
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Justerat digitalt" in " ".join(text.split())


def test_a_signed_original_that_does_not_verify_is_not_claimed(built: Built, keys: Keys, monkeypatch,
                                                                capsys) -> None:
    from test_sign_verify import sign

    sign(built, keys, keys.chair, monkeypatch, capsys)  # one of three: not justerat digitalt yet
    code, out, _ = run(built.root, monkeypatch, capsys, "publish", "--datum", DAY)
    assert code == 0, out
    assert "verifieras inte" in out and "saknar underskrift" in out
    page = site_files(built.root)["tn/2024-03-13/index.html"].decode("utf-8")
    assert "Justerat digitalt" not in page


def test_sigill_signs_every_public_pdf(built: Built, keys: Keys, monkeypatch, capsys) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    seal = pki.make_person(keys.ca, "", "", keys.folder, common_name="Testkommunen e-sigill",
                           organization="Testkommunen")
    code, out, _ = run(built.root, monkeypatch, capsys, "publish", "--datum", DAY, "--sigill", str(seal),
                       "--lösenord-fil", str(keys.password))
    assert code == 0, out
    pdfs = {p: d for p, d in site_files(built.root).items() if p.endswith(".pdf")}
    assert pdfs
    from asn1crypto import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    context = ValidationContext(trust_roots=[x509.Certificate.load(keys.ca.cert.public_bytes(Encoding.DER))])
    for path, data in pdfs.items():
        signatures = PdfFileReader(io.BytesIO(data)).embedded_signatures
        assert [s.field_name for s in signatures] == ["sigill"], path
        status = validate_pdf_signature(signatures[0], context)
        assert status.intact and status.valid and status.trusted, path
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdfs["tn/2024-03-13/protokoll.pdf"]))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r'pdfaid:part(="2"|>2<)', xmp)


def test_publish_refuses_a_sigill_whose_certificate_holds_a_personnummer(built: Built, keys: Keys,
                                                                        monkeypatch, capsys) -> None:
    seal = pki.make_person(keys.ca, "Sara", "Sekreterare", keys.folder, common_name="Sara Sekreterare sigill",
                           serial_number=PERSONNUMMER.replace("-", ""))
    before = site_files(built.root)
    code, out, _ = run(built.root, monkeypatch, capsys, "publish", "--datum", DAY, "--sigill", str(seal),
                       "--lösenord-fil", str(keys.password))
    assert code == 1
    assert re.search(r"fel: personnummer 19121212-\*\*\*\* i ett certifikat", out), out
    assert "Webbplatsen publicerades inte" in out
    assert site_files(built.root) == before
