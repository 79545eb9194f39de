import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import NINE, meeting_data, organ_data, project, rule_findings
from people_helpers import line_at, only

from protogen.findings import Level

ID = "namn-okant"


def test_all_names_known_and_officials_excepted(tmp_path):
    project(tmp_path, meeting_data(närvarande={
        "ledamöter": list(NINE),
        "övriga": [{"namn": "Li Zakrisson", "titel": "E-strateg"}],
    }))
    assert rule_findings(tmp_path, ID) == []


def test_misspelt_justerare_gets_a_suggestion(tmp_path):
    project(tmp_path, meeting_data(justerare=["Bertil Bergh"]))
    found = only(rule_findings(tmp_path, ID))
    assert found.level is Level.FEL
    assert found.message == (
        "Bertil Bergh finns inte i ledamotsregistret (menar du Bertil Berg?)"
    )
    assert found.pos.path == "protokoll/tn/2024-03-13/sammanträde.yaml"
    assert "Bertil Bergh" in line_at(tmp_path, found)


def test_unknown_names_in_an_item_are_found_where_they_stand(tmp_path):
    project(tmp_path, items=[{
        "yrkanden": [{"av": "Evva Ek", "text": "Bifall."}],
        "propositionsordning": "Ordföranden ställer proposition och finner bifall.\n",
        "omröstning": {"ja": ["Anna Andersson", "Fredrik Frisc"], "nej": []},
        "reservationer": [{"av": "Okänd Person"}],
        "protokollsanteckningar": [{"av": "Gunila Gran", "text": "En anteckning."}],
        "jäv": ["Hans Hol"],
        "ordförande": "Cecila Carlsson",
    }])
    found = rule_findings(tmp_path, ID)
    by_name = {f.message.split(" finns")[0].removeprefix("§ 1: ")
               .removesuffix(" kan inte reservera sig:"): f for f in found}
    assert set(by_name) == {"Evva Ek", "Fredrik Frisc", "Okänd Person", "Gunila Gran",
                            "Hans Hol", "Cecila Carlsson"}
    assert "(menar du Eva Ek?)" in by_name["Evva Ek"].message
    assert "(menar du Cecilia Carlsson?)" in by_name["Cecila Carlsson"].message
    assert "menar du" not in by_name["Okänd Person"].message
    for name, finding in by_name.items():
        assert finding.pos.path.endswith("01-arende-1.md")
        assert name in line_at(tmp_path, finding)


def test_unknown_substitute_and_the_ledamot_replaced(tmp_path):
    project(tmp_path, meeting_data(närvarande={
        "ledamöter": NINE[:8],
        "tjänstgörande_ersättare": [{"namn": "Jonas Janson", "ersätter": "Ingrid Ivarson"}],
    }))
    found = rule_findings(tmp_path, ID)
    messages = sorted(f.message for f in found)
    assert messages == [
        "Ingrid Ivarson finns inte i ledamotsregistret (menar du Ingrid Ivarsson?)",
        "Jonas Janson finns inte i ledamotsregistret (menar du Jonas Jansson?)",
    ]
    assert all(f.level is Level.FEL for f in found)


def test_ledamot_whose_term_has_ended(tmp_path):
    organ = organ_data()
    organ["ledamöter"][8]["till"] = dt.date(2023, 12, 31)
    project(tmp_path, organ=organ)
    found = only(rule_findings(tmp_path, ID))
    assert found.message == (
        "Ingrid Ivarsson är inte ledamot den 2024-03-13 (uppdraget gäller till 2023-12-31)"
    )
    assert "Ingrid Ivarsson" in line_at(tmp_path, found)


def test_ersattare_listed_as_ledamot(tmp_path):
    project(tmp_path, meeting_data(närvarande={"ledamöter": NINE[:8] + ["Jonas Jansson"]}))
    found = only(rule_findings(tmp_path, ID))
    assert found.message.startswith("Jonas Jansson är inte ledamot den 2024-03-13 utan ersättare")
    assert "Jonas Jansson" in line_at(tmp_path, found)


def test_ledamot_listed_as_ersattare(tmp_path):
    project(tmp_path, meeting_data(närvarande={
        "ledamöter": NINE[:8],
        "ersättare": [NINE[8]],
    }))
    found = only(rule_findings(tmp_path, ID))
    assert found.message.startswith("Ingrid Ivarsson är inte ersättare den 2024-03-13 utan ledamot")


def test_names_are_checked_in_a_kallelse_too(tmp_path):
    meeting = meeting_data(status="kallelse", ordförande="Ana Andersson")
    for key in ("justerare", "justering", "närvarande", "anslag"):
        del meeting[key]
    project(tmp_path, meeting)
    found = only(rule_findings(tmp_path, ID))
    assert found.message == (
        "Ana Andersson finns inte i ledamotsregistret (menar du Anna Andersson?)"
    )
