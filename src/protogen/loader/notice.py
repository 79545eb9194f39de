"""Reading the other notices of the anslagstavla: `anslag/<ÅÅÅÅ-MM-DD>-<slug>.md`.

A notice a municipality must post that is not a meeting's (an underrättelse, a
delegationsbeslut not reported to a board, a föreskrift) is one Markdown file at the project
root, beside `protokoll/`: YAML front matter, then the notice's text::

    ---
    rubrik: Delegationsbeslut om parkeringstillstånd
    uppsatt: 2024-04-02          # optional: the date the file name begins with
    nedtaget: 2024-04-23         # optional: the last day of the appeal period
    organ: ks                    # optional: the board (its folder under protokoll/)
    fil: beslut/parkering.pdf    # optional: a file (or a list) inside anslag/
    överklagande: false          # optional: no appeal period (or Markdown: how to appeal)
    ---
    Beslutet gäller …

The loader reads what is written and reports what cannot be read (keys, types); the rule
`anslag-ovrigt` judges the file names, the dates, the files named and the board.
"""

from __future__ import annotations

import re
from pathlib import Path

from protogen.findings import Findings, Pos
from protogen.loader import fields
from protogen.loader.item import front_matter_closed, split_front_matter
from protogen.loader.organ import read_text
from protogen.loader.yamlread import Node, as_date, read_yaml
from protogen.model import Organ, ParseFailure, PostedNotice, StrayNotice
from protogen.resources import notice_file_problem

NOTICE_DIR = "anslag"
NOTICE_KEYS = fields.POSTED_NOTICE.names()
NOTICE_FILE = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)\.md$")
MAX_NOTICES = 10_000  # a folder larger than this is not a notice board: read the first ones


def load_notices(root: Path, organs: list[Organ], findings: Findings,
                 strays: list[StrayNotice] | None = None) -> list[PostedNotice]:
    """Every notice file in `root/anslag/`, oldest first; none when the folder is missing.

    A Markdown file that is a symbolic link, or whose name does not begin with a date, is not
    read; it is added to `strays` for the rule anslag-ovrigt. So are, on each notice, the
    `fil:` values that name no usable file, and a board that does not exist stays `organ`
    None beside its `organ_id`.
    """
    folder = root / NOTICE_DIR
    if not folder.is_dir() or folder.is_symlink():
        return []
    notices: list[PostedNotice] = []
    for path in sorted(folder.iterdir())[:MAX_NOTICES]:
        if path.suffix.lower() != ".md" or not path.is_file():
            continue  # attachments and sub-folders of files
        rel = f"{NOTICE_DIR}/{path.name}"
        match = NOTICE_FILE.match(path.name)
        if path.is_symlink() or match is None:
            if strays is not None:
                strays.append(StrayNotice(Pos(rel), path.name, link=path.is_symlink()))
            continue
        notice = load_notice(path, rel, root, findings)
        notice.file_date = as_date(match.group(1))
        if notice.posted is None and "uppsatt" not in notice.invalid:
            notice.posted = notice.file_date
        if notice.organ_id is not None:
            notice.organ = next((o for o in organs if o.id == notice.organ_id), None)
        notices.append(notice)
    return notices


def load_notice(path: Path, rel: str, root: Path, findings: Findings) -> PostedNotice:
    notice = PostedNotice(pos=Pos(rel), file=path, slug=path.stem)
    text = read_text(path, rel, findings)
    if text is None:
        notice.failure = ParseFailure(Pos(rel))
        return notice
    text = text.removeprefix("\ufeff")
    front, body, body_line = split_front_matter(text)
    notice.body, notice.body_line = body, body_line
    if front is not None and not front_matter_closed(text):
        findings.fel(Pos(rel, 1), "front matter avslutas aldrig: skriv en rad med bara --- "
                                  "efter sista nyckeln, före anslagets text", "saknas")
        notice.failure = ParseFailure(Pos(rel, 1))
        return notice
    if front is None:
        findings.fel(Pos(rel), "anslagsfilen saknar front matter (börja filen med --- och "
                               "rubrik: …)", "saknas")
        notice.failure = ParseFailure(Pos(rel))
        return notice
    reported = len(findings.items)
    data = read_yaml(front, rel, findings, line_offset=1)
    if data is None and len(findings.items) > reported:
        notice.failure = ParseFailure(findings.items[reported].pos)
        return notice
    if data is None:
        data = {}
    if not isinstance(data, dict):
        findings.fel(Pos(rel, 2), "front matter ska vara en mappning (nyckel: värde)", "typ")
        notice.failure = ParseFailure(Pos(rel, 2))
        return notice
    node = Node(data, rel, findings, line_offset=1, where="anslaget")
    node.check_keys(NOTICE_KEYS, "anslaget")
    notice.pos = Pos(rel, 1, 1)
    notice.positions = node.positions()
    if node.require("rubrik", "anslaget"):
        notice.title = (node.text("rubrik") or "").strip() or None
        if notice.title is None and "rubrik" not in node.invalid:
            findings.fel(node.value_pos("rubrik"), "rubrik är tom", "saknas")
    notice.posted = node.date("uppsatt")
    notice.taken_down = node.date("nedtaget")
    organ = node.text("organ")
    notice.organ_id = organ.strip() if organ and organ.strip() else None
    notice.files, notice.unusable_files = _files(node, root / NOTICE_DIR)
    _appeal(notice, node)
    notice.invalid = node.invalid
    return notice


def _files(node: Node, folder: Path) -> tuple[list[str], list[tuple[str, Pos]]]:
    """The usable `fil:` values, and those that name no usable file (with where they stand)."""
    files: list[str] = []
    unusable: list[tuple[str, Pos]] = []
    for value, pos in node.sequence("fil"):
        if not isinstance(value, str) or not value.strip():
            node.findings.fel(pos, "fil ska vara en sökväg i mappen anslag/ (eller en lista "
                                   "med sådana)", "typ")
            continue
        written = value.strip()
        if notice_file_problem(folder, written):
            unusable.append((written, pos))
        else:
            files.append(written)
    return files, unusable


def _appeal(notice: PostedNotice, node: Node) -> None:
    value = node.raw("överklagande")
    if value is None:
        return
    if isinstance(value, bool):
        notice.appeal = value
        return
    text = node.text("överklagande")
    if text is not None and text.strip():
        notice.appeal_text = text.strip("\n")
