"""Which meetings the site shows, and when.

What of a meeting may become public is decided in `protogen.public.public_view`, nowhere
here: the pages, PDFs, feeds, notices, open data and search all take the public view the
site's content (`site/content.py`) made once per meeting.
"""

from __future__ import annotations

import datetime as dt

from protogen.law.anslag import announced_on
from protogen.model import Meeting

RESERVED = frozenset({"anslagstavla", "sok", "data", "pagefind", "site", "logotyp"})


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
