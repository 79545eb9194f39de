"""The one place that writes files: atomically, and never inside protokoll/."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

BUILD_DIR = "build"


class OutputError(Exception):
    """A file could not be written; the message is Swedish."""


def build_dir(root: Path) -> Path:
    return root / BUILD_DIR


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_all(folder: Path, files: Iterable[tuple[str, bytes]], root: Path,
              prune: Iterable[str] = ()) -> list[Path]:
    """Write every (relative path, bytes) under `folder`; then remove the files listed in
    `prune` (earlier outputs no longer produced). Refuses to write under protokoll/."""
    guard = (root / "protokoll").resolve()
    written: list[Path] = []
    for rel, data in files:
        target = (folder / rel).resolve()
        if target == guard or guard in target.parents:
            raise OutputError(f"{target} ligger i protokoll/; bygget skriver aldrig där")
        try:
            write_atomic(target, data)
        except OSError as err:
            raise OutputError(f"{target} kunde inte skrivas: {err.strerror}") from err
        written.append(target)
    for rel in prune:
        stale = folder / rel
        if stale.is_file() and stale.resolve() not in written:
            stale.unlink()
    return written
