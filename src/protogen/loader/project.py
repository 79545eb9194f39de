"""Loading the whole project: every board, every meeting, and the § numbering across them."""

from __future__ import annotations

from pathlib import Path

from protogen.findings import Findings, Pos
from protogen.loader.limits import outside_message, resolves_inside
from protogen.loader.meeting import is_meeting_folder, load_meeting
from protogen.loader.notice import load_notices
from protogen.loader.organ import load_organ
from protogen.loader.signed import read_signed_records
from protogen.loader.yamlread import shown
from protogen.location import PROTOCOL_DIR, find_root
from protogen.model import Meeting, Organ, Project

__all__ = ["ITEM_TEMPLATES", "PROTOCOL_DIR", "find_root", "load_project"]
#: A board's own item templates, copied into each new meeting by `protogen new sammanträde`.
ITEM_TEMPLATES = "ärendemallar"


def load_project(root: Path, findings: Findings, organ_ids: set[str] | None = None) -> Project:
    """Read every board under protokoll/ (or only `organ_ids`) and number their §§."""
    project = Project(root=root)
    base = root / PROTOCOL_DIR
    if not resolves_inside(base, root):
        findings.fel(Pos(PROTOCOL_DIR), outside_message(f"mappen {PROTOCOL_DIR}"), "fil")
        return project
    for folder in sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if organ_ids is not None and folder.name not in organ_ids:
            continue
        if _outside(folder, root, findings):
            continue
        project.organs.append(load_board(folder, root, findings))
    if organ_ids is None:  # the notices belong to the whole project, not to one board
        project.notices = load_notices(root, project.organs, findings)
    return project


def load_board(folder: Path, root: Path, findings: Findings) -> Organ:
    organ = load_organ(folder, root, findings)
    for child in sorted(folder.iterdir()):
        if not child.is_dir() or child.name.startswith(".") or child.name == ITEM_TEMPLATES:
            continue
        if _outside(child, root, findings):
            continue
        if is_meeting_folder(child):
            organ.meetings.append(load_meeting(child, organ, root, findings))
        else:
            rel = child.relative_to(root).as_posix()
            findings.varning(
                Pos(rel),
                f"mappen {shown(child.name)} är ingen mötesmapp (namnge den ÅÅÅÅ-MM-DD)",
                "mapp",
            )
    organ.meetings.sort(key=_meeting_order)
    number_meetings(organ)
    read_signed_records(organ, root)
    return organ


def _outside(folder: Path, root: Path, findings: Findings) -> bool:
    """A folder that is a symbolic link out of the project is a fel, and is not read."""
    if resolves_inside(folder, root):
        return False
    findings.fel(Pos(folder.relative_to(root).as_posix()),
                 outside_message(f"mappen {shown(folder.name)}"), "fil")
    return True


def _meeting_order(meeting: Meeting) -> tuple[str, int]:
    day = meeting.date or meeting.folder_date
    return (day.isoformat() if day else meeting.folder_name, meeting.sequence)


def series_of(organ: Organ, meeting: Meeting) -> int | None:
    """The numbering series a meeting belongs to: its year (per_år) or 0 (löpande)."""
    if organ.numbering == "löpande":
        return 0
    day = meeting.date or meeting.folder_date
    return day.year if day else None


def previous_in_series(organ: Organ, meeting: Meeting) -> Meeting | None:
    series = series_of(organ, meeting)
    previous = None
    for other in organ.meetings:
        if other is meeting:
            return previous
        if series_of(organ, other) == series:
            previous = other
    return previous


def expected_first(organ: Organ, meeting: Meeting) -> int:
    """The first § number the series gives, ignoring första_paragraf."""
    previous = previous_in_series(organ, meeting)
    while previous is not None and previous.last_number is None:
        previous = previous_in_series(organ, previous)  # a meeting with no items takes no number
    if previous is None or previous.last_number is None:
        return 1
    return previous.last_number + 1


def number_meetings(organ: Organ) -> None:
    """Give every item its § number: the meeting's first number plus its position."""
    for meeting in organ.meetings:  # in date order, so the previous meeting is numbered first
        first = meeting.first_number_given or expected_first(organ, meeting)
        for item in meeting.items:
            item.number = first + item.position
