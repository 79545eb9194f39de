from helpers import meeting_data, project, rule_findings


def test_times_in_the_usual_forms_pass(tmp_path):
    project(tmp_path, meeting_data(tid="09:00-12:00", justering={"datum": "2024-03-20", "tid": "11:00"}))
    assert rule_findings(tmp_path, "tid") == []


def test_a_time_in_another_form_is_a_varning_at_its_line(tmp_path):
    project(tmp_path, meeting_data(tid="kl. 9-12"))
    found = rule_findings(tmp_path, "tid")
    assert len(found) == 1 and found[0].level.value == "varning"
    assert found[0].pos.path.endswith("sammanträde.yaml") and found[0].pos.line == 2
    assert "kl. 9-12" in found[0].message


def test_an_hour_alone_is_a_varning(tmp_path):
    project(tmp_path, meeting_data(tid=9))
    assert len(rule_findings(tmp_path, "tid")) == 1
