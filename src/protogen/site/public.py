"""What of a meeting may become public, decided in one place.

Everything the site writes about a meeting goes through :func:`public_view` (pages, PDFs,
feeds, search) or :func:`public_items` (open data). A sekretess item comes out of both as its
§ number, a neutral heading and its ground — never its title, text, decision, documents, dnr
or the names in it — whatever the templates do with the view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from protogen.model import Item, Meeting
from protogen.render.view import ItemView, MeetingView, meeting_view

NEUTRAL_HEADING = "Sekretessbelagt ärende"
RESERVED = frozenset({"anslagstavla", "sok", "data", "pagefind", "site", "logotyp"})


def public_view(meeting: Meeting) -> MeetingView:
    """The meeting view for the public; a secret item keeps its number, anchor and ground."""
    view = meeting_view(meeting, public=True)
    view.items = [_neutral(item) if item.secret else item for item in view.items]
    return view


def _neutral(item: ItemView) -> ItemView:
    # Built afresh rather than trimmed, so that a field added to ItemView later can never
    # carry a secret item's content onto the site.
    return ItemView(number=item.number, anchor=item.anchor, title=NEUTRAL_HEADING,
                    secret=True, secrecy=item.secrecy, position=item.position)


@dataclass(frozen=True)
class SecretItem:
    """A sekretess item as open data may show it."""

    number: int
    position: int
    ground: str


def public_items(meeting: Meeting) -> list[Item | SecretItem]:
    """The meeting's items for open data: the model item, or only the facts of a secret one."""
    return [
        SecretItem(number_of(item), item.position, item.secrecy) if item.secrecy else item
        for item in meeting.items
    ]


def number_of(item: Item) -> int:
    return item.number if item.number is not None else item.position + 1


def meeting_day(meeting: Meeting) -> dt.date | None:
    return meeting.date or meeting.folder_date


def is_published(meeting: Meeting) -> bool:
    """A protocol is an allmän handling from its justering (TF 2 kap. 10 §)."""
    return meeting.loaded and meeting.status == "justerat"


def is_coming(meeting: Meeting, today: dt.date) -> bool:
    day = meeting_day(meeting)
    return meeting.loaded and meeting.status == "kallelse" and day is not None and day >= today
