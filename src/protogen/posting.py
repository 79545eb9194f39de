"""Moved to `protogen.law.anslag`.

Kept for code written before the move; import from protogen.law.
"""

from protogen.law.anslag import *  # noqa: F403
from protogen.law.anslag import (
    ANNOUNCEMENT_DAYS,
    Notice,
    announced_on,
    announcement,
    immediate_items,
    latest_announcement,
    other_notice,
    paragraph_notice,
    protocol_notice,
)

__all__ = [
    "Notice",
    "protocol_notice",
    "immediate_items",
    "paragraph_notice",
    "other_notice",
    "ANNOUNCEMENT_DAYS",
    "announced_on",
    "latest_announcement",
    "announcement",
]
