"""The justering tests' people, keys and built project (see conftest.py)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

_HERE = Path(__file__).resolve().parent
for folder in (_HERE, _HERE.parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import pki  # noqa: E402
from helpers import NINE, item_text, meeting_data, project, write_meeting  # noqa: E402

SECRETARY = "Sara Sekreterare"
CHAIR = NINE[0]  # Anna Andersson
ADJUSTER = NINE[1]  # Bertil Berg
PERSONNUMMER = "19121212-1212"  # the test number Skatteverket publishes as an example


@dataclass
class Keys:
    folder: Path
    ca: pki.Authority
    ca_pem: Path
    secretary: Path
    chair: Path
    adjuster: Path
    stranger: Path
    password: Path


@dataclass
class Built:
    root: Path
    meeting: Path
    other: Path  # another meeting of the same board, also built


def _build(root: Path) -> Built:
    from protogen.build import build_all

    meeting = project(root, meeting_data(sekreterare=SECRETARY), items=[
        {"rubrik": "Budget 2024", "beslut": "Budgeten fastställs.\n"},
        {"rubrik": "Motion om cykelbanor", "beslut": "Motionen bifalls.\n"},
    ])
    other = write_meeting(root, "tn", "2024-04-17", meeting_data("2024-04-17", sekreterare=SECRETARY),
                          [item_text({"rubrik": "Ett annat ärende"})])
    assert build_all(root).ok
    return Built(root, meeting, other)


