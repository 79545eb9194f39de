"""Templates carry the layout: the built-in looks, a board's own `mallar/<name>/` overriding one
file or one block, autoescaping, the sandbox, and how `build` reports a broken template (in
Swedish, with the template's file and line, exit 1, nothing written)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from boards import body_text, tree_hash
from helpers import check, item_text, meeting_data, organ_data, project

from protogen.cli import main as protogen
from protogen.render.base import RenderContext, render_html
from protogen.render.protokoll import protocol_title
from protogen.view import meeting_view

BODY = "Förvaltningen redogör för ärendet.\n\nÄrendet har beretts i utskottet. Det finns en bilaga.\n"
ITEMS = [
    item_text({"rubrik": "Budget 2025", "förslag_till_beslut": "Budgeten fastställs.",
               "beslut": "Budgeten fastställs."}, BODY),
    item_text({"rubrik": "Ny förskola", "förslag_till_beslut": "Förskolan byggs.",
               "beslut": "Förskolan byggs."}, BODY),
]


def html_of(root: Path) -> str:
    """The protocol HTML of the project's one meeting, rendered as build renders it."""
    meeting = check(root).project.meetings()[0]
    view = meeting_view(meeting)
    return render_html(meeting, RenderContext(root=root), "protokoll.html", medium="skarm",
                       view=view, title=protocol_title(view))


def board_with(root: Path, mall: str, files: dict[str, str] | None = None,
               items: list | None = None) -> Path:
    for name, text in (files or {}).items():
        path = root / "mallar" / mall / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return project(root, items=items or ITEMS, organ=organ_data(mall=mall))


def sections(html: str) -> list[str]:
    return re.findall(r'<section class="paragraf".*?</section>', html, re.DOTALL)


# --- the built-in looks ---------------------------------------------------------------------


def test_standard_puts_the_summary_before_the_decision(tmp_path: Path) -> None:
    project(tmp_path, items=ITEMS)
    for section in sections(html_of(tmp_path)):
        assert section.index("Sammanfattning") < section.index("Förslag till beslut") \
            < section.index("<h3>Beslut</h3>")


def test_beslut_forst_puts_the_decision_first_in_every_paragraph(tmp_path: Path,
                                                                 monkeypatch) -> None:
    board_with(tmp_path, "beslut-forst")
    html = html_of(tmp_path)
    found = sections(html)
    assert len(found) == len(ITEMS)
    for section in found:  # as seed 002: the opening paragraph, the decision, the rest
        assert section.index("Förvaltningen redogör") < section.index("Nämndens beslut") \
            < section.index("Sammanfattning av ärendet") < section.index("Ärendet har beretts")
    assert "Beslutande" in html and "Ärendelista" in html  # the rest is the standard look

    monkeypatch.chdir(tmp_path)
    assert protogen(["build"]) == 0
    text = body_text(tmp_path / "build/tn/2024-03-13/protokoll.pdf", "Testnämnden")
    for title in ("Budget 2025", "Ny förskola"):
        after = text[text.index(f"{title} Förvaltningen redogör för ärendet. Nämndens beslut"):]
        assert after.index("Nämndens beslut") < after.index("Sammanfattning av ärendet")


def test_an_unknown_look_falls_back_to_standard(tmp_path: Path) -> None:
    project(tmp_path, items=ITEMS, organ=organ_data(mall="finns-inte"))
    assert "<h3>Sammanfattning</h3>" in html_of(tmp_path)


# --- a board's own templates ----------------------------------------------------------------


def test_one_section_file_overrides_and_the_rest_falls_back(tmp_path: Path) -> None:
    board_with(tmp_path, "minmall", {
        "sektioner/beslut.html":
            '{% if i.decision %}<h3>Vårt beslut</h3><div class="text">{{ i.decision }}</div>'
            "{% endif %}",
    })
    html = html_of(tmp_path)
    assert html.count("<h3>Vårt beslut</h3>") == 2
    assert "<h3>Beslut</h3>" not in html
    assert html.count("<h3>Förslag till beslut</h3>") == 2  # the standard sektion
    assert "Ärendelista" in html and "Justerat 2024-03-20" in html  # the standard protokoll.html


def test_paragraf_html_overrides_one_file(tmp_path: Path) -> None:
    board_with(tmp_path, "minmall", {
        "paragraf.html": '<h2 id="{{ i.anchor }}">Paragraf {{ i.number }}: {{ i.title }}</h2>'
                         "{% include \"sektioner/beslut.html\" %}",
    })
    html = html_of(tmp_path)
    assert '<h2 id="p1">Paragraf 1: Budget 2025</h2>' in html
    assert "<h3>Beslut</h3>" in html and "Sammanfattning" not in html
    assert "Ärendelista" in html


def test_a_block_of_protokoll_html_overrides_and_the_rest_stays(tmp_path: Path) -> None:
    board_with(tmp_path, "minmall", {
        "protokoll.html": '{% extends "standard/protokoll.html" %}\n'
                          "{% block arendelista %}<p>Egen ärendelista med "
                          "{{ m.items | length }} ärenden</p>{% endblock %}\n",
    })
    html = html_of(tmp_path)
    assert "<p>Egen ärendelista med 2 ärenden</p>" in html
    assert 'class="arendelista"' not in html
    assert "Beslutande" in html and 'id="p1"' in html and 'id="p2"' in html


def test_a_board_template_can_extend_the_other_builtin_look(tmp_path: Path) -> None:
    board_with(tmp_path, "minmall", {
        "protokoll.html": '{% extends "beslut-forst/protokoll.html" %}\n'
                          "{% block anslag %}{% endblock %}\n",
    })
    html = html_of(tmp_path)
    assert "anslagsbevis" not in html.split("</style>")[1]
    assert "Ärendelista" in html


# --- autoescape and the sandbox -------------------------------------------------------------


def test_markup_in_meeting_text_is_escaped(tmp_path: Path, monkeypatch) -> None:
    project(tmp_path, items=[{"rubrik": "Fet <b>rubrik</b> & <i>mer</i>",
                              "beslut": "Beslut med <em>html</em>."}],
            meeting=meeting_data(plats="<script>alert(1)</script>Kommunhuset"))
    html = html_of(tmp_path)
    assert "Fet &lt;b&gt;rubrik&lt;/b&gt; &amp; &lt;i&gt;mer&lt;/i&gt;" in html
    assert "<b>rubrik</b>" not in html and "<em>html</em>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Kommunhuset" in html
    monkeypatch.chdir(tmp_path)
    assert protogen(["build"]) == 0
    text = body_text(tmp_path / "build/tn/2024-03-13/protokoll.pdf", "Testnämnden")
    assert "Fet <b>rubrik</b> & <i>mer</i>" in text


BROKEN = [
    ("{{ ''.__class__ }}", "__class__", "sandlåda"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "__class__", "sandlåda"),
    ("{{ m.organ.__init__.__globals__ }}", "__init__", "sandlåda"),
    ("{{ m.finns_inte }}", "finns_inte finns inte bland mallens värden", ""),
    ("{{ m.date | okänt_filter }}", "det finns inget filter som heter okänt_filter", ""),
    ("{% if %}", "syntaxfel", ""),
    ('{% include "../../../../etc/passwd" %}', "finns inte", ""),
]


@pytest.mark.parametrize(("expression", "says", "also"), BROKEN)
def test_a_broken_board_template_is_reported_with_file_and_line(
        tmp_path: Path, monkeypatch, capsys, expression: str, says: str, also: str) -> None:
    board_with(tmp_path, "minmall", {
        "protokoll.html": '{% extends "standard/protokoll.html" %}\n'
                          "{% block arendelista %}\n"
                          f"<p>{expression}</p>\n"
                          "{% endblock %}\n",
    })
    monkeypatch.chdir(tmp_path)
    sources = tree_hash(tmp_path / "protokoll")
    assert protogen(["build"]) == 1
    out = capsys.readouterr()
    printed = out.out + out.err
    assert "fel: mallar/minmall/protokoll.html:3: " in printed
    assert says in printed and also in printed
    assert "protokoll/tn/2024-03-13 byggs inte" in printed
    assert "Traceback" not in printed and "root:x:0:0" not in printed
    assert not (tmp_path / "build/tn/2024-03-13").exists()
    assert tree_hash(tmp_path / "protokoll") == sources


def test_a_broken_section_file_names_that_file(tmp_path: Path, monkeypatch, capsys) -> None:
    board_with(tmp_path, "minmall", {"sektioner/beslut.html": "\n\n{{ i.okänt }}\n"})
    monkeypatch.chdir(tmp_path)
    assert protogen(["build"]) == 1
    assert "fel: mallar/minmall/sektioner/beslut.html:3: okänt finns inte bland mallens värden" \
        in capsys.readouterr().out


def test_a_broken_template_keeps_the_last_good_build(tmp_path: Path, monkeypatch) -> None:
    board_with(tmp_path, "minmall", {"sektioner/beslut.html": "<h3>Beslut</h3>{{ i.decision }}"})
    monkeypatch.chdir(tmp_path)
    assert protogen(["build"]) == 0
    out = tmp_path / "build/tn/2024-03-13"
    good = tree_hash(out)
    (tmp_path / "mallar/minmall/sektioner/beslut.html").write_text("{{ i.decision.__class__ }}",
                                                                  encoding="utf-8")
    from protogen.render.templates import environment

    environment.cache_clear()  # one process, as if it were a second `protogen build`
    assert protogen(["build"]) == 1
    assert tree_hash(out) == good


# --- fixed table columns ----------------------------------------------------------------------


def test_a_word_wider_than_its_fixed_column_stays_on_the_page(tmp_path: Path) -> None:
    """The standard tables lay out with fixed columns (stil.css, `.fasta-kolumner`): a dnr with
    no break opportunity, wider than its column, must break inside the cell, not run past the
    page's right margin as it did before `overflow-wrap` (the automatic layout widened the
    column instead)."""
    long_dnr = "KS2024000123041ABCDEFGHIJK"
    project(tmp_path, items=[item_text({"rubrik": "Budget 2025", "dnr": long_dnr,
                                        "förslag_till_beslut": "Budgeten fastställs."})])
    assert protogen(["build", str(tmp_path / "protokoll")]) == 0
    pdf = next(tmp_path.glob("build/tn/*/kallelse.pdf"))
    words = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    width = float(re.findall(r'<page width="([\d.]+)"', words)[0])
    right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', words))
    # The standard look's right margin is 20 mm (57 pt); nothing may print inside its last 2/3.
    assert right <= width - 38, right
