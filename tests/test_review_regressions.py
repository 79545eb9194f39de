"""Regressions from reading the format as a test author would (one per finding)."""

import datetime as dt
from pathlib import Path

from helpers import check, dump_yaml, meeting_data, project, rules_of

from protogen.checker import check_project
from protogen.render import protokoll
from protogen.render.base import RenderContext


def test_an_impossible_date_is_a_typ_fel_at_the_value_and_the_rest_is_read(tmp_path):
    text = dump_yaml(meeting_data()).replace("datum: 2024-03-20", "datum: 2024-02-30")
    project(tmp_path, text, folder="2024-03-13")
    result = check(tmp_path)
    typ = [f for f in result.findings if f.rule == "typ"]
    assert len(typ) == 1 and typ[0].pos.line > 1
    assert "2024-02-30 är inget giltigt datum" in typ[0].message
    assert "fas" not in rules_of(result)  # not also called missing
    assert result.project.meetings()[0].place == "Kommunhuset"  # the rest of the file was read


def test_a_broken_organ_file_does_not_cascade_into_every_item(tmp_path):
    project(tmp_path, items=[{"typ": "B"}], organ="namn: [oops\n")
    assert "arendetyp" not in rules_of(check(tmp_path))


def test_broken_front_matter_is_not_also_a_missing_rubrik(tmp_path):
    project(tmp_path, items=["---\nrubrik: [oops\n---\nText\n"])
    found = rules_of(check(tmp_path))
    assert "yaml-syntax" in found and "fas" not in found


def test_front_matter_that_never_closes_is_a_fel(tmp_path):
    project(tmp_path, items=["---\nrubrik: X\nbeslut: Ja.\n"])
    found = [f for f in check(tmp_path).findings if "avslutas aldrig" in f.message]
    assert len(found) == 1 and found[0].level.value == "fel"


def test_a_note_by_an_official_in_ovriga_is_no_unknown_name(tmp_path):
    meeting = meeting_data()
    meeting["närvarande"]["övriga"] = [{"namn": "Karin Kanslist", "titel": "Nämndsekreterare"}]
    project(tmp_path, meeting, items=[{"protokollsanteckningar": [
        {"av": "Karin Kanslist", "text": "Anteckning."}]}])
    assert "namn-okant" not in rules_of(check(tmp_path))


def test_a_pdf_attachment_that_is_not_a_pdf_is_a_bilaga_fel(tmp_path):
    folder = project(tmp_path, items=[{"beslutsunderlag": [{"titel": "B", "fil": "underlag/x.pdf"}]}])
    (folder / "underlag").mkdir()
    (folder / "underlag" / "x.pdf").write_text("not a pdf")
    found = [f for f in check(tmp_path).findings if f.rule == "bilaga"]
    assert len(found) == 1 and "går inte att läsa som PDF" in found[0].message


def test_the_vote_sentence_stays_whole_when_someone_abstains(tmp_path):
    from helpers import NINE

    vote = {"ja": NINE[:4], "nej": NINE[4:8], "avstår": [NINE[8]]}
    project(tmp_path, items=[{"omröstning": vote,
                              "propositionsordning": "Ordföranden ställer proposition."}])
    result = check_project(tmp_path, today=dt.date(2030, 1, 1))
    assert result.errors == 0, [f.format() for f in result.findings]
    html = protokoll.render(result.project.meetings()[0], RenderContext(Path(tmp_path)))[0].data.decode()
    assert "Med 4 ja-röster mot 4 nej-röster beslutar nämnden" in html
    assert "1 avstod från att rösta." in html


def test_one_vote_is_written_in_the_singular(tmp_path):
    from helpers import NINE

    vote = {"ja": NINE[:7], "nej": NINE[7:8], "avstår": [NINE[8]]}
    project(tmp_path, items=[{"omröstning": vote,
                              "propositionsordning": "Ordföranden ställer proposition."}])
    result = check_project(tmp_path, today=dt.date(2030, 1, 1))
    html = protokoll.render(result.project.meetings()[0], RenderContext(Path(tmp_path)))[0].data.decode()
    assert "Med 7 ja-röster mot 1 nej-röst beslutar nämnden" in html



def test_common_yaml_mistakes_are_explained_in_swedish():

    from protogen.findings import Findings
    from protogen.loader.yamlread import read_yaml

    cases = {
        "a: [x, y\nb: 2\n": "en lista inom [ ] avslutas inte",
        "a: {x\n": "en mappning inom { } avslutas inte",
        "a:\n  - x\n y: 2\n": "indraget stämmer inte",
        "a: @x\n": "tecknet @ kan inte inleda ett värde",
    }
    for text, swedish in cases.items():
        findings = Findings()
        assert read_yaml(text, "t.yaml", findings) is None
        (finding,) = findings.items
        assert swedish in finding.message and finding.rule == "yaml-syntax", finding.message
        assert finding.pos.line > 1 or finding.pos.col > 1


def test_cli_usage_errors_read_as_swedish(capsys):
    import pytest

    from protogen.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 2
    assert "dessa argument krävs: KOMMANDO" in capsys.readouterr().err
