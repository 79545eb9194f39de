"""Markdown to safe HTML: markdown-it-py's js-default preset (raw HTML off, tables on).

Images are the one place Markdown reaches outside the text. An image is kept only when it is a
relative path to a file inside the meeting folder; it is then inlined as a data: URI, so the
HTML is self-contained and the PDF renderer never has to open a file. Anything else (http,
file:, absolute or escaping paths) is replaced by its alt text and never fetched; the check
rule `bild` tells the secretary, at the image's line, with `image_references`.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# markdown-it is imported when text is first parsed, not with this module: `protogen check`
# imports the rule `bild`, which needs the helpers below and a parse only for the few texts
# that hold an image (fast start).

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
    _md().parse(text, env)
    references = env.get("references", {})
    if references:
        for m in _REF_IMAGE.finditer(text):
            label = normalizeReference(m.group(2) or m.group(1))
            if label in references:
                found.append((m.start(), str(references[label].get("href", ""))))
    return sorted(found)


@cache
def _renderer_class() -> type:
    from markdown_it.renderer import RendererHTML

    class _Renderer(RendererHTML):
        def __init__(self, parser: Any = None) -> None:
            super().__init__(parser)

        image = _image
        link_open = _link_open

    return _Renderer


def _image(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    alt = self.renderInlineAsText(token.children or [], options, env)
    src = str(token.attrGet("src") or "")
    path = local_image(src, env.get("folder"))
    if path is None:
        env.setdefault("skipped_images", []).append(src)
        return f'<span class="bild-saknas">[Bild: {escape(alt or src)}]</span>'
    mime = IMAGE_TYPES[path.suffix.lower()] or mimetypes.guess_type(path.name)[0]
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    title = token.attrGet("title")
    title_attr = f' title="{escape(title)}"' if title else ""
    return f'<img src="data:{mime};base64,{data}" alt="{escape(alt)}"{title_attr}>'


def _link_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    if str(token.attrGet("href") or "").strip().lower().startswith("file:"):
        token.attrs.pop("href", None)  # a link to the reader's own disk leads nowhere
    return str(self.renderToken(tokens, idx, options, env))


def _validate_link(url: str) -> bool:
    """markdown-it's check, but let `file:` through so that `![x](file:///…)` is parsed as an
    image (and replaced by its alt text) rather than printed as raw Markdown; a `file:` link
    loses its href in `_link_open`."""
    from markdown_it.common.normalize_url import validateLink

    return validateLink(url) or url.strip().lower().startswith("file:")


@cache
def _md() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("js-default", renderer_cls=_renderer_class())
    md.validateLink = _validate_link  # type: ignore[method-assign]
    return md


def render_markdown(
    text: str | None, folder: Path | None = None, heading_offset: int = 0,
    skipped: list[str] | None = None,
) -> Markup:
    """Render Markdown to HTML (Markup). `heading_offset` demotes headings (### in an item
    body sits under the § heading); images resolve against the meeting `folder`."""
    if not text:
        return Markup("")
    env: dict[str, Any] = {"folder": folder}
    md = _md()
    tokens = md.parse(text, env)
    if heading_offset:
        for token in tokens:
            if token.type in ("heading_open", "heading_close"):
                level = min(6, max(1, int(token.tag[1]) + heading_offset))
                token.tag = f"h{level}"
    html = md.renderer.render(tokens, md.options, env)
    if skipped is not None:
        skipped.extend(env.get("skipped_images", []))
    return Markup(html)


def min_heading_level(text: str | None) -> int | None:
    levels = [len(m.group(1)) for m in re.finditer(r"^(#{1,6})\s", text or "", re.MULTILINE)]
    return min(levels) if levels else None
