"""The one writer: every file protogen's build and publish write or delete goes through here.

Rules (issue 8):

- A path is written or deleted only when it lies inside `build/` of the project, and neither
  `build/` nor any folder between it and the path (nor the path itself) is a symbolic link.
  A path that resolves into `protokoll/`, `mallar/` or outside `build/` is refused with a
  Swedish `OutputError`, whatever the links say. Nothing but `sign` writes into protokoll/.
- Every file is written atomically (a temporary file beside it, then a rename), and a group of
  files that belong together (a meeting's documents, the site) is written into a fresh folder
  beside its place and swapped in as one (`replace_folder`).
- The temporary files and folders of a killed run carry the writer's process id; the next run
  removes those whose process is gone (`clean_leftovers`).

API for the rest of protogen: `write_atomic(root, path, data)`, `remove(root, path)`,
`remove_tree(root, path)`, `fresh_folder(root, target)` + `swap_in(root, fresh, target)` or the
all-in-one `replace_folder(root, target, files, keep=…)`, `write_all(root, folder, files)`,
`clean_leftovers(root)`.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

BUILD_DIR = "build"
PROTECTED = ("protokoll", "mallar")
NEW_MARK = "-ny-"  # fresh folders: .<name>-ny-<pid>-<random>
OLD_MARK = "-gammal-"  # folders moved aside during a swap: .<name>-gammal-<pid>-<random>


class OutputError(Exception):
    """A file could not be written or removed; the message is Swedish."""


def build_dir(root: Path) -> Path:
    return root / BUILD_DIR


def _shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def safe_path(root: Path, path: Path) -> Path:
    """`path` (absolute, or relative to `root`) checked for writing; returns it absolute.

    Refuses a path outside build/, a path through a symbolic link (build/ itself included),
    and — should a link have slipped past — anything that resolves into protokoll/, mallar/
    or outside build/.
    """
    root_abs = Path(os.path.abspath(root))
    target = Path(os.path.abspath(path if path.is_absolute() else root_abs / path))
    build = root_abs / BUILD_DIR
    shown = _shown(root_abs, target)
    if target != build and build not in target.parents:
        raise OutputError(f"{shown}: protogen skriver bara i {BUILD_DIR}/ i projektet; "
                          "filen rörs inte")
    if target == build:
        raise OutputError(f"{shown}: mappen {BUILD_DIR}/ själv ersätts aldrig")
    # Every existing step from build/ down to the path must be a real folder (the last one a
    # real file or folder), never a link: a linked build/ or build/.cache led writes into
    # protokoll/ once.
    step = build
    for part in target.relative_to(build).parts:
        _refuse_link(root_abs, step)
        step = step / part
    _refuse_link(root_abs, target)
    real_build = build.resolve()
    real = target.resolve()
    for name in PROTECTED:
        guard = (root_abs / name).resolve()
        if real == guard or guard in real.parents:
            raise OutputError(f"{shown}: sökvägen leder in i {name}/; bygget skriver och "
                              "tar aldrig bort något där")
    if real != real_build and real_build not in real.parents:
        raise OutputError(f"{shown}: sökvägen leder ut ur {BUILD_DIR}/; filen rörs inte")
    return target


def _refuse_link(root: Path, path: Path) -> None:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as err:
        raise OutputError(f"{_shown(root, path)}: kan inte läsas ({err.strerror})") from err
    if stat.S_ISLNK(mode):
        raise OutputError(f"{_shown(root, path)} är en symbolisk länk; protogen skriver "
                          "inte genom länkar (ta bort länken och låt build/ vara en vanlig "
                          "mapp i projektet)")


def _temp_prefix(name: str) -> str:
    return f".{name}.{os.getpid()}."


def write_atomic(root: Path, path: Path, data: bytes) -> Path:
    """Write `data` to `path` under build/: a temporary file beside it, then a rename, so
    readers never see half a file. Returns the absolute path written."""
    target = safe_path(root, path)
    try:
        _mkdirs(root, target.parent)
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target.name), suffix=".tmp",
                                   dir=target.parent)
    except OSError as err:
        raise OutputError(f"{_shown(Path(os.path.abspath(root)), target)} kunde inte "
                          f"skrivas: {err.strerror}") from err
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{_shown(Path(os.path.abspath(root)), target)} kunde inte "
                          f"skrivas: {err.strerror}") from err
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _mkdirs(root: Path, folder: Path) -> None:
    """Create `folder` step by step, checking each step (a link made in between is caught)."""
    build = build_dir(Path(os.path.abspath(root)))
    missing: list[Path] = []
    step = Path(os.path.abspath(folder))
    while not step.exists() and not step.is_symlink() and step != build.parent:
        missing.append(step)
        step = step.parent
    if step != build.parent and step != build:
        safe_path(root, step)
    for step in reversed(missing):
        if step != build:
            safe_path(root, step)
        step.mkdir(exist_ok=True)


def remove(root: Path, path: Path) -> None:
    """Delete one file under build/ (not through a link); nothing when it is not there."""
    target = safe_path(root, path)
    try:
        target.unlink(missing_ok=True)
    except IsADirectoryError:
        remove_tree(root, target)
    except OSError as err:
        raise OutputError(f"{_shown(Path(os.path.abspath(root)), target)} kunde inte tas "
                          f"bort: {err.strerror}") from err


def remove_tree(root: Path, path: Path) -> None:
    """Delete a folder under build/ with everything in it. Links inside are removed as links
    (their targets are never touched)."""
    target = safe_path(root, path)
    if not target.exists():
        return
    shutil.rmtree(target, ignore_errors=True)


def write_all(root: Path, folder: Path, files: Iterable[tuple[str, bytes]]) -> list[Path]:
    """Write every (relative path, bytes) under `folder` (itself under build/)."""
    written: list[Path] = []
    for rel, data in files:
        if Path(rel).is_absolute() or ".." in Path(rel).parts:
            raise OutputError(f"{rel}: en utdatafil måste ligga i sin mapp")
        written.append(write_atomic(root, folder / rel, data))
    return written


def fresh_folder(root: Path, target: Path) -> Path:
    """A new, empty folder beside `target` to fill before `swap_in`."""
    safe_path(root, target)
    _mkdirs(root, Path(os.path.abspath(target)).parent)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}{NEW_MARK}{os.getpid()}-",
                                  dir=Path(os.path.abspath(target)).parent))
    os.chmod(fresh, 0o755)
    return fresh


def swap_in(root: Path, fresh: Path, target: Path) -> None:
    """Put the folder `fresh` in the place of `target`, as one step.

    On Linux the two folders are exchanged in one step (renameat2 RENAME_EXCHANGE), so a
    reader never finds `target` missing or half old, half new; elsewhere the old folder is
    moved aside and the new one renamed in, a gap of two renames.
    """
    fresh = safe_path(root, fresh)
    target = safe_path(root, target)
    swap_folders(fresh, target, lambda old: remove_tree(root, old))


def swap_folders(fresh: Path, target: Path, remove_old: Callable[[Path], None]) -> None:
    """The exchange itself, for paths the caller has checked (`swap_in` under build/,
    `protogen archive` for its --till folder); `remove_old` deletes the old folder after."""
    if not target.exists():
        os.rename(fresh, target)
        return
    if _exchange(fresh, target):
        remove_old(fresh)  # now holds the old folder
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}{OLD_MARK}{os.getpid()}-",
                                dir=target.parent))
    os.rmdir(old)
    os.rename(target, old)
    try:
        os.rename(fresh, target)
    except OSError:
        os.rename(old, target)
        raise
    remove_old(old)


def replace_folder(root: Path, target: Path, files: Iterable[tuple[str, bytes]],
                   keep: Callable[[str], bool] | None = None,
                   finish: Callable[[Path], None] | None = None) -> list[Path]:
    """Write `files` into a fresh folder, then swap it in for `target` as one step.

    `keep(rel)`: files of the old folder to carry over (hard-linked, else copied) when the
    new set does not have them. `finish(fresh)`: a last step on the filled folder before the
    swap (an index, a verification); an exception there leaves `target` untouched.
    Returns the paths as they lie after the swap.
    """
    target = safe_path(root, target)
    fresh = fresh_folder(root, target)
    try:
        written = write_all(root, fresh, files)
        names = {p.relative_to(fresh).as_posix() for p in written}
        if keep is not None and target.is_dir():
            _carry_over(root, target, fresh, names, keep)
        if finish is not None:
            finish(fresh)
        swap_in(root, fresh, target)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return [target / p.relative_to(fresh) for p in written]


def _carry_over(root: Path, old: Path, fresh: Path, names: set[str],
                keep: Callable[[str], bool]) -> None:
    for dirpath, dirnames, filenames in os.walk(old):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            source = Path(dirpath) / name
            rel = source.relative_to(old).as_posix()
            if name.startswith(".") or rel in names or source.is_symlink() or not keep(rel):
                continue
            dest = safe_path(root, fresh / rel)
            _mkdirs(root, dest.parent)
            try:
                os.link(source, dest)
            except OSError:
                shutil.copy2(source, dest)


def clean_leftovers(root: Path) -> list[Path]:
    """Remove what a killed run left under build/: `.<name>.<pid>.….tmp` files and
    `.<name>-ny-<pid>-…` / `.<name>-gammal-<pid>-…` folders whose process is gone.
    Returns what was removed. Never follows links."""
    build = build_dir(Path(os.path.abspath(root)))
    if not build.is_dir() or build.is_symlink():
        return []
    removed: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(build):
        here = Path(dirpath)
        for name in list(dirnames):
            pid = _leftover_pid(name, folder=True)
            if pid is not None and not _alive(pid):
                dirnames.remove(name)
                path = here / name
                if not path.is_symlink():
                    remove_tree(root, path)
                    removed.append(path)
        for name in filenames:
            pid = _leftover_pid(name, folder=False)
            if pid is not None and not _alive(pid):
                path = here / name
                remove(root, path)
                removed.append(path)
    return removed


_NEW_OR_OLD = re.compile(r"^\..+?(?:-ny-|-gammal-)(\d+)-[^/]*$")
_TMP = re.compile(r"^\..+\.(\d+)\.[^.]+\.tmp$")
_OLD_STYLE = re.compile(r"^\..+-(?:ny|gammal)-[A-Za-z0-9_]+$|^\..+\.[A-Za-z0-9_]{8}\.tmp$")


def _leftover_pid(name: str, *, folder: bool) -> int | None:
    """The writer's process id in a temporary name; 0 for names of older protogen versions
    (no pid: always leftovers)."""
    match = (_NEW_OR_OLD if folder else _TMP).match(name)
    if match:
        return int(match.group(1))
    if _OLD_STYLE.match(name):
        return 0
    return None


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exchange(first: Path, second: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2); False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    status = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second),
                       rename_exchange)
    return bool(status == 0)
