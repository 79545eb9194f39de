"""The result of a roll-call vote (omröstning), with the chair's utslagsröst on a tie.

Pure: the check (rule `omrostning-roster`) and the renderers ("Med 5 ja-röster mot 4
nej-röster beslutar nämnden …") read the same outcome. The protocol shows any vote and its
result (KL 5 kap. 67 §). The vote is counted as written; whether the lists hold the right
people is the rule's concern.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from protogen.law.participation import presiding_chair
from protogen.model import Item, Meeting, Ref

Side = Literal["ja", "nej"]


@dataclass(frozen=True)
class VoteOutcome:
    yes: int
    no: int
    abstain: int
    winner: Side
    tie_broken_by_chair: bool  # lika röstetal, decided by the chair's utslagsröst

    @property
    def tie(self) -> bool:
        return self.yes == self.no

    @property
    def unresolved(self) -> bool:
        """A tie the chair did not break (the chair cast no ja or nej): a fel in the check."""
        return self.tie and not self.tie_broken_by_chair


def vote_outcome(item: Item, meeting: Meeting) -> VoteOutcome:
    """Count the § `item`'s omröstning; on a tie the presiding chair's side wins (the chair's
    utslagsröst; the chair is the item's `ordförande` when it names one).

    An unresolved tie reports `winner="nej"` (a proposal needs a majority to pass); the check
    reports it as a fel, so a protocol is never built from it.
    """
    vote = item.vote
    if vote is None:
        raise ValueError(f"§ {item.number}: ärendet har ingen omröstning")
    yes, no, abstain = _count(vote.yes), _count(vote.no), _count(vote.abstain)
    if yes != no:
        return VoteOutcome(yes, no, abstain, "ja" if yes > no else "nej", False)
    chair = presiding_chair(meeting, item)
    side = chair_side(item, chair.name) if chair is not None else None
    if side is None:
        return VoteOutcome(yes, no, abstain, "nej", False)
    return VoteOutcome(yes, no, abstain, side, True)


def chair_side(item: Item, name: str) -> Side | None:
    """The side `name` voted for, or None when on neither side (or, wrongly, on both)."""
    if item.vote is None:
        return None
    in_yes = any(r.name == name for r in item.vote.yes)
    in_no = any(r.name == name for r in item.vote.no)
    if in_yes == in_no:
        return None
    return "ja" if in_yes else "nej"


def _count(refs: list[Ref]) -> int:
    return len({ref.name for ref in refs})
