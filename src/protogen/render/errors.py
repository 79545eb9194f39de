"""The error a document's render raises for the secretary (a blocked URL, an attachment that
cannot be bundled, page numbers that would not settle).

Kept apart from `render.pdf` so that the modules that raise or catch it do not import
WeasyPrint: a build with nothing to render (every meeting unchanged) never loads it.
"""

from __future__ import annotations


class RenderError(Exception):
    """The PDF could not be made as asked; the message is meant for the secretary."""
