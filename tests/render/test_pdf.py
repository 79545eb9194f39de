"""The PDF stage: PDF/A-2a, tags, fonts, signature fields, reproducibility, a closed door.

The PDFs are read back with pypdf (and pyHanko for the signature fields); nothing here compares
bytes with a stored file, so a WeasyPrint upgrade that moves a byte does not break a test.
"""

from __future__ import annotations

import base64
import datetime as dt
import http.server
import io
import os
import shutil
import socket
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest
from pypdf.generic import BooleanObject, IndirectObject

from protogen.render import pdf as pdf_stage
from protogen.render.fetcher import make_url_fetcher
from protogen.render.pdf import (
    FONTS_DIR,
    RenderError,
    SignatureField,
    font_face_css,
    html_to_pdf,
)

TITLE = "Protokoll Gemensam nämnd 2020-02-14"
EPOCH = 1582243200  # 2020-02-21 00:00:00 UTC, the justering date

FIELDS = (
    SignatureField("sekreterare", "sig-sekreterare"),
    SignatureField("ordforande", "sig-ordforande"),
    SignatureField("justerare-1", "sig-justerare-1"),
)

CM_PT = 72 / 2.54
A4_HEIGHT_PT = 29.7 * CM_PT

# Three A4 pages. Page 2 starts with the sekreterare's box at the top-left corner of the
# page area (2 cm margins), 8 cm x 2 cm, so its field must be exactly there; the ordförande's
# box follows; the justerare's box is on page 3.
PROTOCOL = """<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>HTML-titeln som ska ersättas</title>
<style>
@page { size: A4; margin: 2cm;
        @bottom-right { content: "Sida " counter(page) " av " counter(pages) } }
body { margin: 0 }
.ny-sida { break-before: page }
.signature-box { box-sizing: border-box; width: 8cm; height: 2cm; margin: 0;
                 border-bottom: 1px solid black; break-inside: avoid }
th, td { border: 1px solid #888 }
</style></head>
<body>
<h1>Protokoll</h1>
<p>Gemensam nämnd för samverkan inom drift och service. Sammanträdesdatum 2020-02-14.</p>
<table><thead><tr><th>§</th><th>Ärende</th></tr></thead>
<tbody><tr><td>1</td><td>Öppnande av sammanträdet</td></tr>
<tr><td>2</td><td>Projekt Digital transformation – Bräcke, Krokom, Strömsund</td></tr></tbody>
</table>
<section class="ny-sida">
<div id="sig-sekreterare" class="signature-box" aria-label="Sekreterarens underskrift"></div>
<p>Sekreterare Jessica Hådel</p>
<div id="sig-ordforande" class="signature-box"><small>Ordförande Susanne Hansson</small></div>
</section>
<section class="ny-sida">
<h2>§ 2 Projekt Digital transformation</h2>
<p><em>Beslut:</em> <strong>Nämnden godkänner förslaget.</strong> Åsa, Örjan och Ängla.</p>
<div id="sig-justerare-1" class="signature-box"><small>Justerare Mikael Westin</small></div>
</section>
</body></html>
"""


def render(html: str, root: Path, **options: Any) -> bytes:
    arguments: dict[str, Any] = {
        "base_url": root,
        "project_root": root,
        "title": TITLE,
        "source_date_epoch": EPOCH,
    }
    arguments.update(options)
    return html_to_pdf(html, **arguments)


def read(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def catalog_of(reader: pypdf.PdfReader) -> Any:
    """The document catalog, typed loosely: pypdf's own types do not index cleanly."""
    return reader.trailer["/Root"]


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in read(pdf).pages)


def xmp_tree(reader: pypdf.PdfReader) -> ET.Element:
    stream = catalog_of(reader)["/Metadata"].get_object()
    return ET.fromstring(stream.get_data())


def xmp_value(tree: ET.Element, namespace: str, name: str) -> str | None:
    """An XMP property written either as an attribute or as an element of a Description."""
    key = f"{{{namespace}}}{name}"
    for description in tree.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description"):
        if key in description.attrib:
            return description.attrib[key]
        element = description.find(key)
        if element is not None:
            return "".join(element.itertext())
    return None


def signature_widgets(reader: pypdf.PdfReader) -> dict[str, tuple[int, Any]]:
    """Each signature widget on a page, by field name, with its page index."""
    found = {}
    for index, page in enumerate(reader.pages):
        for annotation in page.get("/Annots", []):
            widget = annotation.get_object()
            if widget.get("/FT") == "/Sig":
                found[str(widget["/T"])] = (index, widget)
    return found


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("projekt")


@pytest.fixture(scope="module")
def protocol_pdf(project: Path) -> bytes:
    return render(PROTOCOL, project, signature_fields=FIELDS, author="Jessica Hådel")


# --- content, metadata, PDF/A ---------------------------------------------------------------


def test_text_and_pages(protocol_pdf: bytes) -> None:
    reader = read(protocol_pdf)
    assert len(reader.pages) == 3
    text = text_of(protocol_pdf)
    assert "Protokoll" in text
    assert "Projekt Digital transformation – Bräcke, Krokom, Strömsund" in text
    assert "Åsa, Örjan och Ängla" in text
    assert "Sida 1 av 3" in text and "Sida 3 av 3" in text


def test_language_and_title(protocol_pdf: bytes) -> None:
    reader = read(protocol_pdf)
    catalog = catalog_of(reader)
    assert catalog["/Lang"] == "sv"
    assert reader.metadata is not None and reader.metadata.title == TITLE
    assert reader.metadata.author == "Jessica Hådel"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    tree = xmp_tree(reader)
    assert xmp_value(tree, "http://purl.org/dc/elements/1.1/", "title") == TITLE


def test_pdfa_2a_identification(protocol_pdf: bytes) -> None:
    reader = read(protocol_pdf)
    assert protocol_pdf.startswith(b"%PDF-1.7")
    tree = xmp_tree(reader)
    assert xmp_value(tree, "http://www.aiim.org/pdfa/ns/id/", "part") == "2"
    assert xmp_value(tree, "http://www.aiim.org/pdfa/ns/id/", "conformance") == "A"
    intents = catalog_of(reader)["/OutputIntents"]
    assert [intent.get_object()["/S"] for intent in intents] == ["/GTS_PDFA1"]
    assert not reader.is_encrypted


def test_qpdf_finds_no_structural_error(protocol_pdf: bytes, tmp_path: Path) -> None:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed")
    path = tmp_path / "protokoll.pdf"
    path.write_bytes(protocol_pdf)
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors found" in check.stdout


def test_tagged_structure(protocol_pdf: bytes) -> None:
    catalog = catalog_of(read(protocol_pdf))
    assert catalog["/MarkInfo"]["/Marked"] == BooleanObject(True)
    root = catalog["/StructTreeRoot"]
    kinds = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            node = node.get_object()
        if isinstance(node, dict):
            if "/S" in node:
                kinds.add(node["/S"])
            kids = node.get("/K", [])
            stack.extend(kids if isinstance(kids, list) else [kids])
    assert {"/Document", "/H1", "/H2", "/P", "/Table", "/TH", "/TD", "/Form"} <= kinds


def test_dates_come_from_source_date_epoch(protocol_pdf: bytes) -> None:
    reader = read(protocol_pdf)
    assert reader.metadata is not None
    expected = dt.datetime(2020, 2, 21, tzinfo=dt.UTC)
    assert reader.metadata.creation_date == expected
    assert reader.metadata.modification_date == expected
    assert xmp_value(xmp_tree(reader), "http://ns.adobe.com/xap/1.0/", "CreateDate") == (
        "2020-02-21T00:00:00Z"
    )


def test_environment_epoch_is_used_and_a_bad_one_refused(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = '<html lang="sv"><body><p>Anslag</p></body></html>'
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    reader = read(render(html, project, source_date_epoch=None))
    assert reader.metadata is not None
    assert reader.metadata.creation_date == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "igår")
    with pytest.raises(RenderError, match="SOURCE_DATE_EPOCH"):
        render(html, project, source_date_epoch=None)

    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    reader = read(render(html, project, source_date_epoch=None))
    assert reader.metadata is not None and reader.metadata.creation_date is None


# --- fonts ----------------------------------------------------------------------------------


def _fonts(reader: pypdf.PdfReader) -> dict[str, Any]:
    fonts = {}
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    return fonts


def test_every_font_is_embedded_and_ours(protocol_pdf: bytes) -> None:
    fonts = _fonts(read(protocol_pdf))
    # Regular, bold and italic are all used by the protocol.
    assert len(fonts) >= 3
    for name, font in fonts.items():
        descendants = font.get("/DescendantFonts", [font])
        for descendant in descendants:
            descriptor = descendant.get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor, f"{name} is not embedded"
        # The package's Noto Sans under FONT_FAMILY, never a system font.
        assert "Protogen-Sans" in name, name


def test_pdffonts_agrees(protocol_pdf: bytes, tmp_path: Path) -> None:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    path = tmp_path / "protokoll.pdf"
    path.write_bytes(protocol_pdf)
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert lines
    for line in lines:
        # columns: name type encoding emb sub uni object ID; "emb" is the 3rd from the right
        # of the fixed part, after the (multi-word) type and encoding.
        assert line.split()[-5] == "yes", line


def test_code_is_set_in_the_package_mono_font(project: Path) -> None:
    html = '<html lang="sv"><body><p>Dnr <code>GNS/8/2019</code></p></body></html>'
    names = _fonts(read(render(html, project)))
    assert any("Protogen-Mono" in name for name in names), names
    assert all("Protogen-" in name for name in names), names


def test_font_face_css_points_at_shipped_files() -> None:
    css = font_face_css()
    for file in ("NotoSans-Regular.ttf", "NotoSans-BoldItalic.ttf", "DejaVuSansMono.ttf"):
        assert (FONTS_DIR / file).is_file()
        assert (FONTS_DIR / file).as_uri() in css
    assert "Open Font License" in (FONTS_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "Bitstream" in (FONTS_DIR / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")


def test_fonts_a_document_declares_do_not_leak_into_the_next(tmp_path: Path) -> None:
    # The package's fonts are set up once per process; a template's own @font-face must not
    # stay behind for the next document, or its bytes would depend on the render order.
    shutil.copy(FONTS_DIR / "NotoSans-Bold.ttf", tmp_path / "egen.ttf")
    declares = """<html lang="sv"><head><style>
@font-face { font-family: Egen; src: url(egen.ttf) }
p { font-family: Egen }</style></head><body><p>Egen stil</p></body></html>"""
    uses_only = """<html lang="sv"><head><style>p { font-family: Egen, "Protogen Sans" }
</style></head><body><p>Egen stil</p></body></html>"""
    before = render(uses_only, tmp_path)
    assert any("Egen" in name for name in _fonts(read(render(declares, tmp_path))))
    after = render(uses_only, tmp_path)
    assert not any("Egen" in name for name in _fonts(read(after)))
    assert after == before


def test_a_title_is_required(project: Path) -> None:
    with pytest.raises(RenderError, match="titel"):
        render('<html lang="sv"><body><p>x</p></body></html>', project, title=" ")


# --- signature fields -----------------------------------------------------------------------


def test_one_empty_signature_field_per_anchor_on_its_page(protocol_pdf: bytes) -> None:
    reader = read(protocol_pdf)
    widgets = signature_widgets(reader)
    assert {name: page for name, (page, _) in widgets.items()} == {
        "sekreterare": 1,
        "ordforande": 1,
        "justerare-1": 2,
    }
    for name, (page_index, widget) in widgets.items():
        box = reader.pages[page_index].mediabox
        x1, y1, x2, y2 = (float(value) for value in widget["/Rect"])
        assert float(box.left) <= x1 < x2 <= float(box.right), name
        assert float(box.bottom) <= y1 < y2 <= float(box.top), name
        assert widget.get("/V") is None, f"{name} should be unsigned"
        assert widget["/F"] == 4, "printable, not hidden (PDF/A)"
        page_reference = reader.pages[page_index].indirect_reference
        assert page_reference is not None
        assert widget.raw_get("/P").idnum == page_reference.idnum
        appearance = widget["/AP"]
        assert list(appearance.keys()) == ["/N"]
        assert appearance["/N"].get_object().get_data() == b""


def test_field_covers_the_anchor_box_exactly(protocol_pdf: bytes) -> None:
    _, widget = signature_widgets(read(protocol_pdf))["sekreterare"]
    # The box is the first thing in page 2's area: 2 cm from the left and top edges,
    # 8 cm wide and 2 cm high (border-box sizing includes the signature line).
    expected = (2 * CM_PT, A4_HEIGHT_PT - 4 * CM_PT, 10 * CM_PT, A4_HEIGHT_PT - 2 * CM_PT)
    assert [float(value) for value in widget["/Rect"]] == pytest.approx(expected, abs=0.01)


def test_fields_are_in_the_acroform_and_the_structure(protocol_pdf: bytes) -> None:
    reader = read(protocol_pdf)
    form = catalog_of(reader)["/AcroForm"]
    assert [str(field.get_object()["/T"]) for field in form["/Fields"]] == [
        "sekreterare",
        "ordforande",
        "justerare-1",
    ]
    assert form["/SigFlags"] == 1
    assert "/NeedAppearances" not in form

    parent_tree = catalog_of(reader)["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    parents = dict(zip(parent_tree[::2], parent_tree[1::2], strict=True))
    widgets = signature_widgets(reader)
    for name, (_, widget) in widgets.items():
        element = parents[widget["/StructParent"]].get_object()
        assert element["/S"] == "/Form", name
        # Inside the anchor element's own structure element, where the line is read.
        assert element["/P"].get_object()["/S"] == "/Div", name
        # /K is the OBJR itself, not an array of one: where pyHanko's difference analysis
        # looks for a signature field, so that signing it counts as form filling.
        marked = element["/K"].get_object()
        assert marked["/Type"] == "/OBJR"
        assert marked["/Obj"].get_object()["/T"] == name


def test_readable_names(protocol_pdf: bytes) -> None:
    widgets = signature_widgets(read(protocol_pdf))
    readable = {name: str(widget["/TU"]) for name, (_, widget) in widgets.items()}
    assert readable == {
        "sekreterare": "Sekreterarens underskrift",  # aria-label
        "ordforande": "Ordförande Susanne Hansson",  # the element's text
        "justerare-1": "Justerare Mikael Westin",
    }


def test_pyhanko_sees_empty_signature_fields(protocol_pdf: bytes) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    reader = PdfFileReader(io.BytesIO(protocol_pdf))
    empty = [name for name, _, _ in enumerate_sig_fields(reader, filled_status=False)]
    assert empty == ["sekreterare", "ordforande", "justerare-1"]


def test_a_field_can_be_signed_with_pyhanko(protocol_pdf: bytes, tmp_path: Path) -> None:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import signers
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    signer = signers.SimpleSigner.load(*_self_signed_certificate(tmp_path))
    assert signer is not None
    writer = IncrementalPdfFileWriter(io.BytesIO(protocol_pdf))
    signed = signers.sign_pdf(
        writer,
        signers.PdfSignatureMetadata(field_name="sekreterare"),
        signer=signer,
        existing_fields_only=True,
    )
    reader = PdfFileReader(signed)
    (signature,) = reader.embedded_signatures
    assert signature.field_name == "sekreterare"
    trust = ValidationContext(trust_roots=[signer.signing_cert])
    status = validate_pdf_signature(signature, signer_validation_context=trust)
    assert status.intact and status.valid and status.trusted


def _self_signed_certificate(folder: Path) -> tuple[str, str]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Jessica Hådel")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = folder / "nyckel.pem", folder / "certifikat.pem"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return str(key_file), str(cert_file)


def test_fields_are_tagged_even_when_weasyprint_does_not_do_it(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Simulates a WeasyPrint whose tagger ignores box.widget_annotation: the finisher must
    # then put the field into the structure tree itself.
    monkeypatch.setattr(pdf_stage, "_hand_to_tagger", lambda box, widget: None)
    reader = read(render(PROTOCOL, project, signature_fields=FIELDS[:1]))
    (_, widget) = signature_widgets(reader)["sekreterare"]
    parent_tree = catalog_of(reader)["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    keys = list(parent_tree[::2])
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    element = dict(zip(keys, parent_tree[1::2], strict=True))[widget["/StructParent"]]
    element = element.get_object()
    assert element["/S"] == "/Form"
    assert element["/P"].get_object()["/S"] == "/Document"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ((SignatureField("sekreterare", "sig-saknas"),), 'id="sig-saknas"'),
        ((SignatureField("se.kreterare", "sig-sekreterare"),), "ogiltigt namn"),
        ((FIELDS[0], SignatureField("sekreterare", "sig-ordforande")), "två gånger"),
    ],
)
def test_bad_fields_are_refused(
    project: Path, fields: tuple[SignatureField, ...], message: str
) -> None:
    with pytest.raises(RenderError, match=message):
        render(PROTOCOL, project, signature_fields=fields)


def test_an_anchor_without_area_is_refused(project: Path) -> None:
    html = '<html lang="sv"><body><div id="tom"></div><p>Text</p></body></html>'
    with pytest.raises(RenderError, match="ingen yta"):
        render(html, project, signature_fields=[SignatureField("sekreterare", "tom")])


# --- reproducibility ------------------------------------------------------------------------


def test_same_input_same_bytes(project: Path, protocol_pdf: bytes) -> None:
    again = render(PROTOCOL, project, signature_fields=FIELDS, author="Jessica Hådel")
    assert again == protocol_pdf
    trailer_id: Any = read(again).trailer["/ID"]
    assert trailer_id[0] == trailer_id[1]


def test_same_bytes_in_another_process(project: Path, protocol_pdf: bytes) -> None:
    # Another process with another hash seed: nothing may depend on set or dict order
    # of str hashes, on the fontconfig cache of this process, or on the time.
    script = (
        "import sys; from pathlib import Path\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from test_pdf import render, PROTOCOL, FIELDS\n"
        "sys.stdout.buffer.write(render(PROTOCOL, Path(sys.argv[2]), "
        "signature_fields=FIELDS, author='Jessica Hådel'))\n"
    )
    environment = dict(os.environ, PYTHONHASHSEED="12345")
    environment.pop("SOURCE_DATE_EPOCH", None)
    output = subprocess.run(
        [sys.executable, "-c", script, str(Path(__file__).parent), str(project)],
        capture_output=True,
        check=True,
        env=environment,
        cwd=project,
    ).stdout
    assert output == protocol_pdf


def test_a_different_input_gives_different_bytes(project: Path, protocol_pdf: bytes) -> None:
    other = render(PROTOCOL.replace("Ängla", "Annika"), project, signature_fields=FIELDS)
    assert other != protocol_pdf
    assert read(other).trailer["/ID"] != read(protocol_pdf).trailer["/ID"]


# --- a document's <style>, parsed once per process -----------------------------------------


def _count_stylesheet_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import tinycss2

    parsed: list[str] = []
    original = tinycss2.parse_stylesheet

    def counting(css: str, *args: Any, **kwargs: Any) -> Any:
        parsed.append(css)
        return original(css, *args, **kwargs)

    monkeypatch.setattr(tinycss2, "parse_stylesheet", counting)
    return parsed


def test_a_style_seen_before_is_not_parsed_again_and_gives_the_same_bytes(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf_stage._sheet_memo.clear()
    parsed = _count_stylesheet_parses(monkeypatch)
    first = render(PROTOCOL, project, signature_fields=FIELDS, author="Jessica Hådel")
    changed = PROTOCOL.replace("Ängla", "Annika")  # another document, the same <style>
    second = render(changed, project, signature_fields=FIELDS, author="Jessica Hådel")
    assert sum(1 for css in parsed if ".signature-box" in css) == 1
    # The shared parse still gives the document its @page rules (size, "Sida X av N") and
    # its place in the cascade: the same bytes as a parse of its own.
    assert "Sida 3 av 3" in text_of(second) and len(read(second).pages) == 3
    pdf_stage._sheet_memo.clear()
    assert render(changed, project, signature_fields=FIELDS, author="Jessica Hådel") == second
    assert render(PROTOCOL, project, signature_fields=FIELDS, author="Jessica Hådel") == first


def test_the_shared_style_stays_an_author_stylesheet(project: Path) -> None:
    # The package's default font is a user stylesheet, `html { font-family: Protogen Sans }`.
    # The same selector in the document's <style> beats it only as an author rule (as a user
    # rule it would tie, and the defaults, which come later, would win): also when shared.
    html = """<html lang="sv"><head><style>html { font-family: "Protogen Mono" }</style></head>
<body><p>Dnr 8/2019</p></body></html>"""
    for _ in range(2):
        names = _fonts(read(render(html, project)))
        assert names and all("Protogen-Mono" in name for name in names), names


@pytest.mark.parametrize("at_import", ["@import", r"@\69mport"])  # the escape hides it from
def test_a_style_with_effects_outside_itself_is_parsed_in_every_document(  # a text search
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, at_import: str
) -> None:
    # An @import reads a file of the project: every render must read it (the PDF cache keys
    # on what was read) and see its current text.
    (tmp_path / "extra.css").write_text("p { color: #c00 }", encoding="utf-8")
    html = f"""<html lang="sv"><head><style>{at_import} url(extra.css); p {{ margin: 0 }}
</style></head><body><p>Text</p></body></html>"""
    pdf_stage._sheet_memo.clear()
    parsed = _count_stylesheet_parses(monkeypatch)
    for _ in range(2):
        read_files: list[Path] = []
        render(html, tmp_path, read=read_files)
        assert tmp_path / "extra.css" in [Path(p) for p in read_files]
    assert sum(1 for css in parsed if "extra.css" in css) >= 2


# --- the closed door: no network, no files outside the project -------------------------------


class _RecordingHandler(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        self.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(_PNG)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _one_red_pixel() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1, 1), (200, 0, 0)).save(buffer, "PNG")
    return buffer.getvalue()


_PNG = _one_red_pixel()


@pytest.fixture
def recording_server() -> Iterator[tuple[str, list[str]]]:
    requests: list[str] = []
    handler = type("Handler", (_RecordingHandler,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Records (and refuses) every outgoing connection made while rendering."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("tests: ingen nätverksanslutning får göras")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def test_the_server_answers_when_asked_directly(
    recording_server: tuple[str, list[str]],
) -> None:
    # Makes sure the server below would have seen a request, had one been made.
    import urllib.request

    url, requests = recording_server
    with urllib.request.urlopen(f"{url}/kontroll.png", timeout=5) as response:
        assert response.read() == _PNG
    assert requests == ["/kontroll.png"]


def test_nothing_outside_the_project_is_fetched(
    tmp_path: Path, recording_server: tuple[str, list[str]]
) -> None:
    url, requests = recording_server
    project = tmp_path / "projekt"
    meeting = project / "protokoll" / "gns" / "2020-02-14"
    meeting.mkdir(parents=True)
    (meeting / "underlag").mkdir()
    (meeting / "underlag" / "karta.png").write_bytes(_PNG)
    outside = tmp_path / "hemligt.png"
    outside.write_bytes(_PNG)
    (meeting / "underlag" / "genväg.png").symlink_to(outside)

    html = f"""<html lang="sv"><head>
<link rel="stylesheet" href="{url}/stil.css">
<style>
@import url("{url}/import.css");
@font-face {{ font-family: Fjärr; src: url("{url}/typsnitt.ttf") }}
body {{ background-image: url("{url}/bakgrund.png"); font-family: Fjärr, sans-serif }}
</style>
<script src="{url}/skript.js"></script>
<script>document.write("SKRIPTET KÖRDES");</script>
</head><body>
<p>Bilagor</p>
<img src="{url}/bild.png" alt="nätbild">
<img src="https://127.0.0.1:1/krypterad.png" alt="https">
<img src="ftp://127.0.0.1/fil.png" alt="ftp">
<img src="file:///etc/passwd" alt="systemfil">
<img src="file://annan-dator/delad/fil.png" alt="annan dator">
<img src="../../../../hemligt.png" alt="utanför">
<img src="underlag/genväg.png" alt="symbolisk länk ut">
<img src="underlag/karta.png" alt="karta">
<img src="data:image/png;base64,{base64.b64encode(_PNG).decode()}" alt="inbäddad">
<iframe src="{url}/ram.html"></iframe>
<object data="{url}/objekt.svg"></object>
</body></html>"""
    blocked: list[str] = []
    pdf = render(html, project, base_url=meeting, blocked=blocked)

    assert requests == [], "WeasyPrint must not reach the network"
    assert f"{url}/bild.png" in blocked
    assert f"{url}/bakgrund.png" in blocked
    assert f"{url}/stil.css" in blocked
    assert f"{url}/import.css" in blocked
    assert f"{url}/typsnitt.ttf" in blocked
    assert f"{url}/objekt.svg" in blocked
    assert "https://127.0.0.1:1/krypterad.png" in blocked
    assert "ftp://127.0.0.1/fil.png" in blocked
    assert "file:///etc/passwd" in blocked
    assert "file://annan-dator/delad/fil.png" in blocked
    assert outside.as_uri() in blocked
    assert any(blocked_url.endswith("/genv%C3%A4g.png") for blocked_url in blocked)
    assert not any("karta.png" in blocked_url for blocked_url in blocked)
    assert len(blocked) == len(set(blocked))

    # The two allowed images (the project's file and the data: URL) are in the PDF, the
    # refused ones are not; the script never ran.
    resources: Any = read(pdf).pages[0]["/Resources"]
    images = [
        x_object
        for x_object in resources["/XObject"].values()
        if x_object.get_object()["/Subtype"] == "/Image"
    ]
    assert len(images) == 2
    assert "SKRIPTET KÖRDES" not in text_of(pdf)
    assert "root:" not in text_of(pdf)


def test_no_socket_is_opened(tmp_path: Path, no_sockets: list[object]) -> None:
    html = """<html lang="sv"><head>
<link rel="stylesheet" href="http://example.invalid/stil.css"></head>
<body><img src="http://127.0.0.1:9/bild.png" alt="bild">
<img src="https://example.invalid/bild.png" alt="bild"><p>Text</p></body></html>"""
    blocked: list[str] = []
    render(html, tmp_path, blocked=blocked)
    assert no_sockets == []
    assert len(blocked) == 3


def test_refused_urls_raise_when_the_caller_keeps_no_list(tmp_path: Path) -> None:
    html = '<html lang="sv"><body><img src="file:///etc/passwd" alt="x"></body></html>'
    with pytest.raises(RenderError, match="file:///etc/passwd får inte hämtas"):
        render(html, tmp_path)


def test_fetcher_allows_only_files_inside_the_roots(tmp_path: Path) -> None:
    project, fonts, elsewhere = tmp_path / "p", tmp_path / "f", tmp_path / "x"
    for folder in (project, fonts, elsewhere):
        folder.mkdir()
    (project / "a.css").write_text("p { color: red }", encoding="utf-8")
    (fonts / "b.ttf").write_bytes(b"\0")
    (elsewhere / "c.png").write_bytes(_PNG)
    (project / "länk.png").symlink_to(elsewhere / "c.png")
    blocked: list[str] = []
    fetcher = make_url_fetcher(project, [fonts], blocked=blocked)

    response = fetcher((project / "a.css").as_uri())
    assert response.read() == b"p { color: red }" and response.content_type == "text/css"
    response.close()
    fetcher((fonts / "b.ttf").as_uri()).close()
    fetcher("data:text/plain;charset=utf-8,hej").close()
    assert fetcher.allowed_path("file://localhost" + str(project / "a.css")) is not None

    for url in (
        (elsewhere / "c.png").as_uri(),
        (project / "länk.png").as_uri(),
        (project / ".." / "x" / "c.png").as_uri(),
        "file://annan-dator" + str(project / "a.css"),
        "http://127.0.0.1/a.css",
        "javascript:alert(1)",
    ):
        with pytest.raises(ValueError, match="får inte hämtas"):
            fetcher(url)
    assert len(blocked) == 6


# --- every object serialized once -----------------------------------------------------------


def test_serializing_once_gives_the_same_bytes(
    project: Path, protocol_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pydyf as it comes, serializing (and compressing) every object twice, writes the same file.
    monkeypatch.setattr(pdf_stage, "_serialize_once", lambda pdf: None)
    assert render(PROTOCOL, project, signature_fields=FIELDS, author="Jessica Hådel") == (
        protocol_pdf
    )


def test_every_stream_is_compressed_once(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pydyf

    # The installed pydyf is one the serialization was checked against (a new release must be
    # checked again, and added to SERIALIZE_ONCE, to keep the saving).
    assert pdf_stage.SERIALIZE_ONCE
    made: dict[int, int] = {}
    original = pydyf.Stream.data

    def counting(stream: Any) -> bytes:
        if stream.extra.get("Type") not in ("/ObjStm", "/XRef"):  # pydyf's own, made in write
            made[id(stream)] = made.get(id(stream), 0) + 1
        data: bytes = original.fget(stream)
        return data

    monkeypatch.setattr(pydyf.Stream, "data", property(counting))
    render(PROTOCOL, project, signature_fields=FIELDS)
    assert made and set(made.values()) == {1}, sorted(made.values())
