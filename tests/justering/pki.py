"""A throwaway PKI for the justering tests: a CA, personal certificates and PKCS#12 files,
made with `cryptography` at test time (no key is ever stored in the repository)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

PASSWORD = b"hemligt-test"
_NOW = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
_LATER = dt.datetime(2040, 1, 1, tzinfo=dt.UTC)


@dataclass
class Authority:
    name: str
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def write_pem(self, path: Path) -> Path:
        path.write_bytes(self.pem)
        return path


def make_ca(name: str = "Testkommunens test-CA") -> Authority:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    cert = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(_NOW).not_valid_after(_LATER)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                     key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, key_cert_sign=True, crl_sign=True,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Authority(name, key, cert)


def make_person(ca: Authority, given: str, surname: str, tmp: Path, *,
                serial_number: str | None = None, common_name: str | None = None,
                password: bytes | None = PASSWORD, organization: str | None = None,
                rsa_key: bool = False, key_usage: bool = True) -> Path:
    """A PKCS#12 file for a person (or, with `organization`, an e-sigill); returns its path.
    `rsa_key` for RSA instead of EC; `key_usage=False` leaves the extension out."""
    from cryptography.hazmat.primitives.asymmetric import rsa

    key: Any = (rsa.generate_private_key(public_exponent=65537, key_size=2048) if rsa_key
                else ec.generate_private_key(ec.SECP256R1()))
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "SE")]
    if organization:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name or f"{given} {surname}"))
    if given:
        attributes.append(x509.NameAttribute(NameOID.GIVEN_NAME, given))
    if surname:
        attributes.append(x509.NameAttribute(NameOID.SURNAME, surname))
    if serial_number:
        attributes.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial_number))
    builder = (
        x509.CertificateBuilder().subject_name(x509.Name(attributes)).issuer_name(ca.cert.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(_NOW).not_valid_after(_LATER)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
                       critical=False)
    )
    if key_usage:
        builder = builder.add_extension(
            x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, key_cert_sign=False,
                          crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
    cert = builder.sign(ca.key, hashes.SHA256())
    encryption = (serialization.BestAvailableEncryption(password) if password
                  else serialization.NoEncryption())
    data = pkcs12.serialize_key_and_certificates(
        (common_name or f"{given} {surname}").encode(), key, cert, [ca.cert], encryption)
    path = tmp / f"{(common_name or given + '-' + surname).replace(' ', '-')}.p12"
    path.write_bytes(data)
    return path


def password_file(tmp: Path, password: bytes = PASSWORD) -> Path:
    path = tmp / "lösenord.txt"
    path.write_bytes(password + b"\n")
    return path


def make_tsa(ca: Authority):  # -> (asn1crypto certificate, asn1crypto private key)
    """A time-stamp authority's certificate and key, for pyHanko's DummyTimeStamper."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyHanko's dummy TSA: RSA only
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Testkommunens tidsstämpel")]))
        .issuer_name(ca.cert.subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(_NOW).not_valid_after(_LATER)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
                       critical=False)
        .sign(ca.key, hashes.SHA256())
    )
    der_key = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return (asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
            asn1_keys.PrivateKeyInfo.load(der_key))
