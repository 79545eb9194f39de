"""The fast reader behind `yamlread.read_yaml`: libyaml's parser, protogen's own YAML 1.2.

ruamel.yaml's round-trip loader is pure Python and was most of what a cold `protogen check`
cost. libyaml (through PyYAML's C extension) parses the same text about twenty times faster
and gives the line and column of every event; this module builds from its events the values
ruamel's round-trip loader would give, with the positions `Node` and `seq_pos` read
(`.lc.line/.col/.key()/.value()/.item()`), and resolves plain scalars by YAML 1.2's core
schema exactly as ruamel does for the values it proves (null, true/false, decimal integers,
dates).

It gives up (`UNPROVEN`) whenever it cannot guarantee ruamel's result, and the caller then
reads the whole file with ruamel: any libyaml error (ruamel gives the exact message and
position), a tag, an anchor other than on a date or an alias other than to one, a merge key,
a directive, a duplicate key, a key that is not a text, a plain scalar that ruamel would
read as a float, an exotic integer (0, 007, 1_000, 0x1F …), a timestamp with a time, a
document over the size limits, a byte-order mark, the characters YAML 1.1 (libyaml)
and 1.2 (ruamel) break lines at differently, a possible explicit `? key`, an explicit `...`,
a block scalar at the root, as a key, with its header alone on a line or a first line of
only spaces, and `key: # comment` with the value on a later line (ruamel's comment handling
fails on some of these; yamlread reports that). tests/test_fastyaml.py runs both readers
over every YAML file and front matter in the repository and over generated documents and
compares values, types, positions and findings.

What differs, and why it does not matter: mappings and lists are `YamlMap`/`YamlList`
(dict/list subclasses with `.lc`) instead of ruamel's CommentedMap/CommentedSeq, block
scalars are `LiteralText`/`FoldedText` (str subclasses, as ruamel's LiteralScalarString/
FoldedScalarString are: `type(v) is str` is false for both) and `0` is `int` instead of
ruamel's ScalarInt (an int subclass that prints alike); no consumer of `read_yaml` looks
past isinstance checks, exact-str checks, `str()` and `.lc`, and none reads the comments
ruamel keeps.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from protogen.limits import MAX_YAML_ALIASES, MAX_YAML_DEPTH, MAX_YAML_NODES

UNPROVEN: Any = object()  # "read this file with ruamel"

#: Texts in which libyaml (YAML 1.1) and ruamel (YAML 1.2) may disagree: NEL, LS and PS are
#: line breaks in 1.1 only; a byte-order mark moves ruamel's columns on the first line; a
#: lone CR (a line break to both) would put our lines (split at LF) out of step; libyaml
#: accepts tabs in places where ruamel reports them.
_DISAGREE = re.compile("[\t\x85\u2028\u2029\ufeff]|\r(?!\n)")
#: What may stand before a `?` that is an explicit key (a blank, a line start, a flow
#: indicator; in a flow `?a` is one too): ruamel places the empty values around such a key
#: elsewhere than libyaml's events tell.
_BEFORE_KEY = frozenset(" \t\r\n[{,:")

#: A block scalar's header as ruamel reads it: indicators, then blanks and a comment at most.
_BLOCK_HEAD = re.compile(r"[|>](?:[-+][1-9]?|[1-9][-+]?)?(?: +(?:#.*)?)?\r?\Z")
_NULL = frozenset(("", "~", "null", "Null", "NULL"))
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_DECIMAL = re.compile(r"[-+]?[1-9][0-9]*\Z")  # ruamel: a plain int (no leading 0, no _)
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
#: The first characters of every other implicit type in ruamel's YAML 1.2 resolver (float,
#: int, timestamp, merge `<<`, value `=`); a plain scalar starting otherwise is a text.
_TYPED_START = frozenset("-+.0123456789<=")
#: ruamel's YAML 1.2 implicit resolvers for those (resolver.py); a match we do not build
#: ourselves makes the file UNPROVEN.
_RUAMEL_TYPED = re.compile(
    r"""^(?:
     [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)
    |[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+
    |<<
    |=
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
     (?:[Tt]|[\ \t]+)[0-9][0-9]?
     :[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
     (?:[\ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?
    )$""",
    re.X,
)

#: Bounds (yamlread's limits, kept well inside them: a file near a limit goes to ruamel,
#: which reports it).
_MAX_DEPTH = MAX_YAML_DEPTH - 10
_MAX_NODES = MAX_YAML_NODES // 2
_MAX_ALIASES = MAX_YAML_ALIASES // 2


class LineCol:
    """Positions as ruamel's `LineCol` gives them (0-based): the collection's own start,
    and per key [key line, key col, value line, value col] or per index [line, col]."""

    __slots__ = ("line", "col", "data")

    def __init__(self, line: int, col: int) -> None:
        self.line = line
        self.col = col
        self.data: dict[Any, list[int]] | None = None

    def key(self, k: Any) -> Any:
        if self.data is None:
            return None
        found = self.data[k]
        return found[0], found[1]

    def value(self, k: Any) -> Any:
        if self.data is None:
            return None
        found = self.data[k]
        return found[2], found[3]

    def item(self, idx: int) -> Any:
        if self.data is None:
            return None
        found = self.data[idx]
        return found[0], found[1]

    def __getstate__(self) -> tuple[int, int, dict[Any, list[int]] | None]:
        return self.line, self.col, self.data

    def __setstate__(self, state: tuple[int, int, dict[Any, list[int]] | None]) -> None:
        self.line, self.col, self.data = state

    def __repr__(self) -> str:
        return f"LineCol({self.line}, {self.col})"


class YamlMap(dict):  # type: ignore[type-arg]
    """A mapping read by the fast reader: a dict with its positions in `.lc`."""

    lc: LineCol

    def __reduce__(self) -> Any:  # pickled for the parse cache: contents and positions
        return _rebuild_map, (dict(self), self.lc)


class YamlList(list):  # type: ignore[type-arg]
    """A list read by the fast reader: a list with its positions in `.lc`."""

    lc: LineCol

    def __reduce__(self) -> Any:
        return _rebuild_list, (list(self), self.lc)


class LiteralText(str):
    """A `|` block scalar. ruamel gives a str subclass (LiteralScalarString), and so do we:
    a consumer may tell exact texts from others (item.py: a sekretess ground must be a plain
    text, anything else keeps the item secret)."""

    __slots__ = ()


class FoldedText(str):
    """A `>` block scalar (ruamel: FoldedScalarString, a str subclass)."""

    __slots__ = ()


_BLOCK_TYPES = {"|": LiteralText, ">": FoldedText}


def _rebuild_map(items: dict[Any, Any], lc: LineCol) -> YamlMap:
    result = YamlMap(items)
    result.lc = lc
    return result


def _rebuild_list(items: list[Any], lc: LineCol) -> YamlList:
    result = YamlList(items)
    result.lc = lc
    return result


def _plain(value: str) -> Any:
    """A plain (unquoted, untagged) scalar as ruamel's YAML 1.2 resolver and round-trip
    constructor give it, or UNPROVEN."""
    if value in _NULL:
        return None
    found = _BOOL.get(value)
    if found is not None:
        return found
    if value[0] not in _TYPED_START:
        return value
    if _DECIMAL.match(value):
        return int(value)
    if value == "0":
        return 0  # ruamel: ScalarInt(0), an int that prints as 0
    date = _DATE.match(value)
    if date:
        try:
            return dt.date(int(date.group(1)), int(date.group(2)), int(date.group(3)))
        except ValueError:
            return value  # an impossible date stays its text (yamlread._constructor)
    if _RUAMEL_TYPED.match(value):
        return UNPROVEN
    return value


def _explicit_key(text: str) -> bool:
    """Whether a `?` in `text` may be an explicit key (most texts have no `?` at all)."""
    at = text.find("?")
    while at >= 0:
        if at == 0 or text[at - 1] in _BEFORE_KEY:
            return True
        at = text.find("?", at + 1)
    return False


def load(text: str) -> Any:
    """The document in `text` as ruamel's round-trip loader reads it, or UNPROVEN."""
    if _DISAGREE.search(text) or _explicit_key(text):
        return UNPROVEN
    try:
        from yaml._yaml import CParser
    except ImportError:  # pragma: no cover - PyYAML without libyaml
        return UNPROVEN
    try:
        parser = CParser(text)
    except Exception:  # e.g. a lone surrogate that cannot be encoded for libyaml
        return UNPROVEN
    try:
        return _build(parser, text)
    except Exception:  # any libyaml error: ruamel reads it and reports it in Swedish
        return UNPROVEN
    finally:
        parser.dispose()


def _build(parser: Any, text: str) -> Any:
    from yaml.events import (
        AliasEvent,
        DocumentEndEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )

    get = parser.get_event
    get()  # StreamStartEvent
    event = get()
    if isinstance(event, StreamEndEvent):
        return None  # empty or only comments: ruamel gives None
    if not isinstance(event, DocumentStartEvent) or event.version or event.tags:
        return UNPROVEN
    anchors: dict[str, tuple[Any, Any]] = {}
    # Each open collection: [container, LineCol, pending key or _NO_KEY, key mark, flow?,
    # key end mark].
    stack: list[list[Any]] = []
    nodes = aliases = 0
    root: Any = UNPROVEN
    empty: list[int] | None = None  # the positions of a `key:` with nothing after it
    lines: list[str] | None = None
    while True:
        event = get()
        kind = type(event)
        nodes += 1
        if empty is not None:
            # ruamel places an empty value where the next token starts (libyaml: right
            # after the colon); no consumer reads it (Node.value_pos uses the key's), but
            # the positions stay ruamel's.
            mark = event.start_mark
            if lines is None:
                lines = text.split("\n")
            if "?" in lines[mark.line][:mark.column + 1]:
                return UNPROVEN  # `? key`: ruamel places the empty value at or after the `?`
            empty[2], empty[3] = mark.line, mark.column
            empty = None
        if kind is ScalarEvent:
            if event.tag is not None:
                return UNPROVEN
            if event.style:
                value: Any = event.value  # quoted or block: a text
                if event.style in "|>":
                    value = _BLOCK_TYPES[event.style](value)
                    if lines is None:
                        lines = text.split("\n")
                    mark = event.start_mark
                    if not _BLOCK_HEAD.match(lines[mark.line], mark.column):
                        return UNPROVEN  # libyaml allows `>#`, ruamel does not
                    if not stack or (type(stack[-1][0]) is YamlMap and stack[-1][2] is _NO_KEY):
                        # At the root libyaml ends the text at a line in column 0 that
                        # ruamel reads as part of it; as a key ruamel keeps its own type.
                        return UNPROVEN
                    after = lines[mark.line + 1] if mark.line + 1 < len(lines) else ""
                    if after[:1] == " " and not after.strip(" \r"):
                        # A first line of only spaces: ruamel reports any later line indented
                        # deeper than it ("more indented follow up line"), libyaml does not.
                        return UNPROVEN
                    if not lines[mark.line][:mark.column].strip(" "):
                        # A header alone on its line: ruamel's comment handling fails on a
                        # comment before it (AssertionError), and where its text starts
                        # differs from libyaml's when the line is not indented.
                        return UNPROVEN
            else:
                value = _plain(event.value)
                if value is UNPROVEN:
                    return UNPROVEN
            if event.anchor is not None:
                if not isinstance(value, dt.date) or event.anchor in anchors:
                    return UNPROVEN  # ruamel keeps other anchors in its own types
                anchors[event.anchor] = value, event.start_mark
        elif kind is AliasEvent:
            aliases += 1
            if event.anchor not in anchors or aliases > _MAX_ALIASES:
                return UNPROVEN
            # ruamel's alias is the anchored node itself: its position is the anchor's.
            value, alias_mark = anchors[event.anchor]
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.tag is not None or event.anchor is not None or len(stack) >= _MAX_DEPTH:
                return UNPROVEN
            if stack and stack[-1][2] is _NO_KEY and type(stack[-1][0]) is YamlMap:
                return UNPROVEN  # a collection as a key
            mark = event.start_mark
            lc = LineCol(mark.line, mark.column)
            container: Any = YamlMap() if kind is MappingStartEvent else YamlList()
            container.lc = lc
            _place(stack, container, mark)
            stack.append([container, lc, _NO_KEY, None, event.flow_style, None])
            if nodes > _MAX_NODES:
                return UNPROVEN
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            done = stack.pop()
            if not stack:
                root = done[0]
                break
            continue
        else:
            return UNPROVEN
        if not stack:
            root = value
            break
        top = stack[-1]
        if type(top[0]) is YamlMap and top[2] is _NO_KEY:
            if not isinstance(value, str) or event.anchor is not None or kind is AliasEvent:
                return UNPROVEN  # ruamel keys: texts only here
            if value in top[0]:
                return UNPROVEN  # a duplicate key: ruamel reports it
            top[2] = value
            top[3] = event.start_mark
            top[5] = event.end_mark
            continue
        mark = alias_mark if kind is AliasEvent else event.start_mark
        if type(top[0]) is YamlMap and event.start_mark.line > top[5].line:
            if lines is None:
                lines = text.split("\n")
            end = top[5]
            if "#" in lines[end.line][end.column:]:
                # `key: # comment` with the value on a later line: ruamel's comment handling
                # fails on it when a blank line follows (NotImplementedError).
                return UNPROVEN
        if value is None and kind is ScalarEvent and not event.value and type(top[0]) is YamlMap:
            if top[4]:
                return UNPROVEN  # `{a: }`: ruamel's position is not the next token's
            key = top[2]
            _place(stack, value, mark)
            if lines is None:
                lines = text.split("\n")
            if lines[mark.line][mark.column:].lstrip(" ").startswith("#"):
                return UNPROVEN  # `key:  # comment`: ruamel's position depends on what follows
            empty = top[1].data[key]
        else:
            _place(stack, value, mark)
        if nodes > _MAX_NODES:
            return UNPROVEN
    end = get()
    if not isinstance(end, DocumentEndEvent) or end.explicit:
        return UNPROVEN  # `...`: libyaml takes `...` twice, ruamel reports a second document
    if not isinstance(get(), StreamEndEvent):
        return UNPROVEN  # a second document: ruamel reports it
    return root


_NO_KEY: Any = object()


def _place(stack: list[list[Any]], value: Any, mark: Any) -> None:
    """Put `value` (starting at `mark`) into the innermost open collection."""
    if not stack:
        return
    top = stack[-1]
    container, lc = top[0], top[1]
    if lc.data is None:
        lc.data = {}
    if type(container) is YamlMap:
        key, key_mark = top[2], top[3]
        lc.data[key] = [key_mark.line, key_mark.column, mark.line, mark.column]
        container[key] = value
        top[2] = _NO_KEY
    else:
        lc.data[len(container)] = [mark.line, mark.column]
        container.append(value)
