"""Regenerate the rule list in README.md, and the user guide's page of the rules
(docs/regler.md), from the rule modules' docstrings."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from protogen.rules import READER_FINDINGS, RULES  # noqa: E402

START, END = "<!-- regler:start -->", "<!-- regler:end -->"



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


GUIDE_INTRO = """# Reglerna

`protogen check` kontrollerar varje sammanträde mot reglerna nedan. Varje fynd skrivs som
`sökväg:rad:kolumn: fel|varning: meddelande [regel]`; regeln är id:t i rubriken. Ett `fel`
stoppar `build` för det sammanträdet, en `varning` gör det inte (utom med `--strict`).

Sidan skrivs av `python scripts/gen_rules.py` från reglernas egen dokumentation i
`src/protogen/rules/` (på engelska, med svenska exempel).

## Läsarens fynd

Fynd som kommer redan när filerna läses, före reglerna:

"""


def rules_page() -> str:
    """docs/regler.md: every rule's docstring, its examples as code blocks."""
    parts = [GUIDE_INTRO, "| id | betyder |", "|---|---|"]
    parts += [f"| `{rule_id}` | {text} |" for rule_id, text in READER_FINDINGS.items()]
    for rule in RULES:
        doc = re.sub(r"::$", ":", rule.doc.strip(), flags=re.M)
        parts += ["", f"## `{rule.id}`", "", doc]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    readme = ROOT / "README.md"
    readme.write_text(updated_readme(readme.read_text(encoding="utf-8")), encoding="utf-8")
    (ROOT / "docs" / "regler.md").write_text(rules_page(), encoding="utf-8")
    print(f"{len(RULES)} regler skrivna till README.md och docs/regler.md")
