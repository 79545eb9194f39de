import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from helpers import meeting_data, organ_data, project, rule_findings
from where import is_fel, is_varning, line_at, only

from protogen.rules.personnummer import find_numbers, luhn_valid

RULE = "personnummer"
ITEM = "protokoll/tn/2024-03-13/01-arende-1.md"


# -- what is a personnummer --------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "masked", "kind"),
    [
        ("19121212-1212", "19121212-****", "personnummer"),
        ("121212-1212", "121212-****", "personnummer"),
        ("121212+1212", "121212+****", "personnummer"),  # 100 years or older
        ("1212121212", "121212-****", "personnummer"),
        ("191212121212", "19121212-****", "personnummer"),
        ("800101-0001", "800101-****", "personnummer"),
        ("800161-0008", "800161-****", "samordningsnummer"),  # day 1 + 60
        ("000229-1235", "000229-****", "personnummer"),  # 2000-02-29 exists
        ("1912-12-12-1212", "19121212-****", "personnummer"),  # the birth date as an ISO date
        ("1912-12-12 - 1212", "19121212-****", "personnummer"),
    ],
)
def test_numbers_that_are_personnummer(text, masked, kind):
    hits = find_numbers(f"Sökande: {text}.")
    assert [(h.masked, h.kind, h.start) for h in hits] == [(masked, kind, 9)]


@pytest.mark.parametrize(
    "text",
    [
        "769602-5290",  # Kommunsamverkan Hälsingland ek. för.: month 96 (valid check digit)
        "212000-2270",  # a kommun's organisationsnummer: month 20 (valid check digit)
        "556036-0793",  # an aktiebolag: month 60 (valid check digit)
        "19121212-1213",  # wrong check digit
        "1212121213",
        "010229-1234",  # 1901-02-29 and 2001-02-29 do not exist (valid check digit)
        "801301-0005",  # month 13
        "17121212-1212",  # no such century
        "2020-02-14",  # a date
        "2024-03-13-1235",  # a date and a number that is no personnummer (check digit)
        "2020-02-14-parkering",
        "12345678901",  # eleven digits
        "KS 2019/492",
    ],
)
def test_numbers_that_are_not(text):
    assert find_numbers(f"Nummer {text} här") == []


def test_luhn():
    assert luhn_valid("1212121212")
    assert luhn_valid("7696025290")
    assert not luhn_valid("1212121213")


# -- where it is found -------------------------------------------------------------------------

def test_clean_meeting_passes(tmp_path):
    project(tmp_path, items=[{"rubrik": "Avtal med org.nr 769602-5290"}])
    assert rule_findings(tmp_path, RULE) == []


def test_in_the_body_at_its_line_and_column(tmp_path):
    body = "Första stycket.\n\nAnsökan från Tolvan Tolvansson, 19121212-1212, inkom i maj.\n"
    project(tmp_path, items=[_item({}, body)])
    found = only(rule_findings(tmp_path, RULE))
    assert is_fel(found)
    assert found.pos.path == ITEM
    line = line_at(tmp_path, found)
    assert line.startswith("Ansökan från Tolvan")
    assert line[found.pos.col - 1 :].startswith("19121212-1212")
    assert found.message == (
        "personnummer 19121212-**** i ärendetexten: personnummer får inte stå i det som "
        "publiceras; ta bort det"
    )
    assert "19121212-1212" not in found.format()


def test_in_a_block_scalar_beslut_at_its_line(tmp_path):
    front = (
        "rubrik: Bidrag\n"
        "beslut: |\n"
        "  1. Bidrag beviljas.\n"
        "  2. Beslutet skickas till 121212-1212.\n"
    )
    project(tmp_path, items=[f"---\n{front}---\n\nText.\n"])
    found = only(rule_findings(tmp_path, RULE))
    assert "2. Beslutet skickas till 121212-1212" in line_at(tmp_path, found)
    assert "i beslut:" in found.message


def test_in_the_rubrik_at_its_column(tmp_path):
    project(tmp_path, items=["---\nrubrik: Ansökan 1212121212\nbeslut: Bifall.\n---\n"])
    found = only(rule_findings(tmp_path, RULE))
    assert found.pos.line == 2
    assert line_at(tmp_path, found)[found.pos.col - 1 :] == "1212121212"
    assert "i rubrik" in found.message
    assert "121212-****" in found.message


def test_in_a_yrkande_and_a_beslutsunderlag(tmp_path):
    project(tmp_path, items=[{
        "yrkanden": [{"av": "Anna Andersson", "text": "Bifall för 800101-0001."}],
        "beslutsunderlag": ["Ansökan 800161-0008"],
    }])
    found = rule_findings(tmp_path, RULE)
    assert len(found) == 2
    by_text = {f.message.split(" i ")[1].split(":")[0]: f for f in found}
    assert "800101-0001" in line_at(tmp_path, by_text["yrkanden"])
    assert "samordningsnummer 800161-****" in by_text["beslutsunderlag"].message
    assert "800161-0008" in line_at(tmp_path, by_text["beslutsunderlag"])


def test_in_the_meeting_file(tmp_path):
    data = meeting_data()
    data["närvarande"]["övriga"] = [{"namn": "Gäst Gästsson", "titel": "Sökande 121212-1212"}]
    project(tmp_path, data)
    found = only(rule_findings(tmp_path, RULE))
    assert found.pos.path == "protokoll/tn/2024-03-13/sammanträde.yaml"
    assert "121212-1212" in line_at(tmp_path, found)


def test_in_the_register(tmp_path):
    organ = organ_data()
    organ["ledamöter"][8]["kommun"] = "Testkommun 19121212-1212"
    project(tmp_path, organ=organ)
    found = only(rule_findings(tmp_path, RULE))
    assert found.pos.path == "protokoll/tn/organ.yaml"
    assert "19121212-1212" in line_at(tmp_path, found)


def test_in_a_secret_item_it_is_a_varning(tmp_path):
    project(tmp_path, items=[_item({"sekretess": "OSL 26 kap. 1 §"}, "Gäller 121212-1212.\n")])
    found = only(rule_findings(tmp_path, RULE))
    assert is_varning(found)
    assert "sekretessärende" in found.message


def _item(front, body):
    from helpers import item_text

    return item_text(front, body)
