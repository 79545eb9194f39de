"""The protocol as HTML: semantic, accessible (WCAG 2.1 AA), self-contained, readable on a
phone. The three boards of boards.py are built once; the HTML is read with the standard
library's parser and scanned with axe-core in chromium (tests/a11y.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from a11y import axe_scan, chromium_missing_reason, describe
from boards import BOARDS, Built, three_boards

VOID = {"meta", "link", "br", "img", "hr", "input", "col", "source", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element] = field(default_factory=list)
    parts: list[str | Element] = field(default_factory=list)  # text and children, in order

    def all_text(self) -> str:
        text = "".join(p if isinstance(p, str) else f" {p.all_text()} " for p in self.parts)
        return " ".join(text.split())

    def iter(self, *tags: str):  # noqa: ANN201 - a generator of Elements
        for child in self.children:
            if not tags or child.tag in tags:
                yield child
            yield from child.iter(*tags)


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(element)
        self.current.parts.append(element)
        if tag not in VOID:
            self.current = element

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.parts.append(data)


def parse(html: str) -> _Tree:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    result = three_boards(tmp_path_factory.mktemp("boards"))
    assert result.exit_code == 0
    return result


NUMBERS = {"kfn": range(6, 10), "rad": range(784, 788), "sn": range(1, 7)}


@pytest.mark.parametrize("board", sorted(BOARDS))
def test_document_language_title_viewport(built: Built, board: str) -> None:
    tree = parse(built.html(board))
    assert tree.doctype.lower() == "doctype html"
    html = next(tree.root.iter("html"))
    assert html.attrs.get("lang") == "sv"
    assert next(tree.root.iter("title")).all_text().strip()
    metas = {m.attrs.get("name"): m.attrs.get("content", "") for m in tree.root.iter("meta")}
    assert "width=device-width" in metas.get("viewport", "")
    assert any(m.attrs.get("charset", "").lower() == "utf-8" for m in tree.root.iter("meta"))
    assert len(list(tree.root.iter("main"))) == 1


@pytest.mark.parametrize("board", sorted(BOARDS))
def test_one_h1_and_a_heading_with_a_stable_id_per_paragraph(built: Built, board: str) -> None:
    tree = parse(built.html(board))
    assert len(list(tree.root.iter("h1"))) == 1
    headings = {h.attrs["id"]: h for h in tree.root.iter("h2") if "id" in h.attrs}
    for number in NUMBERS[board]:
        heading = headings[f"p{number}"]
        assert heading.all_text().startswith(f"§ {number} ")
        # the § section is labelled by its heading
        section = heading.parent.parent if heading.parent else None
        assert section is not None and section.attrs.get("aria-labelledby") == f"p{number}"
    ids = [e.attrs["id"] for e in tree.root.iter() if "id" in e.attrs]
    assert len(ids) == len(set(ids)), "duplicate ids"


@pytest.mark.parametrize("board", sorted(BOARDS))
def test_headings_do_not_skip_levels(built: Built, board: str) -> None:
    levels = [int(e.tag[1]) for e in parse(built.html(board)).root.iter()
              if e.tag in ("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, levels


@pytest.mark.parametrize("board", sorted(BOARDS))
def test_the_arendelista_links_to_each_paragraph(built: Built, board: str) -> None:
    tree = parse(built.html(board))
    ids = {e.attrs["id"] for e in tree.root.iter() if "id" in e.attrs}
    agenda = next(t for t in tree.root.iter("table") if "arendelista" in t.attrs.get("class", ""))
    targets = [a.attrs["href"] for a in agenda.iter("a")]
    for number in NUMBERS[board]:
        assert f"#p{number}" in targets
    assert all(t.startswith("#") and t[1:] in ids for t in targets)


@pytest.mark.parametrize("board", sorted(BOARDS))
def test_every_table_has_header_cells(built: Built, board: str) -> None:
    tables = list(parse(built.html(board)).root.iter("table"))
    assert tables
    for table in tables:
        headers = list(table.iter("th"))
        assert headers, table.attrs
        assert all(th.all_text() for th in headers)


def test_markdown_tables_and_voting_list_have_column_headers(built: Built) -> None:
    tree = parse(built.html("sn"))
    budget = next(t for t in tree.root.iter("table")
                  if "Äldreomsorg" in t.all_text())
    assert [th.all_text() for th in next(budget.iter("thead")).iter("th")] == [
        "Verksamhet", "Budget 2024 (tkr)", "Förslag 2025 (tkr)"]
    votes = next(t for t in tree.root.iter("table") if "rostlista" in t.attrs.get("class", ""))
    assert next(votes.iter("caption")).all_text() == "Omröstningslista § 3"
    assert all(th.attrs.get("scope") in ("col", "row") for th in votes.iter("th"))


def test_the_html_says_what_the_pdf_says(built: Built) -> None:
    text = parse(built.html("sn")).root.all_text()
    for phrase in ("Karin Krantz (M) ersätter Eva Ek (M)",
                   "Med 5 ja-röster mot 4 nej-röster",
                   "David Dahl (S) anmäler jäv och deltar inte i handläggningen.",
                   "Paragrafen är justerad.", "Expedieras till", "Beslutsunderlag",
                   "Protokollet omfattar §§ 1–6"):
        assert phrase in text


@pytest.mark.parametrize("board", sorted(BOARDS))
def test_self_contained(built: Built, board: str) -> None:
    """Nothing to fetch: styles inline, images as data: URIs, no scripts."""
    tree = parse(built.html(board))
    assert not list(tree.root.iter("script"))
    assert not [link for link in tree.root.iter("link") if link.attrs.get("rel") == "stylesheet"]
    assert all(img.attrs.get("src", "").startswith("data:") for img in tree.root.iter("img"))


def test_a_justerat_page_has_no_draft_banner_and_no_form_inputs(built: Built) -> None:
    """The justerat HTML carries no draft banner; the signature lines are plain boxes."""
    tree = parse(built.html("sn"))
    classes = " ".join(e.attrs.get("class", "") for e in tree.root.iter())
    assert "utkast-banner" not in classes
    assert not list(tree.root.iter("input"))


# --- in a real browser ----------------------------------------------------------------------

needs_chromium = pytest.mark.skipif(chromium_missing_reason() is not None,
                                    reason=chromium_missing_reason() or "")


@needs_chromium
@pytest.mark.parametrize("board", sorted(BOARDS))
def test_axe_finds_no_wcag_21_aa_violations(built: Built, board: str) -> None:
    violations = axe_scan(built.out(board) / "protokoll.html")
    assert violations == [], describe(violations)


@needs_chromium
@pytest.mark.parametrize(("width", "height"), [(390, 844), (1200, 1600)])
def test_readable_on_a_phone_and_a_desktop(built: Built, width: int, height: int) -> None:
    """No sideways scrolling of the page, and text at a readable size."""
    from a11y import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto((built.out("sn") / "protokoll.html").as_uri())
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            font_size = page.evaluate(
                "parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
        finally:
            browser.close()
    assert scroll_width <= width
    assert font_size >= 13


@needs_chromium
def test_a_draft_with_its_banner_passes_axe_too(tmp_path, monkeypatch) -> None:
    from helpers import meeting_data, project

    from protogen.cli import main as protogen

    meeting = meeting_data(status="utkast")
    del meeting["anslag"]
    project(tmp_path, meeting)
    monkeypatch.chdir(tmp_path)
    assert protogen(["build"]) == 0
    page = tmp_path / "build/tn/2024-03-13/protokoll.html"
    assert "utkast-banner" in page.read_text(encoding="utf-8")
    violations = axe_scan(page)
    assert violations == [], describe(violations)
