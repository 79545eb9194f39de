"""The fingerprint of a meeting's source: what a justerat protocol says it was built from.

A justerat protocol carries a SHA-256 digest of its meeting's source in its XMP metadata and,
shortened, in the running foot of every page ("Dokument-id 3f9a1c2b7d4e…"), so that a signed
PDF, or a printed page of it, can be traced to the files in git; and so that a change to those
files after justering is noticed (rule ``andrad-efter-justering``) and named.

The digest is made of parts, each a SHA-256 of its own:

- ``huvud``: sammanträde.yaml and every other file of the meeting folder that no § names
  (the head of the protocol: who was there, the justering, the anslag);
- ``organ``: the parts of organ.yaml the protocol uses (the board's names, förvaringsplats,
  template, ärendetyper, and the register entries of the people the meeting names: not the
  whole register, which changes as members come and go);
- one per §, by number: the item file and the files it attaches or shows.

The bytes are hashed as written (line endings made LF, so a Windows checkout gives the same
digest); the organ part is a fixed, versioned list of values, so that a later protogen reading
more of organ.yaml does not unlock old protocols. Everything is read inside the meeting folder:
a symbolic link leading out of it is hashed as its target's name, never followed; the folder
``signerat/`` (the signed record itself) is left out.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from protogen.location import SIGNED_DIR
from protogen.model import Item, Meeting, Organ

VERSION = "protogen-fingerprint/1"
HEAD = "huvud"
ORGAN = "organ"
SHORT = 12  # hex digits in the page foot
_TEXT_SUFFIXES = (".yaml", ".yml", ".md", ".txt", ".csv")
_CHUNK = 1 << 16
_LINE = re.compile(r"^(huvud|organ|§(\d+)) ([0-9a-f]{64})$")


@dataclass(frozen=True)
class Fingerprint:
    """The parts' digests and the digest over them all."""

    head: str
    organ: str
    items: tuple[tuple[int, str], ...] = field(default_factory=tuple)  # (§ number, digest)

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.listing().encode("utf-8")).hexdigest()

    @property
    def short(self) -> str:
        return self.digest[:SHORT]

    def listing(self) -> str:
        """The parts one per line, after the version line: what the XMP keeps."""
        lines = [VERSION, f"{HEAD} {self.head}", f"{ORGAN} {self.organ}"]
        lines += [f"§{number} {digest}" for number, digest in self.items]
        return "\n".join(lines) + "\n"

    @classmethod
    def from_listing(cls, text: str) -> Fingerprint | None:
        """The fingerprint a listing describes; None when it is not one protogen wrote."""
        lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
        if not lines or lines[0] != VERSION:
            return None
        head = organ = None
        items: list[tuple[int, str]] = []
        for line in lines[1:]:
            match = _LINE.match(line)
            if match is None:
                return None
            if match.group(1) == HEAD:
                head = match.group(3)
            elif match.group(1) == ORGAN:
                organ = match.group(3)
            else:
                items.append((int(match.group(2)), match.group(3)))
        if head is None or organ is None:
            return None
        return cls(head=head, organ=organ, items=tuple(items))

    def changes(self, current: Fingerprint) -> list[str]:
        """What differs in `current` from this (the signed) fingerprint, in Swedish words:
        'huvudet (sammanträde.yaml)', 'organ.yaml', '§ 12', '§ 14 (tillagd)', …"""
        found: list[str] = []
        if self.head != current.head:
            found.append("huvudet (sammanträde.yaml)")
        if self.organ != current.organ:
            found.append("organ.yaml")
        signed, now = dict(self.items), dict(current.items)
        for number in sorted(set(signed) | set(now)):
            if number not in now:
                found.append(f"§ {number} (borttagen)")
            elif number not in signed:
                found.append(f"§ {number} (tillagd)")
            elif signed[number] != now[number]:
                found.append(f"§ {number}")
        return found


def meeting_fingerprint(meeting: Meeting) -> Fingerprint:
    """The fingerprint of the meeting's source as it is on disk now."""
    folder = meeting.folder
    owners = _attachment_owners(meeting)
    head = hashlib.sha256(b"huvud\n")
    per_item = {id(item): _item_hash(item) for item in meeting.items}
    by_file = {item.file.name: item for item in meeting.items}
    for rel, path in _files(folder):
        owner = by_file.get(rel) if "/" not in rel else None
        owner = owner or owners.get(rel)
        target = per_item[id(owner)] if owner is not None else head
        _feed(target, rel, path, folder)
    items = tuple(
        (item.shown_number, per_item[id(item)].hexdigest())
        for item in meeting.items
    )
    return Fingerprint(head=head.hexdigest(), organ=organ_digest(meeting), items=items)


def _item_hash(item: Item) -> hashlib._Hash:
    h = hashlib.sha256()
    h.update(f"§{item.number}\n".encode())
    return h


def _files(folder: Path) -> Iterator[tuple[str, Path]]:
    """Every file of the meeting folder, sorted, but hidden ones and signerat/."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if rel.parts[0] == SIGNED_DIR or any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_symlink() or path.is_file():
            yield rel.as_posix(), path


def _feed(h: hashlib._Hash, rel: str, path: Path, folder: Path) -> None:
    h.update(f"fil {rel}\n".encode())
    if path.is_symlink():
        try:
            path.resolve().relative_to(folder.resolve())
        except ValueError:  # never read outside the meeting: the link's text is what counts
            h.update(f"länk {path.readlink()}\n".encode(errors="surrogateescape"))
            return
        if not path.resolve().is_file():
            return
    try:
        with path.open("rb") as handle:
            text = path.suffix.lower() in _TEXT_SUFFIXES
            pending = b""
            while chunk := handle.read(_CHUNK):
                if text:  # CRLF may straddle two chunks: hold a trailing CR back
                    chunk = pending + chunk
                    pending = b"\r" if chunk.endswith(b"\r") else b""
                    chunk = chunk[: len(chunk) - len(pending)].replace(b"\r\n", b"\n")
                h.update(chunk)
            h.update(pending)
    except OSError:
        h.update("oläsbar\n".encode())
    h.update(b"\n")


def _attachment_owners(meeting: Meeting) -> dict[str, Item]:
    """Files an item attaches (beslutsunderlag) or shows (images): relative path → item."""
    owners: dict[str, Item] = {}
    for item in meeting.items:
        for document in item.documents:
            if document.file:
                owners.setdefault(_normal(document.file), item)
        for target in _image_targets(item.body):
            owners.setdefault(_normal(target), item)
    return owners


_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")


def _image_targets(body: str) -> Iterable[str]:
    return (m.group(1) for m in _IMAGE.finditer(body or ""))


def _normal(rel: str) -> str:
    parts = [p for p in rel.replace("\\", "/").split("/") if p not in ("", ".")]
    return "/".join(parts)


def organ_digest(meeting: Meeting) -> str:
    """The digest of the organ.yaml values this meeting's protocol uses."""
    organ = meeting.organ
    data: dict[str, object] = {"version": VERSION}
    if organ is not None:
        data.update({
            "id": organ.id,
            "namn": organ.name,
            "kortnamn": organ.short_name,
            "huvudman": organ.host,
            "förvaringsplats": organ.archive_place,
            "mall": organ.template,
            "anslag": organ.has_anslag,
            "ärendetyper": sorted(organ.item_kinds.items()),
            "personer": _people(organ, meeting),
        })
    blob = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _people(organ: Organ, meeting: Meeting) -> list[list[object]]:
    names = sorted(set(named_people(meeting)))
    rows: list[list[object]] = []
    for name in names:
        person = organ.person(name)
        if person is not None:
            rows.append([person.name, person.party, person.municipality, person.role,
                         person.is_deputy])
    return rows


def named_people(meeting: Meeting) -> Iterator[str]:
    for ref in (meeting.chair, meeting.secretary, *meeting.adjusters):
        if ref is not None:
            yield ref.name
    attendance = meeting.attendance
    if attendance is not None:
        for ref in (*attendance.members, *attendance.substitutes, *attendance.deputies):
            yield ref.name
        for sub in attendance.substitutes:
            if sub.replaces:
                yield sub.replaces
    for item in meeting.items:
        for statement in (*item.motions, *item.reservations, *item.notes):
            yield statement.by
        for ref in item.conflicts:
            yield ref.name
        if item.chair is not None:
            yield item.chair.name


# --- XMP ------------------------------------------------------------------------------------

NAMESPACE = "https://protogen.se/ns/justering/1.0/"
PREFIX = "protogen"

# PDF/A-2 (ISO 19005-2, 6.6.2.3) wants every property outside the predefined schemas described
# in an extension schema inside the same XMP packet.
_EXTENSION = f"""<rdf:Description rdf:about=""
  xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
  xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
  xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>protogen: protokollets källa</pdfaSchema:schema>
<pdfaSchema:namespaceURI>{NAMESPACE}</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>{PREFIX}</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq>
{{properties}}
</rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>"""

#: The per-§ listing's element in the packet, which a public copy leaves out.
LISTING_START = f"<{PREFIX}:kalla>".encode()
LISTING_END = f"</{PREFIX}:kalla>".encode()

_PROPERTIES = (
    ("dokumentid", "SHA-256 av sammanträdets källa (Dokument-id)"),
    ("kalla", "Källans delar: huvud, organ och en rad per paragraf"),
    ("organ", "Organets mapp under protokoll/"),
    ("sammantrade", "Sammanträdets mapp"),
)


def xmp_packet(fingerprint: Fingerprint, meeting: Meeting, *, public: bool = False) -> bytes:
    """rdf:Description elements for the rdf:RDF of the PDF's XMP packet. A public copy keeps only the Dokument-id:
    per-§ digests of sekretess items stay in the record."""
    from xml.sax.saxutils import escape

    properties = "\n".join(
        '<rdf:li rdf:parseType="Resource">'
        f"<pdfaProperty:name>{name}</pdfaProperty:name>"
        "<pdfaProperty:valueType>Text</pdfaProperty:valueType>"
        "<pdfaProperty:category>external</pdfaProperty:category>"
        f"<pdfaProperty:description>{escape(text)}</pdfaProperty:description></rdf:li>"
        for name, text in _PROPERTIES
    )
    values = [("dokumentid", fingerprint.digest),
              ("organ", meeting.organ.id if meeting.organ else ""),
              ("sammantrade", meeting.folder_name)]
    if not public:
        values.append(("kalla", fingerprint.listing()))
    body = "".join(f"<{PREFIX}:{name}>{escape(value)}</{PREFIX}:{name}>" for name, value in values)
    packet = (
        _EXTENSION.replace("{properties}", properties)
        + f'<rdf:Description rdf:about="" xmlns:{PREFIX}="{NAMESPACE}">{body}</rdf:Description>'
    )
    return packet.encode("utf-8")


@dataclass(frozen=True)
class Stamp:
    """What a PDF's XMP says about its source."""

    digest: str | None
    organ: str | None
    meeting: str | None
    fingerprint: Fingerprint | None  # None in a public copy (no listing)


def read_stamp(xmp: bytes) -> Stamp | None:
    """The protogen values of an XMP packet (as elements or attributes, whatever prefix a
    signing service gave the namespace); None when it has none or is not XML."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    start = xmp.find(b"<x:xmpmeta")
    body = xmp[start:] if start >= 0 else xmp
    end = body.rfind(b"</x:xmpmeta>")
    body = body[: end + len(b"</x:xmpmeta>")] if end >= 0 else body
    try:
        tree = etree.fromstring(body, parser)
    except etree.XMLSyntaxError:
        return None
    if tree is None:
        return None

    def value(name: str) -> str | None:
        tag = f"{{{NAMESPACE}}}{name}"
        for element in tree.iter(tag):
            return element.text or ""
        for element in tree.iter():
            if tag in element.attrib:
                return str(element.attrib[tag])
        return None

    digest = value("dokumentid")
    if digest is None:
        return None
    listing = value("kalla")
    fingerprint = Fingerprint.from_listing(listing) if listing else None
    if fingerprint is not None and fingerprint.digest != digest:
        fingerprint = None
    return Stamp(digest=digest.strip(), organ=value("organ"), meeting=value("sammantrade"),
                 fingerprint=fingerprint)
