"""Reading one meeting folder: sammanträde.yaml and its item files."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from protogen.findings import Findings, Pos
from protogen.law.numbering import parse_paragraphs
from protogen.limits import MAX_ITEMS, RULE
from protogen.loader import fields
from protogen.loader.item import load_item
from protogen.loader.organ import read_text
from protogen.loader.outline import proves_plain
from protogen.loader.yamlread import Node, as_date, read_yaml, shown
from protogen.model import (
    STATUSES,
    UNSTATED_GROUND,
    Adjustment,
    Attendance,
    Guest,
    Item,
    Meeting,
    Organ,
    ParseFailure,
    Posting,
    Ref,
    Substitute,
)

MEETING_KEYS = fields.MEETING.names()
ADJUSTMENT_KEYS = fields.ADJUSTMENT.names()
ATTENDANCE_KEYS = fields.ATTENDANCE.names()
POSTING_KEYS = fields.POSTING.names()
INVITATION_KEYS = fields.INVITATION.names()
ANNOUNCEMENT_KEYS = fields.ANNOUNCEMENT.names()
REF_KEYS = fields.REF.names()
SUBSTITUTE_KEYS = fields.SUBSTITUTE.names()
GUEST_KEYS = fields.GUEST.names()

FOLDER_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-(\d+))?$")
ITEM_FILE = re.compile(r"^(\d+)-(.+)\.md$")


def is_meeting_folder(path: Path) -> bool:
    return path.is_dir() and FOLDER_NAME.match(path.name) is not None


def load_meeting(folder: Path, organ: Organ, root: Path, findings: Findings,
                 outline: bool = False) -> Meeting:
    """Read a meeting folder; `outline`: only what the board's other meetings depend on (its
    order, § numbers and date: `protogen.loader.outline`), for a check of another meeting."""
    rel_folder = folder.relative_to(root).as_posix()
    meeting = Meeting(pos=Pos(f"{rel_folder}/sammanträde.yaml"), organ=organ, folder=folder)
    meeting.folder_name = folder.name
    match = FOLDER_NAME.match(folder.name)
    if match:
        meeting.folder_date = as_date(match.group(1))
        meeting.sequence = int(match.group(2) or 1)
        if meeting.folder_date is None:
            findings.fel(Pos(rel_folder), f"mappnamnet {folder.name} är inget giltigt datum", "mapp")
    meeting.outline = outline
    if not (outline and match and meeting.folder_date is not None
            and proves_plain(folder / "sammanträde.yaml", match.group(1))):
        _load_meeting_file(meeting, folder, root, findings)
    meeting.items = _load_items(meeting, folder, root, findings, read=not outline)
    return meeting


def _load_meeting_file(meeting: Meeting, folder: Path, root: Path, findings: Findings) -> None:
    path = folder / "sammanträde.yaml"
    rel = meeting.pos.path
    if not path.is_file():
        findings.fel(Pos(rel), "sammanträde.yaml saknas i mötesmappen", "saknas")
        meeting.failure = ParseFailure(Pos(rel))
        return
    reported = len(findings.items)
    text = read_text(path, rel, findings)
    data = read_yaml(text, rel, findings) if text is not None else None
    if not isinstance(data, dict):
        if data is not None:
            findings.fel(Pos(rel), "sammanträde.yaml ska vara en mappning (nyckel: värde)", "typ")
        elif len(findings.items) == reported:  # read without error, yet empty (or `null`)
            findings.fel(Pos(rel), "sammanträde.yaml är tom", "saknas")
        meeting.failure = ParseFailure(Pos(rel))
        return
    node = Node(data, rel, findings)
    node.check_keys(MEETING_KEYS, "sammanträde.yaml")
    meeting.positions = node.positions()
    meeting.date = node.date("datum")
    meeting.time = node.text("tid")
    meeting.place = node.text("plats")
    meeting.status = _status(node)
    meeting.chair = _ref(node, "ordförande")
    meeting.secretary = _ref(node, "sekreterare")
    meeting.adjusters = [r for v, p in node.sequence("justerare") if (r := _ref_value(node, v, p, "justerare"))]
    meeting.adjustment = _adjustment(node)
    meeting.attendance = _attendance(node)
    meeting.posting = _posting(node)
    meeting.first_number_given = _first_number(node)
    invitation = node.mapping("kallelse", "kallelse")
    if invitation is not None:
        invitation.check_keys(INVITATION_KEYS, "kallelse")
        meeting.invitation_sent = invitation.date("utskick")
        meeting.invitation_pos = invitation.value_pos("utskick")
    _announcement(meeting, node)
    meeting.invalid = node.invalid
    if meeting.date and meeting.folder_date and meeting.date != meeting.folder_date:
        findings.fel(
            node.value_pos("datum"),
            f"datum {meeting.date.isoformat()} stämmer inte med mappnamnet {meeting.folder_name}",
            "mapp",
        )


def _announcement(meeting: Meeting, node: Node) -> None:
    """`kungörelse: {datum: …}` (or a bare date): when the kungörelse went up. Without it, the
    kallelse's `utskick` stands in: the day the meeting was called is the day it was made
    known."""
    value = node.raw("kungörelse")
    if isinstance(value, dict):
        child = node.mapping("kungörelse", "kungörelse")
        if child is not None:
            child.check_keys(ANNOUNCEMENT_KEYS, "kungörelse")
            key = "uppsatt" if child.has("uppsatt") and not child.has("datum") else "datum"
            child.require(key, "kungörelse", " (dagen kungörelsen sattes upp)")
            meeting.announced = child.date(key)
            meeting.announced_pos = child.value_pos(key)
    elif value is not None:
        meeting.announced = node.date("kungörelse")
        meeting.announced_pos = node.value_pos("kungörelse")


def _status(node: Node) -> str | None:
    status = node.text("status")
    if status is None:
        node.findings.fel(node.pos(), "status saknas (kallelse, utkast eller justerat)", "saknas")
        return None
    if status not in STATUSES:
        from protogen.loader.yamlread import did_you_mean

        node.findings.fel(
            node.value_pos("status"),
            f"status ska vara kallelse, utkast eller justerat, inte {shown(status)}"
            + did_you_mean(status, STATUSES),
            "typ",
        )
        return None
    return status


def _ref(node: Node, key: str) -> Ref | None:
    value = node.raw(key)
    if value is None:
        return None
    return _ref_value(node, value, node.value_pos(key), key)


def _ref_value(node: Node, value: Any, pos: Pos, what: str) -> Ref | None:
    """A person: a plain name, or {namn:, paragrafer:}."""
    if isinstance(value, str):
        if not value.strip():
            node.findings.fel(pos, f"tomt namn i {what}", "typ")
            return None
        return Ref(pos=pos, name=value.strip())
    if isinstance(value, dict):
        child = node.child(value, what)
        child.check_keys(REF_KEYS, what)
        if not child.require("namn", f"{what}"):
            return None
        return Ref(
            pos=child.pos(),
            positions=child.positions(),
            name=(child.text("namn") or "").strip(),
            paragraphs=_paragraphs(child),
        )
    node.findings.fel(pos, f"{what} ska vara ett namn, inte {_kind(value)}", "typ")
    return None


def _kind(value: Any) -> str:
    from protogen.loader.yamlread import type_name

    return type_name(value)


def _paragraphs(child: Node) -> frozenset[int] | None:
    raw = child.raw("paragrafer")
    if raw is None:
        return None
    parsed = parse_paragraphs(raw)
    if parsed is None:
        child.findings.fel(
            child.value_pos("paragrafer"),
            f'paragrafer ska skrivas som "3", "3-4" eller "1-2, 6-9", inte {raw!r}',
            "typ",
        )
    return parsed


def _adjustment(node: Node) -> Adjustment | None:
    child = node.mapping("justering", "justering")
    if child is None:
        return None
    child.check_keys(ADJUSTMENT_KEYS, "justering")
    adjustment = Adjustment(
        pos=child.pos(),
        positions=child.positions(),
        date=child.date("datum"),
        time=child.text("tid"),
        place=child.text("plats"),
    )
    adjustment.invalid = child.invalid
    return adjustment


def _attendance(node: Node) -> Attendance | None:
    child = node.mapping("närvarande", "närvarande")
    if child is None:
        return None
    child.check_keys(ATTENDANCE_KEYS, "närvarande")
    attendance = Attendance(pos=child.pos(), positions=child.positions())
    for value, pos in child.sequence("ledamöter"):
        if ref := _ref_value(child, value, pos, "närvarande ledamöter"):
            attendance.members.append(ref)
    for value, pos in child.sequence("ersättare"):
        if ref := _ref_value(child, value, pos, "närvarande ersättare"):
            attendance.deputies.append(ref)
    for value, pos in child.sequence("tjänstgörande_ersättare"):
        if not isinstance(value, dict):
            attendance.unshaped_substitutes.append(pos)
        elif sub := _substitute(child, value):
            attendance.substitutes.append(sub)
    for value, pos in child.sequence("övriga"):
        if guest := _guest(child, value, pos):
            attendance.others.append(guest)
    return attendance


def _substitute(node: Node, value: dict[Any, Any]) -> Substitute | None:
    """A {namn:, ersätter:}; an `ersätter` left out is the rule ersattare-ersatter's to report."""
    child = node.child(value, "tjänstgörande_ersättare")
    child.check_keys(SUBSTITUTE_KEYS, "tjänstgörande_ersättare")
    if not child.require("namn", "tjänstgörande_ersättare"):
        return None
    name = (child.text("namn") or "").strip()
    replaces = child.text("ersätter")
    return Substitute(
        pos=child.pos(),
        positions=child.positions(),
        name=name,
        paragraphs=_paragraphs(child),
        replaces=replaces.strip() if replaces else None,
        replaces_pos=child.value_pos("ersätter") if replaces else None,
        replaces_written=replaces is not None,
    )


def _guest(node: Node, value: Any, pos: Pos) -> Guest | None:
    if isinstance(value, str):
        return Guest(pos=pos, name=value.strip())
    if not isinstance(value, dict):
        node.findings.fel(pos, "en person i övriga skrivs {namn: …, titel: …}", "typ")
        return None
    child = node.child(value, "övriga")
    child.check_keys(GUEST_KEYS, "övriga")
    if not child.require("namn", "övriga"):
        return None
    return Guest(
        pos=child.pos(),
        positions=child.positions(),
        name=(child.text("namn") or "").strip(),
        title=child.text("titel"),
        paragraphs=_paragraphs(child),
    )


def _posting(node: Node) -> Posting | None:
    child = node.mapping("anslag", "anslag")
    if child is None:
        return None
    child.check_keys(POSTING_KEYS, "anslag")
    return Posting(
        pos=child.pos(),
        positions=child.positions(),
        posted=child.date("uppsatt"),
        taken_down=child.date("nedtaget"),
    )


def _first_number(node: Node) -> int | None:
    value = node.integer("första_paragraf")
    if value is not None and value < 1:
        node.findings.fel(node.value_pos("första_paragraf"), "första_paragraf ska vara minst 1", "typ")
        return None
    return value


def _load_items(meeting: Meeting, folder: Path, root: Path, findings: Findings,
                read: bool = True) -> list:
    rel_folder = folder.relative_to(root).as_posix()
    files: list[tuple[int, str, Path]] = []
    with os.scandir(folder) as listing:  # as folder.iterdir(), without a Path for each
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        name = entry.name
        suffix = _suffix(name)
        if suffix.lower() not in (".md", ".markdown"):
            continue
        path, rel = folder / name, f"{rel_folder}/{name}"
        if suffix != ".md" and _is_file(entry, path):
            findings.fel(Pos(rel), f"{shown(name)}: ärendefiler ska sluta på .md (små "
                                   "bokstäver); filen läses inte annars", "arendefil")
            continue
        if suffix != ".md" or not _is_file(entry, path):
            continue
        match = ITEM_FILE.match(name)
        if not match:
            findings.fel(
                Pos(rel),
                f"{shown(name)}: ärendefiler ska heta NN-namn.md (t.ex. 01-val-av-justerare.md)",
                "arendefil",
            )
            continue
        files.append((int(match.group(1)), match.group(2), path))
    files.sort(key=lambda f: (f[0], f[1]))
    if len(files) > MAX_ITEMS:
        findings.fel(Pos(meeting.pos.path), f"sammanträdet har {len(files)} ärendefiler; gränsen "
                                            f"är {MAX_ITEMS} ärenden per sammanträde", RULE)
        meeting.failure = ParseFailure(Pos(meeting.pos.path))
        return []
    # Two files with one prefix: the rule numrering reports it from the items' prefixes.
    items = []
    for position, (prefix, slug, path) in enumerate(files):
        rel = f"{rel_folder}/{path.name}"
        if read:
            items.append(load_item(path, rel, prefix, slug, position, findings))
        else:  # listed only: numbered, never checked; secret, as anything not read
            items.append(Item(pos=Pos(rel), file=path, prefix=prefix, slug=slug,
                              position=position, secrecy=UNSTATED_GROUND,
                              failure=ParseFailure(Pos(rel))))
    return items


def _is_file(entry: os.DirEntry[str], path: Path) -> bool:
    """`path.is_file()`; for an entry that is no link, from the listing (no stat)."""
    return path.is_file() if entry.is_symlink() else entry.is_file(follow_symlinks=False)


def _suffix(name: str) -> str:
    """`PurePath(name).suffix`: from the last dot, unless the name starts or ends with it."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""
