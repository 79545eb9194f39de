"""The text the publish scanner reads out of a PDF, kept by the PDF's digest.

Reading a PDF's words (pypdf's text extraction of every page, every string and decompressed
stream) is most of what the scan of a site costs, and most of a site's PDFs are the same
bytes from one publish to the next. What a PDF holds depends on its bytes alone, and what
the scanner reads out of it on the scanner's code and pypdf: so the texts are stored under a
digest of these, and a PDF whose bytes were read before is not read again. The gate itself
is not cached: every file is still compared, on every publish, with the secret words and
the personnummer patterns of that run.

Where: the user's cache folder (`skannat/`, beside the parse cache), never under `build/`,
where whatever could forge an entry could also place the PDF it hides. An entry is JSON
that names its own key and holds a list of texts with their digest; one written by another
user (a shared cache folder), or damaged, or anything else is a miss, and the PDF is read.
Only the command line turns it on (as the parse cache); `PROTOGEN_CACHE=av` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from protogen.cache import owned as _own
from protogen.cache import write_own

FOLDER = "skannat"
FORMAT = "protogen-scan-cache 1"
MAX_ENTRY = 64 * 1024 * 1024  # texts larger than this are not stored


@cache
def _code() -> str:
    """The scanner's own code (public.py, safety.py) and pypdf's version file."""
    digest = hashlib.sha256(FORMAT.encode())
    package = Path(__file__).resolve().parent
    files = [package / "public.py", package / "site" / "safety.py"]
    spec = find_spec("pypdf")
    if spec is not None and spec.origin:
        files.append(Path(spec.origin).parent / "_version.py")
    for path in files:
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"?")
        digest.update(b"\0")
    return digest.hexdigest()


def _folder() -> Path | None:
    from protogen.cache import cache_home
    from protogen.loader.parsecache import user_caches

    home = cache_home() if user_caches() else None
    return home / FOLDER if home is not None else None


def texts(kind: str, data: bytes, read: Callable[[bytes], list[str]]) -> list[str]:
    """`read(data)`, from the cache when these bytes were read by this kind of reading
    before (and stored for next time)."""
    folder = _folder()
    if folder is None:
        return read(data)
    key = hashlib.sha256(f"{_code()}\0{kind}\0".encode() + hashlib.sha256(data).digest())
    name = key.hexdigest()
    entry = folder / name[:2] / name
    stored = _load(entry, name)
    if stored is not None:
        return stored
    found = read(data)
    _store(entry, name, found)
    return found


def _digest(found: list[str]) -> str:
    return hashlib.sha256(json.dumps(found).encode("ascii")).hexdigest()


def _load(entry: Path, name: str) -> list[str] | None:
    """The stored texts, or None: missing, not this user's (a shared cache folder), not
    JSON, another key, not a list of texts, or not the texts its digest names (damaged)."""
    try:  # non-blocking, a regular file only: a pipe planted at its name must not hang publish
        fd = os.open(entry, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as handle:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or not _own(info):
                return None
            stored = json.loads(handle.read().decode("ascii"))
    except (OSError, ValueError):
        return None
    if not (isinstance(stored, dict) and stored.get("nyckel") == name
            and isinstance(stored.get("texter"), list)
            and all(isinstance(t, str) for t in stored["texter"])
            and stored.get("sha256") == _digest(stored["texter"])):
        return None
    return list(stored["texter"])


def _store(entry: Path, name: str, found: list[str]) -> None:
    # ASCII: a lone surrogate survives the round trip.
    text = json.dumps({"nyckel": name, "texter": found, "sha256": _digest(found)})
    if len(text) > MAX_ENTRY:
        return
    write_own(entry, text.encode("ascii"))
