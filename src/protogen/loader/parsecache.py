"""A content-keyed cache of parsed YAML, so that a warm `protogen check` parses nothing again.

Only texts that ruamel.yaml must read are stored (yamlread.read_yaml): the fast reader
(fastyaml.py) reads the others again in less time than an entry takes to load or write.
ruamel.yaml's round-trip parse is what such a text costs; the parsed document (with the
line and column of every key and value) and the findings its reading gave are stored by a
digest of the text, the file's project path, the line offset, protogen's code and ruamel's
version. A changed file, a new protogen or a new ruamel is a miss; findings, positions and
messages are then exactly those of a fresh parse, because they are what a parse gave.

Where: the user's cache folder (`$PROTOGEN_CACHE`, else `$XDG_CACHE_HOME/protogen`, else
`~/.cache/protogen`), under `tolkat/`, never in the project: an entry committed to a
repository could otherwise claim that a file has no findings. Entries are read with an
unpickler that only builds ruamel's and Python's plain data types, and entries not written
for 30 days are removed now and then. When the folder cannot be written, nothing is cached.
The command line turns the cache on (`enable()`); a program calling `check_project` gets
fresh parses unless it does too.
"""

from __future__ import annotations

import glob
import hashlib
import io
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from protogen.cache import cache_home, read_own, write_own

FOLDER = "tolkat"
FORMAT = b"protogen-parse-cache 1\0"
MAX_AGE = 30 * 24 * 3600
_SWEEP_EVERY = 24 * 3600
_SIBLINGS = ("kontroll", "skannat")  # checkcache.FOLDER, scancache.FOLDER
_ALLOWED_MODULES = ("ruamel.yaml.comments", "ruamel.yaml.scalarstring", "ruamel.yaml.scalarint",
                    "ruamel.yaml.scalarfloat", "ruamel.yaml.scalarbool", "ruamel.yaml.timestamp",
                    "ruamel.yaml.tokens", "ruamel.yaml.error", "ruamel.yaml.anchor",
                    "ruamel.yaml.tag", "ruamel.yaml.compat")
_ALLOWED = {("builtins", n) for n in ("set", "frozenset", "list", "dict", "tuple", "str",
                                      "int", "float", "bool", "bytes", "object")}
_ALLOWED |= {("datetime", n) for n in ("date", "datetime", "time", "timedelta", "timezone")}
_ALLOWED |= {("copyreg", "_reconstructor"), ("collections", "OrderedDict"),
             ("protogen.findings", "Finding"), ("protogen.findings", "Pos"),
             ("protogen.findings", "Level"), ("protogen.loader.fastyaml", "LineCol"),
             ("protogen.loader.fastyaml", "_rebuild_map"),
             ("protogen.loader.fastyaml", "_rebuild_list"),
             ("protogen.loader.fastyaml", "LiteralText"), ("protogen.loader.fastyaml", "FoldedText")}


@cache
def code_digest() -> bytes:
    """protogen's code and the YAML libraries' (ruamel.yaml, PyYAML with libyaml): what a
    parse and its findings depend on besides the text. protogen's files are known by path,
    size and modification time (as Python knows whether its bytecode is current; reading them
    all cost a check more than the parse of a meeting), the libraries likewise by their
    package files and folders, found without importing them (a check that needs no ruamel
    does not import it; the import path's folders are in `tool_signature` too)."""
    from importlib.util import find_spec

    from protogen.checkcache import tool_signature

    digest = hashlib.sha256(FORMAT)
    digest.update(tool_signature().encode())
    for name in ("ruamel.yaml", "yaml"):
        try:
            spec = find_spec(name)
            origin = spec.origin if spec else None
            if origin is None:
                raise ImportError(name)
            folder = os.path.dirname(origin)
            for place in (origin, folder, *sorted(glob.glob(os.path.join(folder, "_*.so")))):
                info = os.stat(place)
                digest.update(f"{place}\0{info.st_size}\0{info.st_mtime_ns}\0"
                              f"{info.st_ctime_ns}\n".encode())
        except (ImportError, ValueError, OSError):
            digest.update(f"?{name}\n".encode())
    return digest.digest()


@cache
def _unpickler() -> Any:
    """The restricted unpickler (pickle is imported on first use: the command line imports
    this module for every command, a warm check needs no pickle)."""
    import pickle

    class Unpickler(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            if module in _ALLOWED_MODULES or (module, name) in _ALLOWED:
                return super().find_class(module, name)
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the parse cache")

    return Unpickler


class ParseCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.writable = True
        self.hits = 0
        self.misses = 0

    def key(self, text: str, path: str, line_offset: int) -> str:
        digest = hashlib.sha256(code_digest())
        digest.update(f"{path}\0{line_offset}\0".encode())
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> tuple[Any, list[Any]] | None:
        raw = read_own(self._file(key))  # None: missing, or not this user's (a forgery)
        try:
            if raw is None:
                raise OSError(key)
            data, findings = _unpickler()(io.BytesIO(raw)).load()
        except Exception:  # noqa: BLE001 - a missing or unreadable entry is only a miss
            self.misses += 1
            return None
        if not isinstance(findings, list):
            self.misses += 1
            return None
        self.hits += 1
        return data, findings

    def put(self, key: str, data: Any, findings: list[Any]) -> None:
        if not self.writable:
            return
        import pickle

        try:
            raw = pickle.dumps((data, findings), protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, RecursionError, TypeError, AttributeError):
            return
        if not write_own(self._file(key), raw):
            self.writable = False

    def sweep(self) -> None:
        """Remove entries not written for MAX_AGE; at most once a day."""
        marker = self.folder / ".rensad"
        now = time.time()
        try:
            if marker.exists() and now - marker.stat().st_mtime < _SWEEP_EVERY:
                return
            marker.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            marker.touch()
            # The other user caches (whole check runs, the scanner's texts) are kept alike.
            for folder in (self.folder, *(self.folder.parent / n for n in _SIBLINGS)):
                for entry in folder.glob("*/*"):
                    if now - entry.stat().st_mtime > MAX_AGE:
                        entry.unlink(missing_ok=True)
        except OSError:
            pass


_ACTIVE: list[ParseCache] = []
_ENABLED: list[bool] = [False]


def enable(on: bool = True) -> None:
    """Let `parse_cache()` use the cache in this process (the command line does; a program
    that calls check_project directly decides for itself)."""
    _ENABLED[0] = on


def user_caches() -> bool:
    """Whether this process uses the user's cache folder (the command line does)."""
    return _ENABLED[0]


def active() -> ParseCache | None:
    return _ACTIVE[-1] if _ACTIVE else None


@contextmanager
def parse_cache(enabled: bool = True) -> Iterator[ParseCache | None]:
    """Use the cache for the reads inside the block (a check, a build's check)."""
    home = cache_home() if enabled and _ENABLED[0] else None
    if home is None:
        yield None
        return
    store = ParseCache(home / FOLDER)
    _ACTIVE.append(store)
    try:
        yield store
    finally:
        _ACTIVE.pop()
        if store.writable and store.misses:
            store.sweep()
