"""Regenerate the rule list in README.md from the rule modules' docstrings."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from protogen.rules import RULES  # noqa: E402

START, END = "<!-- regler:start -->", "<!-- regler:end -->"


def rules_markdown() -> str:
    lines = ["| id | rule |", "|---|---|"]
    for rule in RULES:
        lines.append(f"| `{rule.id}` | {rule.summary.replace('|', '\\|')} |")
    return "\n".join(lines)


def updated_readme(text: str) -> str:
    block = f"{START}\n{rules_markdown()}\n{END}"
    return re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, text, flags=re.S)


if __name__ == "__main__":
    readme = ROOT / "README.md"
    readme.write_text(updated_readme(readme.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"{len(RULES)} regler skrivna till README.md")
