"""What the build's caches key on, and where they live (build/.cache/, never protokoll/).

Every cache key starts with :func:`tool_digest`: protogen's version and a digest of its own
code, built-in templates and fonts, and the versions of the libraries that make the bytes
(WeasyPrint, pydyf, pypdf, ruamel.yaml, Jinja2, markdown-it-py). A new protogen, a changed
built-in template or an upgraded library therefore never reuses anything made by another.
"""

from __future__ import annotations

import hashlib
import os
import stat
from functools import cache
from pathlib import Path

from protogen import __version__

CACHE_DIR = ".cache"  # under build/
PACKAGE_DIR = Path(__file__).resolve().parent
_LIBRARIES = ("weasyprint", "pydyf", "pypdf", "ruamel.yaml", "jinja2", "markdown-it-py",
              "tinycss2", "cssselect2", "fonttools", "pillow")


def cache_home() -> Path | None:
    """The user's cache folder for protogen (never inside a project): `$PROTOGEN_CACHE`, else
    `$XDG_CACHE_HOME/protogen`, else `~/.cache/protogen`; None when `PROTOGEN_CACHE=av`."""
    explicit = os.environ.get("PROTOGEN_CACHE")
    if explicit == "av":
        return None
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "protogen"


def owned(info: os.stat_result) -> bool:
    """Whether a file was written by this user (always so where there are no users)."""
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def read_own(path: Path, limit: int = -1) -> bytes | None:
    """A file of the user's cache folder, or None: missing, unreadable, or written by another
    user. In a shared cache folder (`PROTOGEN_CACHE=/tmp/…`) someone else could otherwise
    forge an entry: a parsed document without its personnummer, a stored check run with no
    fel, a holiday that moves a deadline."""
    try:  # non-blocking: a pipe planted in its place must not hang the command
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        with open(fd, "rb") as handle:
            info = os.fstat(fd)
            return handle.read(limit) if stat.S_ISREG(info.st_mode) and owned(info) else None
    except OSError:
        return None


def write_own(target: Path, data: bytes) -> bool:
    """Write a file of the user's cache folder whole or not at all (a fresh temporary file
    beside it, then renamed), never through a link someone else planted at the temporary
    name; its folder is made for this user alone. False when it could not be written."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    flags = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_BINARY", 0))
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp.unlink(missing_ok=True)  # left by a crash, or a link: removed, never followed
        with open(os.open(tmp, flags, 0o600), "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
        return True
    except OSError:
        try:
            tmp.unlink(missing_ok=True)  # a full disk: no half entry is left behind
        except OSError:
            pass
        return False


def cache_dir(root: Path) -> Path:
    from protogen.output import build_dir

    return build_dir(root) / CACHE_DIR


@cache
def tool_digest() -> str:
    """protogen's version, a digest of its package files, and its libraries' versions."""
    from importlib import metadata  # not at import: `check` needs none of this

    digest = hashlib.sha256(f"protogen {__version__}\n".encode())
    for name in _LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name} {version}\n".encode())
    for path in sorted(p for p in PACKAGE_DIR.rglob("*")
                       if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def file_digest(path: Path) -> str | None:
    """sha256 of a file's bytes; None when it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def digest_of(*parts: object) -> str:
    """A digest of JSON-able parts (strings, numbers, lists, dicts, None)."""
    import json  # here: a warm `check` imports this module for cache_home() alone

    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def reads_still_match(reads: object, root: Path) -> bool:
    """True when `reads` is a {project-relative path: sha256} whose files are unchanged."""
    if not isinstance(reads, dict):
        return False
    for rel, expected in reads.items():
        if not isinstance(rel, str) or not isinstance(expected, str):
            return False
        if file_digest(root / rel) != expected:
            return False
    return True


def record_reads(paths: list[Path], root: Path) -> dict[str, str] | None:
    """{project-relative path: sha256} of the files a render read under the project root
    (the package's fonts and templates are in tool_digest); None if one cannot be read."""
    resolved_root = root.resolve()
    reads: dict[str, str] = {}
    for path in paths:
        if not path.is_relative_to(resolved_root):
            continue
        rel = path.relative_to(resolved_root).as_posix()
        found = file_digest(path)
        if found is None:
            return None
        reads[rel] = found
    return dict(sorted(reads.items()))


def epoch_setting() -> str:
    """SOURCE_DATE_EPOCH as the environment gives it (part of every output's key)."""
    return os.environ.get("SOURCE_DATE_EPOCH", "")
