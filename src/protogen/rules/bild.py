"""Bilder: an image in the Markdown must be a file in the meeting's own folder.

The protocol is built from what is committed with the meeting and nothing else. An image that
lives on a web server or elsewhere on the machine (``file:///…``, an absolute path, a ``..``
that climbs out of the meeting folder) is never fetched: the documents show its alt text
instead, ``[Bild: …]``. So is an image file that does not exist, or one of a kind the documents
cannot show. The meeting is still built; this rule says which image was left out, and where.

Passes (the file ``underlag/karta.png`` is in the meeting folder)::

    ### Bakgrund

    ![Karta över området](underlag/karta.png)

Fails::

    ![Karta](https://example.org/karta.png)
    → bilden https://example.org/karta.png tas inte med: endast bilder i sammanträdets mapp
      (t.ex. underlag/) kan användas

    ![Karta](underlag/karta.png)      # and no such file
    → bilden underlag/karta.png finns inte i sammanträdets mapp och tas inte med

    ![Avtal](underlag/avtal.pdf)
    → bilden underlag/avtal.pdf tas inte med: bara bilder av typen .png, .jpg, .jpeg, .gif,
      .svg, .webp kan visas (bifoga andra filer under beslutsunderlag)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from protogen.findings import Pos
from protogen.model import Item, Meeting
from protogen.resources import IMAGE_TYPES, image_references, local_image, path_inside
from protogen.rules.base import Context, Problem, fel, varning

ID = "bild"

# The Markdown fields of the front matter, besides the body.
_MARKDOWN_KEYS = (
    ("förslag_till_beslut", "proposal"),
    ("propositionsordning", "order_of_question"),
    ("beslut", "decision"),
)
_SHOWN = 60  # a data: URL can be kilobytes long; the message shows its start


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    for item in meeting.items:
        for line, col, src in _body_images(item):
            yield from _check_image(src, Pos(item.pos.path, line, col), meeting.folder)
        for key, attribute in _MARKDOWN_KEYS:
            for _, src in image_references(getattr(item, attribute) or ""):
                yield from _check_image(src, item.at(key), meeting.folder)
        for statement in item.motions + item.reservations + item.notes:
            for _, src in image_references(statement.text or ""):
                yield from _check_image(src, statement.at("text"), meeting.folder)


def _body_images(item: Item) -> Iterator[tuple[int, int, str]]:
    """(file line, column, src) of each image in the body: the body starts at body_line."""
    for offset, src in image_references(item.body):
        line_start = item.body.rfind("\n", 0, offset) + 1
        yield item.body_line + item.body.count("\n", 0, offset), offset - line_start + 1, src


def _check_image(src: str, pos: Pos, folder: Path) -> Iterator[Problem]:
    shown = src if len(src) <= _SHOWN else src[:_SHOWN] + "…"
    if any(unicodedata.category(ch) == "Cc" for ch in unquote(src)):
        yield fel(pos, f"bilden {shown} har ett otillåtet kontrolltecken (t.ex. NUL) i "
                       "sökvägen; skriv om sökvägen")
        return
    found = local_image(src, folder)
    if found is not None:
        yield from _open(found, shown, pos)
        return
    path = path_inside(src, folder)
    if path is None:
        message = (f"bilden {shown} tas inte med: endast bilder i sammanträdets mapp "
                   "(t.ex. underlag/) kan användas")
    elif path.suffix.lower() not in IMAGE_TYPES:
        message = (f"bilden {shown} tas inte med: bara bilder av typen "
                   f"{', '.join(IMAGE_TYPES)} kan visas (bifoga andra filer under "
                   "beslutsunderlag)")
    else:
        message = f"bilden {shown} finns inte i sammanträdets mapp och tas inte med"
    yield varning(pos, message)


def _open(path: Path, shown: str, pos: Pos) -> Iterator[Problem]:
    """The image opened as the renderer will: a broken file, or one that unpacks to too many
    pixels (a "decompression bomb"), is a fel before build."""
    if path.suffix.lower() == ".svg":
        return
    # Imported here: a check of a meeting without images needs neither it nor logging.
    from protogen.filecheck import FileProblem, open_image, read_file

    try:
        open_image(read_file(path, shown, "bilden"), shown, what="bilden")
    except FileProblem as problem:
        yield fel(pos, str(problem))
