"""Fixtures for the archive tests: the project and the packages made of it, once per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "site"))
from archiveproject import SIGNED_MEETING, Run, run_archive, signed_extract, signed_protocol  # noqa: E402
from siteproject import write_site_project  # noqa: E402


@pytest.fixture(scope="session")
def archive_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_site_project(tmp_path_factory.mktemp("arkiv"))
    # A justerat meeting with a varning, for the round trip of the sources to carry.
    meeting = root / "protokoll/bun/2024-03-14/sammanträde.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("tid: 09:00-12:00", "tid: 9-12"),
                       encoding="utf-8")
    signed = root / SIGNED_MEETING / "signerat" / "protokoll.pdf"
    signed.parent.mkdir()
    signed.write_bytes(signed_protocol(root, SIGNED_MEETING))
    extract = signed.parent / "utdrag" / "4.pdf"
    extract.parent.mkdir()
    extract.write_bytes(signed_extract(root, SIGNED_MEETING, 4))
    return root


@pytest.fixture(scope="session")
def full(archive_project: Path) -> Run:
    return run_archive(archive_project)


@pytest.fixture(scope="session")
def public(archive_project: Path) -> Run:
    return run_archive(archive_project, dest=archive_project / "build" / "offentligt", public=True)
