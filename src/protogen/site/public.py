"""What of a meeting may become public, decided in one place.

Everything the site writes about a meeting goes through :func:`public_view` (pages, PDFs,
feeds, search; it lives in `protogen.public`, the one gate) or :func:`public_items` (open
data). A sekretess item comes out of both as its
§ number, a neutral heading and its ground — never its title, text, decision, documents, dnr
or the names in it — whatever the templates do with the view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from protogen.law.anslag import announced_on
from protogen.model import Item, Meeting
from protogen.public import NEUTRAL_HEADING, is_secret, public_view

RESERVED = frozenset({"anslagstavla", "sok", "data", "pagefind", "site", "logotyp"})
__all__ = ["NEUTRAL_HEADING", "RESERVED", "SecretItem", "is_coming", "is_published", "meeting_day",
           "number_of", "public_items", "public_view"]


@dataclass(frozen=True)
class SecretItem:
    """A sekretess item as open data may show it."""

    number: int
    position: int
    ground: str


def public_items(meeting: Meeting) -> list[Item | SecretItem]:
    """The meeting's items for open data: the model item, or only the facts of a secret one."""
    return [
        SecretItem(number_of(item), item.position, item.secrecy or "") if is_secret(item)
        else item
        for item in meeting.items
    ]


def number_of(item: Item) -> int:
    return item.shown_number


def meeting_day(meeting: Meeting) -> dt.date | None:
    return meeting.date or meeting.folder_date


def is_published(meeting: Meeting) -> bool:
    """A protocol is an allmän handling from its justering (TF 2 kap. 10 §)."""
    return meeting.loaded and meeting.status == "justerat"


def is_coming(meeting: Meeting, today: dt.date) -> bool:
    """Called, not yet held, and made known by `today`: a meeting whose kungörelse or kallelse
    goes out later is nowhere on the site yet (its ärenden are not public before then)."""
    day = meeting_day(meeting)
    made_known = announced_on(meeting)
    return (meeting.loaded and meeting.status == "kallelse" and day is not None and day >= today
            and (made_known is None or made_known <= today))
