"""Reading one agenda item file: YAML front matter between `---` lines, then Markdown."""

from __future__ import annotations

import difflib
import functools
import re
from pathlib import Path
from typing import Any

from protogen.findings import Findings, Pos
from protogen.loader import fields
from protogen.loader.organ import read_text
from protogen.loader.yamlread import Node, read_yaml, type_name
from protogen.model import (
    UNSTATED_GROUND,
    Document,
    Doubt,
    Item,
    ParseFailure,
    Ref,
    SecrecyDoubt,
    Statement,
    Vote,
    plain_word,
)

ITEM_KEYS = fields.ITEM.names()
STATEMENT_KEYS = fields.STATEMENT.names()
VOTE_KEYS = fields.VOTE.names()
DOCUMENT_KEYS = fields.DOCUMENT.names()


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter, body, the 1-based line where the body starts).

    The front matter starts with a first line that is `---` and ends at the next line that is
    exactly `---` (a CR before the newline is allowed). Nothing else ends it: not an indented
    `  ---` inside a block scalar, not `...`, not `--- ` with spaces after it. Lines are split
    at newlines only, as YAML splits them, never at the other characters Python's
    `splitlines` breaks on (U+2028, U+0085, form feed …), so a value cannot hide a fake end
    line. Front matter that never ends is returned whole, with an empty body; see
    `front_matter_closed`.
    """
    lines = text.split("\n")
    if not _is_marker(lines[0]):
        return None, text, 1
    for index in range(1, len(lines)):
        if _is_marker(lines[index]):
            return "\n".join(lines[1:index]) + "\n", "\n".join(lines[index + 1 :]), index + 2
    return "\n".join(lines[1:]), "", len(lines) + 1


def _is_marker(line: str) -> bool:
    return line.removesuffix("\r") == "---"


def front_matter_closed(text: str) -> bool:
    """Whether front matter that starts on line 1 is ended by a `---` line."""
    return any(_is_marker(line) for line in text.split("\n")[1:])


def load_item(
    path: Path, rel: str, prefix: int, slug: str, position: int, findings: Findings
) -> Item:
    # Fail closed: the item is secret until its front matter has been read and says otherwise.
    item = Item(pos=Pos(rel), file=path, prefix=prefix, slug=slug, position=position,
                secrecy=UNSTATED_GROUND)
    text = read_text(path, rel, findings)
    if text is None:
        item.failure = ParseFailure(Pos(rel))
        return item
    text = text.removeprefix("\ufeff")
    front, body, body_line = split_front_matter(text)
    if front is not None and not front_matter_closed(text):
        findings.fel(
            Pos(rel, 1),
            "front matter avslutas aldrig: skriv en rad med bara --- (utan blanksteg före "
            "eller efter) efter sista nyckeln, före ärendets text; ärendet behandlas som "
            "sekretessbelagt tills dess",
            "saknas",
        )
        item.failure = ParseFailure(Pos(rel, 1))
        return item
    item.body = body
    item.body_line = body_line
    if front is None:
        findings.fel(
            Pos(rel),
            "ärendefilen saknar front matter (börja filen med en rad med bara --- och "
            "rubrik: …)",
            "saknas",
        )
        item.failure = ParseFailure(Pos(rel))
        return item
    reported = len(findings.items)
    data = read_yaml(front, rel, findings, line_offset=1)
    if data is None:
        if len(findings.items) > reported:  # unreadable, and already reported
            item.failure = ParseFailure(findings.items[reported].pos)
            return item
        data = {}  # empty, only comments, or `null`: no keys, so rubrik is reported missing
    if not isinstance(data, dict):
        findings.fel(Pos(rel, 2), "front matter ska vara en mappning (nyckel: värde)", "typ")
        item.failure = ParseFailure(Pos(rel, 2))
        return item
    node = Node(data, rel, findings, line_offset=1)
    node.check_keys(ITEM_KEYS, "ärendet")
    item.positions = node.positions()
    item.pos = Pos(rel, 1, 1)
    item.title = node.text("rubrik")
    item.dnr = node.text("dnr")
    item.kind = node.text("typ")
    item.proposal = _markdown(node, "förslag_till_beslut")
    item.motions = _statements(node, "yrkanden")
    item.order_of_question = _markdown(node, "propositionsordning")
    item.vote = _vote(node)
    item.decision = _markdown(node, "beslut")
    item.reservations = _statements(node, "reservationer")
    item.notes = _statements(node, "protokollsanteckningar")
    item.conflicts = _names(node, "jäv")
    chair = node.text("ordförande")
    item.chair = Ref(pos=node.value_pos("ordförande"), name=chair.strip()) if chair else None
    item.immediately_adjusted = node.boolean("omedelbart_justerad")
    item.dispatch = [str(v).strip() for v, _ in node.sequence("expedieras") if _is_text(v)]
    item.documents = _documents(node)
    item.secrecy = _secrecy(node, body, body_line, item.secrecy_doubts)
    item.invalid = node.invalid
    return item


def _is_text(value: Any) -> bool:
    return isinstance(value, str | int) and not isinstance(value, bool)


def _markdown(node: Node, key: str) -> str | None:
    text = node.text(key)
    return text.strip("\n") if text is not None and text.strip() else None


def _statements(node: Node, key: str) -> list[Statement]:
    statements: list[Statement] = []
    for value, pos in node.sequence(key):
        if isinstance(value, str):  # a bare name: a reservation without written text
            statements.append(Statement(pos=pos, by=value.strip(), by_pos=pos))
            continue
        if not isinstance(value, dict):
            node.findings.fel(pos, f"en post i {key} skrivs {{av: namn, text: …}}", "typ")
            continue
        child = node.child(value, key)
        child.check_keys(STATEMENT_KEYS, key)
        if not child.require("av", f"en post i {key}", " (vem?)"):
            continue
        statements.append(
            Statement(
                pos=child.pos(),
                positions=child.positions(),
                by=(child.text("av") or "").strip(),
                by_pos=child.value_pos("av"),
                text=_markdown(child, "text"),
            )
        )
    return statements


def _names(node: Node, key: str) -> list[Ref]:
    refs: list[Ref] = []
    for value, pos in node.sequence(key):
        if isinstance(value, str) and value.strip():
            refs.append(Ref(pos=pos, name=value.strip()))
        else:
            node.findings.fel(pos, f"{key} ska vara en lista med namn", "typ")
    return refs


def _vote(node: Node) -> Vote | None:
    child = node.mapping("omröstning", "omröstning")
    if child is None:
        return None
    child.check_keys(VOTE_KEYS, "omröstning")
    return Vote(
        pos=child.pos(),
        positions=child.positions(),
        yes=_names(child, "ja"),
        no=_names(child, "nej"),
        abstain=_names(child, "avstår"),
    )


def _documents(node: Node) -> list[Document]:
    documents: list[Document] = []
    for value, pos in node.sequence("beslutsunderlag"):
        if isinstance(value, str):
            documents.append(Document(pos=pos, title=value.strip()))
            continue
        if not isinstance(value, dict):
            node.findings.fel(pos, "beslutsunderlag skrivs som titel eller {titel: …, fil: …}", "typ")
            continue
        child = node.child(value, "beslutsunderlag")
        child.check_keys(DOCUMENT_KEYS, "beslutsunderlag")
        file = child.text("fil")
        title = child.text("titel") or (Path(file).name if file else None)
        if title is None:
            child.require("titel", "beslutsunderlag")
            continue
        documents.append(
            Document(pos=child.pos(), positions=child.positions(), title=title.strip(), file=file)
        )
    return documents


#: A body line that reads like a front matter key for secrecy: the front matter ended early.
_SECRECY_LINE = re.compile(r"^[ \t>*_`#-]*sekretess[ \t*_`]*:")


def _secrecy(node: Node, body: str, body_line: int, doubts: list[SecrecyDoubt]) -> str | None:
    """The sekretess ground, or None only when the item is public beyond doubt.

    Public means: no `sekretess` key, or `sekretess: false` (the YAML boolean). Every other
    value (empty, `~`, a number, a list, `"false"` as text, `nej` …) keeps the item secret until
    it is fixed; so does a key that looks like sekretess but is not spelled so (`Sekretess`,
    `sekretes`, one with a hidden character), anywhere in the front matter, and a `sekretess:`
    line in the body (the front matter ended before it). Each problem is added to `doubts`, for
    the rule sekretess to report; a ground written as a word for "no" is the rule's to see.
    """
    doubt = _doubtful_key(node.data, node, doubts)
    body_hit = _secrecy_in_body(body, body_line, node, doubts)
    if "sekretess" not in node.data:
        return UNSTATED_GROUND if doubt or body_hit else None
    value = node.data["sekretess"]
    pos = node.value_pos("sekretess")
    if value is False:
        return UNSTATED_GROUND if doubt or body_hit else None
    if value is True:
        doubts.append(SecrecyDoubt(Doubt.TRUE, pos))
        return UNSTATED_GROUND
    if value is None:
        doubts.append(SecrecyDoubt(Doubt.EMPTY, pos))
        return UNSTATED_GROUND
    if type(value) is not str:  # a number, date, list, mapping or tagged value
        doubts.append(SecrecyDoubt(Doubt.NOT_TEXT, pos, type_name(value)))
        return UNSTATED_GROUND
    if not value.strip():
        doubts.append(SecrecyDoubt(Doubt.BLANK, pos))
        return UNSTATED_GROUND
    return value


@functools.lru_cache(maxsize=4096)
def _looks_like_secrecy(key: str) -> bool:
    """(Cached: a project repeats the same few dozen keys in every item, and the fuzzy match
    was a tenth of a cold check.)"""
    word = re.sub(r"[\W_]+", "", plain_word(key))
    if word == "sekretess":
        return key != "sekretess"
    if "sekret" in word or "secre" in word or "sekre" in word:
        return True
    return difflib.SequenceMatcher(None, word[:12], "sekretess").ratio() >= 0.7


def _doubtful_key(data: Any, node: Node, doubts: list[SecrecyDoubt], depth: int = 0) -> bool:
    """Whether a key that reads like sekretess stands anywhere but as the item's own key."""
    found = False
    if depth > 50:
        return False
    if isinstance(data, dict):
        for key, value in data.items():
            nested = depth > 0 and key == "sekretess"
            if nested or (isinstance(key, str) and _looks_like_secrecy(key)):
                if nested:
                    doubts.append(SecrecyDoubt(Doubt.NESTED, node.pos()))
                found = True
            found = _doubtful_key(value, node, doubts, depth + 1) or found
    elif isinstance(data, list):
        for value in data:
            found = _doubtful_key(value, node, doubts, depth + 1) or found
    return found


def _secrecy_in_body(body: str, body_line: int, node: Node, doubts: list[SecrecyDoubt]) -> bool:
    for number, line in enumerate(body.split("\n")):
        if _SECRECY_LINE.match(plain_word(line)):
            doubts.append(SecrecyDoubt(Doubt.IN_BODY, Pos(node.path, body_line + number, 1)))
            return True
    return False
