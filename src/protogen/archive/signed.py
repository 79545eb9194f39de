"""The signed original of a meeting's protocol: `signerat/protokoll.pdf`, verified with pyHanko.

An archive takes a signed original only when every signature in it is intact and
cryptographically valid and nothing was changed after the last signature beyond what a
signature allows (form filling and further signatures). Whether a signer's certificate chains
to a trusted root is recorded, not required: the archive keeps the original either way, and
says so in PREMIS.

When `protogen.justering` (issue 11) offers `verify_meeting`, that is used instead.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from protogen.model import Meeting

SIGNED_DIR = "signerat"


@dataclass(frozen=True)
class Signature:
    """One signature of a signed original."""

    signer: str  # the certificate's common name (or the whole subject)
    time: dt.datetime | None  # the time the signer's software reported, UTC
    field: str  # the PDF signature field, e.g. "justerare-1"
    trusted: bool  # the certificate chains to a trusted root


@dataclass
class Verification:
    ok: bool
    signatures: list[Signature] = field(default_factory=list)
    problem: str = ""  # Swedish, when not ok


def signed_path(meeting_folder: Path, document: str = "protokoll.pdf") -> Path:
    return meeting_folder / SIGNED_DIR / document


def verify_pdf(data: bytes, trust_roots: list[bytes] | None = None) -> Verification:
    """Verify every signature of a signed PDF (bytes); never raises."""
    _quiet()
    try:
        return _verify(data, trust_roots or [])
    except Exception as err:  # noqa: BLE001 - a broken file is a finding, not a traceback
        return Verification(False, problem=f"filen kunde inte läsas som en signerad PDF ({err})")


def _quiet() -> None:
    for name in ("pyhanko", "pyhanko_certvalidator"):  # they log tracebacks for what we report
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _verify(data: bytes, trust_roots: list[bytes]) -> Verification:
    from asn1crypto import x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    embedded = reader.embedded_signatures
    if not embedded:
        return Verification(False, problem="filen har ingen digital signatur")
    roots = [x509.Certificate.load(_der(root)) for root in trust_roots]
    signatures: list[Signature] = []
    for sig in embedded:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        try:
            status = validate_pdf_signature(sig, context)
        except SignatureValidationError as err:
            return Verification(False, problem=f"signaturen {sig.field_name} kunde inte "
                                               f"kontrolleras ({err})")
        if not status.intact:
            return Verification(False, problem=f"signaturen {sig.field_name} stämmer inte: "
                                               "dokumentet har ändrats efter signeringen")
        if not status.valid:
            return Verification(False, problem=f"signaturen {sig.field_name} är ogiltig")
        if (status.docmdp_ok is False or not _covered(status)) \
                and not _only_later_signatures(reader, status):
            return Verification(False, problem=f"dokumentet har ändrats efter signaturen "
                                               f"{sig.field_name} på ett sätt som den inte tillåter")
        when = status.signer_reported_dt
        signatures.append(Signature(
            signer=_common_name(status.signing_cert),
            time=when.astimezone(dt.UTC) if when else None,
            field=sig.field_name or "",
            trusted=bool(status.trusted),
        ))
    return Verification(True, signatures)


_REFERENCE = re.compile(r"Reference\(idnum=(\d+), generation=(\d+)\)")


def _only_later_signatures(reader: Any, status: Any) -> bool:
    """True when all pyHanko could not explain after a signature is the signing of later
    signature fields. In a tagged PDF (PDF/A-2a) a signature widget is also referenced from
    the structure tree, and pyHanko's diff policy then calls the next signer's filling of the
    field an unexplained change. Any other object changed after the signature (page content,
    text, the catalog beyond the form) still fails."""
    from pyhanko.pdf_utils import generic

    text = str(getattr(status, "diff_result", "") or "")
    if "unexplained xrefs" not in text:
        return False
    refs = _REFERENCE.findall(text)
    if not refs:
        return False
    for idnum, generation in refs:
        obj = reader.get_object(generic.Reference(int(idnum), int(generation), reader))
        if not isinstance(obj, generic.DictionaryObject) or obj.get("/FT") != "/Sig" \
                or obj.get("/Subtype") != "/Widget":
            return False
    return True


def _covered(status: object) -> bool:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    coverage = getattr(status, "coverage", None)
    if coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    level = getattr(status, "modification_level", None)
    return coverage == SignatureCoverageLevel.ENTIRE_REVISION and level is not None \
        and level <= ModificationLevel.FORM_FILLING


def _common_name(cert: object) -> str:
    subject = getattr(cert, "subject", None)
    if subject is None:
        return "okänd"
    names = subject.native
    return str(names.get("common_name") or subject.human_friendly)


def _der(data: bytes) -> bytes:
    if data.lstrip().startswith(b"-----BEGIN"):
        from asn1crypto import pem

        _, _, der = pem.unarmor(data)
        return der
    return data


def verify_original(meeting: Meeting, trust_roots: list[bytes] | None = None) -> Verification | None:
    """The verification of a meeting's signed original, or None when there is none.

    `protogen.justering.verify_meeting` (issue 11: signers, fingerprint, integrity) decides
    when it is there; until then, the integrity check of this module."""
    path = signed_path(meeting.folder)
    if not path.is_file() and not path.is_symlink():
        return None
    if path.is_symlink():
        return Verification(False, problem=f"{SIGNED_DIR}/{path.name} är en symbolisk länk")
    try:
        from protogen.justering import verify_meeting  # type: ignore[attr-defined]
    except ImportError:
        return verify_file(path, trust_roots)
    _quiet()
    try:
        result = verify_meeting(meeting, trust_roots=trust_roots or ())
    except Exception as err:  # noqa: BLE001 - a broken file is a finding, not a traceback
        return Verification(False, problem=f"kunde inte kontrolleras ({type(err).__name__}: {err})")
    if not result.ok:
        return Verification(False, problem=result.summary())
    return Verification(True, [
        Signature(signer=s.signer, time=s.time.astimezone(dt.UTC) if s.time else None,
                  field=s.field, trusted=bool(s.trusted))
        for s in result.signatures
    ])


def verify_file(path: Path, trust_roots: list[bytes] | None = None) -> Verification:
    """The integrity of one signed PDF (a protocol, a signed utdrag)."""
    if path.is_symlink():
        return Verification(False, problem=f"{path.name} är en symbolisk länk")
    try:
        data = path.read_bytes()
    except OSError as err:
        return Verification(False, problem=f"{path.name} kunde inte läsas ({err.strerror})")
    result = verify_pdf(data, trust_roots)
    if result.ok and trust_roots and not all(s.trusted for s in result.signatures):
        return Verification(False, problem="ett certifikat leder inte till någon betrodd rot")
    return result
