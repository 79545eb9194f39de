"""Regenerate the rule list in README.md from the rule modules' docstrings."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from protogen.rules import RULES  # noqa: E402

START, END = "<!-- regler:start -->", "<!-- regler:end -->"


READER_FINDINGS = {
    "yaml-syntax": "The YAML cannot be read: the finding stands where the parser stopped.",
    "yaml-version": "A `%YAML 1.1` (or other) directive: the files are YAML 1.2.",
    "okand-nyckel": "An unknown key, with the closest known one suggested.",
    "typ": "A value of the wrong type (a date that is not a date, a list for a name, …).",
    "saknas": "A required file or key is missing.",
    "kodning": "A file that is not UTF-8.",
    "mapp": "A meeting folder not named YYYY-MM-DD, or a datum that differs from it.",
    "arendefil": "An item file not named NN-slug.md.",
    "organ-saknas": "A board folder without organ.yaml.",
    "namn-dubblett": "The same person twice in the register.",
}


def rules_markdown() -> str:
    lines = ["| id | rule |", "|---|---|"]
    for rule_id, text in READER_FINDINGS.items():
        lines.append(f"| `{rule_id}` | {text} |")
    for rule in RULES:
        summary = rule.summary.replace("|", "\\|")
        lines.append(f"| `{rule.id}` | {summary} |")
    return "\n".join(lines)


def updated_readme(text: str) -> str:
    block = f"{START}\n{rules_markdown()}\n{END}"
    return re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, text, flags=re.S)


if __name__ == "__main__":
    readme = ROOT / "README.md"
    readme.write_text(updated_readme(readme.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"{len(RULES)} regler skrivna till README.md")
