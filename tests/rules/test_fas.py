import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import item_text, meeting_data, project, rule_findings
from where import is_fel, line_at, only

RULE = "fas"
MEETING = "protokoll/tn/2024-03-13/sammanträde.yaml"


def kallelse(**overrides):
    data = meeting_data(status="kallelse", **overrides)
    for key in ("ordförande", "justerare", "justering", "närvarande", "anslag", "sekreterare"):
        data.pop(key)
    return data


def test_a_kallelse_needs_little(tmp_path):
    project(tmp_path, kallelse(), [{"rubrik": "Budget", "förslag_till_beslut": "Bifall.\n"}])
    # item_text adds a beslut by default; a kallelse without beslut passes too.
    (tmp_path / "protokoll/tn/2024-03-13/01-arende-1.md").write_text(
        "---\nrubrik: Budget\nförslag_till_beslut: Bifall.\n---\n", encoding="utf-8")
    assert rule_findings(tmp_path, RULE) == []


def test_justerat_complete_passes(tmp_path):
    project(tmp_path)
    assert rule_findings(tmp_path, RULE) == []


def test_kallelse_without_tid_and_plats(tmp_path):
    data = kallelse()
    data.pop("tid")
    data.pop("plats")
    project(tmp_path, data)
    found = rule_findings(tmp_path, RULE)
    assert [f.message.split(" ")[0] for f in found] == ["plats", "tid"]
    assert all(is_fel(f) and f.pos.path == MEETING and f.pos.line == 1 for f in found)
    assert "tid saknas i sammanträde.yaml" in found[1].message


def test_an_empty_tid(tmp_path):
    text = "datum: 2024-03-13\ntid:\nplats: Kommunhuset\nstatus: kallelse\n"
    project(tmp_path, text)
    found = only(rule_findings(tmp_path, RULE))
    assert (found.pos.path, found.pos.line) == (MEETING, 1)
    assert "tid har inget värde" in found.message


def test_an_item_without_rubrik(tmp_path):
    project(tmp_path, kallelse(), ["---\ndnr: TN 2024/1\n---\n\nText.\n"])
    found = only(rule_findings(tmp_path, RULE))
    assert found.pos.path.endswith("01-arende-1.md")
    assert "rubrik saknas i § 1" in found.message


def test_a_meeting_without_items(tmp_path):
    project(tmp_path, kallelse(), [])
    found = only(rule_findings(tmp_path, RULE))
    assert found.pos == found.pos.__class__(MEETING, 1, 1)
    assert "inga ärenden" in found.message


def test_utkast_needs_attendance_chair_secretary_and_justerare(tmp_path):
    data = meeting_data(status="utkast")
    for key in ("ordförande", "sekreterare", "justerare", "närvarande", "anslag"):
        data.pop(key)
    project(tmp_path, data)
    messages = [f.message for f in rule_findings(tmp_path, RULE)]
    for key in ("närvarande", "ordförande", "sekreterare", "justerare"):
        assert any(m.startswith(f"{key} saknas: ett hållet sammanträde (status utkast)")
                   for m in messages), (key, messages)
    assert len(messages) == 4


def test_empty_justerare_list(tmp_path):
    project(tmp_path, meeting_data(status="utkast", justerare=[]))
    found = only(rule_findings(tmp_path, RULE))
    assert (found.pos.path, found.pos.line) == (MEETING, 1)
    assert found.message.startswith("justerare saknas")


def test_held_meeting_needs_a_beslut_for_every_proposal(tmp_path):
    item = "---\nrubrik: Budget\nförslag_till_beslut: Budgeten fastställs.\n---\n\nText.\n"
    project(tmp_path, meeting_data(status="utkast"), [{}, item])
    found = only(rule_findings(tmp_path, RULE))
    assert found.pos.path.endswith("02-arende-2.md")
    assert "förslag_till_beslut" in line_at(tmp_path, found)
    assert found.message.startswith("§ 2 har förslag till beslut men inget beslut")


def test_justerat_needs_the_justering_date(tmp_path):
    data = meeting_data()
    data.pop("justering")
    project(tmp_path, data)
    found = only(rule_findings(tmp_path, RULE))
    assert found.pos.path == MEETING
    assert found.message.startswith("justering.datum saknas")


def test_missing_anslag_is_left_to_anslag_senast(tmp_path):
    data = meeting_data()
    data.pop("anslag")
    project(tmp_path, data)
    assert rule_findings(tmp_path, RULE) == []
    assert len(rule_findings(tmp_path, "anslag-senast")) == 1


def test_item_text_helper_gives_beslut():
    assert "beslut" in item_text()
