"""Moved to `protogen.limits` (the rules read the limits too, and stand below the loader).

Kept for code written before the move; import from protogen.limits.
"""

from protogen.limits import (
    MAX_ATTACHMENT_BYTES,
    MAX_IMAGE_PIXELS,
    MAX_ITEMS,
    MAX_LINE_CHARS,
    MAX_MEETING_ATTACHMENT_BYTES,
    MAX_PDF_PAGES,
    MAX_TEXT_BYTES,
    RULE,
    links_out,
    megabytes,
    outside_message,
    plain_name,
    read_text,
    resolves_inside,
    root_of,
    spaced,
)

__all__ = [
    "MAX_ATTACHMENT_BYTES",
    "MAX_IMAGE_PIXELS",
    "MAX_ITEMS",
    "MAX_LINE_CHARS",
    "MAX_MEETING_ATTACHMENT_BYTES",
    "MAX_PDF_PAGES",
    "MAX_TEXT_BYTES",
    "RULE",
    "links_out",
    "megabytes",
    "outside_message",
    "plain_name",
    "read_text",
    "resolves_inside",
    "root_of",
    "spaced",
]
