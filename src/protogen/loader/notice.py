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

The loader reads what is written and reports what cannot be read (keys, types, files outside
the folder or missing); the rule `anslag-ovrigt` judges the dates.
"""

from __future__ import annotations

import re
from pathlib import Path

from protogen.findings import Findings, Pos
from protogen.loader import fields
from protogen.loader.item import front_matter_closed, split_front_matter
from protogen.loader.organ import read_text
from protogen.loader.yamlread import Node, as_date, did_you_mean, read_yaml, shown
from protogen.model import Organ, ParseFailure, PostedNotice

NOTICE_DIR = "anslag"
NOTICE_KEYS = fields.POSTED_NOTICE.names()
NOTICE_FILE = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)\.md$")
FILE_TYPES = (".pdf", ".png", ".jpg", ".jpeg")
RULE = "anslag-ovrigt"
MAX_NOTICES = 10_000  # a folder larger than this is not a notice board: read the first ones


def load_notices(root: Path, organs: list[Organ], findings: Findings) -> list[PostedNotice]:
    """Every notice file in `root/anslag/`, oldest first; none when the folder is missing."""
    folder = root / NOTICE_DIR
    if not folder.is_dir() or folder.is_symlink():
        return []
    notices: list[PostedNotice] = []
    for path in sorted(folder.iterdir())[:MAX_NOTICES]:
        if path.suffix.lower() != ".md" or not path.is_file():
            continue  # attachments and sub-folders of files
        rel = f"{NOTICE_DIR}/{path.name}"
        if path.is_symlink():
            findings.fel(Pos(rel), "anslagsfilen är en symbolisk länk; lägg filen själv i "
                                   "anslag/", RULE)
            continue
        match = NOTICE_FILE.match(path.name)
        if match is None:
            findings.varning(Pos(rel), f"filen {shown(path.name)} läses inte som anslag: "
                                       "namnge den ÅÅÅÅ-MM-DD-<namn>.md", RULE)
            continue
        notice = load_notice(path, rel, root, findings)
        notice.file_date = as_date(match.group(1))
        if notice.file_date is None:
            findings.fel(Pos(rel), f"filnamnet {shown(path.name)} börjar inte med ett giltigt "
                                   "datum (ÅÅÅÅ-MM-DD)", RULE)
        if notice.posted is None and "uppsatt" not in notice.invalid:
            notice.posted = notice.file_date
        _resolve_organ(notice, organs, findings)
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
    notice.files = _files(node, root / NOTICE_DIR)
    _appeal(notice, node)
    notice.invalid = node.invalid
    return notice


def _files(node: Node, folder: Path) -> list[str]:
    files: list[str] = []
    for value, pos in node.sequence("fil"):
        if not isinstance(value, str) or not value.strip():
            node.findings.fel(pos, "fil ska vara en sökväg i mappen anslag/ (eller en lista "
                                   "med sådana)", "typ")
            continue
        written = value.strip()
        problem = file_problem(folder, written)
        if problem:
            node.findings.fel(pos, problem, RULE)
            continue
        files.append(written)
    return files


def file_problem(folder: Path, written: str) -> str | None:
    """Why `written` (relative to anslag/) cannot be a notice's file, or None."""
    if "\\" in written or written.startswith("/") or "\0" in written:
        return f"filen {shown(written)} ska anges som en relativ sökväg med / i mappen anslag/"
    target = (folder / written).resolve()
    try:
        target.relative_to(folder.resolve())
    except ValueError:
        return f"filen {shown(written)} ligger utanför mappen anslag/"
    if target.suffix.lower() not in FILE_TYPES:
        kinds = ", ".join(k.lstrip(".") for k in FILE_TYPES)
        return f"filen {shown(written)} ska vara en PDF eller en bild ({kinds})"
    if not target.is_file():
        return f"filen {shown(written)} finns inte i mappen anslag/"
    return None


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


def _resolve_organ(notice: PostedNotice, organs: list[Organ], findings: Findings) -> None:
    if notice.organ_id is None:
        return
    by_id = {organ.id: organ for organ in organs}
    notice.organ = by_id.get(notice.organ_id)
    if notice.organ is None:
        findings.fel(
            notice.at("organ"),
            f"organet {shown(notice.organ_id)} finns inte under protokoll/"
            + did_you_mean(notice.organ_id, by_id),
            RULE,
        )
