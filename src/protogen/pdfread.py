"""Reading PDFs with pyHanko fast enough for a whole protocol.

WeasyPrint writes every object of a document into one object stream. pyHanko's reader finds
an object there by reading the stream's header from the start, for every object, so a
difference analysis over a 40-page protocol (some 1 500 objects) takes half a minute. The
reader below remembers each object stream's decoded bytes and header, once per reader, and
is otherwise pyHanko's own: the same decoding (with pyHanko's limits), the same parser, the
same answers, including for malformed streams (those fall back to pyHanko's code).
"""

from __future__ import annotations

import io
from typing import Any

_CACHE = "_protogen_object_streams"
_installed = False
_original: Any = None  # pyHanko's own method (bench/justering.py compares the two)


def install() -> None:
    """Let pyHanko's PdfFileReader keep parsed object stream headers (idempotent)."""
    global _installed
    if _installed:
        return
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import DecodePurpose
    from pyhanko.pdf_utils.reader import PdfFileReader

    global _original
    original = _original = PdfFileReader._get_object_from_stream

    def cached(self: Any, idnum: int, stmnum: int, idx: int) -> Any:
        cache = self.__dict__.setdefault(_CACHE, {})
        entry = cache.get(stmnum)
        if entry is None:
            entry = cache[stmnum] = _index(self, stmnum, generic, DecodePurpose)
        if entry is False or idnum not in entry[2]:
            return original(self, idnum, stmnum, idx)
        data, first, offsets = entry
        stream = io.BytesIO(data)
        stream.seek(first + offsets[idnum])
        try:
            obj = generic.read_object(stream, generic.Reference(idnum, 0, self))
        except Exception:  # noqa: BLE001 - let pyHanko decide what a broken object is
            return original(self, idnum, stmnum, idx)
        if isinstance(obj, generic.StreamObject | generic.IndirectObject):
            return original(self, idnum, stmnum, idx)
        return obj

    PdfFileReader._get_object_from_stream = cached  # type: ignore[method-assign]
    _installed = True


def _index(reader: Any, stmnum: int, generic: Any, purpose: Any) -> Any:
    try:
        stream = generic.Reference(stmnum, 0, reader).get_object()
        if not isinstance(stream, generic.StreamObject) or stream.get("/Type") != "/ObjStm":
            return False
        data = stream.read_data(purpose.OBJECT_STREAM)
        first, count = int(stream["/First"]), int(stream["/N"])
        numbers = [int(n) for n in data[:first].split()]
    except Exception:  # noqa: BLE001 - malformed: pyHanko's own code reports it
        return False
    if len(numbers) != 2 * count:
        return False
    offsets: dict[int, int] = {}
    for objnum, offset in zip(numbers[::2], numbers[1::2], strict=True):
        offsets.setdefault(objnum, offset)
    return data, first, offsets
