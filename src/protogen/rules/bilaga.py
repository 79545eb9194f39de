"""Bilagor: a beslutsunderlag's `fil:` is a PDF or an image inside the meeting folder.

A `fil:` path is relative to the meeting folder and must stay inside it: no absolute path, no
`..` that climbs out, no symbolic link that leads elsewhere, since the attachment is published
with the protocol. It must exist and be a file. protogen bundles PDF and image files only
(`.pdf`, `.png`, `.jpg`, `.jpeg`); save a Word document as PDF first.

Passes::

    beslutsunderlag:
      - {titel: Bilaga Yttrande, fil: underlag/yttrande.pdf}   # and the file is there

Fails::

    beslutsunderlag:
      - {titel: Bilaga Yttrande, fil: underlag/yttrande.pdf}   # and no such file
    → bilagan underlag/yttrande.pdf finns inte

      - {titel: Avtal, fil: ../2020-01-10/underlag/avtal.pdf}
    → bilagan ../2020-01-10/underlag/avtal.pdf pekar utanför sammanträdets mapp

      - {titel: Tjänsteskrivelse, fil: underlag/tjansteskrivelse.docx}
    → bilagan underlag/tjansteskrivelse.docx har formatet .docx; bara PDF och bilder
      (.pdf, .png, .jpg, .jpeg) kan bifogas
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from protogen.findings import Pos
from protogen.limits import MAX_MEETING_ATTACHMENT_BYTES, megabytes
from protogen.model import Document, Meeting
from protogen.resources import ATTACHMENT_SUFFIXES, attachment_path
from protogen.rules.base import Context, Problem, fel

ID = "bilaga"
FORMATS = ATTACHMENT_SUFFIXES  # what the kallelse bundle can append


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    folder = meeting.folder.resolve()
    total = 0
    for item in meeting.items:
        for document in item.documents:
            if document.file is not None:
                for finding in _check_file(document, folder):
                    if isinstance(finding, int):
                        total += finding
                    else:
                        yield finding
    if total > MAX_MEETING_ATTACHMENT_BYTES:
        yield fel(meeting.pos, f"sammanträdets bilagor är tillsammans {megabytes(total)}; gränsen "
                               f"är {megabytes(MAX_MEETING_ATTACHMENT_BYTES)} per sammanträde")


def _check_file(document: Document, folder: Path) -> Iterator[Problem | int]:
    written = document.file or ""
    pos = document.at("fil")
    if not written.strip():
        yield fel(pos, f"fil är tom för beslutsunderlaget {document.title}")
        return
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in written):
        yield fel(pos, f"bilagan {written} har ett otillåtet tecken (ett kontrolltecken, t.ex. "
                       "NUL, eller ett osynligt tecken) i sökvägen; skriv om sökvägen")
        return
    if attachment_path(folder, written) is None:
        yield fel(
            pos,
            f"bilagan {written} pekar utanför sammanträdets mapp; lägg filen i mötesmappen "
            "(t.ex. underlag/) och skriv sökvägen relativt den",
        )
        return
    suffix = PurePosixPath(written).suffix.lower()
    if suffix not in FORMATS:
        kind = f"formatet {suffix}" if suffix else "ingen filändelse"
        yield fel(
            pos,
            f"bilagan {written} har {kind}; bara PDF och bilder ({', '.join(FORMATS)}) kan "
            "bifogas",
        )
    try:
        path = (folder / written).resolve()  # as the kallelse bundle opens it
        exists, is_file = path.exists(), path.is_file()
    except (OSError, RuntimeError, ValueError):  # a name too long, a NUL byte, a link loop
        exists = is_file = False
    if not exists:
        yield fel(pos, f"bilagan {written} finns inte")
    elif not is_file:
        yield fel(pos, f"bilagan {written} är ingen fil")
    elif suffix in _MAGIC and not _starts_with(path, _MAGIC[suffix]):
        yield fel(pos, f"bilagan {written} går inte att läsa som {suffix[1:].upper()}: "
                       "filen är skadad eller av en annan typ än ändelsen säger")
    elif suffix in _MAGIC:
        yield from _open_as_build_does(path, written, suffix, pos)


def _open_as_build_does(path: Path, written: str, suffix: str, pos: Pos) -> Iterator[Problem | int]:
    """Open the file as the kallelse bundle will: a broken, truncated or locked PDF, or an
    image that is not what it says or too large in pixels, is a fel now, not in build."""
    # Imported here: a check of a meeting without attachments needs neither it nor logging.
    from protogen.filecheck import FileProblem, open_image, open_pdf, read_file

    try:
        data = read_file(path, written)
        yield len(data)
        if suffix == ".pdf":
            open_pdf(data, written, trial_write=True)
        elif open_image(data, written)[0] not in ("image/png", "image/jpeg"):
            yield fel(pos, f"bilagan {written} är ingen PNG- eller JPEG-bild")
    except FileProblem as problem:
        yield fel(pos, str(problem))


# The first bytes each supported format starts with: a cheap sign that the kallelse bundle
# will be able to read the file (a renamed .docx is the usual mistake).
_MAGIC = {".pdf": (b"%PDF-",), ".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",),
          ".jpeg": (b"\xff\xd8\xff",)}


def _starts_with(path: Path, signatures: tuple[bytes, ...]) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError:
        return False
    # A PDF may have a little junk before its header; readers look within the first 1 KiB.
    return any(head.startswith(sig) or (sig == b"%PDF-" and sig in head) for sig in signatures)

