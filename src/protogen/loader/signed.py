"""The reader step for signed originals: what each meeting's signerat/protokoll.pdf says it
was built from, beside the fingerprint of the source now (after § numbering).

Only meetings that have a signed original pay for it: pypdf is imported, and the PDF opened,
only then; the PDF's size is bounded and a broken file becomes a Swedish problem, never a
traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from protogen.location import SIGNED_PROTOCOL
from protogen.model import Organ, SignedRecord

MAX_BYTES = 200 * 1024 * 1024


def read_signed_records(organ: Organ, root: Path) -> None:
    for meeting in organ.meetings:
        path = meeting.folder / SIGNED_PROTOCOL
        if meeting.outline or not meeting.loaded or not (path.is_file() or path.is_symlink()):
            continue
        from protogen.fingerprint import meeting_fingerprint

        record = SignedRecord(path=path.relative_to(root).as_posix())
        record.current = meeting_fingerprint(meeting).listing()
        _read(path, meeting.folder, record)
        meeting.signed = record


def _read(path: Path, folder: Path, record: SignedRecord) -> None:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        record.problem = f"{SIGNED_PROTOCOL} pekar ut ur sammanträdets mapp och läses inte"
        return
    try:
        if path.stat().st_size > MAX_BYTES:
            record.problem = f"{SIGNED_PROTOCOL} är större än {MAX_BYTES // (1024 * 1024)} MB"
            return
        xmp = _xmp(path)
    except Exception as err:  # noqa: BLE001 - any broken PDF is a finding
        record.problem = f"{SIGNED_PROTOCOL} kunde inte läsas som PDF ({type(err).__name__})"
        return
    from protogen.fingerprint import read_stamp

    stamp = read_stamp(xmp) if xmp else None
    if stamp is None:
        record.problem = f"{SIGNED_PROTOCOL} saknar protogens Dokument-id i sin XMP-metadata"
        return
    record.digest = stamp.digest
    record.listing = stamp.fingerprint.listing() if stamp.fingerprint else None


def _xmp(path: Path) -> bytes | None:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(path, strict=False)
    catalog: Any = reader.trailer["/Root"]
    metadata = catalog.get_object().get("/Metadata")
    if metadata is None:
        return None
    data: bytes = metadata.get_object().get_data()
    return data
