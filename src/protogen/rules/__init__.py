"""Every legal rule of DOMAIN.md as a small module; this package finds them all.

A module under `protogen.rules` that defines `ID` is a rule. Discovery keeps adding a rule to
one step: write the module (and its tests).
"""

from __future__ import annotations

import importlib
import pkgutil

from protogen.rules.base import Rule


def _discover() -> list[Rule]:
    rules: list[Rule] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name in ("base",) or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "ID"):
            rules.append(Rule.from_module(module))
    return rules


RULES: list[Rule] = _discover()
#: The findings the reader gives before any rule runs (`rule` ids that are no module here).
READER_FINDINGS: dict[str, str] = {
    "yaml-syntax": "The YAML cannot be read: the finding stands where the parser stopped.",
    "yaml-version": "A `%YAML 1.1` (or other) directive: the files are YAML 1.2.",
    "okand-nyckel": "An unknown key, with the closest known one suggested.",
    "typ": "A value of the wrong type (a date that is not a date, a list for a name, …).",
    "saknas": "A required file or key is missing.",
    "kodning": "A file that is not UTF-8.",
    "mapp": "A meeting folder not named YYYY-MM-DD, or a datum that differs from it.",
    "arendefil": "An item file not named NN-slug.md.",
    "organ-saknas": "A board folder without organ.yaml.",
    "namn-dubblett": "The same person twice in the register.",
}

RULE_IDS = frozenset(rule.id for rule in RULES)
