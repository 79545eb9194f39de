"""Where a command works: the project root, found upwards as git finds its repository, and
the board or meeting folder it is limited to.

Every command uses `locate`: `protogen check` run in `protokoll/gns/2020-02-14/` finds the
project root two folders up and checks that meeting only; run in `protokoll/gns/` it checks
the board; run at the root or in `protokoll/` it checks everything. A path given on the
command line wins over the folder the command runs in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PROTOCOL_DIR = "protokoll"
SIGNED_DIR = "signerat"  # a meeting's signed originals
SIGNED_PROTOCOL = f"{SIGNED_DIR}/protokoll.pdf"  # the signed original, beside the source
#: How deep below protokoll/ a command's scope goes: a board, then a meeting.
_SCOPE_DEPTH = 2


class LocationError(Exception):
    """No project here, or a path outside it; the message is for the user (Swedish)."""


@dataclass(frozen=True)
class Location:
    """The project root, and the folder a command is limited to (None: the whole project)."""

    root: Path
    target: Path | None


def find_root(start: Path) -> Path | None:
    """The project root: `start` or the nearest parent that holds protokoll/."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / PROTOCOL_DIR).is_dir():
            return folder
    return None


def locate(path: str | None, cwd: Path | None = None, *, scoped: bool = True) -> Location:
    """The root and the target for a command given `path` (or none) and run in `cwd`.

    With `path`: the root is found upwards from it, and it must lie under protokoll/.
    Without: the root is found upwards from `cwd`; when `scoped` and `cwd` lies inside a
    board or meeting folder, that folder is the target (a subfolder such as `underlag/`
    counts as its meeting). `scoped=False` is for commands that always work on the whole
    project (publish).
    """
    cwd = (cwd or Path.cwd()).resolve()
    if path is not None:
        given = Path(path)
        target = given if given.is_absolute() else cwd / given
        if not target.exists():
            raise LocationError(f"sökvägen {path} finns inte")
        root = find_root(target)
        if root is None:
            raise LocationError(_no_project(target))
        if not target.resolve().is_relative_to((root / PROTOCOL_DIR).resolve()):
            raise LocationError(f"{path} ligger inte under {PROTOCOL_DIR}/")
        return Location(root, target)
    root = find_root(cwd)
    if root is None:
        raise LocationError(_no_project(cwd))
    return Location(root, scope_of(root, cwd) if scoped else None)


def scope_of(root: Path, folder: Path) -> Path | None:
    """The board or meeting folder that `folder` lies in, or None outside any board."""
    try:
        parts = folder.resolve().relative_to((root / PROTOCOL_DIR).resolve()).parts
    except ValueError:
        return None
    if not parts:
        return None
    return root.joinpath(PROTOCOL_DIR, *parts[:_SCOPE_DEPTH])


def _no_project(where: Path) -> str:
    return (f"ingen mapp {PROTOCOL_DIR}/ i {where} eller ovanför (kör kommandot i projektets "
            "rotmapp eller i en mapp under den)")
