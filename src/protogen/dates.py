"""Moved to `protogen.law.dates`.

Kept for code written before the move; import from protogen.law.
"""

from protogen.law.dates import *  # noqa: F403
from protogen.law.dates import (
    ANSLAG_DAYS,
    APPEAL_WEEKS,
    adjustment_deadline,
    appeal_end,
    build_epoch,
    day_label,
    holiday_name,
    is_vardag,
    long_date,
    moved_reason,
    next_vardag,
    plain_date,
    posting_deadline,
    previous_vardag,
    shift,
    weekday,
    why_moved,
)

__all__ = [
    "APPEAL_WEEKS",
    "ANSLAG_DAYS",
    "holiday_name",
    "is_vardag",
    "next_vardag",
    "previous_vardag",
    "shift",
    "adjustment_deadline",
    "posting_deadline",
    "appeal_end",
    "why_moved",
    "weekday",
    "day_label",
    "moved_reason",
    "long_date",
    "plain_date",
    "build_epoch",
]
