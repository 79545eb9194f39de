from helpers import organ_data, project, rule_findings


def test_builtin_and_own_templates_pass(tmp_path):
    project(tmp_path, organ=organ_data(mall="beslut-forst"))
    assert rule_findings(tmp_path, "mall") == []
    (tmp_path / "mallar" / "kommunen").mkdir(parents=True)
    project(tmp_path, organ=organ_data(mall="kommunen"))
    assert rule_findings(tmp_path, "mall") == []


def test_unknown_template_is_a_fel_with_a_suggestion(tmp_path):
    project(tmp_path, organ=organ_data(mall="beslut-först"))
    found = rule_findings(tmp_path, "mall")
    assert len(found) == 1
    assert found[0].level.value == "fel"
    assert found[0].pos.path == "protokoll/tn/organ.yaml"
    assert "beslut-först" in found[0].message and "menar du beslut-forst?" in found[0].message
