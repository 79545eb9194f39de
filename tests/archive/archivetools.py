"""Helpers for the archive tests: a throwaway CA that signs PDFs, the offline XSD validation,
eark-validator in its own folder, and reading what a METS file lists."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = REPO / "src" / "protogen" / "archive" / "schemas"
EARK_DIR = REPO / ".cache" / "eark-validator"
METS_NS = "http://www.loc.gov/METS/"
XLINK_NS = "http://www.w3.org/1999/xlink"

# eark-validator 1.1.3 checks SIP14 as `@NOTETYPE = 'IDENTIFICATIONCODE'` (no namespace) on the
# note of every agent with ROLE="CREATOR", while CSIP15/16 require the software agent (also a
# CREATOR) to have exactly one note with csip:NOTETYPE="SOFTWARE VERSION", and the METS schema
# (anyAttribute namespace="##other") rejects an unqualified NOTETYPE, which the validator's own
# schema check then reports. No METS file can pass both; the E-ARK SIP 2.1 specification
# itself qualifies the attribute (csip:NOTETYPE). This one rule on that one element is the
# validator's error, so the tests allow exactly it and nothing else.
VALIDATOR_DEFECTS = {("SIP14", "agent")}


# --- a throwaway CA that signs PDFs -----------------------------------------------------------

def make_signer(name: str = "Bertil Berg"):  # type: ignore[no-untyped-def]
    """A pyHanko signer whose certificate a fresh, throwaway CA issued."""
    from asn1crypto import keys, x509
    from cryptography import x509 as cx509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    now = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = cx509.Name([cx509.NameAttribute(NameOID.COMMON_NAME, "Testkommunens test-CA")])
    ca_cert = (cx509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
               .public_key(ca_key.public_key()).serial_number(1)
               .not_valid_before(now).not_valid_after(now + dt.timedelta(days=3650 * 3))
               .add_extension(cx509.BasicConstraints(ca=True, path_length=None), critical=True)
               .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (cx509.CertificateBuilder()
            .subject_name(cx509.Name([cx509.NameAttribute(NameOID.COMMON_NAME, name)]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(2)
            .not_valid_before(now).not_valid_after(now + dt.timedelta(days=3650 * 3))
            .add_extension(cx509.KeyUsage(True, True, False, False, False, False, False, False,
                                          False), critical=True)
            .sign(ca_key, hashes.SHA256()))
    der = serialization.Encoding.DER
    signing_key = keys.PrivateKeyInfo.load(key.private_bytes(
        der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    signing_cert = x509.Certificate.load(cert.public_bytes(der))
    ca = x509.Certificate.load(ca_cert.public_bytes(der))
    return signers.SimpleSigner(signing_cert=signing_cert, signing_key=signing_key,
                                cert_registry=SimpleCertificateStore.from_certs([ca]))


def sign_pdf(data: bytes, field_names: list[str], signer_names: list[str]) -> bytes:
    """Sign the PDF once per field, each by its own person, as a justering does."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    for field_name, person in zip(field_names, signer_names, strict=True):
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        out = signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name=field_name),
                               signer=make_signer(person))
        data = out.getvalue()
    return data


# --- XML schemas, offline ---------------------------------------------------------------------

class LocalSchemas(etree.Resolver):
    """Resolve every schema location to the copies beside protogen; never the network."""

    def resolve(self, url, pubid, context):  # type: ignore[no-untyped-def]
        local = SCHEMAS / str(url).rsplit("/", 1)[-1]
        if local.is_file():
            return self.resolve_filename(str(local), context)
        raise AssertionError(f"no local copy of the schema {url}")


def _parser() -> etree.XMLParser:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(LocalSchemas())
    return parser


def mets_schema() -> etree.XMLSchema:
    wrapper = b"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:import namespace="http://www.loc.gov/METS/" schemaLocation="mets.xsd"/>
      <xs:import namespace="https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
                 schemaLocation="DILCISExtensionMETS.xsd"/>
      <xs:import namespace="https://DILCIS.eu/XML/METS/SIPExtensionMETS"
                 schemaLocation="DILCISExtensionSIPMETS.xsd"/>
    </xs:schema>"""
    return etree.XMLSchema(etree.fromstring(wrapper, _parser(), base_url=f"{SCHEMAS}/"))


def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name), _parser()))


def invalid(xsd: etree.XMLSchema, path: Path) -> list[str]:
    document = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
    if xsd.validate(document):
        return []
    return [f"{path}: {error.line}: {error.message}" for error in xsd.error_log]


# --- eark-validator, in its own folder --------------------------------------------------------

def eark_errors(package: Path) -> list[dict[str, str]]:
    """eark-validator's errors for a package folder or zip, except its one known defect."""
    assert (EARK_DIR / "eark_validator").is_dir(), (
        f"eark-validator is not installed in {EARK_DIR}; run bash scripts/setup.sh")
    env = {**os.environ, "PYTHONPATH": str(EARK_DIR)}
    run = subprocess.run([sys.executable, str(Path(__file__).with_name("earkcheck.py")), str(package)],
                         capture_output=True, text=True, env=env, timeout=300, check=False)
    assert run.stdout.strip(), run.stderr
    report = json.loads(run.stdout)
    return [e for e in report["errors"] if not _known_defect(e)]


def _known_defect(error: dict[str, str]) -> bool:
    # The one CREATOR agent of protogen's METS is the software agent (a test asserts that),
    # so every SIP14 is about its note.
    return any(error.get("id") == rule for rule, _ in VALIDATOR_DEFECTS)


# --- what a METS file lists -------------------------------------------------------------------

def listed_files(mets: Path) -> list[tuple[Path, int, str]]:
    """(file, size, SHA-256) of every file and metadata reference in a METS file."""
    document = etree.parse(str(mets))
    found = []
    for element in document.iter(f"{{{METS_NS}}}file", f"{{{METS_NS}}}mdRef"):
        if element.tag.endswith("file"):
            flocat = element.find(f"{{{METS_NS}}}FLocat")
            href = flocat.get(f"{{{XLINK_NS}}}href")
        else:
            href = element.get(f"{{{XLINK_NS}}}href")
        assert element.get("CHECKSUMTYPE") == "SHA-256"
        found.append((mets.parent / href, int(element.get("SIZE")), element.get("CHECKSUM")))
    return found


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
