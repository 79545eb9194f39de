"""The README's set-up command, and the example pipelines under docs/ci/ that use it: the
pipelines run exactly the README's command, publish only from the main branch, and the
command (with every protogen command of the pipelines) works when run as written."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
PIPELINES = {"github": ROOT / "docs/ci/github-actions.yml", "gitlab": ROOT / "docs/ci/gitlab-ci.yml"}


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return [block.split("```", 1)[0].strip() for block in setup.split("```sh")[1:]]


def commands(kind: str) -> list[str]:
    data = YAML(typ="safe").load(PIPELINES[kind].read_text(encoding="utf-8"))
    found: list[str] = []
    if kind == "github":
        for job in data["jobs"].values():
            found += [step["run"] for step in job.get("steps", []) if "run" in step]
    else:
        for job in data.values():
            if isinstance(job, dict) and "script" in job:
                found += job["script"]
    return found


def test_the_pipelines_run_the_readme_command_and_publish_only_from_main():
    setup = readme_commands()[0]
    for kind in PIPELINES:
        assert setup in commands(kind), f"{kind}: the README's set-up command is not in the pipeline"
        assert any("protogen publish" in command for command in commands(kind))
    github = YAML(typ="safe").load(PIPELINES["github"].read_text(encoding="utf-8"))
    publish = next(s for s in github["jobs"]["kontroll"]["steps"] if "publish" in s.get("run", ""))
    assert "refs/heads/main" in publish["if"]
    gitlab = YAML(typ="safe").load(PIPELINES["gitlab"].read_text(encoding="utf-8"))
    assert gitlab["pages"]["rules"][0]["if"] == "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"


def test_the_readme_command_and_the_pipelines_commands_work(tmp_path):
    for name in ("src", "protokoll", "webbplats", "scripts"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "webbplats.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"

    def run(command: str) -> str:
        done = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        return done.stdout

    out = run(readme_commands()[0])
    assert "Inga fel" in out and "Byggt: 2 sammanträden" in out
    assert (tmp_path / "build/gns/2020-02-14/protokoll.pdf").is_file()
    # The venv's protogen is the copy's own, not one installed elsewhere.
    where = run(".venv/bin/python -c 'import protogen; print(protogen.__file__)'")
    assert where.strip().startswith(str(tmp_path))
    later = {c for kind in PIPELINES for c in commands(kind)[1:] if c.startswith(".venv/bin/protogen")}
    assert later == {".venv/bin/protogen check --format github",
                     ".venv/bin/protogen check --format sarif > protogen.sarif",
                     ".venv/bin/protogen publish"}
    for command in sorted(later):
        run(command)
    assert re.search(r'"version": "2.1.0"', (tmp_path / "protogen.sarif").read_text(encoding="utf-8"))
    assert (tmp_path / "build/site/index.html").is_file()
