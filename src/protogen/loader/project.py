"""Loading the whole project: every board, every meeting, and the § numbering across them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from protogen.findings import Findings, Pos
from protogen.law.numbering import number_meetings
from protogen.limits import outside_message, resolves_inside
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


def load_project(root: Path, findings: Findings, organ_ids: set[str] | None = None,
                 focus: Callable[[str], bool] | None = None) -> Project:
    """Read every board under protokoll/ (or only `organ_ids`) and number their §§.

    With `focus` (is this meeting folder, relative to the root, wanted?), the other meetings
    are read only in outline: what the wanted ones' order and § numbers depend on."""
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
        project.organs.append(load_board(folder, root, findings, focus))
    if organ_ids is None:  # the notices belong to the whole project, not to one board
        project.notices = load_notices(root, project.organs, findings, project.stray_notices)
    return project


def load_board(folder: Path, root: Path, findings: Findings,
               focus: Callable[[str], bool] | None = None) -> Organ:
    organ = load_organ(folder, root, findings)
    for child in sorted(folder.iterdir()):
        if not child.is_dir() or child.name.startswith(".") or child.name == ITEM_TEMPLATES:
            continue
        if _outside(child, root, findings):
            continue
        if is_meeting_folder(child):
            outline = focus is not None and not focus(child.relative_to(root).as_posix())
            organ.meetings.append(load_meeting(child, organ, root, findings, outline))
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
