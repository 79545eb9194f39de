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
RULE_IDS = frozenset(rule.id for rule in RULES)
