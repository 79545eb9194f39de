"""One typo in a name gives one finding: the root 'finns inte i ledamotsregistret (menar du
…?)', which counts the findings that only follow from it, instead of three with the cause
last."""

from __future__ import annotations

from helpers import NINE, check, meeting_data, project

from protogen.consequences import fold
from protogen.findings import Finding, Level, Pos


def misspelt_attendance(root, items):
    present = list(NINE)
    present[1] = "Bertil Bergg"  # Bertil Berg is also the justerare
    project(root, meeting_data(närvarande={"ledamöter": present}), items=items)


def test_a_misspelt_ledamot_gives_one_finding_that_counts_the_rest(tmp_path):
    misspelt_attendance(tmp_path, [{
        "omröstning": {"ja": NINE[:6], "nej": NINE[6:]},
        "propositionsordning": "Ordföranden ställer proposition.",
        "yrkanden": [{"av": "Bertil Berg", "text": "Bifall."}],
    }])
    findings = [f for f in check(tmp_path).findings if f.level is Level.FEL]
    assert len(findings) == 1, [f.format() for f in findings]
    root = findings[0]
    assert root.rule == "namn-okant"
    assert root.message.startswith(
        "Bertil Bergg finns inte i ledamotsregistret (menar du Bertil Berg?); det ger ")
    assert "följdfel till" in root.message
    for rule in ("justerare", "omrostning-roster", "yrkande-deltar"):
        assert rule in root.message
    assert check(tmp_path).warnings == 0  # "omröstningen har 8 röster men 9 deltar" folded too


def test_other_findings_of_the_meeting_are_kept(tmp_path):
    misspelt_attendance(tmp_path, [{"reservationer": [{"av": "Sara Sekreterare"}]}])
    messages = [f.message for f in check(tmp_path).findings]
    assert any("Sara Sekreterare kan inte reservera sig" in m for m in messages)
    assert messages[-1].startswith("Bertil Bergg finns inte")


def test_when_the_name_is_corrected_real_findings_come_back(tmp_path):
    project(tmp_path, meeting_data(närvarande={"ledamöter": NINE[:1] + NINE[2:]}))
    assert [f.rule for f in check(tmp_path).findings] == ["justerare"]


def test_fold_leaves_findings_of_another_meeting_and_whole_names_alone():
    root = Finding(Pos("protokoll/tn/2024-03-13/sammanträde.yaml", 14, 5), Level.FEL,
                   "Bertil Bergg finns inte i ledamotsregistret (menar du Bertil Berg?)",
                   "namn-okant")
    other_meeting = Finding(Pos("protokoll/tn/2024-04-17/sammanträde.yaml", 8, 3), Level.FEL,
                            "justeraren Bertil Berg är inte närvarande", "justerare")
    longer_name = Finding(Pos("protokoll/tn/2024-03-13/01-a.md", 3, 3), Level.FEL,
                          "§ 1: Bertil Bergström yrkar men är inte närvarande", "yrkande-deltar")
    assert fold([longer_name, root, other_meeting]) == [longer_name, root, other_meeting]
