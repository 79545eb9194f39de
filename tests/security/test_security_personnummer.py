"""Issue 8 (input side), break 6 and issue 14: personnummer in every form and field."""

from __future__ import annotations

import pytest
from helpers import check, item_text, project
from secproject import checked, fel

from protogen.findings import Level

# -- break 6 and issue 14: personnummer in every form and field ----------------------------------

FORMS = ["19121212–1212", "19121212 1212", "**19121212-1212**", "1912\u200b1212-1212",
         "191212\u00ad12-1212", "１９１２１２１２－１２１２", "19121212&ndash;1212",
         "<b>191212</b>12-1212", "`121212-1212`", "121212\u20111212", "19121212\u00a0-\u00a01212"]


@pytest.mark.parametrize("form", FORMS)
def test_find_numbers_sees_every_form(form):
    from protogen.rules.personnummer import find_numbers

    text = f"Sökande {form} i ärendet."
    [hit] = find_numbers(text)
    assert hit.kind == "personnummer"
    assert hit.start == next(i for i, c in enumerate(text) if c.isdigit())  # the first digit


@pytest.mark.parametrize("form", FORMS)
def test_every_form_is_a_fel_in_the_body(tmp_path, form):
    result = checked(tmp_path, item_text({"rubrik": "Ärende"}, f"Sökande {form}.\n"))
    assert [f.rule for f in fel(result)] == ["personnummer"], [f.format() for f in result.findings]


@pytest.mark.parametrize("field,where", [
    ("parti", "organ"), ("ärendetyper", "organ"), ("sekretess", "item"), ("titel", "övriga"),
])
def test_every_field_a_public_file_shows_is_checked(tmp_path, field, where):
    from helpers import NINE, meeting_data, organ_data

    number = "19121212–1212"
    organ = organ_data()
    meeting = meeting_data()
    front: dict = {}
    if field == "parti":
        organ["ledamöter"][2]["parti"] = f"S {number}"
    elif field == "ärendetyper":
        organ["ärendetyper"] = {"B": f"beslut {number}"}
    elif field == "sekretess":
        front["sekretess"] = f"OSL 26 kap. 1 § {number}"
    else:
        meeting["närvarande"]["övriga"] = [{"namn": "Li Lind", "titel": f"Handläggare {number}"}]
    project(tmp_path, meeting=meeting, organ=organ, items=[front])
    found = [f for f in check(tmp_path).findings if f.rule == "personnummer"]
    assert found and all(f.level is Level.FEL for f in found), [f.format() for f in found]
    assert NINE


def test_webbplats_yaml_is_checked(tmp_path):
    from protogen.site.config import load_config

    project(tmp_path)
    (tmp_path / "webbplats.yaml").write_text("namn: Kommunen\nbeskrivning: Kontakt 19121212 1212\n",
                                             encoding="utf-8")
    _, findings = load_config(tmp_path)
    assert [f.format()[:len("webbplats.yaml:2:")] for f in findings if f.rule == "personnummer"] == [
        "webbplats.yaml:2:"]


@pytest.mark.parametrize("number", ["19410302-1234", "410302-1234", "410302–1234"])
@pytest.mark.parametrize("secret", [False, True])
def test_a_number_failing_the_check_digit_is_a_varning(tmp_path, number, secret):
    front = {"sekretess": "OSL 26 kap. 1 §"} if secret else {}
    project(tmp_path, items=[item_text({"rubrik": "Ärende", **front}, f"Sökande {number}.\n")])
    found = [f for f in check(tmp_path).findings if f.rule == "personnummer"]
    assert len(found) == 1 and found[0].level is Level.VARNING
    assert "kan vara ett felskrivet personnummer" in found[0].message
    assert number[-4:] not in found[0].message  # the number is never repeated whole


@pytest.mark.parametrize("text", ["org.nr 769602-5290", "tel 0701234567", "dnr 2024-0312-01",
                                  "KS 2024/1234", "212000-2270"])
def test_ordinary_numbers_pass(tmp_path, text):
    project(tmp_path, items=[item_text({"rubrik": "Ärende"}, f"{text}.\n")])
    assert [f for f in check(tmp_path).findings if f.rule == "personnummer"] == []
