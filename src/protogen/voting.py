"""Moved to `protogen.law.voting`.

Kept for code written before the move; import from protogen.law.
"""

from protogen.law.voting import *  # noqa: F403
from protogen.law.voting import (
    Side,
    VoteOutcome,
    chair_side,
    vote_outcome,
)

__all__ = [
    "Side",
    "VoteOutcome",
    "vote_outcome",
    "chair_side",
]
