"""Findings: what `protogen check` reports, each with a level, a rule id and a place."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum


class Level(str, Enum):
    """How serious a finding is. `fel` blocks a build; `varning` does not (unless --strict)."""

    FEL = "fel"
    VARNING = "varning"


@dataclass(frozen=True, order=True)
class Pos:
    """Where a value came from: a path relative to the project root, 1-based line and column."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Finding:
    pos: Pos
    level: Level
    message: str
    rule: str

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.pos.path, self.pos.line, self.pos.col, self.rule, self.message)

    def format(self) -> str:
        """`path:line:col: level: message [rule]`, always one line (tools read it by line)."""
        return f"{self.pos}: {self.level.value}: {one_line(self.message)} [{self.rule}]"


def one_line(text: str) -> str:
    """Escape line breaks and other unprintable characters that a user's name may carry."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
                   for ch in text)


@dataclass
class Findings:
    """A collector passed explicitly through loading and checking (no global state)."""

    items: list[Finding] = field(default_factory=list)

    def fel(self, pos: Pos, message: str, rule: str) -> None:
        self.items.append(Finding(pos, Level.FEL, message, rule))

    def varning(self, pos: Pos, message: str, rule: str) -> None:
        self.items.append(Finding(pos, Level.VARNING, message, rule))

    def add(self, finding: Finding) -> None:
        self.items.append(finding)

    def extend(self, findings: list[Finding]) -> None:
        self.items.extend(findings)

    def sorted(self) -> list[Finding]:
        unique = dict.fromkeys(self.items)
        return sorted(unique, key=Finding.sort_key)


# -- quoting the user's words in a message ------------------------------------------------

def shown(value: object) -> str:
    """A user's text inside a message, on one line and with its invisible characters visible.

    A finding is one output line, so line breaks are escaped; so are other unprintable
    characters (a no-break space or a zero-width space pasted from a word processor is the
    usual reason a key "looks right" but is unknown): `okänd nyckel namn\\xa0`.
    """
    return "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
        for ch in str(value)
    )


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate, for a 'menar du …?'."""
    options = list(candidates)
    found = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if found:
        return found[0]
    lowered = {c.lower(): c for c in options}
    found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[found[0]] if found else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    hit = suggest(word, candidates)
    return f" (menar du {hit}?)" if hit else ""
