"""Reading one agenda item file: YAML front matter between `---` lines, then Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from protogen.findings import Findings, Pos
from protogen.loader import fields
from protogen.loader.organ import read_text
from protogen.loader.yamlread import Node, read_yaml
from protogen.model import Document, Item, Ref, Statement, Vote

ITEM_KEYS = fields.ITEM.names()
STATEMENT_KEYS = fields.STATEMENT.names()
#: What the reader keeps for `sekretess: true` (already reported): the item stays secret.
UNSTATED_GROUND = "offentlighets- och sekretesslagen (grunden ej angiven)"
VOTE_KEYS = fields.VOTE.names()
DOCUMENT_KEYS = fields.DOCUMENT.names()


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter, body, the 1-based line where the body starts)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").strip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").strip() in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    return "".join(lines[1:]), "", len(lines) + 1


def _closed(text: str) -> bool:
    lines = text.lstrip("\ufeff").splitlines()
    return any(line.strip() in ("---", "...") for line in lines[1:])


def load_item(
    path: Path, rel: str, prefix: int, slug: str, position: int, findings: Findings
) -> Item:
    item = Item(pos=Pos(rel), file=path, prefix=prefix, slug=slug, position=position)
    text = read_text(path, rel, findings)
    if text is None:
        return item
    front, body, body_line = split_front_matter(text.lstrip("\ufeff"))
    if front is not None and not _closed(text):
        findings.fel(
            Pos(rel, 1),
            "front matter avslutas aldrig: skriv en rad med bara --- efter sista nyckeln, "
            "före ärendets text",
            "saknas",
        )
    item.body = body
    item.body_line = body_line
    if front is None:
        findings.fel(
            Pos(rel),
            "ärendefilen saknar front matter (börja filen med --- och rubrik: …)",
            "saknas",
        )
        return item
    reported = len(findings.items)
    data = read_yaml(front, rel, findings, line_offset=1)
    if data is None:
        if len(findings.items) > reported:  # unreadable, and already reported
            item.readable = False
            return item
        data = {}  # empty, only comments, or `null`: no keys, so rubrik is reported missing
    if not isinstance(data, dict):
        findings.fel(Pos(rel, 2), "front matter ska vara en mappning (nyckel: värde)", "typ")
        item.readable = False
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
    item.secrecy = _secrecy(node)
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


def _secrecy(node: Node) -> str | None:
    value = node.raw("sekretess")
    if value is None or value is False:
        return None
    if value is True:
        node.findings.fel(
            node.value_pos("sekretess"),
            'sekretess ska ange grunden, t.ex. "OSL 26 kap. 1 §", inte bara true',
            "sekretess",
        )
        return UNSTATED_GROUND
    return node.text("sekretess")
