from helpers import NINE, check, meeting_data, project, rule_findings


def test_all_present_is_quorate(tmp_path):
    project(tmp_path)
    assert rule_findings(tmp_path, "beslutforhet") == []


def test_four_of_nine_is_not_quorate(tmp_path):
    present = NINE[:4]
    project(tmp_path, meeting_data(närvarande={"ledamöter": present}, justerare=[NINE[1]]))
    found = rule_findings(tmp_path, "beslutforhet")
    assert len(found) == 1
    assert "§ 1: 4 av 9 ledamöter deltar i beslutet; minst 5 krävs för beslutförhet" in found[0].message
    assert found[0].pos.path.endswith("sammanträde.yaml")


def test_jav_counts_against_quorum_and_is_named(tmp_path):
    present = NINE[:5]
    project(tmp_path, meeting_data(närvarande={"ledamöter": present}),
            items=[{"jäv": [NINE[4]]}])
    found = rule_findings(tmp_path, "beslutforhet")
    assert len(found) == 1
    assert f"(jäv: {NINE[4]})" in found[0].message
    assert found[0].pos.path.endswith("01-arende-1.md")


def test_fixed_number_from_board(tmp_path):
    from helpers import organ_data

    project(tmp_path, meeting_data(närvarande={"ledamöter": NINE[:6]}),
            organ=organ_data(beslutförhet=7))
    result = check(tmp_path)
    assert [f.message for f in result.findings if f.rule == "beslutforhet"] == [
        "§ 1: 6 av 9 ledamöter deltar i beslutet; minst 7 krävs för beslutförhet"
    ]


def test_serving_ersattare_counts(tmp_path):
    present = NINE[:4]
    project(tmp_path, meeting_data(närvarande={
        "ledamöter": present,
        "tjänstgörande_ersättare": [{"namn": "Jonas Jansson", "ersätter": NINE[5]}],
    }))
    assert rule_findings(tmp_path, "beslutforhet") == []
