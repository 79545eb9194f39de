"""The one resolver for the files a meeting names: images in Markdown (`![…](bild.png)`) and
attachments (`handlingar: - fil: underlag/x.pdf`).

The check (rules `bild` and `bilaga`), the Markdown renderer and the kallelse bundle all ask
here which formats are accepted and which file a reference names, so they can never disagree.
A reference names a file only when it is a relative path that stays inside the meeting folder
after `..` and symbolic links are followed; URLs, `file:` and absolute paths name nothing.
markdown-it is imported when a text holding an image is first parsed (fast start).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from protogen.findings import shown

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

#: Attachments the kallelse bundle can append: PDF as it is, an image as a page of its own.
PDF_SUFFIXES = (".pdf",)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
ATTACHMENT_SUFFIXES = PDF_SUFFIXES + IMAGE_SUFFIXES

IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".gif": "image/gif", ".svg": "image/svg+xml", ".webp": "image/webp"}

_IMAGE_REF = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?")


def path_inside(src: str, folder: Path) -> Path | None:
    """The path a relative image reference names, if it stays inside `folder` after `..` and
    symbolic links are followed; None for URLs with a scheme or a host, and absolute paths."""
    parsed = urlparse(src)
    if not src or parsed.scheme or parsed.netloc or src.startswith(("/", "\\")):
        return None
    try:  # a NUL byte, a name too long or a link loop names no file
        candidate = (folder / unquote(parsed.path)).resolve()
        return candidate if candidate.is_relative_to(folder.resolve()) else None
    except (OSError, ValueError, RuntimeError):
        return None


def local_image(src: str, folder: Path | None) -> Path | None:
    """The file an image reference names, if it is an image file inside `folder`; else None."""
    candidate = path_inside(src, folder) if folder is not None else None
    try:
        if candidate is None or candidate.suffix.lower() not in IMAGE_TYPES or not candidate.is_file():
            return None
    except (OSError, ValueError):
        return None
    return candidate


_REF_IMAGE = re.compile(r"!\[([^\]]*)\](?:\[([^\]]*)\])?(?![(\[])")


def image_references(text: str) -> list[tuple[int, str]]:
    """(offset, src) of every image in raw Markdown, in order, for the check: inline images
    `![alt](src)`, also those markdown-it refuses to parse (`file:`), and reference images
    `![alt][label]` / `![label]` whose label is defined in the text."""
    text = text or ""
    if "![" not in text:
        return []  # no image syntax at all: skip the parse (most item texts)
    found = [(m.start(), m.group(2)) for m in _IMAGE_REF.finditer(text)]
    from markdown_it.common.utils import normalizeReference

    env: dict[str, Any] = {}
    _parser().parse(text, env)
    references = env.get("references", {})
    if references:
        for m in _REF_IMAGE.finditer(text):
            label = normalizeReference(m.group(2) or m.group(1))
            if label in references:
                found.append((m.start(), str(references[label].get("href", ""))))
    return sorted(found)


def validate_link(url: str) -> bool:
    """markdown-it's check, but let `file:` through so that `![x](file:///…)` is parsed as an
    image (and replaced by its alt text) rather than printed as raw Markdown; a `file:` link
    loses its href in `_link_open`."""
    from markdown_it.common.normalize_url import validateLink

    return validateLink(url) or url.strip().lower().startswith("file:")


def attachment_path(folder: Path, written: str) -> Path | None:
    """The file an attachment's `fil:` names, with every `..` and symbolic link followed, if it
    is a relative path that stays inside the meeting `folder`; None otherwise (absolute paths,
    Windows drives, escapes, NUL bytes, link loops)."""
    absolute = PurePosixPath(written).is_absolute() or PureWindowsPath(written).is_absolute()
    if absolute or PureWindowsPath(written).drive != "":
        return None
    try:
        path = (folder / written).resolve()
        return path if path.is_relative_to(folder.resolve()) else None
    except (OSError, RuntimeError, ValueError):
        return None


#: The files a notice under anslag/ may name (`fil:`).
NOTICE_FILE_TYPES = (".pdf", ".png", ".jpg", ".jpeg")


def notice_file_problem(folder: Path, written: str) -> str | None:
    """Why `written` (relative to anslag/, `folder`) cannot be a notice's file, or None. The
    loader keeps only files without a problem; the rule anslag-ovrigt says what it is."""
    if "\\" in written or written.startswith("/") or "\0" in written:
        return f"filen {shown(written)} ska anges som en relativ sökväg med / i mappen anslag/"
    target = (folder / written).resolve()
    try:
        target.relative_to(folder.resolve())
    except ValueError:
        return f"filen {shown(written)} ligger utanför mappen anslag/"
    if target.suffix.lower() not in NOTICE_FILE_TYPES:
        kinds = ", ".join(k.lstrip(".") for k in NOTICE_FILE_TYPES)
        return f"filen {shown(written)} ska vara en PDF eller en bild ({kinds})"
    if not target.is_file():
        return f"filen {shown(written)} finns inte i mappen anslag/"
    return None


@cache
def _parser() -> MarkdownIt:
    """markdown-it as the renderer configures it, for reading reference definitions only."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("js-default")
    md.validateLink = validate_link  # type: ignore[method-assign]
    return md
