"""The pre-commit hook (.pre-commit-hooks.yaml): a valid manifest by pre-commit's own schema,
whose entry, run as pre-commit runs it (in the repository root, no file names), passes a good
project and stops a commit of a broken one. `pre-commit try-repo` itself installs protogen
with all its dependencies into a fresh environment (about two minutes), so it runs only when
PROTOGEN_TRY_REPO=1 is set."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"


def hook() -> dict:
    from pre_commit.clientlib import load_manifest

    hooks = load_manifest(str(MANIFEST))  # raises on an invalid manifest
    return next(h for h in hooks if h["id"] == "protogen-check")


def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "protokoll" / "gns", tmp_path / "protokoll" / "gns")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    return tmp_path


def run_entry(root: Path) -> subprocess.CompletedProcess[str]:
    definition = hook()
    assert definition["language"] == "python" and definition["pass_filenames"] is False
    entry = shlex.split(definition["entry"])
    assert entry[0] == "protogen"  # the console script the package installs
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "protogen", *entry[1:]], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_hook_runs_on_the_files_a_secretary_changes():
    files = re.compile(hook()["files"])
    assert files.search("protokoll/gns/2020-02-14/03-arsbokslut-2019.md")
    assert files.search("protokoll/gns/organ.yaml") and files.search("mallar/egen/protokoll.html")
    assert files.search("webbplats.yaml") and not files.search("README.md")


def test_the_entry_passes_a_good_project_and_stops_a_broken_one(tmp_path):
    root = project(tmp_path)
    assert run_entry(root).returncode == 0
    meeting = root / "protokoll/gns/2020-02-14/sammanträde.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("status: justerat", "status: klar"),
                       encoding="utf-8")
    done = run_entry(root)
    assert done.returncode == 1 and "sammanträde.yaml:" in done.stdout


@pytest.mark.skipif(os.environ.get("PROTOGEN_TRY_REPO") != "1", reason="PROTOGEN_TRY_REPO=1 kör try-repo")
def test_pre_commit_try_repo(tmp_path):
    root = project(tmp_path / "kommun")
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"],
                   cwd=root, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    env.pop("PYTHONPATH", None)
    done = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "protogen-check",
                           "--all-files"], cwd=root, env=env, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"protogen check\.+Passed", done.stdout)
