"""`protogen status MÖTESMAPP utkast|justerat`: move a meeting to its next phase.

The meeting is first checked as if it were already in the new phase; a `fel` refuses the move
and nothing is written. The edit itself is made in the text at the place ruamel.yaml reports
for the value, so every comment, blank line, quote and key order of the file stays as the
secretary wrote it; the result is read back and must say what was meant.

At `justerat` the anslag is proposed: the last lawful day to post it (KL 8 kap. 12 §) and the
take-down day it gives (the end of the appeal period, KL 13 kap. 5 §). When the board has
anslag and `anslag.uppsatt` is missing, the last lawful day is written in, marked as proposed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from protogen.authoring.files import write_text
from protogen.findings import Finding, Findings, Level
from protogen.law.dates import appeal_end, day_label, posting_deadline
from protogen.loader.yamlread import read_yaml
from protogen.model import STATUSES, Meeting, Posting

_SCALAR_END = re.compile(r"""("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^#\n]*?)(\s+#.*)?$""")


class PhaseError(Exception):
    """The file cannot be edited safely; the message is Swedish."""


@dataclass
class Move:
    """The outcome: refused with findings, or done with what was written and proposed."""

    meeting: Meeting
    findings: list[Finding] = field(default_factory=list)
    done: bool = False
    notes: list[str] = field(default_factory=list)


def move(root: Path, folder: Path, phase: str, today: dt.date) -> Move:
    from protogen.checker import CheckResult, run_rules
    from protogen.loader.project import load_board
    from protogen.model import Project
    from protogen.rules.base import Context

    if phase not in STATUSES:
        raise PhaseError(f"status ska vara {', '.join(STATUSES)}, inte {phase}")
    findings = Findings()
    organ = load_board(folder.parent, root, findings)
    meeting = next((m for m in organ.meetings if m.folder.resolve() == folder.resolve()), None)
    if meeting is None or not meeting.loaded:
        why = [f.format() for f in findings.sorted() if f.pos.path.endswith(f"{folder.name}/sammanträde.yaml")]
        raise PhaseError("\n".join([f"{folder.name}: sammanträde.yaml saknas eller kan inte läsas", *why]))
    if meeting.status == "justerat" and phase != "justerat":
        # A justerat protocol is the signed record; reopening it is a decision, not a command.
        raise PhaseError(f"{folder.name} är justerat; protogen flyttar inte ett justerat protokoll "
                         f"tillbaka till {phase}. Var justeringen ett misstag, ändra status för hand")
    outcome = Move(meeting)
    path = folder / "sammanträde.yaml"
    with path.open(encoding="utf-8", newline="") as handle:  # keep the file's line endings
        text = handle.read()
    proposal = _proposal(meeting, phase)
    # Check the meeting as it will be: the new status, and the proposed anslag if one is added.
    meeting.status = phase
    if proposal is not None and (meeting.posting is None or meeting.posting.posted is None):
        meeting.posting = Posting(pos=meeting.pos, posted=proposal[0])
    project = Project(root=root, organs=[organ])
    run_rules(project, Context(root=root, today=today), findings)
    result = CheckResult(project=project, findings=findings.sorted(), scope=result_scope(root, folder))
    outcome.findings = result.meeting_findings(meeting)
    if any(f.level is Level.FEL for f in outcome.findings):
        return outcome
    new_text = set_value(text, ["status"], phase)
    if proposal is not None:
        posted, taken_down = proposal
        outcome.notes.append(
            f"anslaget ska sättas upp senast {day_label(posted)} (andra dagen efter justeringen, "
            f"KL 8 kap. 12 §) och kan tas ned tidigast {day_label(taken_down)} "
            "(när överklagandetiden gått ut, KL 13 kap. 5 §)"
        )
        if _missing_posting(text):
            new_text = set_value(new_text, ["anslag", "uppsatt"], posted.isoformat(),
                                 comment="föreslaget av protogen status: ändra till dagen "
                                         "anslaget sattes upp")
            outcome.notes.append(f"anslag.uppsatt: {posted.isoformat()} skrevs in som förslag")
    write_text(root, path, new_text)
    outcome.done = True
    return outcome


def result_scope(root: Path, folder: Path) -> str:
    return folder.resolve().relative_to(root.resolve()).as_posix()


def _proposal(meeting: Meeting, phase: str) -> tuple[dt.date, dt.date] | None:
    """(the last lawful posting day, the take-down it gives), when moving to justerat."""
    if phase != "justerat" or (meeting.organ is not None and not meeting.organ.has_anslag):
        return None
    if meeting.adjustment is None or meeting.adjustment.date is None:
        return None
    posted = posting_deadline(meeting.adjustment.date)
    if meeting.posting is not None and meeting.posting.posted is not None:
        posted = meeting.posting.posted
        return posting_deadline(meeting.adjustment.date), appeal_end(posted)
    return posted, appeal_end(posted)


def _missing_posting(text: str) -> bool:
    data = _read(text)
    posting = data.get("anslag")
    return not isinstance(posting, dict) or posting.get("uppsatt") is None


def _read(text: str) -> Any:
    findings = Findings()
    data = read_yaml(text, "sammanträde.yaml", findings)
    if findings.items or not isinstance(data, dict):
        raise PhaseError("sammanträde.yaml kan inte läsas: kör protogen check för detaljer")
    return data


def set_value(text: str, keys: list[str], value: str, comment: str | None = None) -> str:
    """`text` with the scalar at `keys` set to `value`, changing nothing else.

    An existing value is replaced in place (its trailing comment stays); a missing key is
    added as the last key of its mapping (a missing top-level mapping at the end of the file).
    """
    data = _read(text)
    lines = text.splitlines(keepends=True)
    parent = data
    for depth, key in enumerate(keys[:-1]):
        child = parent.get(key)
        if not isinstance(child, dict):
            if child is not None or key in parent and depth:
                raise PhaseError(f"{key} ska vara en mappning i sammanträde.yaml")
            if key in parent:  # `anslag:` with nothing under it
                line = parent.lc.key(key)[0]
                indent = " " * (parent.lc.key(key)[1] + 2)
                lines.insert(line + 1, _line(indent, keys[depth + 1:], value, comment))
                return _verified("".join(lines), keys, value)
            block = _block(keys[depth:], value, comment, indent=parent.lc.col if depth else 0)
            body = "".join(lines)
            return _verified(body + ("" if body.endswith("\n") or not body else "\n") + block,
                             keys, value)
        parent = child
    last = keys[-1]
    if last in parent and parent[last] is not None:
        line, col = parent.lc.value(last)
        current = lines[line]
        match = _SCALAR_END.match(current, col)
        if match is None or "\n" in match.group(1):
            raise PhaseError(f"{last} kan inte ändras säkert: ändra den för hand")
        tail = match.group(2) or ""
        ending = current[len(current.rstrip("\r\n")):]
        lines[line] = current[:col] + value + tail.rstrip("\r\n") + ending
        return _verified("".join(lines), keys, value)
    # A missing (or empty) key: add it after the mapping's last line.
    col = parent.lc.col if keys[:-1] else 0
    if last in parent:  # `uppsatt:` with no value
        line = parent.lc.key(last)[0]
        lines[line] = lines[line].rstrip("\r\n").rstrip() + f" {value}\n"
        return _verified("".join(lines), keys, value)
    end = _last_line(parent)
    lines.insert(end + 1, _line(" " * col, [last], value, comment))
    return _verified("".join(lines), keys, value)


def _line(indent: str, keys: list[str], value: str, comment: str | None) -> str:
    return _block(keys, value, comment, indent=len(indent))


def _block(keys: list[str], value: str, comment: str | None, indent: int) -> str:
    out = []
    for depth, key in enumerate(keys[:-1]):
        out.append(" " * (indent + 2 * depth) + f"{key}:\n")
    note = f"  # {comment}" if comment else ""
    out.append(" " * (indent + 2 * (len(keys) - 1)) + f"{keys[-1]}: {value}{note}\n")
    return "".join(out)


def _last_line(mapping: Any) -> int:
    """The last line a mapping's content reaches (0-based)."""
    last = mapping.lc.line
    for key in mapping:
        value = mapping[key]
        line = mapping.lc.value(key)[0] if value is not None else mapping.lc.key(key)[0]
        if isinstance(value, dict) and value:
            line = max(line, _last_line(value))
        elif isinstance(value, list) and value:
            line = max(line, value.lc.item(len(value) - 1)[0])  # type: ignore[attr-defined]
            tail = value[-1]
            if isinstance(tail, dict) and tail:
                line = max(line, _last_line(tail))
        last = max(last, line)
    return last


def _verified(text: str, keys: list[str], value: str) -> str:
    data = _read(text)
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    shown = data.isoformat() if isinstance(data, dt.date) else data
    if str(shown) != value:
        raise PhaseError(f"{'.'.join(keys)} kunde inte skrivas säkert: ändra den för hand")
    return text
