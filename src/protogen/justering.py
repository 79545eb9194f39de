"""Justering: signing the protocol, importing one signed elsewhere, and verifying the record.

The signed original is a record, not a build output. It is kept beside the meeting's source,
at ``protokoll/<organ>/<möte>/signerat/protokoll.pdf``, to be committed to git; signed utdrag
go to ``signerat/utdrag/<§>.pdf``. This module is the only writer there (see
:func:`write_record`), and only of those paths.

- :func:`sign_meeting` signs the built protocol (or the signed file of the previous signer)
  with pyHanko: PAdES baseline B-B, B-T with a time-stamp authority, an incremental update
  into the empty field of the certificate holder's role, with a visible appearance in the
  package's own, embedded Noto Sans so that PDF/A-2 holds.
- :func:`import_signed` takes a PDF signed by a signing service, after checking that it is
  this meeting's protocol (the fingerprint) and that its signatures are intact.
- :func:`verify_meeting` is the one answer to "does this signed original verify": intact
  signatures that cover the document but for later signatures and form filling, the signers
  the meeting names, none missing, the fingerprint equal to the source's, and, when trust
  roots are given, certificates that chain to them.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from protogen.fingerprint import Fingerprint, Stamp, meeting_fingerprint, read_stamp
from protogen.location import SIGNED_DIR, SIGNED_PROTOCOL
from protogen.model import Meeting

SIGNED_EXTRACTS = f"{SIGNED_DIR}/utdrag"
MAX_PDF_BYTES = 200 * 1024 * 1024
ROLES = ("sekreterare", "ordförande", "justerare")
EXTRACT_FIELD = "utdragsbestyrkande"


class JusteringError(Exception):
    """Signing or importing was refused; the message is Swedish and says why."""


# --- who signs where --------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """A signature the protocol needs: the role, the person and the field of the PDF."""

    role: str  # sekreterare | ordförande | justerare
    name: str
    field: str  # sekreterare | ordforande | justerare-N

    @property
    def label(self) -> str:
        return f"{self.name}, {self.role}"


def slots(meeting: Meeting) -> list[Slot]:
    """Every signature the meeting's protocol needs, in the order of its signature lines."""
    found: list[Slot] = []
    if meeting.secretary is not None and meeting.secretary.name:
        found.append(Slot("sekreterare", meeting.secretary.name, "sekreterare"))
    if meeting.chair is not None and meeting.chair.name:
        found.append(Slot("ordförande", meeting.chair.name, "ordforande"))
    for number, ref in enumerate(meeting.adjusters, start=1):
        if ref.name:
            found.append(Slot("justerare", ref.name, f"justerare-{number}"))
    return found


def _normal_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def certificate_names(cert: Any) -> list[str]:
    """The names a certificate gives its holder: the CN, and given name + surname."""
    subject = cert.subject.native if hasattr(cert, "subject") else {}
    names: list[str] = []

    def text(value: Any) -> str:
        if isinstance(value, list | tuple):
            return " ".join(str(v) for v in value)
        return str(value) if value else ""

    if subject.get("common_name"):
        names.append(text(subject["common_name"]))
    given, surname = text(subject.get("given_name")), text(subject.get("surname"))
    if given and surname:
        names.append(f"{given} {surname}")
        if len(given.split()) > 1:  # "Anna Maria" Andersson signs as Anna Andersson too
            names.append(f"{given.split()[0]} {surname}")
    return [n for n in names if n.strip()]


def holder_name(cert: Any) -> str:
    names = certificate_names(cert)
    return names[0] if names else "okänd"


def matches(cert: Any, name: str) -> bool:
    wanted = _normal_name(name)
    return any(_normal_name(n) == wanted for n in certificate_names(cert))


def choose_slot(meeting: Meeting, cert: Any, role: str | None, signed: set[str]) -> Slot:
    """The field this certificate signs: by name, narrowed by `role`; refused in Swedish."""
    every = slots(meeting)
    if not every:
        raise JusteringError("sammanträdet anger ingen sekreterare, ordförande eller justerare")
    named = [s for s in every if matches(cert, s.name)]
    holder = holder_name(cert)
    if role is not None:
        if role not in ROLES:
            raise JusteringError(f"--roll ska vara sekreterare, ordförande eller justerare, inte {role}")
        in_role = [s for s in every if s.role == role]
        if not in_role:
            raise JusteringError(f"sammanträdet har ingen {role}")
        named_in_role = [s for s in in_role if s in named]
        candidates = named_in_role or ([s for s in in_role if s.field not in signed]
                                       if not named else [])
        if not candidates:
            people = ", ".join(s.label for s in in_role)
            raise JusteringError(
                f"certifikatet tillhör {holder}, som inte är {role} i sammanträdet ({people})")
    else:
        if not named:
            people = "; ".join(s.label for s in every)
            raise JusteringError(
                f"certifikatet tillhör {holder}, som inte är sekreterare, ordförande eller "
                f"justerare i sammanträdet ({people}); ange --roll om namnet skrivs på annat sätt")
        candidates = named
    unsigned = [s for s in candidates if s.field not in signed]
    if not unsigned:
        raise JusteringError(f"{candidates[0].label} har redan signerat protokollet")
    roles = {s.role for s in unsigned}
    if len(roles) > 1 and role is None:
        raise JusteringError(
            f"{holder} är både {' och '.join(sorted(roles))} i sammanträdet; ange vilken roll "
            "underskriften gäller med --roll")
    return unsigned[0]


# --- writing the record -------------------------------------------------------------------------


def record_path(meeting: Meeting, rel: str = SIGNED_PROTOCOL) -> Path:
    return meeting.folder / rel


def write_record(root: Path, meeting: Meeting, rel: str, data: bytes) -> Path:
    """Write a signed record atomically, and only into the meeting's own signerat/ folder.

    This is sign's one, narrow permission to write under protokoll/ (the build's writer,
    protogen.output, refuses it): exactly `signerat/protokoll.pdf` or
    `signerat/utdrag/<§>.pdf` of a meeting folder `protokoll/<organ>/<möte>` of this project,
    through real folders only (no symbolic link anywhere on the way)."""
    import os
    import stat
    import tempfile

    allowed = rel == SIGNED_PROTOCOL or (
        rel.startswith(SIGNED_EXTRACTS + "/") and rel.count("/") == 2 and rel.endswith(".pdf")
        and rel.rsplit("/", 1)[1].removesuffix(".pdf").isdigit())
    if not allowed:
        raise JusteringError(f"{rel} är ingen plats för ett signerat original")
    base = Path(os.path.abspath(root))
    folder = Path(os.path.abspath(meeting.folder))
    protocols = base / "protokoll"
    if folder.parent.parent != protocols:
        raise JusteringError(f"{folder} är ingen sammanträdesmapp i projektet")
    target = folder / rel
    step = base
    for part in target.relative_to(base).parts:
        step = step / part
        try:
            mode = os.lstat(step).st_mode
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(mode):
            raise JusteringError(f"{step.relative_to(base)} är en symbolisk länk; det signerade "
                                 "originalet skrivs inte genom länkar")
        if step != target and not stat.S_ISDIR(mode):
            raise JusteringError(f"{step.relative_to(base)} är ingen mapp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp",
                                   dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as err:
        raise JusteringError(f"{rel} kunde inte skrivas: {err.strerror}") from err
    return target


def read_pdf(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_PDF_BYTES:
            raise JusteringError(f"{path.name} är för stor ({size // (1024 * 1024)} MB)")
        return path.read_bytes()
    except OSError as err:
        raise JusteringError(f"{path} kunde inte läsas: {err.strerror}") from err


# --- reading a PDF ------------------------------------------------------------------------------


def pdf_stamp(data: bytes) -> Stamp | None:
    """The fingerprint values in a PDF's XMP packet (the document catalog's /Metadata)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        metadata = reader.root.get("/Metadata")
        if metadata is None:
            return None
        xmp = metadata.get_object().data
    except Exception:  # noqa: BLE001 - any unreadable PDF simply has no stamp
        return None
    return read_stamp(xmp)


# --- signing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Credentials:
    signer: Any  # pyhanko SimpleSigner
    cert: Any  # asn1crypto certificate


def load_credentials(pkcs12: Path, password_file: Path | None = None,
                     password: bytes | None = None) -> Credentials:
    """The key and certificate of a PKCS#12 file (password: first line of password_file,
    or `password`)."""
    from pyhanko.sign import signers

    try:
        data = pkcs12.read_bytes()
    except OSError as err:
        raise JusteringError(f"{pkcs12} kunde inte läsas: {err.strerror}") from err
    if password_file is not None:
        try:
            lines = password_file.read_bytes().splitlines()
        except OSError as err:
            raise JusteringError(f"{password_file} kunde inte läsas: {err.strerror}") from err
        password = lines[0] if lines else b""
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=password)
    except (ValueError, TypeError) as err:
        hint = "fel lösenord?" if password_file or password else "behövs --lösenord-fil?"
        raise JusteringError(f"{pkcs12} kunde inte öppnas som PKCS#12 ({hint})") from err
    if signer is None or signer.signing_cert is None:
        raise JusteringError(f"{pkcs12} innehåller ingen nyckel med certifikat")
    return Credentials(signer=signer, cert=signer.signing_cert)


def _stamp_style() -> Any:
    from pyhanko import stamp
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle

    from protogen.render.pdf import FONTS_DIR

    # Only an embedded font may appear in a PDF/A: the package's Noto Sans, as a subset.
    font = GlyphAccumulatorFactory(str(FONTS_DIR / "NotoSans-Regular.ttf"), font_size=9)
    return stamp.TextStampStyle(
        stamp_text="%(text)s", text_box_style=TextBoxStyle(font=font, font_size=9),
        border_width=0, background=None,
    )


def sign_pdf(data: bytes, field_name: str, credentials: Credentials, text: str | None,
             *, tsa: str | None = None, reason: str | None = None,
             new_field: bool = False) -> bytes:
    """Sign `data` into `field_name` (an incremental update); visible with `text` or invisible."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers, timestamps

    timestamper = timestamps.HTTPTimeStamper(tsa, timeout=30) if tsa else None
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason, signer_key_usage={"non_repudiation"} if _has_usage(
            credentials.cert, "non_repudiation") else {"digital_signature"},
    )
    spec = fields.SigFieldSpec(field_name) if new_field else None
    pdf_signer = signers.PdfSigner(meta, signer=credentials.signer, timestamper=timestamper,
                                   stamp_style=_stamp_style() if text else None,
                                   new_field_spec=spec)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        out = pdf_signer.sign_pdf(writer, appearance_text_params={"text": text} if text else None,
                                  existing_fields_only=not new_field)
    except Exception as err:  # noqa: BLE001 - pyHanko's errors become one Swedish line
        raise JusteringError(f"signeringen misslyckades ({type(err).__name__}: {err})") from err
    signed: bytes = out.getvalue()
    return signed


def _has_usage(cert: Any, usage: str) -> bool:
    try:
        return usage in (cert.key_usage_value.native if cert.key_usage_value else [])
    except Exception:  # noqa: BLE001
        return False


@dataclass
class SignResult:
    path: Path
    slot: Slot
    remaining: list[Slot]


def sign_meeting(root: Path, meeting: Meeting, credentials: Credentials, *,
                 role: str | None = None, tsa: str | None = None,
                 today: dt.date | None = None) -> SignResult:
    """Sign the meeting's protocol into the field of the certificate holder's role.

    The first signer signs the built protocol (build/<organ>/<möte>/protokoll.pdf) when it
    is built from the source as it is now, else the same protocol rendered afresh (rendering
    is reproducible: the same bytes build would write); each further signer signs the record
    the previous one produced. The caller makes sure the meeting's check has no fel."""
    from protogen.output import build_dir

    if meeting.status != "justerat":
        raise JusteringError(
            "sammanträdet har inte status: justerat; sätt status och justeringsdatum, bygg, "
            "och signera sedan")
    current = meeting_fingerprint(meeting)
    record = record_path(meeting)
    if record.exists():
        data = read_pdf(record)
        _require_current(pdf_stamp(data), current, f"{meeting.folder_name}/{SIGNED_PROTOCOL}",
                         root, meeting)
    else:
        assert meeting.organ is not None
        built = build_dir(root) / meeting.organ.id / meeting.folder_name / "protokoll.pdf"
        data = read_pdf(built) if built.is_file() else b""
        stamp = pdf_stamp(data) if data else None
        if stamp is None or stamp.digest != current.digest:
            data = render_protocol_pdf(root, meeting)
    signed = _signed_fields(data)
    slot = choose_slot(meeting, credentials.cert, role, signed)
    day = (today or dt.date.today()).isoformat()
    text = f"{holder_name(credentials.cert)}, {slot.role}, digitalt signerat {day}"
    result = sign_pdf(data, slot.field, credentials, text, tsa=tsa,
                      reason=f"Justering av protokollet, {slot.role}")
    path = write_record(root, meeting, SIGNED_PROTOCOL, result)
    remaining = [s for s in slots(meeting) if s.field not in signed | {slot.field}]
    return SignResult(path=path, slot=slot, remaining=remaining)


def render_protocol_pdf(root: Path, meeting: Meeting) -> bytes:
    """The meeting's protocol PDF as build makes it, rendered in memory."""
    from protogen.render import protokoll
    from protogen.render.base import RenderContext

    ctx = RenderContext(root=root)
    try:
        outputs = protokoll.render(meeting, ctx)
    except Exception as err:  # noqa: BLE001 - a render failure is a refusal, not a traceback
        raise JusteringError(f"protokollet kunde inte renderas ({type(err).__name__}: {err})") from err
    if ctx.problems:
        raise JusteringError("protokollet kunde inte renderas helt: " + "; ".join(ctx.problems))
    return next(o.data for o in outputs if o.path == protokoll.PDF)


def _rel(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _require_current(stamp: Stamp | None, current: Fingerprint, source: str, root: Path,
                     meeting: Meeting) -> None:
    if stamp is None:
        raise JusteringError(f"{source} saknar protogens Dokument-id; det är inte ett protokoll "
                             "som protogen har byggt")
    organ = meeting.organ.id if meeting.organ else ""
    if (stamp.organ, stamp.meeting) != (organ, meeting.folder_name):
        raise JusteringError(
            f"{source} är protokollet från {stamp.organ}/{stamp.meeting}, inte från "
            f"{organ}/{meeting.folder_name}")
    if stamp.digest != current.digest:
        changed = stamp.fingerprint.changes(current) if stamp.fingerprint else []
        what = f" (ändrat: {', '.join(changed)})" if changed else ""
        raise JusteringError(
            f"{source} byggdes från en annan version av sammanträdet{what}; "
            f"kör protogen build {_rel(root, meeting.folder)} och skicka det nya protokollet")


def _signed_fields(data: bytes) -> set[str]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        return {sig.field_name for sig in reader.embedded_signatures}
    except Exception as err:  # noqa: BLE001
        raise JusteringError(f"PDF-filen kunde inte läsas ({type(err).__name__})") from err


def import_signed(root: Path, meeting: Meeting, path: Path,
                  trust_roots: Sequence[Any] = ()) -> Verification:
    """Store a protocol signed elsewhere, once it is shown to be this meeting's protocol,
    built from the source as it is now, with intact signatures."""
    data = read_pdf(path)
    _require_current(pdf_stamp(data), meeting_fingerprint(meeting), path.name, root, meeting)
    result = verify_pdf(data, meeting, trust_roots=trust_roots)
    broken = [p for p in result.problems if not p.startswith("saknar underskrift")]
    if not result.signatures:
        raise JusteringError(f"{path.name} har inga underskrifter")
    if broken:
        raise JusteringError(f"{path.name}: " + "; ".join(broken))
    write_record(root, meeting, SIGNED_PROTOCOL, data)
    return result


def sign_extracts(root: Path, meeting: Meeting, credentials: Credentials, *,
                  tsa: str | None = None, today: dt.date | None = None) -> list[Path]:
    """Sign every built utdrag's utdragsbestyrkande with the sekreterare's certificate."""
    from protogen.output import build_dir

    if meeting.status != "justerat" or meeting.organ is None:
        raise JusteringError("utdrag finns bara för ett justerat sammanträde")
    secretary = meeting.secretary.name if meeting.secretary else None
    if not secretary:
        raise JusteringError("sammanträdet anger ingen sekreterare")
    if not matches(credentials.cert, secretary):
        raise JusteringError(f"utdragen bestyrks av sekreteraren {secretary}; certifikatet "
                             f"tillhör {holder_name(credentials.cert)}")
    folder = build_dir(root) / meeting.organ.id / meeting.folder_name / "utdrag"
    built = sorted((p for p in folder.glob("*.pdf") if p.stem.isdigit()), key=lambda p: int(p.stem)) \
        if folder.is_dir() else []
    if not built:
        raise JusteringError(f"inga utdrag är byggda; kör protogen build {_rel(root, meeting.folder)} först")
    current = meeting_fingerprint(meeting)
    numbers = {number for number, _ in current.items}
    day = (today or dt.date.today()).isoformat()
    text = f"{holder_name(credentials.cert)}, sekreterare, digitalt bestyrkt {day}"
    signed: list[Path] = []
    for pdf in built:
        if int(pdf.stem) not in numbers:
            continue
        data = sign_pdf(read_pdf(pdf), EXTRACT_FIELD, credentials, text, tsa=tsa,
                        reason="Utdragsbestyrkande")
        signed.append(write_record(root, meeting, f"{SIGNED_EXTRACTS}/{pdf.name}", data))
    return signed


# --- verifying ----------------------------------------------------------------------------------


@dataclass
class SignatureInfo:
    field: str
    signer: str  # the certificate holder's name
    slot: Slot | None
    time: dt.datetime | None
    intact: bool
    trusted: bool | None  # None when no trust roots were given
    modification: str  # none | form_filling | other…


@dataclass
class Verification:
    """What :func:`verify_meeting` found. `ok` when nothing is wrong."""

    path: Path | None
    signatures: list[SignatureInfo] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    fingerprint_matches: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def signed_by(self) -> list[SignatureInfo]:
        return [s for s in self.signatures if s.slot is not None]

    def summary(self) -> str:
        """One Swedish line: 'justerat digitalt av …, den …' or what is wrong."""
        if self.problems:
            return "; ".join(self.problems)
        return justering_text(self.signed_by, prefix="justerat digitalt", date_last=True)


def justering_text(signatures: Iterable[SignatureInfo], prefix: str = "Justerat digitalt",
                   *, date_last: bool = False) -> str:
    """'Justerat digitalt 2020-02-21 av Mikael Westin, justerare, och Susanne Hansson,
    ordförande' (the latest signing day), or with `date_last` '… av …, den 2020-02-21'."""
    order = {"sekreterare": 0, "ordförande": 1, "justerare": 2}
    signed = sorted((s for s in signatures if s.slot is not None),
                    key=lambda s: (order.get(s.slot.role, 3), s.slot.field) if s.slot else (3, ""))
    names = [f"{s.signer if s.slot is None else s.slot.name}, {s.slot.role}" for s in signed
             if s.slot is not None]
    days = [s.time.date() for s in signed if s.time is not None]
    when = f" {max(days).isoformat()}" if days else ""
    if not names:
        return prefix
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", och " + names[-1]
    if date_last:
        return f"{prefix} av {joined}" + (f", den{when}" if when else "")
    return f"{prefix}{when} av {joined}"


def verify_meeting(meeting: Meeting, trust_roots: Sequence[Any] = ()) -> Verification:
    """Does the meeting's signed original (signerat/protokoll.pdf) verify?

    `trust_roots` are certificates (asn1crypto, or PEM/DER bytes); with none, the chain of
    trust is not judged. Never raises for a bad file: every problem is a Swedish line in
    ``problems``."""
    path = record_path(meeting)
    if not path.is_file():
        return Verification(path=None, problems=[f"{SIGNED_PROTOCOL} saknas"])
    try:
        data = read_pdf(path)
    except JusteringError as err:
        return Verification(path=path, problems=[str(err)])
    result = verify_pdf(data, meeting, trust_roots=trust_roots)
    result.path = path
    return result


def verify_pdf(data: bytes, meeting: Meeting, trust_roots: Sequence[Any] = ()) -> Verification:
    result = Verification(path=None)
    stamp = pdf_stamp(data)
    current = meeting_fingerprint(meeting)
    if stamp is None:
        result.problems.append("protokollet saknar protogens Dokument-id")
    elif stamp.digest != current.digest:
        changed = stamp.fingerprint.changes(current) if stamp.fingerprint else []
        what = ", ".join(changed) if changed else "källan"
        result.problems.append(f"ändrat efter justering: {what} stämmer inte med det signerade "
                               "protokollet")
    else:
        result.fingerprint_matches = True
    try:
        infos = _check_signatures(data, meeting, trust_roots, result.problems)
    except Exception as err:  # noqa: BLE001 - a broken file is a finding, not a traceback
        result.problems.append(f"underskrifterna kunde inte läsas ({type(err).__name__}); "
                               "filen är skadad eller ändrad")
        return result
    result.signatures = infos
    covered = {s.slot.field for s in infos if s.slot is not None}
    for slot in slots(meeting):
        if slot.field not in covered:
            result.problems.append(f"saknar underskrift av {slot.label}")
    return result


def _trust_context(trust_roots: Sequence[Any]) -> Any:
    from asn1crypto import pem, x509
    from pyhanko_certvalidator import ValidationContext

    roots = []
    for root in trust_roots:
        if isinstance(root, bytes | bytearray):
            if pem.detect(root):
                for _, _, der in pem.unarmor(bytes(root), multiple=True):
                    roots.append(x509.Certificate.load(der))
            else:
                roots.append(x509.Certificate.load(bytes(root)))
        else:
            roots.append(root)
    return ValidationContext(trust_roots=roots, allow_fetching=False)


def _check_signatures(data: bytes, meeting: Meeting, trust_roots: Sequence[Any],
                      problems: list[str]) -> list[SignatureInfo]:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from protogen.pdfread import install

    install()
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    signatures = reader.embedded_signatures
    if not signatures:
        problems.append("protokollet har inga underskrifter")
        return []
    from pyhanko.sign.validation.settings import KeyUsageConstraints

    usage = KeyUsageConstraints(key_usage={"non_repudiation", "digital_signature"},
                                match_all_key_usages=False)
    by_field = {s.field: s for s in slots(meeting)}
    used: set[str] = set()
    infos: list[SignatureInfo] = []
    for sig in signatures:
        context = _trust_context(trust_roots) if trust_roots else ValidationContext(
            trust_roots=[], allow_fetching=False)
        # A certificate that states its key usage must allow signing; one that states none
        # (allowed by RFC 5280) is not refused for that.
        states_usage = getattr(sig.signer_cert, "key_usage_value", None) is not None
        status = validate_pdf_signature(sig, context,
                                        key_usage_settings=usage if states_usage else KeyUsageConstraints(
                                            key_usage=set()))
        cert = status.signing_cert
        signer = holder_name(cert)
        name = sig.field_name or "?"
        level = status.modification_level
        allowed = level is not None and level <= ModificationLevel.FORM_FILLING
        intact = bool(status.intact and status.valid)
        if not intact:
            problems.append(f"underskriften i fältet {name} ({signer}) är bruten: "
                            "dokumentet har ändrats efter underskriften")
        elif not allowed or status.docmdp_ok is False:
            problems.append(f"dokumentet har ändrats efter underskriften i fältet {name} "
                            f"({signer}) på ett sätt som inte är en senare underskrift")
        trusted = bool(status.trusted) if trust_roots else None
        if trusted is False:
            problems.append(f"certifikatet för {signer} (fältet {name}) leder inte till någon "
                            "betrodd rot")
        slot = _slot_for(name, cert, by_field, used, problems, signer) if intact else None
        if slot is not None:
            used.add(slot.field)
        when = status.timestamp_validity.timestamp if status.timestamp_validity else status.signer_reported_dt
        infos.append(SignatureInfo(field=name, signer=signer, slot=slot, time=when, intact=intact,
                                   trusted=trusted, modification=str(level.name.lower() if level else "okänd")))
    return infos


def _slot_for(name: str, cert: Any, by_field: dict[str, Slot], used: set[str],
              problems: list[str], signer: str) -> Slot | None:
    """The role an intact signature fills: its own field's, when the certificate holder is
    that field's person; else (a field a signing service added) the first unfilled role
    whose person the certificate names."""
    slot = by_field.get(name)
    if slot is not None:
        if matches(cert, slot.name) and slot.field not in used:
            return slot
        if not matches(cert, slot.name):
            problems.append(f"fältet {name} är signerat av {signer}, inte av {slot.label}")
        return None
    return next((s for s in by_field.values() if s.field not in used and matches(cert, s.name)),
                None)


def load_trust_roots(paths: Iterable[Path]) -> list[bytes]:
    roots: list[bytes] = []
    for path in paths:
        try:
            roots.append(path.read_bytes())
        except OSError as err:
            raise JusteringError(f"{path} kunde inte läsas: {err.strerror}") from err
    return roots
