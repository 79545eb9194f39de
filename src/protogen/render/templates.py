"""The template environment: the municipality's `mallar/<name>/` first, then the built-ins.

A board picks a look with `mall:`. Lookup goes file by file: `mallar/<name>/<file>`, then the
built-in look `<name>` (if protogen ships one), then the built-in `standard`. A template may
extend a built-in explicitly with `{% extends "standard/protokoll.html" %}` and override only
some blocks. Templates are sandboxed and autoescaped: meeting text can never become markup
unless it went through the Markdown renderer.

A template that cannot be used (a syntax error, an unknown name, something the sandbox refuses)
raises `TemplateFault`, whose Swedish message names the template file and line, so that the
build can report it like a finding instead of a traceback.
"""

from __future__ import annotations

import datetime as dt
import re
import traceback
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.sandbox import SandboxedEnvironment, SecurityError

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


class TemplateFault(Exception):
    """A template could not be used. `str()` is the Swedish message, led by the template's
    file (relative to the project, or "inbyggd mall …") and line."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


def render(root: Path | None, name: str, template: str, **context: Any) -> str:
    try:
        return environment(root, name).get_template(template).render(**context)
    except TemplateError as err:
        raise _fault(err, root, template) from err
    except Exception as err:
        # A filter or test called with the wrong values from a board's own template: blame
        # the template line; an error with no template line in it is protogen's own bug.
        if _template_frame(err, root, user_only=True) is None:
            raise
        raise _fault(err, root, template) from err


def _fault(err: Exception, root: Path | None, template: str) -> TemplateFault:
    if isinstance(err, TemplateSyntaxError) and err.filename:
        where = _where(Path(err.filename), err.lineno, root)
    else:
        frame = _template_frame(err, root)
        where = _where(*frame, root) if frame else template
    return TemplateFault(where, _swedish(err))


def _template_frame(err: Exception, root: Path | None,
                    user_only: bool = False) -> tuple[Path, int] | None:
    """The innermost traceback frame that runs a template file (Jinja rewrites template
    frames to carry the template's file name and line)."""
    folders = [root.resolve() / USER_DIR] if root is not None else []
    if not user_only:
        folders.append(BUILTIN_DIR)
    found = None
    for frame in traceback.extract_tb(err.__traceback__):
        path = Path(frame.filename)
        if path.suffix in (".html", ".css") and any(
                path.resolve().is_relative_to(folder) for folder in folders):
            found = (path, frame.lineno or 1)
    return found


def _where(path: Path, line: int | None, root: Path | None) -> str:
    resolved = path.resolve()
    if root is not None and resolved.is_relative_to(root.resolve()):
        return f"{resolved.relative_to(root.resolve()).as_posix()}:{line or 1}"
    if resolved.is_relative_to(BUILTIN_DIR):
        return f"inbyggd mall {resolved.relative_to(BUILTIN_DIR).as_posix()}:{line or 1}"
    return f"{path}:{line or 1}"


_UNSAFE = re.compile(r"access to attribute '([^']+)' of '([^']+)' object is unsafe")
_NO_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'")
_UNDEFINED = re.compile(r"'([^']+)' is undefined")
_NO_FILTER = re.compile(r"No (filter|test) named '([^']+)'")


def _swedish(err: Exception) -> str:
    """The secretary's explanation of a template error (Jinja's own text as a last resort)."""
    text = str(err.message if isinstance(err, TemplateError) and err.message else err)
    if isinstance(err, SecurityError):
        unsafe = _UNSAFE.search(text)
        what = f"attributet {unsafe.group(1)}" if unsafe else text
        return (f"mallen försöker nå {what}, vilket inte är tillåtet "
                "(mallar körs i en sandlåda)")
    if isinstance(err, TemplateNotFound):
        return (f"mallen {err.name} finns inte, varken i mallar/ eller bland de inbyggda "
                "mallarna")
    if isinstance(err, UndefinedError):
        missing = _NO_ATTRIBUTE.search(text) or _UNDEFINED.search(text)
        name = missing.group(1) if missing else text
        return f"{name} finns inte bland mallens värden"
    if isinstance(err, TemplateSyntaxError):
        unknown = _NO_FILTER.search(text)
        if unknown:
            kind = "filter" if unknown.group(1) == "filter" else "test"
            return f"det finns inget {kind} som heter {unknown.group(2)}"
        return f"mallen har ett syntaxfel ({text})"
    return f"mallen kunde inte renderas ({type(err).__name__}: {text})"


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
