"""How the authoring commands write: the secretary's own files, inside the project, atomically.

`protogen.output` is the build's writer and refuses protokoll/ by design; `new` and `status`
are the commands that write there on the secretary's behalf, so they have this small writer:
a file is written beside its place and renamed in (never half a file), only inside the
project, and a new file never replaces one that exists.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class WriteError(Exception):
    """A file could not be written; the message is Swedish."""


def write_text(root: Path | None, path: Path, text: str, *, new: bool = False) -> None:
    """Write `text` to `path` atomically; `new`: refuse when `path` exists. With `root`, the
    path must resolve inside it (no link leads a write out of the project)."""
    if root is not None and not path.resolve().is_relative_to(root.resolve()):
        raise WriteError(f"{path} ligger utanför projektet; protogen skriver inte där")
    if new and (path.exists() or path.is_symlink()):
        raise WriteError(f"{path.name} finns redan; protogen skriver inte över den")
    if not new and path.exists() and not path.stat().st_mode & 0o222:
        # Even where the directory lets a rename replace it (or the user is root), a file
        # marked read-only is one its owner means to keep as it is.
        raise WriteError(f"{path.name} är skrivskyddad; protogen ändrar den inte (ta bort "
                         "skrivskyddet först om den ska ändras)")
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, mode)
        if new:
            os.link(tmp, path)  # fails if the name was taken meanwhile
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except FileExistsError as err:
        Path(tmp).unlink(missing_ok=True)
        raise WriteError(f"{path.name} finns redan; protogen skriver inte över den") from err
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
