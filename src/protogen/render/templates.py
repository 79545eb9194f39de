"""The template environment: the municipality's `mallar/<name>/` first, then the built-ins.

A board picks a look with `mall:`. Lookup goes file by file: `mallar/<name>/<file>`, then the
built-in look `<name>` (if protogen ships one), then the built-in `standard`. A template may
extend a built-in explicitly with `{% extends "standard/protokoll.html" %}` and override only
some blocks. Templates are sandboxed and autoescaped: meeting text can never become markup
unless it went through the Markdown renderer.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from protogen.dates import long_date, plain_date
from protogen.loader.paragraphs import format_paragraphs

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "templates"
USER_DIR = "mallar"
DEFAULT = "standard"


def builtin_looks() -> list[str]:
    return sorted(p.name for p in BUILTIN_DIR.iterdir() if p.is_dir() and not p.name.startswith("_"))


def search_path(root: Path | None, name: str) -> list[Path]:
    """Folders searched for a look, most specific first."""
    folders: list[Path] = []
    if root is not None and name:
        user = root / USER_DIR / name
        if user.is_dir():
            folders.append(user)
    if name and (BUILTIN_DIR / name).is_dir() and name != DEFAULT:
        folders.append(BUILTIN_DIR / name)
    folders.append(BUILTIN_DIR / DEFAULT)
    return folders


def template_exists(root: Path | None, name: str) -> bool:
    return name == DEFAULT or (BUILTIN_DIR / name).is_dir() or (
        root is not None and (root / USER_DIR / name).is_dir()
    )


@lru_cache(maxsize=32)
def environment(root: Path | None, name: str = DEFAULT) -> SandboxedEnvironment:
    prefixes = {look: FileSystemLoader(str(BUILTIN_DIR / look)) for look in builtin_looks()}
    loader = ChoiceLoader([
        FileSystemLoader([str(p) for p in search_path(root, name)]),
        PrefixLoader(prefixes, delimiter="/"),
    ])
    env = SandboxedEnvironment(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        datum=_date_filter,
        långt_datum=_long_filter,
        iso=_iso_filter,
        paragrafer=lambda numbers: format_paragraphs(numbers or []),
        tid=_time_filter,
    )
    return env


def render(root: Path | None, name: str, template: str, **context: Any) -> str:
    return environment(root, name).get_template(template).render(**context)


def _date_filter(value: dt.date | None) -> str:
    return plain_date(value) if value else ""


def _long_filter(value: dt.date | None) -> str:
    return long_date(value) if value else ""


def _iso_filter(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _time_filter(value: str | None) -> str:
    """'09:00-12:00' as 'kl. 09.00–12.00'."""
    if not value:
        return ""
    return "kl. " + value.replace(":", ".").replace("-", "–")


def markup(html: str) -> Markup:
    return Markup(html)
