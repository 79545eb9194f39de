"""Another XMP addition in a PDF that protogen's PDF stage wrote: the bytes WeasyPrint would
have written for it, without laying the document out again.

A justerat protocol's public copy differs from the build's protocol only by what
`fingerprint.xmp_packet` adds to the XMP packet (the public one keeps the Dokument-id but not
the per-§ listing), when its HTML, title, subject, fields and date are the same
(`protokoll.render` decides that). WeasyPrint then lays out the same boxes and pydyf writes the
same objects, but the metadata stream: so the public copy is the build's PDF with that one
stream written again, the objects after it moved, the cross-reference stream written again and
the trailer's /ID (pydyf: the MD5 of every object) taken again. The result is byte for byte what
rendering the public copy gives (tests/render/test_xmpswap.py compares), for a few milliseconds
instead of a layout.

Only the shape pydyf writes is accepted, and only when this module can write the given PDF again
byte for byte from what it read (the same streams compressed the same way, the same /ID from the
same objects): anything else, or an old addition that is not exactly once in the packet, gives
None, and the caller renders the copy itself. The old addition never survives: the metadata
stream is replaced whole (and checked to hold the new addition and not the old one).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from math import ceil, log

_TAIL = re.compile(rb"startxref\n(\d+)\n%%EOF\n\Z")
_XREF = re.compile(
    rb"(\d+) 0 obj\n<</Type /XRef/Index \[0 (\d+)\]/W \[1 (\d) (\d)\]/Size (\d+)"
    rb"(/Root \d+ 0 R(?:/Info \d+ 0 R)?)/ID \[\(([0-9a-f]{32})\) \(([0-9a-f]{32})\)\]"
    rb"/Filter /FlateDecode/Length (\d+)>>\nstream\n")
_METADATA = b"<</Type /Metadata/Subtype /XML/Filter /FlateDecode/Length %d>>\nstream\n"
_METADATA_HEAD = re.compile(re.escape(_METADATA).replace(b"%d", rb"(\d+)"))  # its Length read
_OBJECT_STREAM = re.compile(rb"<</Type /ObjStm/N (\d+)/First (\d+)/Filter /FlateDecode"
                            rb"/Length (\d+)>>\nstream\n")
_STREAM_END = b"\nendstream"
_OBJECT_END = b"\nendobj\n"


class _NotOurs(Exception):
    """The PDF is not in the shape this module writes again."""


def _compress(data: bytes) -> bytes:
    """As pydyf compresses a stream."""
    compressor = zlib.compressobj(level=9)
    return compressor.compress(data) + compressor.flush()


def _require(condition: bool) -> None:
    if not condition:
        raise _NotOurs


@dataclass
class _Row:
    kind: int
    field2: int
    field3: int


def swap_xmp(pdf: bytes, old: bytes, new: bytes) -> bytes | None:
    """`pdf` with `old` (found exactly once in its XMP packet) replaced by `new`, written as
    pydyf writes it; None when `pdf` is not in pydyf's shape or `old` is not there once."""
    try:
        return _swap(pdf, old, new)
    except (_NotOurs, zlib.error, ValueError, IndexError):
        return None


def _swap(pdf: bytes, old: bytes, new: bytes) -> bytes:
    tail = _TAIL.search(pdf)
    _require(tail is not None)
    assert tail is not None
    xref_at = int(tail.group(1))
    xref = _XREF.match(pdf, xref_at)
    _require(xref is not None and xref.end() < tail.start())
    assert xref is not None
    number, index_size, width2, width3, size = (int(xref.group(i)) for i in range(1, 6))
    root_info, first_id, second_id, length = xref.group(6), xref.group(7), xref.group(8), int(
        xref.group(9))
    _require(index_size == size and first_id == second_id and number == size - 1)
    packed = pdf[xref.end():xref.end() + length]
    _require(pdf[xref.end() + length:tail.start()] == _STREAM_END + _OBJECT_END)
    _require(_compress(zlib.decompress(packed)) == packed)
    rows = _rows(zlib.decompress(packed), width2, width3, size)
    _require(rows[0].kind == 0 and rows[-1].kind == 1 and rows[-1].field2 == xref_at)
    _require(all(row.kind in (1, 2) for row in rows[1:]))

    # Every object's data (what pydyf hashes for the /ID), read from where the rows say.
    data: dict[int, bytes] = {}
    written = sorted((row.field2, n) for n, row in enumerate(rows) if row.kind == 1)
    _require(written[-1] == (xref_at, number))
    for (offset, n), (following, _) in zip(written, written[1:], strict=False):
        header = b"%d 0 obj\n" % n
        _require(rows[n].field3 == 0 and pdf.startswith(header, offset)
                 and pdf[following - len(_OBJECT_END):following] == _OBJECT_END)
        data[n] = pdf[offset + len(header):following - len(_OBJECT_END)]
    _require(written[0][0] == pdf.index(b"\n", pdf.index(b"\n") + 1) + 1)  # after the header
    _require(pdf.startswith(b"%PDF-1.", 0))
    streams = {row.field2 for row in rows if row.kind == 2}
    _require(len(streams) <= 1)
    for objstm in streams:
        data.update(_unpacked(data[objstm], objstm, rows))
    _require(sorted(data) == list(range(1, size - 1)))

    metadata = [n for n, blob in data.items() if _METADATA_HEAD.match(blob)]
    _require(len(metadata) == 1)
    meta = metadata[0]
    meta_head = _METADATA_HEAD.match(data[meta])
    assert meta_head is not None
    meta_packed = data[meta][meta_head.end():]
    _require(meta_packed.endswith(_STREAM_END)
             and len(meta_packed) == int(meta_head.group(1)) + len(_STREAM_END))
    meta_packed = meta_packed[:-len(_STREAM_END)]
    packet = zlib.decompress(meta_packed)
    _require(_compress(packet) == meta_packed and packet.count(old) == 1 and bool(old))
    root = int(root_info.split()[1])
    _require(b"/Metadata %d 0 R" % meta in data.get(root, b""))
    _require(_id(data) == first_id)  # the /ID is what pydyf made of these objects

    new_packet = packet.replace(old, new)
    _require(new_packet.count(new) == packet.count(new) + 1 and old not in new_packet)
    new_packed = _compress(new_packet)
    new_meta = _METADATA % len(new_packed) + new_packed + _STREAM_END
    meta_at = rows[meta].field2
    meta_end = meta_at + len(b"%d 0 obj\n" % meta) + len(data[meta]) + len(_OBJECT_END)
    delta = len(new_meta) - len(data[meta])
    data[meta] = new_meta
    for row in rows:
        if row.kind == 1 and row.field2 > meta_at:
            row.field2 += delta
    new_xref_at = xref_at + delta
    width2 = ceil(log(new_xref_at + 1, 256))  # as pydyf sizes the offsets' field
    new_rows = _pack(rows, width2, width3)
    identifier = _id(data)
    new_xref = (b"%d 0 obj\n<</Type /XRef/Index [0 %d]/W [1 %d %d]/Size %d%s/ID [(%s) (%s)]"
                b"/Filter /FlateDecode/Length %d>>\nstream\n"
                % (number, size, width2, width3, size, root_info, identifier, identifier,
                   len(new_rows)))
    head = pdf[:meta_at] + b"%d 0 obj\n" % meta + new_meta + _OBJECT_END
    body = pdf[meta_end:xref_at]
    result = (head + body + new_xref + new_rows + _STREAM_END + _OBJECT_END
              + b"startxref\n%d\n%%%%EOF\n" % new_xref_at)
    _require(len(head) + len(body) == new_xref_at)
    return result


def _rows(unpacked: bytes, width2: int, width3: int, size: int) -> list[_Row]:
    width = 1 + width2 + width3
    _require(len(unpacked) == width * size)
    return [_Row(unpacked[at], int.from_bytes(unpacked[at + 1:at + 1 + width2], "big"),
                 int.from_bytes(unpacked[at + 1 + width2:at + width], "big"))
            for at in range(0, len(unpacked), width)]


def _pack(rows: list[_Row], width2: int, width3: int) -> bytes:
    return _compress(b"".join(
        row.kind.to_bytes(1, "big") + row.field2.to_bytes(width2, "big")
        + row.field3.to_bytes(width3, "big") for row in rows))


def _unpacked(blob: bytes, objstm: int, rows: list[_Row]) -> dict[int, bytes]:
    """The objects inside the object stream `blob` (pydyf: one, joined by newlines)."""
    head = _OBJECT_STREAM.match(blob)
    _require(head is not None)
    assert head is not None
    count, first, length = (int(head.group(i)) for i in (1, 2, 3))
    packed = blob[head.end():]
    _require(packed.endswith(_STREAM_END) and len(packed) == length + len(_STREAM_END))
    packed = packed[:-len(_STREAM_END)]
    content = zlib.decompress(packed)
    _require(content[first - 1:first] == b"\n")  # not written again: not recompressed
    numbers = [int(word) for word in content[:first - 1].split(b" ")]
    _require(len(numbers) == 2 * count)
    pairs = list(zip(numbers[::2], numbers[1::2], strict=True))
    body = content[first:]
    found: dict[int, bytes] = {}
    for index, (n, at) in enumerate(pairs):
        end = pairs[index + 1][1] - 1 if index + 1 < len(pairs) else len(body)
        _require(rows[n].kind == 2 and rows[n].field2 == objstm and rows[n].field3 == index
                 and (index + 1 == len(pairs) or body[end:end + 1] == b"\n"))
        found[n] = body[at:end]
    return found


def _id(data: dict[int, bytes]) -> bytes:
    """pydyf's file identifier: the MD5 of every object's data, in number order."""
    digest = hashlib.md5(usedforsecurity=False)
    for n in sorted(data):
        digest.update(data[n])
    return digest.hexdigest().encode()
