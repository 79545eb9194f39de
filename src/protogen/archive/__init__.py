"""`protogen archive`: e-archive packages (FGS Paketstruktur 2.0 = E-ARK CSIP 2.1 + SIP 2.1).

One SIP per board and calendar year, of the justerade meetings only:

    <board>-<year>/
      METS.xml                              the package METS (CSIP profile, SIP)
      representations/rep1/METS.xml         the documents: the signed original of the protocol
      representations/rep1/data/<möte>/…    (else the PDF/A), kallelse with handlingar, anslag, utdrag
      representations/rep2/METS.xml         the sources as written: a protogen project folder
      representations/rep2/data/protokoll/<board>/…   (organ.yaml, sammanträde.yaml, §-files, underlag)
      metadata/descriptive/<möte>.xml       one record per meeting (schemas/protogen-sammantrade-1.xsd)
      metadata/preservation/premis.xml      objects with fixity, events, agents (PREMIS 3)
      documentation/                        the board's register as of each meeting, protogen and its rules
      schemas/                              every XML schema the package uses

The package is assembled in memory, checked (the public variant for secret words), and only
then written: into a fresh folder swapped in for the old one, or into one zip file. Dates come
from the sources (or SOURCE_DATE_EPOCH), entries are sorted, and the zip's timestamps are
fixed, so an unchanged input gives a byte-identical package.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TextIO

from protogen import __version__
from protogen.archive.contents import (
    LeftOut,
    MeetingContent,
    board_sources,
    gather,
    meeting_day,
    mime_of,
)
from protogen.archive.xml import (
    FileEntry,
    PackageMets,
    PremisAgent,
    PremisEvent,
    PremisObject,
    Record,
    RecordItem,
    RecordSignature,
    package_mets,
    premis_xml,
    record_xml,
    representation_mets,
)
from protogen.checker import CheckResult, check_project
from protogen.findings import Level
from protogen.law.dates import build_epoch
from protogen.model import Meeting, Organ
from protogen.output import OutputError, build_dir, write_atomic
from protogen.plural import plural
from protogen.public import is_secret
from protogen.view import SECRET_TITLE

ARCHIVE_DIR = "arkiv"
EXIT_OK, EXIT_FEL = 0, 1
SCHEMA_FILES = ("DILCISExtensionMETS.xsd", "DILCISExtensionSIPMETS.xsd", "mets.xsd", "premis.xsd",
                "protogen-sammantrade-1.xsd", "xlink.xsd")
REP_DOCUMENTS, REP_SOURCES = "rep1", "rep2"


@dataclass
class Options:
    dest: Path | None = None  # --till (default build/arkiv/)
    zip: bool = False
    meeting: str | None = None  # --sammanträde: a meeting folder's name or path
    public: bool = False  # --offentlig
    trust_roots: list[bytes] = field(default_factory=list)  # --betrodd: certificates (PEM/DER)


@dataclass
class Report:
    left_out: list[str] = field(default_factory=list)
    packages: list[Path] = field(default_factory=list)
    meetings: int = 0
    failed: list[str] = field(default_factory=list)


def archive(root: Path, target: Path | None, options: Options, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    report = Report()
    dest = options.dest or build_dir(root) / ARCHIVE_DIR
    try:
        _guard(root, dest)
    except OutputError as err:
        report.failed.append(str(err))
        return _print_report(out, root, dest, report)
    result = check_project(root, target)
    meetings = _selected(result, target, options, report)
    single = options.meeting is not None or (
        target is not None and any(m.folder.resolve() == target.resolve() for m in meetings))
    groups: dict[tuple[str, str], list[MeetingContent]] = {}
    for meeting in meetings:
        rel = result.rel(meeting.folder)
        if meeting.status != "justerat":
            report.left_out.append(f"{rel}: utelämnas, sammanträdet är inte justerat "
                                   f"(status {meeting.status or 'saknas'})")
            continue
        if not meeting.loaded or result.meeting_has_fel(meeting):
            lines = [f"  {f.format()}" for f in result.meeting_findings(meeting, Level.FEL)]
            report.left_out.append("\n".join([f"{rel}: utelämnas, kontrollen hittade fel:", *lines]))
            continue
        if meeting.adjustment is None or meeting.adjustment.date is None:
            report.left_out.append(f"{rel}: utelämnas, justeringsdatum saknas")
            continue
        try:
            content = gather(meeting, root, public=options.public, trust_roots=options.trust_roots)
        except LeftOut as err:
            report.left_out.append(f"{rel}: utelämnas, {err}")
            continue
        assert meeting.organ is not None
        key = _package_name(meeting, options, single)
        groups.setdefault((meeting.organ.id, key), []).append(content)
    for (_, name), contents in sorted(groups.items()):
        try:
            files = assemble(name, contents, result, options.public)
            report.packages.append(write_package(root, dest, name, files, options.zip))
            report.meetings += len(contents)
        except (OutputError, OSError) as err:
            report.failed.append(f"{name}: paketet kunde inte skrivas ({err})")
        except LeakError as err:
            report.failed.append(f"{name}: paketet skrevs inte: {err}")
    return _print_report(out, root, dest, report)


def _selected(result: CheckResult, target: Path | None, options: Options, report: Report) -> list[Meeting]:
    from protogen.build import meetings_in_scope

    meetings = meetings_in_scope(result, target)
    if options.meeting is None:
        return meetings
    wanted = options.meeting.rstrip("/")
    chosen = [m for m in meetings
              if m.folder_name == wanted or result.rel(m.folder) == wanted
              or str(m.folder) == wanted or m.folder.resolve() == Path(wanted).resolve()]
    if not chosen:
        report.failed.append(f"inget sammanträde {options.meeting} finns under "
                             f"{result.rel(target) if target else 'protokoll'}/")
    elif len(chosen) > 1:
        boards = ", ".join(result.rel(m.folder) for m in chosen)
        report.failed.append(f"sammanträdet {options.meeting} finns hos flera nämnder ({boards}); "
                             "ange nämndens mapp som SÖKVÄG")
        return []
    return chosen


def _package_name(meeting: Meeting, options: Options, single: bool) -> str:
    """<organ>-<year>; <organ>-<meeting folder> for one meeting (so that archiving one meeting
    never replaces the package of its whole year)."""
    assert meeting.organ is not None
    base = f"{meeting.organ.id}-{meeting.folder_name if single else meeting_day(meeting).year}"
    return f"{base}-offentlig" if options.public else base


def _print_report(out: TextIO, root: Path, dest: Path, report: Report) -> int:
    for line in report.left_out:
        out.write(line + "\n")
    for line in report.failed:
        out.write(f"fel: {line}\n")
    try:
        shown = dest.relative_to(root).as_posix()
    except ValueError:
        shown = str(dest)
    meetings = plural(report.meetings, "sammanträde", "sammanträden")
    out.write(f"Arkiverat: {meetings} i {len(report.packages)} paket i "
              f"{shown}/. Utelämnade: {len(report.left_out)}.\n")
    return EXIT_FEL if report.left_out or report.failed else EXIT_OK


# --- assembling one package -----------------------------------------------------------------

class LeakError(Exception):
    """The public variant would hold something secret; the message is Swedish."""


def package_moment(contents: list[MeetingContent]) -> dt.datetime:
    """The package's date: the last justering among its meetings (or SOURCE_DATE_EPOCH)."""
    last = max(c.meeting.adjustment.date for c in contents if c.meeting.adjustment
               and c.meeting.adjustment.date)
    return dt.datetime.fromtimestamp(build_epoch(last), dt.UTC)


def meeting_moment(meeting: Meeting) -> dt.datetime:
    from protogen.render.base import source_date_epoch

    return dt.datetime.fromtimestamp(source_date_epoch(meeting), dt.UTC)


def assemble(name: str, contents: list[MeetingContent], result: CheckResult,
             public: bool) -> dict[str, bytes]:
    """Every file of the package, path → bytes (paths relative to the package folder)."""
    contents = sorted(contents, key=lambda c: (meeting_day(c.meeting), c.meeting.folder_name))
    organ = contents[0].meeting.organ
    assert organ is not None
    root = result.project.root
    created = package_moment(contents)
    files: dict[str, bytes] = {}
    entries: dict[str, FileEntry] = {}

    def add(path: str, data: bytes, moment: dt.datetime) -> FileEntry:
        files[path] = data
        entries[path] = FileEntry.of(path, data, mime_of(path), moment)
        return entries[path]

    # rep1: the documents; rep2: the sources as a protogen project folder.
    rep_data: dict[str, list[FileEntry]] = {REP_DOCUMENTS: [], REP_SOURCES: []}
    sources: dict[str, tuple[bytes, dt.datetime]] = {}
    for content in contents:
        moment = meeting_moment(content.meeting)
        for document in content.documents:
            entry = add(f"representations/{REP_DOCUMENTS}/data/{document.path}", document.data, moment)
            rep_data[REP_DOCUMENTS].append(entry)
        for path, data in content.sources.items():
            sources[path] = (data, moment)
        for path, data in board_sources(content.meeting, root).items():
            sources[path] = (data, created)  # the board's files as of this package
    for path, (data, moment) in sorted(sources.items()):
        rep_data[REP_SOURCES].append(add(f"representations/{REP_SOURCES}/data/{path}", data, moment))

    label = f"{organ.name} – protokoll {name.split('-', 1)[1]}"
    representations = []
    for rep, title in ((REP_DOCUMENTS, "handlingar (PDF/A)"), (REP_SOURCES, "källfiler")):
        if not rep_data[rep]:
            continue
        prefix = f"representations/{rep}/"
        relative = [FileEntry(e.path.removeprefix(prefix), e.size, e.sha256, e.mime, e.created)
                    for e in sorted(rep_data[rep], key=lambda e: e.path)]
        mets = representation_mets(rep, f"{label}: {title}", created, organ.host, organ.name, relative)
        representations.append((rep, add(f"{prefix}METS.xml", mets, created)))

    records = []
    for content in contents:
        record = record_xml(make_record(content, public))
        records.append(add(f"metadata/descriptive/{content.meeting.folder_name}.xml", record, created))
    documentation = [add(path, data, created) for path, data in
                     sorted(documentation_files(organ, contents, public).items())]
    schemas = [add(f"schemas/{schema}", schema_bytes(schema), created) for schema in SCHEMA_FILES]
    premis = add("metadata/preservation/premis.xml",
                 make_premis(contents, rep_data, created, public), created)
    files["METS.xml"] = package_mets(PackageMets(
        objid=name, label=label, created=created, archivist=organ.host, creator=organ.name,
        records=records, premis=premis, documentation=documentation, schemas=schemas,
        representations=representations,
    ))
    if public:
        check_public(files, contents)
    return files


def schema_bytes(name: str) -> bytes:
    return resources.files("protogen.archive").joinpath("schemas", name).read_bytes()


def _package_path(content: MeetingContent, rel: str) -> str:
    return f"representations/{REP_DOCUMENTS}/data/{content.meeting.folder_name}/{rel}"


def make_record(content: MeetingContent, public: bool) -> Record:
    meeting = content.meeting
    organ = meeting.organ
    assert organ is not None and meeting.adjustment is not None and meeting.adjustment.date
    from protogen.law.anslag import protocol_notice

    in_package = {d.path for d in content.documents}
    # The public variant shows what the public view shows: an item it hides by its heading.
    shown = {i.position: i for i in content.view.items} if public and content.view else {}
    items = []
    for item in meeting.items:
        number = item.shown_number
        extract = f"{meeting.folder_name}/utdrag/{number}.pdf"
        source = f"protokoll/{organ.id}/{meeting.folder_name}/{item.file.name}"
        neutral = shown.get(item.position)
        hidden = public and (neutral is None or neutral.secret)  # fail closed
        items.append(RecordItem(
            number=number,
            title=(neutral.title if neutral else "") if hidden else (item.title or ""),
            dnr=None if hidden else item.dnr,
            kind=None if hidden else item.kind,
            secrecy=item.secrecy,
            immediately_adjusted=item.immediately_adjusted,
            source=f"representations/{REP_SOURCES}/data/{source}" if source in content.sources else None,
            extract=_package_path(content, f"utdrag/{number}.pdf") if extract in in_package else None,
        ))
    notice = protocol_notice(meeting)
    return Record(
        id=f"m-{organ.id}-{meeting.folder_name}",
        variant="offentlig" if public else "fullstandig",
        organ_id=organ.id, organ_name=organ.name, short_name=organ.short_name, host=organ.host,
        archive_place=organ.archive_place,
        folder=f"protokoll/{organ.id}/{meeting.folder_name}",
        date=meeting_day(meeting), time=meeting.time, place=meeting.place,
        chair=meeting.chair.name if meeting.chair else None,
        secretary=meeting.secretary.name if meeting.secretary else None,
        adjusters=[r.name for r in meeting.adjusters],
        adjusted=meeting.adjustment.date, adjusted_time=meeting.adjustment.time,
        adjusted_place=meeting.adjustment.place,
        posted=notice.posted if notice else None,
        taken_down=notice.taken_down if notice else None,
        items=items,
        signatures=[RecordSignature(s.signer, s.time, s.field) for s in content.signatures],
        documents=[(d.kind, f"representations/{REP_DOCUMENTS}/data/{d.path}", d.signed)
                   for d in content.documents],
    )


FORMATS = {
    "application/pdf": ("Acrobat PDF/A - Portable Document Format", "2a", "fmt/476"),
    "application/yaml": ("YAML", "1.2", None),
    "text/markdown": ("Markdown", None, "fmt/1149"),
    "image/png": ("Portable Network Graphics", None, None),
    "image/jpeg": ("JPEG", None, None),
}


def _premis_object(entry: FileEntry, signed: bool) -> PremisObject:
    name, version, key = FORMATS.get(entry.mime, (entry.mime, None, None))
    rendered = entry.path.startswith(f"representations/{REP_DOCUMENTS}/")
    if entry.mime == "application/pdf" and (signed or not rendered):
        return PremisObject(entry, "Portable Document Format")  # not made by protogen: no claim
    return PremisObject(entry, name, version, key)


def make_premis(contents: list[MeetingContent], rep_data: dict[str, list[FileEntry]],
                created: dt.datetime, public: bool) -> bytes:
    signed_paths = {f"representations/{REP_DOCUMENTS}/data/{d.path}"
                    for c in contents for d in c.documents if d.signed}
    objects = [_premis_object(e, e.path in signed_paths)
               for rep in (REP_DOCUMENTS, REP_SOURCES) for e in sorted(rep_data[rep], key=lambda e: e.path)]
    agents: dict[str, PremisAgent] = {
        "agent-protogen": PremisAgent("agent-protogen", "protogen", "software", __version__),
    }
    events: list[PremisEvent] = []

    def person(name: str, note: str) -> str:
        agent_id = f"agent-person-{_slug(name)}"
        agents.setdefault(agent_id, PremisAgent(agent_id, name, "person", note=note))
        return agent_id

    for content in contents:
        meeting = content.meeting
        organ = meeting.organ
        assert organ is not None and meeting.adjustment is not None and meeting.adjustment.date
        organ_agent = f"agent-organ-{_slug(organ.id)}"
        agents.setdefault(organ_agent, PremisAgent(organ_agent, organ.name, "organization",
                                                   note=f"Huvudman: {organ.host}" if organ.host else None))
        docs = [f"representations/{REP_DOCUMENTS}/data/{d.path}" for d in content.documents]
        protocol = [f"representations/{REP_DOCUMENTS}/data/{d.path}" for d in content.documents
                    if d.kind == "protokoll"]
        tag = meeting.folder_name
        day = meeting_day(meeting)
        creators = [(organ_agent, "arkivbildare")]
        if meeting.secretary:
            creators.append((person(meeting.secretary.name, "sekreterare"), "sekreterare"))
        events.append(PremisEvent(
            f"event-{tag}-sammantrade", "creation", _midnight(day),
            f"Sammanträde {day.isoformat()}: protokollet upprättas ({organ.name})",
            agents=creators, objects=protocol))
        adjusters = [(person(r.name, "justerare"), "justerare") for r in meeting.adjusters]
        if meeting.chair:
            adjusters.insert(0, (person(meeting.chair.name, "ordförande"), "ordförande"))
        events.append(PremisEvent(
            f"event-{tag}-justering", "justering", _midnight(meeting.adjustment.date),
            f"Protokollet från {day.isoformat()} justeras "
            f"({', '.join(r.name for r in meeting.adjusters)})",
            outcome="justerat", agents=adjusters, objects=protocol))
        for index, signature in enumerate(content.signatures, start=1):
            signer = person(signature.signer, "signerade det signerade originalet")
            events.append(PremisEvent(
                f"event-{tag}-signatur-{index}", "digital signature generation",
                signature.time or _midnight(meeting.adjustment.date),
                f"Digital signatur i fältet {signature.field or '(okänt)'} av {signature.signer}",
                agents=[(signer, "signerare")], objects=protocol))
        if content.signatures:
            trusted = all(s.trusted for s in content.signatures)
            events.append(PremisEvent(
                f"event-{tag}-signaturkontroll", "digital signature validation", created,
                "protogen kontrollerade det signerade originalets signaturer med pyHanko",
                outcome="giltig",
                outcome_detail=("Alla signaturer är obrutna och giltiga; certifikaten är betrodda."
                                if trusted else
                                "Alla signaturer är obrutna och giltiga; certifikatkedjan har inte "
                                "prövats mot betrodda rotcertifikat."),
                agents=[("agent-protogen", "validerare")], objects=protocol))
        events.append(PremisEvent(
            f"event-{tag}-skapad", "creation", meeting_moment(meeting),
            "Handlingarna skapas som PDF/A-2a av protogen ur källfilerna"
            + (" (offentlig version)" if public else ""),
            outcome="ok", agents=[("agent-protogen", "programvara")],
            objects=[d for d in docs if d not in signed_paths]))
    events.append(PremisEvent(
        "event-paketering", "information package creation", created,
        "Arkivpaketet (E-ARK SIP 2.1 / FGS Paketstruktur 2.0) skapas av protogen"
        + (", offentlig variant" if public else ""),
        outcome="ok", agents=[("agent-protogen", "programvara")],
        objects=[o.entry.path for o in objects]))
    return premis_xml(objects, events, sorted(agents.values(), key=lambda a: a.id))


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(str.maketrans("åäöéü", "aaoeu"))).strip("-")


def documentation_files(organ: Organ, contents: list[MeetingContent], public: bool) -> dict[str, bytes]:
    from protogen.rules import RULES

    files = {}
    for content in contents:
        files[f"documentation/ledamotsregister-{content.meeting.folder_name}.csv"] = register_csv(
            organ, meeting_day(content.meeting))
    lines = [f"protogen {__version__}", "",
             "Sammanträdena i paketet kontrollerades med protogen check mot dessa regler",
             "(regel-id: beskrivning):", ""]
    lines += [f"{rule.id}: {rule.summary}" for rule in RULES]
    files["documentation/protogen-regler.txt"] = ("\n".join(lines) + "\n").encode("utf-8")
    notes = [f"{c.meeting.folder_name}: {note}" for c in contents for note in c.notes]
    files["documentation/om-paketet.txt"] = about_text(organ, public, notes).encode("utf-8")
    return files


def register_csv(organ: Organ, day: dt.date) -> bytes:
    rows = ["roll;namn;parti;kommun;uppdrag;från;till"]
    for role, people in (("ledamot", organ.members), ("ersättare", organ.deputies)):
        for p in people:
            if not p.serves_on(day):
                continue
            cells = [role, p.name, p.party or "", p.municipality or "", p.role or "",
                     p.start.isoformat() if p.start else "", p.end.isoformat() if p.end else ""]
            rows.append(";".join(_csv_cell(c) for c in cells))
    return ("\n".join(rows) + "\n").encode("utf-8")


def _csv_cell(value: str) -> str:
    return f'"{value.replace(chr(34), chr(34) * 2)}"' if any(c in value for c in ';"\n') else value


def about_text(organ: Organ, public: bool, notes: list[str]) -> str:
    variant = ("Offentlig variant: bara det som får lämnas ut. Ett sekretessbelagt ärende har "
               f"bara sitt paragrafnummer, rubriken \"{SECRET_TITLE}\" och "
               "sekretessgrunden." if public else
               "Fullständig akt: alla ärenden, även de sekretessbelagda. Paketet får inte "
               "lämnas ut i sin helhet utan sekretessprövning.")
    text = f"""Arkivpaket från protogen {__version__}
Nämnd: {organ.name}
Huvudman (arkivbildarens huvudman): {organ.host or 'uppgift saknas'}
{variant}

Paketet följer E-ARK CSIP 2.1 och SIP 2.1 (FGS Paketstruktur 2.0):
  METS.xml                         paketets METS med kontrollsummor (SHA-256)
  representations/rep1/            handlingarna som PDF/A: protokollet (det signerade
                                   originalet när det finns), kallelsen med handlingar,
                                   anslaget och ett utdrag per paragraf
  representations/rep2/            källfilerna som de skrevs; mappen data/ är en
                                   protogen-projektmapp: `protogen check` kan köras där
  metadata/descriptive/            en post per sammanträde (schemas/protogen-sammantrade-1.xsd)
  metadata/preservation/premis.xml bevarandemetadata (PREMIS 3): filer, kontrollsummor,
                                   händelser (sammanträde, justering, signaturer, paketering)
  documentation/                   ledamotsregistret per sammanträde, protogens version och regler
  schemas/                         XML-scheman som paketet använder
"""
    if notes:
        text += "\nUtelämnat i denna variant:\n" + "".join(f"  {n}\n" for n in notes)
    return text


# --- the public variant's last check --------------------------------------------------------

def secret_phrases(contents: list[MeetingContent]) -> list[str]:
    """What of a secret item must never appear in the public variant: its title, dnr,
    and every line of its texts that is long enough to be telling."""
    phrases: set[str] = set()
    for content in contents:
        for item in content.meeting.items:
            if not is_secret(item):
                continue
            for value in (item.title, item.dnr):
                if value and len(value.strip()) >= 4:
                    phrases.add(_squash(value))
            for text in (item.body, item.decision, item.proposal, item.order_of_question,
                         *(s.text for s in item.motions + item.reservations + item.notes)):
                for line in (text or "").splitlines():
                    line = _squash(line.strip(" #*-_>|"))
                    if len(line) >= 24:
                        phrases.add(line)
    return sorted(phrases)


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def readable_text(path: str, data: bytes) -> str:
    if path.endswith(".pdf"):
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    return data.decode("utf-8", errors="replace")


def check_public(files: dict[str, bytes], contents: list[MeetingContent]) -> None:
    phrases = secret_phrases(contents)
    if not phrases:
        return
    for path, data in sorted(files.items()):
        if path.startswith("schemas/"):
            continue
        text = _squash(readable_text(path, data))
        for phrase in phrases:
            if phrase in text:
                raise LeakError(f"{path} innehåller text ur ett sekretessbelagt ärende "
                                f"(\"{phrase[:40]}\"); den offentliga varianten skrivs inte")


# --- writing --------------------------------------------------------------------------------

def write_package(root: Path, dest: Path, name: str, files: dict[str, bytes], as_zip: bool) -> Path:
    """Write one package: a folder swapped in as a whole, or one zip file, both atomically.
    Inside build/ through protogen's one writer; a --till folder elsewhere through the same
    steps here (never into protokoll/ or mallar/, never through a link)."""
    from protogen.output import replace_folder, swap_folders

    target = dest / (f"{name}.zip" if as_zip else name)
    data = zip_bytes(name, files, package_epoch(files)) if as_zip else b""
    if _inside(build_dir(root), dest):
        if as_zip:
            write_atomic(root, target, data)
        else:
            replace_folder(root, target, sorted(files.items()))
        return target
    _guard(root, target)
    if target.is_symlink():
        raise OutputError(f"{target} är en symbolisk länk; arkivet skriver inte genom länkar")
    dest.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{name}-ny-", dir=dest))
    try:
        if as_zip:
            (fresh / target.name).write_bytes(data)
            os.chmod(fresh / target.name, 0o644)
            os.replace(fresh / target.name, target)
        else:
            os.chmod(fresh, 0o755)
            for rel, content in sorted(files.items()):
                path = fresh / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
                os.chmod(path, 0o644)
            swap_folders(fresh, target, lambda old: shutil.rmtree(old, ignore_errors=True))
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return target


def _inside(folder: Path, path: Path) -> bool:
    folder, path = Path(os.path.abspath(folder)), Path(os.path.abspath(path))
    return path == folder or folder in path.parents


def _guard(root: Path, target: Path) -> None:
    for name in ("protokoll", "mallar"):
        guard = (root / name).resolve()
        resolved = target.resolve()
        if resolved == guard or guard in resolved.parents:
            raise OutputError(f"{target} ligger i {name}/; arkivet skriver aldrig där")


def package_epoch(files: dict[str, bytes]) -> dt.datetime:
    from lxml import etree

    header = etree.fromstring(files["METS.xml"]).find("{http://www.loc.gov/METS/}metsHdr")
    created = header.get("CREATEDATE") if header is not None else None
    return dt.datetime.fromisoformat(created.replace("Z", "+00:00")) if created \
        else dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


def zip_bytes(name: str, files: dict[str, bytes], moment: dt.datetime) -> bytes:
    """The package as one zip with its folder at the top; fixed times, sorted entries."""
    stamp = max(moment, dt.datetime(1980, 1, 1, tzinfo=dt.UTC)).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive_file:
        for path in sorted(files):
            info = zipfile.ZipInfo(f"{name}/{path}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive_file.writestr(info, files[path], compresslevel=6)
    return buffer.getvalue()
