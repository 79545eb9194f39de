"""The public protocol copy made from the internal protocol's PDF (render/xmpswap.py) is byte
for byte the PDF that rendering the public copy gives, carries the Dokument-id but never the
per-§ listing, and is made only when the public document is provably the same but for the
XMP packet; anything xmpswap cannot write again is refused (the caller renders)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest
from docread import attachment_pdf, pages_text, xmp
from helpers import check, meeting_data, project

from protogen.fingerprint import LISTING_START, meeting_fingerprint, read_stamp, xmp_packet
from protogen.model import Meeting
from protogen.public import public_view
from protogen.render import base, protokoll, xmpswap
from protogen.view import DigitalAdjustmentView


def _meeting(root: Path, items: list[dict[str, object] | str]) -> Meeting:
    project(root, meeting_data(), items)
    result = check(root)
    meeting = next(iter(result.project.meetings()))
    assert meeting.status == "justerat"
    return meeting


def _public_output(root: Path, meeting: Meeting) -> base.Output:
    ctx = base.RenderContext(root=root, view=public_view(meeting), defer=True, screen=False)
    (output,) = [o for o in protokoll.render(meeting, ctx) if o.path == protokoll.PDF]
    return output


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes, bytes, Meeting]:
    """(the internal protocol, the public copy made from it, the public copy rendered)."""
    root = tmp_path_factory.mktemp("xmpswap")
    meeting = _meeting(root, [{"rubrik": "Budget"}, {"rubrik": "Taxor", "dnr": "TN 2024/7"}])
    output = _public_output(root, meeting)
    assert output.job is not None and output.derived is not None
    internal = base.render_job(output.derived.source, root).data
    copy = output.derived.make(internal)
    assert copy is not None
    return internal, copy, base.render_job(output.job, root).data, meeting


def test_the_copy_is_the_rendered_public_copy_byte_for_byte(made) -> None:
    internal, copy, rendered, _ = made
    assert copy == rendered
    assert copy != internal


def test_the_copy_keeps_the_dokument_id_and_never_the_listing(made) -> None:
    internal, copy, _, meeting = made
    fingerprint = meeting_fingerprint(meeting)
    inside = read_stamp(xmp(internal).encode())
    public = read_stamp(xmp(copy).encode())
    assert inside is not None and inside.fingerprint == fingerprint
    assert public is not None and public.digest == fingerprint.digest
    assert public.fingerprint is None and public.meeting == meeting.folder_name
    assert LISTING_START.decode() not in xmp(copy)
    # nowhere in the file either: every stream (pydyf ends each dictionary with /Length)
    streams = [(m.group(1), copy[m.end():m.end() + int(m.group(2))])
               for m in re.finditer(rb"(/Filter /FlateDecode)?/Length (\d+)>>\nstream\n", copy)]
    assert len(streams) > 10
    for flate, stream in streams:
        assert LISTING_START not in (zlib.decompress(stream) if flate else stream)
    assert LISTING_START not in copy
    assert pages_text(copy) == pages_text(internal)


def test_the_copy_is_sound_for_qpdf(made, tmp_path: Path) -> None:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed")
    path = tmp_path / "copy.pdf"
    path.write_bytes(made[1])
    check_run = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check_run.returncode == 0, check_run.stdout + check_run.stderr


def test_a_meeting_with_a_secret_item_renders_its_public_copy(tmp_path: Path) -> None:
    meeting = _meeting(tmp_path, [{"rubrik": "Budget"},
                                  {"rubrik": "Placering", "sekretess": "OSL 26 kap. 1 §"}])
    output = _public_output(tmp_path, meeting)
    assert output.job is not None and output.derived is None


def test_a_public_view_that_differs_is_never_made_from_the_internal_pdf(tmp_path: Path
                                                                       ) -> None:
    """The secret-item shortcut aside, the equality of the jobs decides: a public view that
    says the protocol was signed digitally gives other HTML and no fields."""
    meeting = _meeting(tmp_path, [{"rubrik": "Budget"}])
    view = public_view(meeting)
    view.digital_adjustment = DigitalAdjustmentView(date=None, signers=[], text="Justerat.")
    ctx = base.RenderContext(root=tmp_path, view=view, defer=True, screen=False)
    (output,) = [o for o in protokoll.render(meeting, ctx) if o.path == protokoll.PDF]
    assert output.derived is None
    # and the build's own render is never a "public copy" of anything
    (own,) = [o for o in protokoll.render(meeting, base.RenderContext(root=tmp_path, defer=True))
              if o.path == protokoll.PDF]
    assert own.derived is None


def test_what_xmpswap_cannot_write_again_is_refused(made) -> None:
    internal, copy, _, meeting = made
    fingerprint = meeting_fingerprint(meeting)
    old, new = xmp_packet(fingerprint, meeting), xmp_packet(fingerprint, meeting, public=True)
    assert xmpswap.swap_xmp(internal, old, new) == copy
    assert xmpswap.swap_xmp(copy, old, new) is None  # the old addition is not there
    assert xmpswap.swap_xmp(internal, b"protogen", b"x") is None  # not exactly once
    assert xmpswap.swap_xmp(internal, b"", new) is None
    assert xmpswap.swap_xmp(attachment_pdf("A", 1), old, new) is None  # not pydyf's shape
    assert xmpswap.swap_xmp(internal[:-10], old, new) is None
    assert xmpswap.swap_xmp(b"", old, new) is None
    # one byte of an object changed: its /ID no longer is the MD5 of its objects
    body = internal.index(b"stream\n") + 20
    tampered = internal[:body] + bytes([internal[body] ^ 1]) + internal[body + 1:]
    assert xmpswap.swap_xmp(tampered, old, new) is None
    # an incremental update (a signature, say) appended: not what pydyf writes
    with_update = internal + b"1 0 obj\n<<>>\nendobj\nxref\n0 1\n0000000000 65535 f \n" \
        b"trailer\n<</Size 2>>\nstartxref\n%d\n%%%%EOF\n" % len(internal)
    assert xmpswap.swap_xmp(with_update, old, new) is None


def test_a_copy_xmpswap_refuses_is_rendered(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Not deferred (as the archive's public variant renders): when the internal PDF cannot
    be written again, the public job itself is rendered."""
    meeting = _meeting(tmp_path, [{"rubrik": "Budget"}])
    deferred = _public_output(tmp_path, meeting)
    assert deferred.job is not None and deferred.derived is not None
    monkeypatch.setattr(xmpswap, "swap_xmp", lambda pdf, old, new: None)
    ctx = base.RenderContext(root=tmp_path, view=public_view(meeting), screen=False)
    (output,) = [o for o in protokoll.render(meeting, ctx) if o.path == protokoll.PDF]
    assert output.data == base.render_job(deferred.job, tmp_path).data
