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
import signal
import threading
import time
import traceback
from collections.abc import Callable, Generator, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    pass_environment,
)
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from protogen.law.dates import long_date, plain_date
from protogen.law.numbering import format_paragraphs
from protogen.limits import plain_name, resolves_inside

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "templates"
USER_DIR = "mallar"
DEFAULT = "standard"
#: The documents' words outside their own templates (macros; see render/labels.py).
LABELS = "etiketter.txt"


def builtin_looks() -> list[str]:
    return sorted(p.name for p in BUILTIN_DIR.iterdir() if p.is_dir() and not p.name.startswith("_"))


def search_path(root: Path | None, name: str) -> list[Path]:
    """Folders searched for a look, most specific first. `name` is one plain folder name: an
    absolute path, a `..` or a folder that is a symbolic link out of mallar/ is never used."""
    folders: list[Path] = []
    if not plain_name(name):
        return [BUILTIN_DIR / DEFAULT]
    if root is not None:
        user = root / USER_DIR / name
        if user.is_dir() and resolves_inside(user, root / USER_DIR):
            folders.append(user)
    if (BUILTIN_DIR / name).is_dir() and name != DEFAULT:
        folders.append(BUILTIN_DIR / name)
    folders.append(BUILTIN_DIR / DEFAULT)
    return folders


def template_exists(root: Path | None, name: str) -> bool:
    if not plain_name(name):
        return False
    user = root / USER_DIR / name if root is not None else None
    return name == DEFAULT or (BUILTIN_DIR / name).is_dir() or (
        user is not None and user.is_dir() and resolves_inside(user, user.parent)
    )


# Bounds on what a template may do (issue 8, break 8: `{{ 'x' * 10**8 }}` hung the build).
MAX_SEQUENCE = 1_000_000  # characters or items one operation in a template may produce
MAX_NUMBER = 100_000  # largest width or count a template may pass to a filter or method
MAX_OUTPUT = 50_000_000  # characters one rendered template may produce
MAX_SECONDS = 60.0  # wall time one template may take
_WIDE_FORMAT = re.compile(r"\d{6,}")


class TemplateLimit(TemplateError):
    """A template went past one of the bounds; the message is Swedish."""


def _sized(value: Any) -> int | None:
    return len(value) if isinstance(value, str | bytes | list | tuple) else None


def _too_big(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) > MAX_NUMBER
    if isinstance(value, float):
        return abs(value) > MAX_NUMBER
    if isinstance(value, str):  # a format string with a width like %0999999d or {:>999999}
        return ("%" in value or "{" in value) and _WIDE_FORMAT.search(value) is not None
    return False


class BoundedSandbox(SandboxedEnvironment):
    """The sandbox, with bounded sizes: no huge string or list multiplication, no huge
    powers, no huge widths or counts passed to a filter or method (`center`, `indent`,
    `format`, `ljust`, …). Jinja's own sandbox already bounds `range` to 100 000 items."""

    intercepted_binops = frozenset({"*", "**", "//", "%"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                size = _sized(seq)
                if size is not None and isinstance(count, int) and size * count > MAX_SEQUENCE:
                    raise TemplateLimit(f"mallen försöker skapa en text eller lista med "
                                        f"{size * count} tecken; högst {MAX_SEQUENCE} går")
        elif operator == "**":
            if isinstance(right, int | float) and abs(right) > 64 and \
                    isinstance(left, int | float) and abs(left) > 1:
                raise TemplateLimit(f"mallen försöker räkna ut {left} ** {right}, "
                                    "ett för stort tal")
        elif operator == "%" and isinstance(left, str) and _too_big(left):
            raise TemplateLimit("mallen försöker formatera med en för stor bredd")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        # str.format reaches here wrapped by the sandbox; the wrapped method knows the string.
        owner = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)
        values = [*args, *kwargs.values()]
        if isinstance(owner, str) and getattr(__obj, "__name__", "") in ("format", "format_map"):
            values.append(owner)
        if any(_too_big(v) for v in values):
            raise TemplateLimit(f"mallen anropar {getattr(__obj, '__name__', 'en funktion')} "
                                f"med ett för stort värde (högst {MAX_NUMBER})")
        return super().call(__context, __obj, *args, **kwargs)


# What a public template (the site's pages, the public PDFs) may read of protogen's internal
# model, reached through a page's `meeting` or a board's `organ`: facts that are public for
# every meeting. Everything else — a meeting's items, an organ's meetings, any Item — is
# refused, so a template gets the public view (`m`, `page.view`) and nothing of a secret item.
PUBLIC_MODEL = {
    "Organ": frozenset({"id", "name", "short_name", "host", "archive_place", "has_anslag",
                        "item_kinds", "kind", "is_council", "schedule", "members", "deputies",
                        "template", "numbering"}),
    "Meeting": frozenset({"date", "time", "place", "folder_name", "folder_date", "status",
                          "sequence", "loaded", "invitation_sent"}),
    "Person": None,  # every field: the register is public
    "PlanEntry": None,
}


class PublicSandbox(BoundedSandbox):
    """The sandbox of public templates: only the public view of a meeting."""

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if type(obj).__module__ == "protogen.model":
            allowed = PUBLIC_MODEL.get(type(obj).__name__, frozenset())
            if allowed is not None and attr not in allowed:
                return False
        return bool(super().is_safe_attribute(obj, attr, value))


def _bounded_filter(name: str, function: Any) -> Any:
    """A built-in filter that refuses huge widths and counts before doing any work."""
    def bounded(*args: Any, **kwargs: Any) -> Any:
        if any(_too_big(v) for v in [*args[1:], *kwargs.values()]) or (
                name == "format" and args and _too_big(args[0])):
            raise TemplateLimit(f"filtret {name} fick ett för stort värde (högst {MAX_NUMBER})")
        return function(*args, **kwargs)

    for attribute in ("jinja_pass_arg",):
        if hasattr(function, attribute):
            setattr(bounded, attribute, getattr(function, attribute))
    return bounded


_GROWING_FILTERS = ("center", "indent", "wordwrap", "truncate", "format", "batch", "slice")


class TemplateOutside(TemplateError):
    """A template file under mallar/ that is a symbolic link out of mallar/. Not a
    TemplateNotFound: the ChoiceLoader must not quietly fall back to a built-in."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class _ConfinedLoader(FileSystemLoader):
    """A FileSystemLoader that refuses a file which, with symbolic links followed, lies
    outside the allowed folders (mallar/ and the built-ins): `/etc/passwd` linked into
    mallar/ never reaches a document."""

    def __init__(self, searchpath: list[str], allowed: tuple[Path, ...]) -> None:
        super().__init__(searchpath)
        self.allowed = allowed

    def get_source(self, environment: Any, template: str) -> Any:
        source, filename, uptodate = super().get_source(environment, template)
        if not any(resolves_inside(Path(filename), folder) for folder in self.allowed):
            raise TemplateOutside(template)
        return source, filename, uptodate


@lru_cache(maxsize=32)
def environment(root: Path | None, name: str = DEFAULT,
                public: bool = False) -> SandboxedEnvironment:
    prefixes = {look: FileSystemLoader(str(BUILTIN_DIR / look)) for look in builtin_looks()}
    allowed = (BUILTIN_DIR, *((root / USER_DIR,) if root is not None else ()))
    loader = ChoiceLoader([
        _ConfinedLoader([str(p) for p in search_path(root, name)], allowed),
        PrefixLoader(prefixes, delimiter="/"),
    ])
    env = (PublicSandbox if public else BoundedSandbox)(
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
        uppräkning=enumeration,
    )
    for filter_name in _GROWING_FILTERS:
        if filter_name in env.filters:
            env.filters[filter_name] = _bounded_filter(filter_name, env.filters[filter_name])
    return env


class TemplateFault(Exception):
    """A template could not be used. `str()` is the Swedish message, led by the template's
    file (relative to the project, or "inbyggd mall …") and line."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


def render(root: Path | None, name: str, template: str, public: bool = False,
           **context: Any) -> str:
    """Render `template` of the look `name`. Public templates — `public`, or any template
    under site/ — get the public sandbox (see `PublicSandbox`)."""
    public = public or template.startswith("site/")
    return guarded(root, template,
                   lambda: environment(root, name, public).get_template(template)
                   .generate(**context))


def guarded(root: Path | None, template: str, chunks: Callable[[], Iterator[str]]) -> str:
    """Run one render of `template` (`chunks` compiles and starts it) within the bounds of
    `_bounded_render`; a fault in a template becomes a `TemplateFault` with its file and
    line."""
    try:
        return _bounded_render(chunks())
    except TemplateError as err:
        raise _fault(err, root, template) from err
    except Exception as err:
        # A filter or test called with the wrong values from a board's own template: blame
        # the template line; an error with no template line in it is protogen's own bug.
        if _template_frame(err, root, user_only=True) is None:
            raise
        raise _fault(err, root, template) from err


def _bounded_render(chunks: Iterator[str]) -> str:
    """Join a template's output, stopping it when it runs too long or writes too much. In the
    main thread an alarm interrupts even a template that loops without writing anything."""
    deadline = time.monotonic() + MAX_SECONDS
    alarm = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    previous: Any = None
    if alarm:
        def stop(signum: int, frame: Any) -> None:
            raise TemplateLimit(f"mallen tog längre tid än {MAX_SECONDS:.0f} sekunder och "
                                "avbröts")
        previous = signal.signal(signal.SIGALRM, stop)
        old_timer = signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)
    try:
        parts: list[str] = []
        size = 0
        for chunk in chunks:
            parts.append(chunk)
            size += len(chunk)
            if size > MAX_OUTPUT:
                # Thrown into the template where it stands, so the message gets its line.
                _throw(chunks, TemplateLimit(f"mallen skrev mer än {MAX_OUTPUT} tecken och "
                                             "avbröts"))
            if time.monotonic() > deadline:
                _throw(chunks, TemplateLimit(f"mallen tog längre tid än {MAX_SECONDS:.0f} "
                                             "sekunder och avbröts"))
        return "".join(parts)
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            if old_timer[0] > 0:  # someone else's alarm: give it back what is left
                signal.setitimer(signal.ITIMER_REAL, *old_timer)


def _throw(chunks: Iterator[str], err: TemplateLimit) -> None:
    """Raise `err` inside the template where it stands (Jinja's generate() is a generator), so
    that the traceback, and the message, carry the template's file and line."""
    if isinstance(chunks, Generator):
        chunks.throw(err)
    raise err


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
    if isinstance(err, TemplateLimit):
        return text
    if isinstance(err, SecurityError):
        unsafe = _UNSAFE.search(text)
        what = f"attributet {unsafe.group(1)}" if unsafe else text
        if unsafe and unsafe.group(2) in PUBLIC_MODEL or unsafe and unsafe.group(2) == "Item":
            return (f"mallen försöker nå {what} i den interna modellen; webbplatsens och de "
                    "offentliga dokumentens mallar får bara den offentliga vyn (m, page.view), "
                    "där ett sekretessärende bara är nummer, neutral rubrik och grund")
        return (f"mallen försöker nå {what}, vilket inte är tillåtet "
                "(mallar körs i en sandlåda)")
    if isinstance(err, TemplateOutside):
        return (f"mallen {err.name} pekar utanför mallar/ (en symbolisk länk); protogen "
                "läser bara mallar inuti projektets mallar/")
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


def enumeration(values: Any) -> str:
    """['A', 'B', 'C'] as 'A, B och C' (the filter `uppräkning`)."""
    words = [str(v) for v in values or [] if str(v)]
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " och " + words[-1]


@pass_environment
def _time_filter(env: Environment, value: str | None) -> str:
    """'09:00-12:00' as 'kl. 09.00–12.00' (the words from the macro `tid` of LABELS)."""
    if not value:
        return ""
    words = getattr(env.get_template(LABELS).module, "tid")  # noqa: B009 - a template's macro
    said: str = words(value.replace(":", ".").replace("-", "–"))
    return said
