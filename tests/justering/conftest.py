"""One built project, a CA and PKCS#12 files, made once per test session and copied per test."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pki  # noqa: E402
from signing import PERSONNUMMER, Built, Keys, _build  # noqa: E402


@pytest.fixture(scope="session")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    folder = tmp_path_factory.mktemp("nycklar")
    ca = pki.make_ca()
    return Keys(
        folder=folder, ca=ca, ca_pem=ca.write_pem(folder / "rot.pem"),
        # The sekreterare's certificate holds a personnummer, as a BankID certificate does.
        secretary=pki.make_person(ca, "Sara", "Sekreterare", folder, serial_number=PERSONNUMMER.replace("-", "")),
        chair=pki.make_person(ca, "Anna", "Andersson", folder, serial_number="191212121212"),
        adjuster=pki.make_person(ca, "Bertil", "Berg", folder),
        stranger=pki.make_person(ca, "Olle", "Okänd", folder),
        password=pki.password_file(folder),
    )


@pytest.fixture(scope="session")
def _built_once(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(tmp_path_factory.mktemp("byggt"))


@pytest.fixture
def built(_built_once: Built, tmp_path: Path) -> Built:
    root = tmp_path / "projekt"
    shutil.copytree(_built_once.root, root, symlinks=True)
    rel = _built_once.meeting.relative_to(_built_once.root)
    other = _built_once.other.relative_to(_built_once.root)
    return Built(root, root / rel, root / other)
