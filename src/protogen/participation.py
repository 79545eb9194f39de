"""Moved to `protogen.law.participation`.

Kept for code written before the move; import from protogen.law.
"""

from protogen.law.participation import *  # noqa: F403
from protogen.law.participation import (
    Participation,
    participation,
    presiding_chair,
    required_count,
)

__all__ = [
    "Participation",
    "required_count",
    "participation",
    "presiding_chair",
]
