"""Moved to `protogen.law.numbering`.

Kept for code written before the move; import from protogen.law.
"""

from protogen.law.numbering import format_paragraphs, parse_paragraphs

__all__ = ["format_paragraphs", "parse_paragraphs"]
