"""The Swedish user guide under docs/: it builds with `mkdocs build --strict` (a broken link or
a page missing from the nav fails), has the pages the issue names, and its page of the rules
is generated from the rule docstrings, like the README's list."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def gen_rules():
    spec = importlib.util.spec_from_file_location("gen_rules", ROOT / "scripts" / "gen_rules.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_rules_page_is_generated_from_the_rules():
    page = (ROOT / "docs" / "regler.md").read_text(encoding="utf-8")
    assert gen_rules().rules_page() == page, "run: python scripts/gen_rules.py"
    from protogen.rules import RULES

    assert all(f"## `{rule.id}`" in page for rule in RULES)


def test_the_guide_builds_strictly(tmp_path):
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                           str(tmp_path / "site")], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    built = {p.name for p in (tmp_path / "site").glob("*.html")}
    for page in ("index", "kom-igang", "sammantrade", "mallar", "publicering", "regler", "editor",
                 "ci", "format"):
        assert f"{page}.html" in built
    start = (tmp_path / "site" / "kom-igang.html").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("```sh", 1)[1].split("```", 1)[0].strip()
    assert setup.replace("&", "&amp;") in start  # the guide installs as the README does
