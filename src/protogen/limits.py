"""The documented input limits (docs/format.md, "Gränser"), and reading inside the project.

`protogen check` reports a file or meeting beyond a limit as a `fel` before anything is built,
so that no input can make `build` or `publish` run for minutes or take gigabytes. The limits are
far above any real meeting: a long item is some tens of kilobytes, a full council meeting
has fewer than a hundred items.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from protogen.findings import Findings, Pos

MAX_TEXT_BYTES = 2_000_000  # one organ.yaml, sammanträde.yaml, item or notice file
MAX_LINE_CHARS = 50_000  # one line of such a file
MAX_ITEMS = 500  # items (§§) in one meeting
MAX_ATTACHMENT_BYTES = 100_000_000  # one beslutsunderlag file or image
MAX_MEETING_ATTACHMENT_BYTES = 500_000_000  # all attachments of one meeting together
MAX_IMAGE_PIXELS = 50_000_000  # width × height of one image (a "decompression bomb" guard)
MAX_PDF_PAGES = 2_000  # pages of one attached PDF
#: YAML limits (yamlread, and the fast reader stays inside them).
MAX_YAML_DEPTH = 50  # nested mappings and lists
MAX_YAML_NODES = 200_000  # values in one file, each alias counted as the values it stands for
MAX_YAML_ALIASES = 1_000  # *alias uses in one file
RULE = "grans"


def spaced(number: int) -> str:
    """A number as Swedish writes it: 200 000 (a space between thousands)."""
    return f"{number:,}".replace(",", " ")


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.0f} MB" if size >= 1_000_000 else f"{size / 1000:.0f} kB"


def root_of(path: Path, rel: str) -> Path:
    """The project root, from a path and the same path relative to the root."""
    return path.parents[len(PurePosixPath(rel).parts) - 1]


def resolves_inside(path: Path, root: Path) -> bool:
    """Whether `path`, with every symbolic link and `..` followed, lies inside `root`."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError):  # a link loop, a NUL byte, a name too long
        return False


def outside_message(what: str) -> str:
    return (f"{what} pekar utanför projektmappen (en symbolisk länk eller ..); protogen läser "
            "bara filer inuti projektet")


def read_text(path: Path, rel: str, findings: Findings) -> str | None:
    """The text of a project file, or None after a fel: outside the project (a symbolic link
    that leads out), too large, a line too long, not UTF-8, or unreadable."""
    if not resolves_inside(path, root_of(path, rel)):
        findings.fel(Pos(rel), outside_message("filen"), "fil")
        return None
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            findings.fel(Pos(rel), f"filen är {megabytes(size)}; gränsen är "
                                   f"{megabytes(MAX_TEXT_BYTES)} per fil (dela upp texten eller "
                                   "lägg den som bilaga)", RULE)
            return None
        with path.open("rb") as handle:  # never more than the limit, even if the file grows
            data = handle.read(MAX_TEXT_BYTES + 1)
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        findings.fel(Pos(rel), f"filen är inte UTF-8 (byte {err.start})", "kodning")
        return None
    except OSError as err:
        findings.fel(Pos(rel), f"filen kan inte läsas: {_swedish_os_error(err)}", "fil")
        return None
    if len(data) > MAX_TEXT_BYTES:
        findings.fel(Pos(rel), f"filen är större än {megabytes(MAX_TEXT_BYTES)}", RULE)
        return None
    if len(text) <= MAX_LINE_CHARS:  # no line can be too long
        return text
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE_CHARS:
            findings.fel(Pos(rel, number), f"raden har {spaced(len(line))} tecken; gränsen är "
                                           f"{spaced(MAX_LINE_CHARS)} tecken per rad", RULE)
            return None
    return text


_OS_ERRORS = {
    "EACCES": "behörighet saknas",
    "EPERM": "behörighet saknas",
    "ENOENT": "filen finns inte",
    "EISDIR": "det är en mapp",
    "ELOOP": "symboliska länkar i en slinga",
    "ENAMETOOLONG": "namnet är för långt",
    "EIO": "läsfel på disken",
}


def _swedish_os_error(err: OSError) -> str:
    import errno

    name = errno.errorcode.get(err.errno or 0, "")
    return _OS_ERRORS.get(name, "operativsystemet nekade läsningen")


def plain_name(name: str) -> bool:
    """A folder name as `mall:` takes it: one plain name, never a path (no /, \\, .., NUL)."""
    return bool(name) and not name.startswith(".") and not any(c in name for c in "/\\\0:") and (
        name.strip() == name)


def links_out(folder: Path, inside: Path, limit: int = 10_000) -> list[Path]:
    """The files and folders under `folder` that lead outside `inside` (symbolic links), in
    order; `folder` itself first when it does. At most `limit` entries are looked at."""
    if not resolves_inside(folder, inside):
        return [folder]
    found: list[Path] = []
    seen = 0
    for path in sorted(folder.rglob("*")):
        seen += 1
        if seen > limit:
            break
        if path.is_symlink() and not resolves_inside(path, inside):
            found.append(path)
    return found
