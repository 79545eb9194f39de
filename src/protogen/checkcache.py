"""A whole-run cache for `protogen check`: an unchanged project is not checked again.

A check's output depends only on what it reads: the files under `protokoll/`, `anslag/` and
`mallar/` (and what links there lead to inside the project), the files at the project's top,
the day it checks for, its options, protogen's own files, Python and the installed
libraries. The run's key is a digest of all of these; the value is exactly what the run wrote
to standard output and its exit status. A warm check of an unchanged project therefore reads
the files, computes one digest and writes the stored text: it imports neither ruamel.yaml
nor the rules, and its findings, positions and messages are those of the run that stored
them, byte for byte.

What is read for the key:

- every file of at most `SMALL` bytes (the YAML, the Markdown, small attachments): its
  content;
- a larger file (attachments, signed originals): its size, modification and change times
  and inode. A change of content changes the change time, which no user tool can set
  back; a run that sees such a file changed within the last `RACY` seconds stores nothing
  (the file system's clock may be too coarse to tell two writes apart). Where `st_ctime`
  is not a change time (Windows, where it is the creation time) a larger file is known by
  its content too;
- every folder's listing and every symbolic link's target; a link to a folder inside the
  project is followed (the check follows it; the project may lie at `/`, where every folder
  is inside it). A link to a folder out of the project is not followed, and a project that
  has one is never cached: the check is meant not to read there, but a rule that does (a
  `mallar/` linked to a shared folder elsewhere is listed by the rule `mall`) would be
  replayed stale, and such a project has a fel or is about to;
- for a check of one board or meeting, that board alone of protokoll/ (and the names of the
  others); for one meeting, of that board only its files, that meeting's folder and what the
  loader reads of the other meetings (`protogen.loader.outline`): their sammanträde.yaml and
  the names and kinds of what their folders hold, not the items' text.

The digest is taken again after the run, and the entry is stored only when the project did
not change while it was checked: the same digest and the same times and inode of every file
and folder (a file rewritten and put back while the check read it, as git stash and pop
around a pre-commit hook do, keeps its content but not its change time), and only when the
run wrote nothing to standard error or standard output by itself (a library's warning
there would not be replayed). Entries are small files in the user's cache folder
(`$PROTOGEN_CACHE/kontroll/`, beside the parse cache), never in the project: an entry
committed to a repository could otherwise claim that a project has no findings. An entry
is a line with the format, its key, the exit status and the sha256 of the output, then
the output; one that names another format or key, another status, whose output is cut
short or damaged (another digest), is not UTF-8, or is owned by another user (a shared
cache folder) is a miss. `PROTOGEN_CACHE=av` turns it off; only the command line uses it.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import TextIO

FOLDER = "kontroll"
FORMAT = "protogen-check-cache-2"
SMALL = 256 * 1024  # files up to this size are keyed by their content
RACY = 2.0  # seconds: a large file changed this recently is not trusted by its times
#: The project folders a check reads (protokoll/ loads the boards, anslag/ the notices,
#: mallar/ the looks the rule `mall` looks for); the files at the top are read as well.
READ_FOLDERS = ("protokoll", "anslag", "mallar")
MAX_OUTPUT = 64 * 1024 * 1024  # a larger output is not stored
#: Whether st_ctime is the time of the last change (POSIX), which no user tool can set back;
#: on Windows it is the creation time, so a larger file's times prove nothing there.
CHANGE_TIMES = os.name != "nt"
_CHUNK = 1024 * 1024


def _inside(real: str, root: str) -> bool:
    """Whether the resolved path `real` lies in the resolved folder `root` (also when the
    project is the file system's root, `/`)."""
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


class _Inputs:
    """A digest of everything under the project a check reads."""

    def __init__(self, root: Path) -> None:
        self.root = os.path.realpath(root)
        self.digest = hashlib.sha256()
        self.racy = False
        self.since = time.time() - RACY
        self.followed: set[str] = set()
        self.outside = False  # a folder linked out of the project: the digest does not cover it
        # The times and inode of every file and folder, not in the key: a run is stored only
        # when they are the same after it, so a file rewritten and put back while the check
        # read it (git stash and pop around a pre-commit hook, an editor's save) is noticed.
        self.stamps = hashlib.sha256()

    def take(self, board: str | None = None, meeting: str | None = None) -> str:
        """`board`: a check of one board or meeting reads that board of protokoll/ alone
        (and only the names of the others); `meeting`: of that board, a check of one
        meeting reads that meeting's folder and the outline of the others
        (`protogen.loader.outline`)."""
        try:
            entries = sorted(os.scandir(self.root), key=lambda e: e.name)
        except OSError as err:
            self._add("E", ".", str(err.errno))
            return self.digest.hexdigest()
        for entry in entries:
            if entry.name.casefold() == "protokoll" and board is not None:
                if self._one(entry.path, entry.name):
                    self._board(entry.path, entry.name, board, meeting)
                continue
            # Any case: on a case-insensitive file system (macOS, Windows) Protokoll/ is
            # the protokoll/ the check reads.
            if entry.name.casefold() in READ_FOLDERS:
                self._entry(entry.path, entry.name)
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                self._add("?", entry.name)
                continue
            if stat.S_ISREG(info.st_mode):
                self._file(entry.path, entry.name, info)
            else:  # build/, .git/ and the like are not read; their names are
                self._add("N", entry.name, str(stat.S_IFMT(info.st_mode)))
        return self.digest.hexdigest()

    def _board(self, path: str, rel: str, board: str, meeting: str | None = None) -> None:
        names = self._names(path, rel)
        if names is None:
            return
        self._add("B*", rel, *names)
        # The board as listed; when it is not listed under that very name (another case on a
        # case-insensitive file system), every board, as for a check of the whole project.
        for name in [board] if board in names else names:
            if meeting is not None and name == board:
                self._meeting(os.path.join(path, name), f"{rel}/{name}", meeting)
            else:
                self._entry(os.path.join(path, name), f"{rel}/{name}")

    def _meeting(self, path: str, rel: str, meeting: str) -> None:
        """A board for a check of one of its meetings: that meeting's folder and the board's
        files in full; of every other folder, what the loader's outline reads (the kind of
        each entry, and sammanträde.yaml). When the meeting is not listed under that very
        name, the whole board."""
        if not self._one(path, rel):
            return
        names = self._names(path, rel)
        if names is None:
            return
        self._add("M*", rel, *names)
        if meeting not in names:
            for name in names:
                self._entry(os.path.join(path, name), f"{rel}/{name}")
            return
        for name in names:
            child, child_rel = os.path.join(path, name), f"{rel}/{name}"
            if name == meeting:
                self._entry(child, child_rel)
            elif self._one(child, child_rel):  # a file (organ.yaml) is read whole
                self._outline(child, child_rel)

    def _outline(self, path: str, rel: str) -> None:
        """Another meeting's folder: the kind of each entry (the loader lists the item
        files) and the content of sammanträde.yaml."""
        try:
            with os.scandir(path) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as err:
            self._add("E", rel, str(err.errno))
            return
        self._add("O*", rel, *(entry.name for entry in entries))
        for entry in entries:
            if entry.name == "sammanträde.yaml":
                self._one(entry.path, f"{rel}/{entry.name}")
            else:
                self._kind(entry, f"{rel}/{entry.name}")

    def _kind(self, entry: os.DirEntry[str], rel: str) -> None:
        """A name and what it is (a file, a folder, a link and what it leads to), unread:
        from the listing where it tells (no stat, and no stamp: what is not read cannot
        change the output unless its kind changes, which the digest after the run sees)."""
        try:
            if entry.is_symlink():
                self._add("L", rel, os.readlink(entry.path))
                target = self._stat(entry.path, rel, follow=True)
                self._add("LK", rel, str(stat.S_IFMT(target.st_mode)) if target else "?")
            elif entry.is_dir(follow_symlinks=False):
                self._add("K", rel, str(stat.S_IFDIR))
            elif entry.is_file(follow_symlinks=False):
                self._add("K", rel, str(stat.S_IFREG))
            else:
                self._add("K", rel, str(stat.S_IFMT(entry.stat(follow_symlinks=False).st_mode)))
        except OSError as err:
            self._add("E", rel, str(err.errno))

    def _add(self, *parts: str) -> None:
        self.digest.update("\0".join(parts).encode("utf-8", "surrogateescape") + b"\n")

    def _stamp(self, info: os.stat_result) -> None:
        self.stamps.update(f"{info.st_ino} {info.st_size} {info.st_mtime_ns} {info.st_ctime_ns}\n"
                           .encode())

    def _entry(self, path: str, rel: str) -> None:
        """`path` and, depth first in name order, everything under it: a loop, not recursion
        (a folder nested a few hundred deep must not exhaust Python's stack)."""
        pending = [(path, rel)]
        while pending:
            path, rel = pending.pop()
            if not self._one(path, rel):
                continue
            names = self._names(path, rel)
            pending.extend((os.path.join(path, name), f"{rel}/{name}") for name in reversed(names or []))

    def _names(self, path: str, rel: str) -> list[str] | None:
        """A folder's names in order; None, with the error in the key, when it cannot be
        listed."""
        try:
            return sorted(os.listdir(path))
        except OSError as err:
            self._add("E", rel, str(err.errno))
            return None

    def _one(self, path: str, rel: str) -> bool:
        """Add one file, folder or link; True when it is a folder whose names are to be read."""
        info = self._stat(path, rel, follow=False)
        if info is None:
            return False
        if stat.S_ISLNK(info.st_mode):
            try:
                self._add("L", rel, os.readlink(path))
            except OSError as err:
                self._add("E", rel, str(err.errno))
                return False
            target = self._stat(path, rel, follow=True)
            if target is None:
                return False
            if stat.S_ISDIR(target.st_mode):
                real = os.path.realpath(path)
                inside = _inside(real, self.root)
                self._add("LD", rel, real)
                self.outside = self.outside or not inside
                if inside and real not in self.followed:
                    self.followed.add(real)
                    return True
            elif stat.S_ISREG(target.st_mode):
                self._file(path, rel, target)
            else:
                self._add("LO", rel, str(stat.S_IFMT(target.st_mode)))
        elif stat.S_ISDIR(info.st_mode):
            self._add("D", rel)
            return True
        elif stat.S_ISREG(info.st_mode):
            self._file(path, rel, info)
        else:
            self._add("O", rel, str(stat.S_IFMT(info.st_mode)))
        return False

    def _stat(self, path: str, rel: str, *, follow: bool) -> os.stat_result | None:
        """The file's status (of the link itself unless `follow`), stamped; None, with the
        error in the key, when it cannot be read."""
        try:
            info = os.stat(path, follow_symlinks=follow)
        except OSError as err:
            self._add("E", rel, str(err.errno))
            return None
        self._stamp(info)
        return info

    def _file(self, path: str, rel: str, info: os.stat_result) -> None:
        self._stamp(info)
        if info.st_size <= SMALL:
            try:
                with open(path, "rb") as handle:
                    data = handle.read(SMALL + 1)
            except OSError as err:
                self._add("E", rel, str(err.errno))
                return
            self._add("F", rel, str(len(data)))
            self.digest.update(data)
            return
        self._add("B", rel, str(info.st_size), str(info.st_mtime_ns), str(info.st_ctime_ns),
                  str(info.st_ino), str(info.st_dev))
        if max(info.st_mtime, info.st_ctime) >= self.since:
            self.racy = True
        if not CHANGE_TIMES:  # the times cannot show a same-size edit: read the content
            self._content(path, rel)

    def _content(self, path: str, rel: str) -> None:
        content = hashlib.sha256()
        try:
            with open(path, "rb") as handle:
                while chunk := handle.read(_CHUNK):
                    content.update(chunk)
        except OSError as err:
            self._add("E", rel, str(err.errno))
            return
        self._add("C", rel, content.hexdigest())


def inputs_digest(root: Path, board: str | None = None, meeting: str | None = None
                  ) -> tuple[str | None, bool, str]:
    """The digest of what a check of `root` reads (None when a folder is linked out of the
    project: what lies there is not in it), whether a large file changed too recently for
    its times to be trusted, and a digest of every file's and folder's times and inode."""
    inputs = _Inputs(root)
    digest = inputs.take(board, meeting)
    return (None if inputs.outside else digest), inputs.racy, inputs.stamps.hexdigest()


@cache
def tool_signature() -> str:
    """protogen's own files, Python, and the folders along the import path (installing or
    upgrading a library adds and removes names there, which changes the folder's times).

    protogen's files are known by path, size and modification time, as Python knows whether
    its compiled bytecode is current: reading the whole package would cost a warm check more
    than the rest of it."""
    package = os.path.dirname(os.path.abspath(__file__))
    digest = hashlib.sha256(f"{FORMAT}\n{sys.version}\n{sys.executable}\n".encode())
    folders = [package]
    while folders:
        folder = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            digest.update(f"?{folder}\n".encode())
            continue
        for entry in entries:
            try:
                info = entry.stat()
            except OSError:
                digest.update(f"?{entry.path}\n".encode())
                continue
            if stat.S_ISDIR(info.st_mode):
                if entry.name not in ("__pycache__", "fonts"):
                    folders.append(entry.path)
            else:
                digest.update(f"{entry.path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    for place in sys.path:  # installing or upgrading a library changes its folder's listing
        try:
            info = os.stat(place or ".")
        except OSError:
            continue
        digest.update(f"{place}\0{info.st_ino}\0{info.st_mtime_ns}\0{info.st_ctime_ns}\n".encode())
    return digest.hexdigest()


class CheckCache:
    """Stored check runs in the user's cache folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> tuple[str, int] | None:
        from protogen.cache import read_own

        raw = read_own(self._file(key), MAX_OUTPUT * 4 + 1024)  # None: not this user's
        if raw is None:
            return None
        head, sep, body = raw.partition(b"\n")
        parts = head.split(b" ")
        if not sep or len(parts) != 4 or parts[0] != FORMAT.encode() or parts[1] != key.encode():
            return None
        if parts[2] not in (b"0", b"1") or parts[3] != hashlib.sha256(body).hexdigest().encode():
            return None  # a status that is not a check's, or an output cut short or damaged
        try:
            return body.decode("utf-8"), int(parts[2])
        except UnicodeDecodeError:
            return None

    def put(self, key: str, out: str, status: int) -> None:
        if len(out) > MAX_OUTPUT or status not in (0, 1):
            return
        target = self._file(key)
        try:
            body = out.encode()
        except UnicodeEncodeError:  # a name that is not UTF-8: written as it came, not kept
            return
        from protogen.cache import write_own

        raw = f"{FORMAT} {key} {status} {hashlib.sha256(body).hexdigest()}\n".encode() + body
        write_own(target, raw)


class _Tee:
    """Standard error as it was, noting whether anything was written to it."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.written = False

    def write(self, text: str) -> int:
        self.written = self.written or bool(text)
        return self._stream.write(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def home_for(root: Path) -> Path | None:
    """The user's cache folder for a check of `root`; None when it is turned off or lies
    inside the project (`PROTOGEN_CACHE=.cache`, or a relative one run in a subfolder):
    entries there would be written into the project, even into protokoll/."""
    from protogen.cache import cache_home

    home = cache_home()
    if home is None or _inside(os.path.realpath(home), os.path.realpath(root)):
        return None
    return home


def run_cached(root: Path, options: tuple[str, ...], run: Callable[[], tuple[str, int]],
               enabled: bool = True, board: str | None = None,
               meeting: str | None = None) -> int:
    """Write a check's output and return its status: stored when nothing it depends on
    changed, else from `run()` (the output text and the status), stored for next time.

    `options`: everything besides the project's files the output depends on (the scope,
    the day, the format, --strict); `board`: the board a scoped check reads alone;
    `meeting`: the meeting folder in it a check of one meeting (or of a file in it) reads in
    full, reading only the outline of the board's other meetings."""
    home = home_for(root) if enabled else None
    before, racy, stamps = (inputs_digest(root, board, meeting) if home is not None
                            else (None, True, ""))
    if home is None or before is None:
        out, status = run()
        sys.stdout.write(out)
        return status
    store = CheckCache(home / FOLDER)
    key = hashlib.sha256("\0".join((tool_signature(), os.path.realpath(root), *options, before))
                         .encode("utf-8", "surrogateescape")).hexdigest()
    found = store.get(key)
    if found is not None:
        sys.stdout.write(found[0])
        return found[1]
    # What the run writes by itself (a library's warning on standard error, a stray print on
    # standard output) would not be replayed: such a run is not stored.
    errors, prints = _Tee(sys.stderr), _Tee(sys.stdout)
    sys.stderr, sys.stdout = errors, prints  # type: ignore[assignment]
    try:
        out, status = run()
    finally:
        sys.stderr, sys.stdout = errors._stream, prints._stream  # type: ignore[assignment]
    sys.stdout.write(out)
    quiet = not errors.written and not prints.written
    if not racy and quiet and status in (0, 1) and inputs_digest(root, board, meeting) == (before, False, stamps):
        store.put(key, out, status)
    return status
