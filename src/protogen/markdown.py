"""Markdown to safe HTML: markdown-it-py's js-default preset (raw HTML off, tables on).

Images are the one place Markdown reaches outside the text. An image is kept only when it is a
relative path to a file inside the meeting folder; it is then inlined as a data: URI, so the
HTML is self-contained and the PDF renderer never has to open a file. Anything else (http,
file:, absolute or escaping paths) is replaced by its alt text and never fetched; the check
rule `bild` tells the secretary, at the image's line, with `resources.image_references`.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from protogen.resources import IMAGE_TYPES, local_image, validate_link

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# markdown-it is imported when text is first parsed, not with this module: `protogen check`
# imports the rule `bild`, which needs the helpers below and a parse only for the few texts
# that hold an image (fast start).

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


@cache
def _md() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("js-default", renderer_cls=_renderer_class())
    md.validateLink = validate_link  # type: ignore[method-assign]
    return md


def render_markdown(
    text: str | None, folder: Path | None = None, heading_offset: int = 0,
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
    return Markup(html)


def min_heading_level(text: str | None) -> int | None:
    levels = [len(m.group(1)) for m in re.finditer(r"^(#{1,6})\s", text or "", re.MULTILINE)]
    return min(levels) if levels else None
