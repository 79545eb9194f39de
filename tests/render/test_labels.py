"""The words around the data are the templates' (etiketter.txt, site/etiketter.txt): a
municipality overrides them in mallar/ like any template, and a broken one is a fel with its
file and line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from protogen.render.labels import LABELS, SITE_LABELS, label
from protogen.render.templates import TemplateFault, render


def test_the_built_in_words() -> None:
    assert label(None, "standard", LABELS, "tid", "09.00–12.00") == "kl. 09.00–12.00"
    assert label(None, "standard", LABELS, "handlingar") == "Handlingar"
    assert label(None, "standard", LABELS, "handling", 2, "Budget & plan") == "2. Budget & plan"
    assert (label(None, "standard", SITE_LABELS, "titel_start", "Ånge kommun")
            == "Nämnder och protokoll – Ånge kommun")
    assert (label(None, "standard", SITE_LABELS, "kallat_beskrivning", ["A", "B"])
            == "Ärenden:\n1. A\n2. B")
    assert label(None, "standard", SITE_LABELS, "kallat_beskrivning", []) == "Kallelse utfärdad."


@pytest.mark.parametrize(("name", "form"), [
    ("Kommunfullmäktige", "fullmäktige"), ("Kommunstyrelsen", "styrelsen"),
    ("Arbetsutskottet", "utskottet"), ("Hälsingerådet", "rådet"),
    ("Gemensamma nämnden för sjukvård", "nämnden"), ("Barn- och utbildningsnämnden", "nämnden"),
])
def test_how_a_sentence_names_the_board(name: str, form: str) -> None:
    assert label(None, "standard", LABELS, "bestamd_form", name) == form


def test_the_words_are_plain_text_not_html() -> None:
    # The feed escapes for XML or iCalendar itself: escaping here too would double it.
    assert label(None, "standard", SITE_LABELS, "titel_namnd", "Bygg- & miljö", "<K>") == (
        "Bygg- & miljö – <K>")


def test_a_municipality_overrides_the_words_in_mallar(tmp_path: Path) -> None:
    (tmp_path / "mallar" / "egen" / "site").mkdir(parents=True)
    (tmp_path / "mallar" / "egen" / LABELS).write_text(
        '{% macro tid(tid) %}klockan {{ tid }}{% endmacro %}\n', encoding="utf-8")
    (tmp_path / "mallar" / "egen" / SITE_LABELS).write_text(
        '{% macro titel_start(webbplats) %}Start – {{ webbplats }}{% endmacro %}\n',
        encoding="utf-8")
    (tmp_path / "mallar" / "egen" / "tid.html").write_text("{{ t | tid }}", encoding="utf-8")
    assert label(tmp_path, "egen", LABELS, "tid", "9.00") == "klockan 9.00"
    assert render(tmp_path, "egen", "tid.html", t="09:00-12:00") == "klockan 09.00–12.00"
    assert label(tmp_path, "egen", SITE_LABELS, "titel_start", "K") == "Start – K"
    # another look, or none, keeps the built-in words
    assert label(tmp_path, "standard", LABELS, "tid", "9.00") == "kl. 9.00"


def test_a_broken_labels_file_names_its_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "mallar" / "egen").mkdir(parents=True)
    (tmp_path / "mallar" / "egen" / LABELS).write_text(
        "{# ord #}\n{% macro tid(tid) %}kl. {{ tid }\n", encoding="utf-8")
    with pytest.raises(TemplateFault) as caught:
        label(tmp_path, "egen", LABELS, "tid", "9.00")
    assert caught.value.where.startswith("mallar/egen/etiketter.txt:")
