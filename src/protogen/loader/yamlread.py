"""Reading YAML 1.2 with positions, and typed access to mappings that reports bad values.

Every problem becomes a finding at the line where it stands; nothing raises. A reader never
stops at the first bad value, so one typo does not hide the others.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
import warnings
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from protogen.findings import Findings, Pos
from protogen.findings import did_you_mean as did_you_mean  # re-exported: loader code imports it here
from protogen.findings import shown as shown
from protogen.findings import suggest as suggest
from protogen.limits import MAX_YAML_ALIASES, MAX_YAML_DEPTH, MAX_YAML_NODES, spaced

if TYPE_CHECKING:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError

_DIRECTIVE = re.compile(r"^%YAML\s+(\S+)", re.MULTILINE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _constructor() -> type:
    """Round-trip constructor that keeps an impossible date (2020-02-30) as its text.

    ruamel raises on such a date and the whole file would be lost; kept as text, the typed
    reader reports it as a `typ` fel at the value, and the rest of the file is still read.
    (Built on first use: ruamel.yaml is imported only when a file needs it, see `FAST`.)
    """
    global _CONSTRUCTOR
    if _CONSTRUCTOR is None:
        from ruamel.yaml.constructor import RoundTripConstructor

        class _Constructor(RoundTripConstructor):  # type: ignore[misc]
            def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
                try:
                    return super().construct_yaml_timestamp(node, values)
                except (ValueError, OverflowError):
                    return str(node.value)

        _Constructor.add_constructor("tag:yaml.org,2002:timestamp",
                                     _Constructor.construct_yaml_timestamp)
        _CONSTRUCTOR = _Constructor
    return _CONSTRUCTOR


_CONSTRUCTOR: type | None = None

#: Read with the fast reader (libyaml + protogen's own YAML 1.2 resolution, fastyaml.py)
#: where it proves ruamel's result, else with ruamel. `PROTOGEN_YAML=ruamel` in the
#: environment, or setting this to False, reads every file with ruamel (tests compare both).
FAST = os.environ.get("PROTOGEN_YAML") != "ruamel"


#: Limits that keep a hostile file from taking unbounded time or memory (docs/format.md).
MAX_DEPTH = MAX_YAML_DEPTH
MAX_NODES = MAX_YAML_NODES
MAX_ALIASES = MAX_YAML_ALIASES


def _yaml() -> YAML:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.version = (1, 2)
    yaml.max_depth = MAX_DEPTH  # ruamel >= 0.18.7; the pre-scan below also holds without it
    yaml.allow_duplicate_keys = False
    yaml.Constructor = _constructor()
    return yaml


class _Reusable(threading.local):
    """One YAML instance per thread, reused from file to file.

    Building a round-trip YAML() costs about as much as parsing a small front matter, and a
    project has thousands of them. A load that completes leaves the instance clean (ruamel
    resets its reader, scanner, anchors and constructor state), but one that raises may leave
    constructor state behind, so after an error the instance is dropped and a new one built.
    """

    yaml: YAML | None = None
    loads: int = 0

    def load(self, text: str) -> Any:
        yaml, self.yaml = self.yaml or _yaml(), None  # taken out while in use
        try:
            result = yaml.load(text)
        except Exception as err:
            _close_pending(err)
            raise
        self.loads += 1
        if self.loads % 1000:  # renewed now and then: each load appends to doc_infos
            self.yaml = yaml
        return result


_PARSER = _Reusable()


def _close_pending(err: BaseException) -> None:
    """Close the construction generators a failed load left unfinished.

    ruamel builds a document's values with generators and runs the pending ones after the
    root; when one fails, the others are dropped half-run. Its `construct_unknown` (a value
    such as `=`) raises when closed, and Python would print that on stderr, with a
    traceback, whenever the garbage collector gets to it (`- !!pairs x` then `- =`).
    """
    import traceback
    import types

    for frame, _line in traceback.walk_tb(err.__traceback__):
        for value in list(frame.f_locals.values()):
            try:
                pending = value if isinstance(value, list) else getattr(value, "state_generators", ())
            except Exception:  # noqa: BLE001 - a local that is not ruamel's
                continue
            for generator in pending if isinstance(pending, list) else ():
                if isinstance(generator, types.GeneratorType):
                    try:
                        generator.close()
                    except Exception:  # noqa: BLE001,S110 - it is being thrown away
                        pass


def read_yaml(text: str, path: str, findings: Findings, line_offset: int = 0) -> Any:
    """Parse `text`; return the document, or None after reporting why it could not be read.

    `line_offset` is the number of file lines before `text` (front matter starts on line 2).
    A text the fast reader proves (fastyaml.py) is read by it and never cached: reading it
    again costs less than a cache entry. Inside `parsecache.parse_cache()`, a text that
    ruamel must read and that was read before is taken from the cache, with the findings its
    parse gave.
    """
    if FAST and _DIRECTIVE.search(text) is None:
        from protogen.loader.fastyaml import UNPROVEN, load

        data = load(text)
        if data is not UNPROVEN:
            return data
    from protogen.loader.parsecache import active

    store = active()
    if store is None:
        return _parse(text, path, findings, line_offset)
    key = store.key(text, path, line_offset)
    found = store.get(key)
    if found is not None:
        data, cached = found
        findings.extend(cached)
        return data
    fresh = Findings()
    data = _parse(text, path, fresh, line_offset)
    store.put(key, data, fresh.items)
    findings.extend(fresh.items)
    return data


def _parse(text: str, path: str, findings: Findings, line_offset: int) -> Any:
    directive = _DIRECTIVE.search(text)
    if directive and directive.group(1) != "1.2":
        line = text.count("\n", 0, directive.start()) + 1 + line_offset
        findings.fel(
            Pos(path, line, 1),
            f"YAML {directive.group(1)} stöds inte; filerna läses som YAML 1.2 "
            "(ta bort raden %YAML)",
            "yaml-version",
        )
        return None
    return _parse_ruamel(text, path, findings, line_offset)


def _parse_ruamel(text: str, path: str, findings: Findings, line_offset: int) -> Any:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError, YAMLWarning
    from ruamel.yaml.reader import ReaderError

    too_big = _over_limits(text)
    if too_big is not None:
        findings.fel(_mark_pos(too_big[0], path, line_offset), f"YAML-filen läses inte: {too_big[1]}",
                     "yaml-grans")
        return None
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", YAMLWarning)
            data = _PARSER.load(text)
        _report_warnings(caught, path, findings, line_offset)
        return data
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        col = mark.column + 1 if mark else 1
        problem = _swedish_problem(err)
        findings.fel(Pos(path, line, col), f"YAML-filen kan inte läsas: {problem}", "yaml-syntax")
    except ReaderError as err:  # a control character, e.g. NUL, that YAML does not allow
        findings.fel(_offset_pos(text, err.position, path, line_offset),
                     f"YAML-filen kan inte läsas: otillåtet tecken {_char_name(err.character)}",
                     "yaml-syntax")
    except YAMLError:  # pragma: no cover - ruamel raises marked errors in practice
        findings.fel(Pos(path, 1 + line_offset, 1), "YAML-filen kan inte läsas: "
                     "YAML-syntaxen stämmer inte", "yaml-syntax")
    except (ValueError, TypeError, OverflowError, KeyError, IndexError, AttributeError) as err:
        # ruamel resolves some scalars eagerly and lets the error out: a time 25:00, an
        # integer of 5 000 digits, and a value its tag does not fit (`!!bool nej` a
        # KeyError, `!!int` with nothing an IndexError, `!!set x` an AttributeError).
        mark = _crash_mark(err)
        index = getattr(mark, "index", None)
        tagged = isinstance(index, int) and text.startswith("!", index)
        findings.fel(_mark_pos(mark, path, line_offset),
                     "YAML-filen kan inte läsas: ett värde kan inte tolkas "
                     + ("som taggen säger (ta bort !…)" if tagged else
                        "(sätt det inom citattecken)"), "yaml-syntax")
    except RecursionError:
        findings.fel(Pos(path, 1 + line_offset, 1),
                     f"YAML-filen läses inte: värdena är nästlade djupare än {MAX_DEPTH} nivåer",
                     "yaml-grans")
    except (AssertionError, NotImplementedError) as err:
        # ruamel's round-trip comment handling fails on some valid YAML: a comment before a
        # block scalar whose header has one too (AssertionError), a comment after `key:`
        # with the value on a later line and a blank line after it (NotImplementedError).
        findings.fel(_mark_pos(_crash_mark(err), path, line_offset), "YAML-filen kan inte läsas: "
                     + ("en kommentar (#) på raden med | eller > kan inte läsas här"
                        if isinstance(err, AssertionError) else
                        "en kommentar (#) efter nyckeln kan inte läsas när värdet står på "
                        "nästa rad") + "; flytta kommentaren till en egen rad ovanför nyckeln",
                     "yaml-syntax")
    return None


def _crash_mark(err: BaseException) -> Any:
    """Where ruamel was when it failed: the mark of the node or token it was handling (the
    innermost `node`, or `self` that is a token, with one), else None (the first line)."""
    import traceback

    frames = [frame for frame, _line in traceback.walk_tb(err.__traceback__)]
    for frame in reversed(frames):
        for name in ("node", "self"):
            mark = getattr(frame.f_locals.get(name), "start_mark", None)
            if mark is not None:
                return mark
    return None


def _over_limits(text: str) -> tuple[Any, str] | None:
    """(where, why) when the file nests too deep or its aliases expand too far, found from
    the parser's events alone (nothing is built), or None. Only a file that could break a
    limit is scanned: one with an anchor and an alias, or with enough opening brackets or
    indentation."""
    aliases_possible = "&" in text and "*" in text  # an alias needs an anchor to expand
    if not aliases_possible and text.count("[") + text.count("{") < MAX_DEPTH and (
        len(text) < 4 * MAX_DEPTH or "\n" + " " * (2 * MAX_DEPTH) not in text
    ):
        return None
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import (
        AliasEvent,
        CollectionEndEvent,
        CollectionStartEvent,
        ScalarEvent,
    )

    sizes: dict[Any, int] = {}  # anchor -> the number of values it stands for
    open_: list[tuple[Any, int]] = []  # (anchor, the running total when it opened)
    total = aliases = 0
    try:
        for event in _yaml().parse(text):
            if isinstance(event, ScalarEvent):
                total += 1
                if event.anchor:
                    sizes[event.anchor] = 1
            elif isinstance(event, CollectionStartEvent):
                open_.append((event.anchor, total))
                total += 1
                if len(open_) > MAX_DEPTH:
                    return event.start_mark, f"värdena är nästlade djupare än {MAX_DEPTH} nivåer"
            elif isinstance(event, CollectionEndEvent) and open_:
                anchor, start = open_.pop()
                if anchor:
                    sizes[anchor] = total - start
            elif isinstance(event, AliasEvent):
                aliases += 1
                total += sizes.get(event.anchor, 1)
                if aliases > MAX_ALIASES:
                    return event.start_mark, f"fler än {spaced(MAX_ALIASES)} alias (*namn)"
            if total > MAX_NODES:
                return event.start_mark, (
                    f"filen står för fler än {spaced(MAX_NODES)} värden när aliasen (*namn) räknas ut; "
                    "skriv ut värdena i stället för att upprepa alias"
                )
    except (YAMLError, RecursionError, ValueError, TypeError, AssertionError, NotImplementedError):
        # The parse proper reports the syntax error where it stands, and what ruamel's
        # comment handling fails on (it does so in the parser too).
        return None
    return None


def _mark_pos(mark: Any, path: str, line_offset: int) -> Pos:
    line = getattr(mark, "line", None)
    col = getattr(mark, "column", None)
    if not isinstance(line, int) or not isinstance(col, int):
        return Pos(path, 1 + line_offset, 1)
    return Pos(path, line + 1 + line_offset, col + 1)


def _one_line(value: object) -> str:
    """A message on one line: the text output is read line by line."""
    return " ".join(str(value).split())


def _offset_pos(text: str, offset: object, path: str, line_offset: int) -> Pos:
    if not isinstance(offset, int) or not 0 <= offset <= len(text):
        return Pos(path, 1 + line_offset, 1)
    line = text.count("\n", 0, offset) + 1 + line_offset
    return Pos(path, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _char_name(character: object) -> str:
    if isinstance(character, int):
        return f"U+{character:04X}"
    if isinstance(character, str) and len(character) == 1:
        return f"U+{ord(character):04X}"
    return _one_line(repr(character))


_SECOND_ANCHOR = re.compile(r"second occurrence.*?line (\d+), column (\d+)", re.DOTALL)


def _report_warnings(
    caught: list[warnings.WarningMessage], path: str, findings: Findings, line_offset: int
) -> None:
    """ruamel's warnings (a reused &anchor) become findings; they must not reach the
    terminal as a Python warning with a library path and a source line."""
    from ruamel.yaml.error import YAMLWarning

    for warning in caught:
        if not issubclass(warning.category, YAMLWarning):
            warnings.warn_explicit(
                warning.message, warning.category, warning.filename, warning.lineno
            )
            continue
        text = str(warning.message)
        anchor = re.search(r"duplicate anchor '([^']*)'", text)
        where = _SECOND_ANCHOR.search(text)
        line = int(where.group(1)) + line_offset if where else 1 + line_offset
        col = int(where.group(2)) if where else 1  # ruamel prints both 1-based
        message = (
            f"ankaret &{anchor.group(1)} definieras två gånger; alias efter detta ställe "
            "syftar på den senare definitionen"
            if anchor
            else f"YAML-varning: {' '.join(text.split())}"
        )
        findings.varning(Pos(path, line, col), message, "yaml-syntax")


_PROBLEMS = {
    "found duplicate key": "nyckeln förekommer två gånger",
    "mapping values are not allowed here": "ett kolon står där inget värde får stå "
    "(sätt texten inom citattecken)",
    "could not find expected ':'": "ett kolon saknas efter nyckeln",
    "found character '\\t' that cannot start any token": "tabbtecken får inte användas för indrag",
    "did not find expected key": "indraget stämmer inte (en nyckel väntades)",
    "did not find expected '-' indicator": "indraget stämmer inte (ett listelement väntades)",
    "found undefined alias": "aliaset är inte definierat",
    "expected <document start>, but found": "oväntat innehåll efter slutet av YAML-dokumentet "
    "(en rad med ... avslutar dokumentet; i ett ärende avslutas front matter av en rad med "
    "bara ---)",
    "but found another document": "filen innehåller mer än ett YAML-dokument: en rad --- "
    "står mitt i (i ett ärende avslutas front matter bara av en rad med exakt ---)",
    "expected a single document in the stream": "filen innehåller mer än ett YAML-dokument: "
    "en rad --- står mitt i (i ett ärende avslutas front matter bara av en rad med exakt ---)",
    "found unexpected document separator": "en rad --- står mitt i ett värde",
    "expected the node content": "ett värde väntades här",
    "mapping keys are not allowed here": "en nyckel får inte stå här (kontrollera indraget)",
    "sequence entries are not allowed here": "ett listelement (-) får inte stå här "
    "(kontrollera indraget)",
    "found undefined tag handle": "okänd tagg (ta bort !…)",
    "could not determine a constructor for the tag": "okänd tagg (ta bort !…)",
    "found unhashable key": "en nyckel kan inte vara en lista eller en mappning",
    "found duplicate merge key": "sammanslagningsnyckeln << förekommer två gånger",
    "expected a mapping for merging": "<< ska följas av en mappning eller en lista av mappningar",
    "expected a mapping or list of mappings for merging": "<< ska följas av en mappning eller "
    "en lista av mappningar",
    "more indented follow up line than first": "en rad i ett flerradigt värde är mer indragen "
    "än den första",
    "expected chomping or indentation indicators": "efter | eller > får bara +, - eller en "
    "siffra stå",
    "expected a comment or a line break": "efter värdet får bara en kommentar (#) stå på raden",
    "found unconstructable recursive node": "ett alias syftar på sig självt",
    "expected alphabetic or numeric character": "ett ankare eller alias (& eller *) ska följas "
    "av ett namn",
    "special characters are not allowed": "otillåtna tecken i ett ankar- eller aliasnamn",
    "found duplicate YAML directive": "direktivet %YAML står två gånger",
    "found incompatible YAML document": "YAML-versionen stöds inte (ta bort raden %YAML)",
    "expected URI": "ogiltig tagg (ta bort !…)",
    "expected non-empty name appended to the tag": "ogiltig tagg (ta bort !…)",
    "expected a digit": "en siffra väntades",
    "expected escape sequence of": "ogiltigt escape-tecken i citerad text",
    "maximum depth of data structure exceeded": "värdena är nästlade för djupt",
    "expected a mapping node": "en mappning (nyckel: värde) väntades",
    "expected a sequence node": "en lista väntades",
    "expected a scalar node": "ett enkelt värde väntades",
    "found a tab character that violates indentation": "tabbtecken får inte användas för indrag",
    "found a tab character where an indentation space is expected": "tabbtecken får inte "
    "användas för indrag",
    "found unexpected end of stream": "filen tar slut mitt i ett värde (saknas ett citattecken?)",
    "found unknown escape character": "okänt escape-tecken i citerad text",
    "expected <block end>": "indraget stämmer inte: raden hör varken till nyckeln ovanför eller "
    "till samma nivå (jämför indraget med raderna ovanför)",
    "failed to decode base64": "värdet märkt !!binary är inte giltig base64",
    "expected ',' or ']'": "en lista inom [ ] avslutas inte (saknas ] eller ett kommatecken?)",
    "expected ',' or '}'": "en mappning inom { } avslutas inte (saknas } eller ett kommatecken?)",
}


def _swedish_problem(err: MarkedYAMLError) -> str:
    problem = err.problem or err.context or ""  # a few say what is wrong in `context`
    for english, swedish in _PROBLEMS.items():
        if problem.startswith(english):
            if english == "found duplicate key":
                found = re.search(r'"([^"]+)"', problem)
                key = shown(found.group(1)) if found else ""
                return f"nyckeln {key} förekommer två gånger".replace("  ", " ")
            return swedish
    token = re.match(r"found character '(.+)' that cannot start any token", problem)
    if token:
        return f"tecknet {token.group(1)} kan inte inleda ett värde (sätt texten inom citattecken)"
    # Never an English library message: the position tells where, this says what kind.
    return "YAML-syntaxen stämmer inte här"


TYPE_NAMES = {
    str: "en text",
    int: "ett heltal",
    bool: "true eller false",
    dt.date: "ett datum (ÅÅÅÅ-MM-DD)",
    list: "en lista",
    dict: "en mappning (nyckel: värde)",
}


def type_name(value: Any) -> str:
    if value is None:
        return "tomt"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dt.datetime):
        return "en tidpunkt"
    for kind, name in TYPE_NAMES.items():
        if isinstance(value, kind):
            return name
    return type(value).__name__


class Node:
    """A YAML mapping with its file and line offset, read key by key with type checks."""

    def __init__(
        self, data: dict[Any, Any], path: str, findings: Findings, line_offset: int = 0,
        where: str = "",
    ) -> None:
        self.data = data
        self.path = path
        self.findings = findings
        self.offset = line_offset
        self.where = where  # e.g. "närvarande" for messages
        self.invalid: set[str] = set()  # keys whose value was of the wrong type

    # -- positions ---------------------------------------------------------------------------
    def pos(self) -> Pos:
        lc = getattr(self.data, "lc", None)
        if lc is None or lc.line is None:
            return Pos(self.path, 1 + self.offset, 1)
        return Pos(self.path, lc.line + 1 + self.offset, lc.col + 1)

    def key_pos(self, key: str) -> Pos:
        try:
            line, col = self.data.lc.key(key)  # type: ignore[attr-defined]
        except (KeyError, AttributeError, TypeError):
            return self.pos()
        return Pos(self.path, line + 1 + self.offset, col + 1)

    def value_pos(self, key: str) -> Pos:
        if self.data.get(key) is None:  # `key:` with no value: ruamel points past the line
            return self.key_pos(key)
        try:
            line, col = self.data.lc.value(key)  # type: ignore[attr-defined]
        except (KeyError, AttributeError, TypeError):
            return self.key_pos(key)
        return Pos(self.path, line + 1 + self.offset, col + 1)

    def positions(self) -> dict[str, Pos]:
        return {str(k): self.value_pos(k) for k in self.data}

    # -- keys --------------------------------------------------------------------------------
    def check_keys(self, allowed: Iterable[str], what: str) -> None:
        """An unknown key is a fel that names it and suggests the closest known one."""
        allowed = list(allowed)
        for key in self.data:
            if not isinstance(key, str):
                self.findings.fel(
                    self.key_pos(key), f"nyckeln {key!r} i {what} måste vara en text", "okand-nyckel"
                )
            elif key not in allowed:
                self.findings.fel(
                    self.key_pos(key),
                    f"okänd nyckel {shown(key)} i {what}{did_you_mean(key, allowed)}",
                    "okand-nyckel",
                )

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def raw(self, key: str) -> Any:
        return self.data.get(key)

    def require(self, key: str, what: str, why: str = "", rule: str = "saknas") -> bool:
        if self.has(key):
            return True
        self.findings.fel(self.pos(), f"{key} saknas i {what}{why}", rule)
        return False

    def _wrong(self, key: str, expected: str) -> None:
        self.invalid.add(key)
        value = self.data.get(key)
        if expected.startswith("ett datum") and isinstance(value, str) and _ISO_DATE.match(value.strip()):
            self.findings.fel(self.value_pos(key),
                              f"{key} {shown(value)} är inget giltigt datum (ÅÅÅÅ-MM-DD)", "typ")
            return
        self.findings.fel(
            self.value_pos(key),
            f"{key} ska vara {expected}, inte {type_name(value)}"
            + (f" ({_short(value)})" if value is not None and not isinstance(value, dict | list) else ""),
            "typ",
        )

    # -- typed getters: None when absent or wrong (and then reported) --------------------------
    def text(self, key: str) -> str | None:
        """A string; numbers are accepted as text (a dnr 2019 or a time written 9)."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or isinstance(value, dict | list):
            self._wrong(key, "en text")
            return None
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)

    def integer(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self._wrong(key, "ett heltal")
            return None
        return int(value)

    def boolean(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self._wrong(key, "true eller false")
            return default
        return value

    def date(self, key: str) -> dt.date | None:
        value = self.data.get(key)
        if value is None:
            return None
        parsed = as_date(value)
        if parsed is None:
            self._wrong(key, "ett datum (ÅÅÅÅ-MM-DD)")
        return parsed

    def mapping(self, key: str, what: str) -> Node | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            self._wrong(key, "en mappning (nyckel: värde)")
            return None
        return Node(value, self.path, self.findings, self.offset, what)

    def sequence(self, key: str) -> Iterator[tuple[Any, Pos]]:
        """Each element of a list with its position; a lone scalar counts as a list of one."""
        value = self.data.get(key)
        if value is None:
            return
        if isinstance(value, dict):
            self._wrong(key, "en lista")
            return
        if not isinstance(value, list):
            yield value, self.value_pos(key)
            return
        for index, element in enumerate(value):
            yield element, seq_pos(value, index, self.path, self.offset, self.value_pos(key))

    def child(self, value: dict[Any, Any], what: str) -> Node:
        return Node(value, self.path, self.findings, self.offset, what)


def seq_pos(seq: list[Any], index: int, path: str, offset: int, fallback: Pos) -> Pos:
    try:
        line, col = seq.lc.item(index)  # type: ignore[attr-defined]
    except (KeyError, AttributeError, TypeError, IndexError):
        return fallback
    return Pos(path, line + 1 + offset, col + 1)


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _short(value: Any) -> str:
    text = shown(value)
    return text if len(text) <= 40 else text[:37] + "…"
