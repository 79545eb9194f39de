"""The names open data and pages give things: OParl type URIs and the ASCII slugs of titles.

Kept apart from `opendata`, which builds the files, so that `content` and `records` can name
things without importing the module that imports them.
"""

from __future__ import annotations

import re
import unicodedata

OPARL = "https://schema.oparl.org/1.1/"


def kind(name: str) -> str:
    """The OParl type URI of `name` ("Meeting" → "https://schema.oparl.org/1.1/Meeting")."""
    return OPARL + name


def slug(text: str) -> str:
    """"Budget 2024 – förslag" → "budget-2024-forslag"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
