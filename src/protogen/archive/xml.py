"""The package's XML: the meeting records, PREMIS, and the METS files (E-ARK CSIP/SIP 2.1).

Everything is built with lxml from plain values, serialized the same way every time, and
stamped with dates from the sources, so that the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from protogen import __version__

METS = "http://www.loc.gov/METS/"
XLINK = "http://www.w3.org/1999/xlink"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
SIP = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
PREMIS = "http://www.loc.gov/premis/v3"
RECORD = "urn:protogen:sammantrade:1"

SIP_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
CONTENT_CATEGORY = "Textual works – Digital"
CONTENT_TYPE = "protogen-sammantradesprotokoll-1"
RECORD_TYPE = "protogen-sammantrade-1"
SOFTWARE = "protogen"

M = f"{{{METS}}}"
X = f"{{{XLINK}}}"
C = f"{{{CSIP}}}"
P = f"{{{PREMIS}}}"
R = f"{{{RECORD}}}"


@dataclass(frozen=True)
class FileEntry:
    """A file as METS and PREMIS describe it (path relative to the METS file's folder)."""

    path: str
    size: int
    sha256: str
    mime: str
    created: dt.datetime

    @classmethod
    def of(cls, path: str, data: bytes, mime: str, created: dt.datetime) -> FileEntry:
        return cls(path, len(data), hashlib.sha256(data).hexdigest(), mime, created)


def stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def xml_id(prefix: str, value: str) -> str:
    """A stable xml:ID for `value` (paths may hold characters an ID may not)."""
    return f"{prefix}-{hashlib.sha256(value.encode()).hexdigest()[:16]}"


def serialize(root: etree._Element) -> bytes:
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, tag, {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = text
    return element


def _opt(parent: etree._Element, tag: str, text: object) -> None:
    if text is not None and str(text) != "":
        _sub(parent, tag, str(text))


# --- the meeting record ---------------------------------------------------------------------

@dataclass
class RecordItem:
    number: int
    title: str
    dnr: str | None
    kind: str | None
    secrecy: str | None
    immediately_adjusted: bool
    source: str | None  # package path of the item file
    extract: str | None  # package path of the utdrag


@dataclass
class RecordSignature:
    name: str
    time: dt.datetime | None
    field: str


@dataclass
class Record:
    id: str
    variant: str  # fullstandig | offentlig
    organ_id: str
    organ_name: str
    short_name: str | None
    host: str | None
    archive_place: str | None
    folder: str
    date: dt.date
    time: str | None
    place: str | None
    chair: str | None
    secretary: str | None
    adjusters: list[str]
    adjusted: dt.date
    adjusted_time: str | None
    adjusted_place: str | None
    posted: dt.date | None
    taken_down: dt.date | None
    items: list[RecordItem]
    signatures: list[RecordSignature]
    documents: list[tuple[str, str, bool]]  # (kind, package path, signed)


def record_xml(record: Record) -> bytes:
    root = etree.Element(f"{R}sammantrade", {"id": record.id, "variant": record.variant},
                         nsmap={None: RECORD})
    organ = _sub(root, f"{R}namnd", id=record.organ_id)
    _sub(organ, f"{R}namn", record.organ_name)
    _opt(organ, f"{R}kortnamn", record.short_name)
    _opt(organ, f"{R}huvudman", record.host)
    _opt(organ, f"{R}forvaringsplats", record.archive_place)
    _sub(root, f"{R}mapp", record.folder)
    _sub(root, f"{R}datum", record.date.isoformat())
    _opt(root, f"{R}tid", record.time)
    _opt(root, f"{R}plats", record.place)
    _opt(root, f"{R}ordforande", record.chair)
    _opt(root, f"{R}sekreterare", record.secretary)
    for name in record.adjusters:
        _sub(root, f"{R}justerare", name)
    adjustment = _sub(root, f"{R}justering")
    _sub(adjustment, f"{R}datum", record.adjusted.isoformat())
    _opt(adjustment, f"{R}tid", record.adjusted_time)
    _opt(adjustment, f"{R}plats", record.adjusted_place)
    if record.posted or record.taken_down:
        posting = _sub(root, f"{R}anslag")
        _opt(posting, f"{R}uppsatt", record.posted.isoformat() if record.posted else None)
        _opt(posting, f"{R}nedtaget", record.taken_down.isoformat() if record.taken_down else None)
    items = _sub(root, f"{R}paragrafer")
    for item in record.items:
        attrs = {"nummer": str(item.number)}
        if item.immediately_adjusted:
            attrs["omedelbartJusterad"] = "true"
        element = _sub(items, f"{R}paragraf", **attrs)
        _sub(element, f"{R}rubrik", item.title)
        _opt(element, f"{R}dnr", item.dnr)
        _opt(element, f"{R}typ", item.kind)
        _opt(element, f"{R}sekretess", item.secrecy)
        _opt(element, f"{R}kalla", item.source)
        _opt(element, f"{R}utdrag", item.extract)
    signatures = _sub(root, f"{R}signaturer")
    for signature in record.signatures:
        element = _sub(signatures, f"{R}signatur")
        _sub(element, f"{R}namn", signature.name)
        _opt(element, f"{R}tidpunkt", stamp(signature.time) if signature.time else None)
        _opt(element, f"{R}falt", signature.field)
    documents = _sub(root, f"{R}handlingar")
    for kind, path, signed in record.documents:
        attrs = {"typ": kind}
        if signed:
            attrs["signerad"] = "true"
        _sub(documents, f"{R}handling", path, **attrs)
    return serialize(root)


# --- PREMIS ---------------------------------------------------------------------------------

@dataclass
class PremisObject:
    entry: FileEntry  # path relative to the package root
    format_name: str
    format_version: str | None = None
    registry_key: str | None = None  # PRONOM


@dataclass
class PremisAgent:
    id: str
    name: str
    kind: str  # person | organization | software
    version: str | None = None
    note: str | None = None


@dataclass
class PremisEvent:
    id: str
    type: str
    moment: dt.datetime
    detail: str
    outcome: str | None = None
    outcome_detail: str | None = None
    agents: list[tuple[str, str]] = None  # type: ignore[assignment]  # (agent id, role)
    objects: list[str] = None  # type: ignore[assignment]  # object ids (package paths)


def _identifier(parent: etree._Element, name: str, value: str) -> etree._Element:
    """A PREMIS identifier (or link): <name><nameType>local</nameType><nameValue>…"""
    element = _sub(parent, f"{P}{name}")
    _sub(element, f"{P}{name}Type", "local")
    _sub(element, f"{P}{name}Value", value)
    return element


def premis_xml(objects: Iterable[PremisObject], events: Iterable[PremisEvent],
               agents: Iterable[PremisAgent]) -> bytes:
    root = etree.Element(f"{P}premis", {"version": "3.0"}, nsmap={"premis": PREMIS, "xsi": XSI})
    for obj in objects:
        element = _sub(root, f"{P}object", **{f"{{{XSI}}}type": "premis:file"})
        _identifier(element, "objectIdentifier", obj.entry.path)
        characteristics = _sub(element, f"{P}objectCharacteristics")
        _sub(characteristics, f"{P}compositionLevel", "0")
        fixity = _sub(characteristics, f"{P}fixity")
        _sub(fixity, f"{P}messageDigestAlgorithm", "SHA-256")
        _sub(fixity, f"{P}messageDigest", obj.entry.sha256)
        _sub(fixity, f"{P}messageDigestOriginator", SOFTWARE)
        _sub(characteristics, f"{P}size", str(obj.entry.size))
        form = _sub(characteristics, f"{P}format")
        designation = _sub(form, f"{P}formatDesignation")
        _sub(designation, f"{P}formatName", obj.format_name)
        _opt(designation, f"{P}formatVersion", obj.format_version)
        if obj.registry_key:
            registry = _sub(form, f"{P}formatRegistry")
            _sub(registry, f"{P}formatRegistryName", "PRONOM")
            _sub(registry, f"{P}formatRegistryKey", obj.registry_key)
        _sub(element, f"{P}originalName", obj.entry.path.rsplit("/", 1)[-1])
    for event in events:
        element = _sub(root, f"{P}event")
        _identifier(element, "eventIdentifier", event.id)
        _sub(element, f"{P}eventType", event.type)
        _sub(element, f"{P}eventDateTime", stamp(event.moment))
        detail = _sub(element, f"{P}eventDetailInformation")
        _sub(detail, f"{P}eventDetail", event.detail)
        if event.outcome:
            outcome = _sub(element, f"{P}eventOutcomeInformation")
            _sub(outcome, f"{P}eventOutcome", event.outcome)
            if event.outcome_detail:
                info = _sub(outcome, f"{P}eventOutcomeDetail")
                _sub(info, f"{P}eventOutcomeDetailNote", event.outcome_detail)
        for agent_id, role in event.agents or []:
            link = _identifier(element, "linkingAgentIdentifier", agent_id)
            _sub(link, f"{P}linkingAgentRole", role)
        for object_id in event.objects or []:
            _identifier(element, "linkingObjectIdentifier", object_id)
    for agent in agents:
        element = _sub(root, f"{P}agent")
        _identifier(element, "agentIdentifier", agent.id)
        _sub(element, f"{P}agentName", agent.name)
        _sub(element, f"{P}agentType", agent.kind)
        _opt(element, f"{P}agentVersion", agent.version)
        _opt(element, f"{P}agentNote", agent.note)
    return serialize(root)


# --- METS -----------------------------------------------------------------------------------

def _mets_root(objid: str, label: str) -> etree._Element:
    schema_location = " ".join([
        METS, "schemas/mets.xsd", XLINK, "schemas/xlink.xsd",
        CSIP, "schemas/DILCISExtensionMETS.xsd", SIP, "schemas/DILCISExtensionSIPMETS.xsd",
    ])
    return etree.Element(f"{M}mets", {
        "OBJID": objid,
        "LABEL": label,
        "TYPE": CONTENT_CATEGORY,
        f"{C}CONTENTINFORMATIONTYPE": "OTHER",
        f"{C}OTHERCONTENTINFORMATIONTYPE": CONTENT_TYPE,
        "PROFILE": SIP_PROFILE,
        f"{{{XSI}}}schemaLocation": schema_location,
    }, nsmap={"mets": METS, "xlink": XLINK, "csip": CSIP, "sip": SIP, "xsi": XSI})


def _header(root: etree._Element, created: dt.datetime, archivist: str | None,
            creator: str | None) -> None:
    header = _sub(root, f"{M}metsHdr", CREATEDATE=stamp(created), LASTMODDATE=stamp(created),
                  RECORDSTATUS="NEW", **{f"{C}OAISPACKAGETYPE": "SIP"})
    if archivist:
        agent = _sub(header, f"{M}agent", ROLE="ARCHIVIST", TYPE="ORGANIZATION")
        _sub(agent, f"{M}name", archivist)
    if creator:
        agent = _sub(header, f"{M}agent", ROLE="OTHER", OTHERROLE="PRODUCER", TYPE="ORGANIZATION")
        _sub(agent, f"{M}name", creator)
    agent = _sub(header, f"{M}agent", ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    _sub(agent, f"{M}name", SOFTWARE)
    _sub(agent, f"{M}note", __version__, **{f"{C}NOTETYPE": "SOFTWARE VERSION"})


def _file_attrs(entry: FileEntry) -> dict[str, str]:
    return {"MIMETYPE": entry.mime, "SIZE": str(entry.size), "CREATED": stamp(entry.created),
            "CHECKSUM": entry.sha256, "CHECKSUMTYPE": "SHA-256"}


def _md_ref(parent: etree._Element, entry: FileEntry, mdtype: str, other: str | None = None) -> None:
    attrs = {"LOCTYPE": "URL", f"{X}type": "simple", f"{X}href": entry.path, "MDTYPE": mdtype}
    if other:
        attrs["OTHERMDTYPE"] = other
    _sub(parent, f"{M}mdRef", **attrs, **_file_attrs(entry))


def _file(group: etree._Element, entry: FileEntry) -> None:
    element = _sub(group, f"{M}file", ID=xml_id("file", entry.path), **_file_attrs(entry))
    _sub(element, f"{M}FLocat", LOCTYPE="URL", **{f"{X}type": "simple", f"{X}href": entry.path})


@dataclass
class PackageMets:
    objid: str
    label: str
    created: dt.datetime
    archivist: str | None  # the board's huvudman
    creator: str | None  # the board
    records: list[FileEntry]  # metadata/descriptive/*.xml
    premis: FileEntry
    documentation: list[FileEntry]
    schemas: list[FileEntry]
    representations: list[tuple[str, FileEntry]]  # (name, its METS.xml)


def package_mets(pkg: PackageMets) -> bytes:
    root = _mets_root(pkg.objid, pkg.label)
    _header(root, pkg.created, pkg.archivist, pkg.creator)
    dmd_ids = []
    for entry in pkg.records:
        dmd_id = xml_id("dmd", entry.path)
        dmd_ids.append(dmd_id)
        section = _sub(root, f"{M}dmdSec", ID=dmd_id, CREATED=stamp(entry.created), STATUS="CURRENT")
        _md_ref(section, entry, "OTHER", RECORD_TYPE)
    amd = _sub(root, f"{M}amdSec")
    premis_id = xml_id("digiprov", pkg.premis.path)
    digiprov = _sub(amd, f"{M}digiprovMD", ID=premis_id, STATUS="CURRENT")
    _md_ref(digiprov, pkg.premis, "PREMIS")
    file_sec = _sub(root, f"{M}fileSec", ID="filesec")
    groups: list[tuple[str, str]] = []
    # Every group states the package's content information type: eark-validator 1.1.3's
    # CSIP63 asks it of every fileGrp, not only of the representations' (as CSIP62 does).
    content_type = {f"{C}CONTENTINFORMATIONTYPE": "OTHER", f"{C}OTHERCONTENTINFORMATIONTYPE": CONTENT_TYPE}
    for use, entries in (("Documentation", pkg.documentation), ("Schemas", pkg.schemas)):
        group_id = f"grp-{use.lower()}"
        group = _sub(file_sec, f"{M}fileGrp", ID=group_id, USE=use, **content_type)
        for entry in entries:
            _file(group, entry)
        groups.append((use, group_id))
    rep_groups = []
    for name, entry in pkg.representations:
        group_id = f"grp-{name}"
        group = _sub(file_sec, f"{M}fileGrp", ID=group_id, USE=f"Representations/{name}",
                     **content_type)
        _file(group, entry)
        rep_groups.append((name, group_id, entry))
    struct = _sub(root, f"{M}structMap", ID="structmap-csip", TYPE="PHYSICAL", LABEL="CSIP")
    top = _sub(struct, f"{M}div", ID="div-package", LABEL=pkg.objid)
    _sub(top, f"{M}div", ID="div-metadata", LABEL="Metadata", DMDID=" ".join(dmd_ids), ADMID=premis_id)
    for use, group_id in groups:
        div = _sub(top, f"{M}div", ID=f"div-{use.lower()}", LABEL=use)
        _sub(div, f"{M}fptr", FILEID=group_id)
    # CSIP101-105 as eark-validator checks them: one "Representations" division pointing to
    # the representations' file groups, with a division per representation and its METS.
    reps = _sub(top, f"{M}div", ID="div-representations", LABEL="Representations")
    for _, group_id, _ in rep_groups:
        _sub(reps, f"{M}fptr", FILEID=group_id)
    for name, group_id, entry in rep_groups:
        div = _sub(reps, f"{M}div", ID=f"div-{name}", LABEL=f"Representations/{name}")
        _sub(div, f"{M}mptr", LOCTYPE="URL", **{f"{X}type": "simple", f"{X}href": entry.path,
                                                f"{X}title": group_id})
    return serialize(root)


def representation_mets(name: str, label: str, created: dt.datetime, archivist: str | None,
                        creator: str | None, data: list[FileEntry]) -> bytes:
    """A representation's own METS: its data files, paths relative to its folder."""
    root = _mets_root(name, label)
    _header(root, created, archivist, creator)
    file_sec = _sub(root, f"{M}fileSec", ID=f"filesec-{name}")
    group = _sub(file_sec, f"{M}fileGrp", ID=f"grp-{name}-data", USE="Data",
                 **{f"{C}CONTENTINFORMATIONTYPE": "OTHER", f"{C}OTHERCONTENTINFORMATIONTYPE": CONTENT_TYPE})
    for entry in data:
        _file(group, entry)
    struct = _sub(root, f"{M}structMap", ID=f"structmap-{name}", TYPE="PHYSICAL", LABEL="CSIP")
    top = _sub(struct, f"{M}div", ID=f"div-{name}", LABEL=name)
    div = _sub(top, f"{M}div", ID=f"div-{name}-data", LABEL="Data")
    _sub(div, f"{M}fptr", FILEID=f"grp-{name}-data")
    return serialize(root)
