"""Issue 8, property: whatever hostile formatting surrounds a `sekretess` ground in an item
file, the loaded item is secret. A file that protogen reads without a fel carries exactly that
ground; any other file is a fel and still secret. (The publish-level property, that no secret
word reaches build/site/, is tested with the site.)"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protogen.findings import Findings, Level
from protogen.loader.item import load_item as read_item
from protogen.model import Item
from protogen.rules import sekretess
from protogen.rules.base import Context


def load_item(path: Path, rel: str, prefix: int, slug: str, position: int,
              findings: Findings) -> Item:
    """The item as the loader reads it, with what the reader and the rule sekretess (which
    reports the sekretess problems the reader kept) find in it."""
    item = read_item(path, rel, prefix, slug, position, findings)
    if item.failure is None:
        ctx = Context(root=path.parent)
        findings.extend([p.finding(sekretess.ID) for p in sekretess.check_item(item, ctx)])
    return item

GROUNDS = st.sampled_from(["OSL 26 kap. 1 §", "OSL 21 kap. 1 §", "offentlighets- och "
                           "sekretesslagen 39 kap. 3 §", "OSL 23 kap. 2 § (elevärende)"])
# Lines that have ended a front matter by mistake, or look as if they might.
TRAPS = ["  ---", "  ...", "   ---   ", "\t---", " ...", "  --- ", "  ---\r", "  -- -", "  ‐‐‐",
         "  ---\u2028", "  \u200b---"]
NOISE = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"),
                max_size=12)


@st.composite
def hostile_item(draw: st.DrawFn) -> tuple[str, str, bool]:
    ground = draw(GROUNDS)
    quote = draw(st.sampled_from(["plain", "double", "single", "block", "folded", "flow"]))
    value = {
        "plain": ground,
        "double": '"' + ground + '"',
        "single": "'" + ground + "'",
        "block": "|\n  " + ground,
        "folded": ">-\n  " + ground,
        "flow": ground,
    }[quote]
    space = draw(st.sampled_from(["", " ", "  "]))
    comment = draw(st.sampled_from(["", "  # grund", " #"]))
    key_line = f"sekretess{space}: {value}{comment if quote not in ('block', 'folded') else ''}"
    if quote == "flow":
        key_line = "{" + f"rubrik: Ärende, sekretess: {ground}" + "}"
    trap = draw(st.sampled_from(TRAPS))
    before = ["rubrik: Ärende" if quote != "flow" else "",
              "beslut: |", "  Första stycket.", trap, "  Andra stycket " + draw(NOISE).replace("\n", " ")
              .replace("\r", " ") .replace("\u2028", " ").replace("\u2029", " ").replace("\x85", " ")]
    if quote == "flow":
        before = []
    order = draw(st.sampled_from(["after", "before"]))
    lines = ([key_line] + before) if order == "before" else (before + [key_line])
    lines = [line for line in lines if line != ""]
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    end = draw(st.sampled_from(["---", "---", "--- ", "...", "----"]))
    body = draw(st.sampled_from(["Hemlig text.", "", "---\nMer text.", "sekretess: false"]))
    text = bom + eol.join(["---", *lines, end, "", body]) + eol
    # A well-formed file: the trap is ordinary text inside the block scalar, so the file must
    # read without a fel, and the ground must come from the front matter, not the body check.
    clean = (end == "---" and not body.startswith("sekretess") and quote != "flow"
             and trap.startswith("  ") and trap.isprintable() and "\u200b" not in trap
             and all(line.isprintable() for line in lines))
    return text, ground, clean


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=hostile_item())
def test_a_sekretess_ground_is_never_lost(case: tuple[str, str, bool]) -> None:
    text, ground, clean = case
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / "protokoll" / "tn" / "2024-03-13" / "01-arende.md"
        path.parent.mkdir(parents=True)
        path.write_bytes(text.encode("utf-8"))
        findings = Findings()
        item = load_item(path, "protokoll/tn/2024-03-13/01-arende.md", 1, "arende", 0, findings)
    assert item.secret, text
    assert item.secrecy and item.secrecy.strip()
    fel = [f.format() for f in findings.items if f.level is Level.FEL]
    if clean:
        assert fel == [], text
    if not fel:
        assert item.secrecy.strip() == ground, text
        assert "sekretess" not in item.body.split("\n", 1)[0]


@settings(max_examples=100, deadline=None)
@given(value=st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
    st.text(max_size=20), st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
))
def test_only_false_or_no_key_makes_an_item_public(value: object) -> None:
    from helpers import dump_yaml

    front = dump_yaml({"rubrik": "Ärende", "sekretess": value})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "protokoll" / "tn" / "2024-03-13" / "01-arende.md"
        path.parent.mkdir(parents=True)
        path.write_text(f"---\n{front}---\nText.\n", encoding="utf-8")
        findings = Findings()
        item = load_item(path, "protokoll/tn/2024-03-13/01-arende.md", 1, "arende", 0, findings)
    if value is False:
        assert not item.secret
    else:
        assert item.secret, value
        if not isinstance(value, str) or not value.strip():  # not a ground at all
            assert any(f.level is Level.FEL and f.rule == "sekretess" for f in findings.items), value
