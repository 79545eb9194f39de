"""sign --importera (a protocol signed by a signing service) and sign --utdrag."""

from __future__ import annotations

import io
from pathlib import Path

from signing import PERSONNUMMER, Built, Keys
from test_sign_verify import RECORD, run, sign_all

from protogen.site.safety import scan_pdf_signatures


def sign_elsewhere(pdf: Path, p12: Path, keys: Keys, out: Path, field: str = "Signature1") -> Path:
    """What a signing service does: pyHanko directly, a field of its own, no protogen."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = signers.SimpleSigner.load_pkcs12(str(p12), passphrase=keys.password.read_bytes().strip())
    meta = signers.PdfSignatureMetadata(field_name=field, subfilter=fields.SigSeedSubFilter.PADES)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf.read_bytes()))
    result = signers.PdfSigner(meta, signer=signer, new_field_spec=fields.SigFieldSpec(field)).sign_pdf(writer)
    out.write_bytes(result.getvalue())
    return out


def built_pdf(built: Built, meeting: Path) -> Path:
    return built.root / "build" / "tn" / meeting.name / "protokoll.pdf"


def test_import_accepts_this_meetings_protocol_signed_elsewhere(built: Built, keys: Keys, monkeypatch, capsys,
                                                                  tmp_path: Path) -> None:
    first = sign_elsewhere(built_pdf(built, built.meeting), keys.secretary, keys, tmp_path / "1.pdf", "Signatur1")
    second = sign_elsewhere(first, keys.chair, keys, tmp_path / "2.pdf", "Signatur2")
    third = sign_elsewhere(second, keys.adjuster, keys, tmp_path / "3.pdf", "Signatur3")
    code, out, err = run(built.root, monkeypatch, capsys, "sign", "protokoll/tn/2024-03-13",
                         "--importera", str(third))
    assert code == 0, err
    assert "importerat" in out
    assert (built.meeting / RECORD).read_bytes() == third.read_bytes()
    code, out, _ = run(built.root, monkeypatch, capsys, "verify", "--betrodd", str(keys.ca_pem))
    assert code == 0, out


def test_import_refuses_another_meetings_protocol(built: Built, keys: Keys, monkeypatch, capsys,
                                                  tmp_path: Path) -> None:
    other = sign_elsewhere(built_pdf(built, built.other), keys.secretary, keys, tmp_path / "annat.pdf")
    code, _, err = run(built.root, monkeypatch, capsys, "sign", "protokoll/tn/2024-03-13",
                       "--importera", str(other))
    assert code == 1
    assert "är protokollet från tn/2024-04-17, inte från tn/2024-03-13" in err
    assert not (built.meeting / RECORD).exists()


def test_import_refuses_a_broken_signature(built: Built, keys: Keys, monkeypatch, capsys, tmp_path: Path) -> None:
    signed = sign_elsewhere(built_pdf(built, built.meeting), keys.secretary, keys, tmp_path / "1.pdf")
    data = bytearray(signed.read_bytes())
    at = data.index(b"/Contents", 2000) - 400
    data[at] = (data[at] + 1) % 256 or 1
    signed.write_bytes(bytes(data))
    code, _, err = run(built.root, monkeypatch, capsys, "sign", "protokoll/tn/2024-03-13",
                       "--importera", str(signed))
    assert code == 1
    assert not (built.meeting / RECORD).exists()


def test_import_refuses_a_pdf_without_signatures_or_stamp(built: Built, monkeypatch, capsys,
                                                        tmp_path: Path) -> None:
    code, _, err = run(built.root, monkeypatch, capsys, "sign", "protokoll/tn/2024-03-13",
                       "--importera", str(built_pdf(built, built.meeting)))
    assert code == 1 and "har inga underskrifter" in err
    plain = tmp_path / "annan.pdf"
    plain.write_bytes(b"%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    code, _, err = run(built.root, monkeypatch, capsys, "sign", "protokoll/tn/2024-03-13",
                       "--importera", str(plain))
    assert code == 1 and "saknar protogens Dokument-id" in err


def test_utdrag_are_certified_by_the_secretary(built: Built, keys: Keys, monkeypatch, capsys) -> None:
    code, out, err = run(built.root, monkeypatch, capsys, "sign", "protokoll/tn/2024-03-13", "--utdrag",
                         "--pkcs12", str(keys.secretary), "--lösenord-fil", str(keys.password))
    assert code == 0, err
    assert "2 utdrag bestyrkta" in out
    from pyhanko.pdf_utils.reader import PdfFileReader

    for number in (1, 2):
        path = built.meeting / "signerat" / "utdrag" / f"{number}.pdf"
        signatures = PdfFileReader(io.BytesIO(path.read_bytes())).embedded_signatures
        assert [s.field_name for s in signatures] == ["utdragsbestyrkande"]
    code, _, err = run(built.root, monkeypatch, capsys, "sign", "protokoll/tn/2024-03-13", "--utdrag",
                       "--pkcs12", str(keys.chair), "--lösenord-fil", str(keys.password))
    assert code == 1 and "bestyrks av sekreteraren" in err


def test_the_publish_scanner_finds_the_personnummer_in_a_signed_original(built: Built, keys: Keys,
                                                                         monkeypatch, capsys) -> None:
    record = sign_all(built, keys, monkeypatch, capsys)
    lines = scan_pdf_signatures({"protokoll.pdf": record.read_bytes()}, built.root)
    assert lines and all("personnummer 19121212-****" in line for line in lines), lines
    assert PERSONNUMMER not in " ".join(lines)


def test_the_publish_scanner_reads_the_xmp_packet() -> None:
    """A personnummer in a PDF's XMP (compressed, so no text scan of the raw bytes sees it)."""
    import pypdf
    from pypdf.generic import NameObject, StreamObject

    writer = pypdf.PdfWriter()
    writer.add_blank_page(100, 100)
    xmp = StreamObject()
    xmp.set_data(b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><dc:creator>19121212-1212</dc:creator>'
                 b"</rdf:RDF></x:xmpmeta>")
    xmp = xmp.flate_encode()
    writer._root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    out = io.BytesIO()
    writer.write(out)
    assert b"19121212" not in out.getvalue()
    lines = scan_pdf_signatures({"x.pdf": out.getvalue()}, Path("."))
    assert lines == ["build/site/x.pdf: fel: personnummer 19121212-**** i PDF-filens XMP-metadata "
                     "skulle bli offentligt på webbplatsen [personnummer]"]
