import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import NINE, meeting_data, project, rule_findings
from people_helpers import line_at, only

from protogen.findings import Level

ID = "ersattare-parti"


def without_anna(**lists):
    # Anna Andersson (S) is away; Jonas Jansson (S), Karin Krantz (M), Lars Lind (C) ersättare.
    return meeting_data(ordförande=NINE[1], justerare=[NINE[2]],
                        närvarande={"ledamöter": NINE[1:], **lists})


def test_own_party_ersattare_serves(tmp_path):
    project(tmp_path, without_anna(
        tjänstgörande_ersättare=[{"namn": "Jonas Jansson", "ersätter": NINE[0]}],
        ersättare=["Karin Krantz"],
    ))
    assert rule_findings(tmp_path, ID) == []


def test_other_party_serves_when_none_of_own_party_is_there(tmp_path):
    project(tmp_path, without_anna(
        tjänstgörande_ersättare=[{"namn": "Karin Krantz", "ersätter": NINE[0]}],
        ersättare=["Lars Lind"],
    ))
    assert rule_findings(tmp_path, ID) == []


def test_other_party_serves_while_own_party_waits(tmp_path):
    project(tmp_path, without_anna(
        tjänstgörande_ersättare=[{"namn": "Karin Krantz", "ersätter": NINE[0]}],
        ersättare=["Jonas Jansson"],
    ))
    found = only(rule_findings(tmp_path, ID))
    assert found.level is Level.VARNING
    assert found.message == (
        "§ 1: ersättaren Karin Krantz (M) tjänstgör för Anna Andersson (S) fast ersättaren "
        "Jonas Jansson (S) från samma parti var närvarande utan att tjänstgöra "
        "(inkallelseordning)"
    )
    assert found.pos.path.endswith("sammanträde.yaml")
    assert "Karin Krantz" in line_at(tmp_path, found)


def test_own_party_ersattare_who_came_after_is_no_reason(tmp_path):
    project(tmp_path, without_anna(
        tjänstgörande_ersättare=[
            {"namn": "Karin Krantz", "ersätter": NINE[0], "paragrafer": "1"}],
        ersättare=[{"namn": "Jonas Jansson", "paragrafer": "2"}],
    ), items=[{}, {}])
    assert rule_findings(tmp_path, ID) == []
