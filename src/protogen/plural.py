"""Swedish counts for summaries: '1 sammanträde', '2 sammanträden', '1 fel', '2 fel'."""

from __future__ import annotations


def plural(count: int, one: str, many: str) -> str:
    """`count` with the singular or plural noun (Swedish: singular for exactly 1, also 0 → plural)."""
    return f"{count} {one if count == 1 else many}"
