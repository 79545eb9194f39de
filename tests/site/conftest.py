"""Fixtures for the site tests: the three-board project, published once."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from siteproject import DAY, run_publish, write_site_project  # noqa: E402


@pytest.fixture(scope="session")
def site_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project, published as of DAY; tests only read it."""
    root = write_site_project(tmp_path_factory.mktemp("webbplats"))
    code, out = run_publish(root, DAY)
    assert code == 0, out
    return root


@pytest.fixture(scope="session")
def site(site_project: Path) -> Path:
    return site_project / "build" / "site"
