"""The editor schemas: made from the reader's declarations, they accept every bundled example
and reject a broken one at the key that is wrong, as the check does."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from protogen.cli import main
from protogen.findings import Findings
from protogen.loader import fields
from protogen.loader.item import split_front_matter
from protogen.loader.yamlread import read_yaml
from protogen.schema import schema_for

ROOT = Path(__file__).resolve().parents[2]


def validator(kind: str) -> Draft202012Validator:
    schema = schema_for(kind)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def load(path: Path) -> object:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = split_front_matter(text)[0] or ""
    findings = Findings()
    data = read_yaml(text, path.name, findings)
    assert not findings.items, findings.items
    return data


def examples() -> list[tuple[str, Path]]:
    base = ROOT / "protokoll"
    found = [("organ", p) for p in sorted(base.glob("*/organ.yaml"))]
    found += [("sammanträde", p) for p in sorted(base.glob("*/*/sammanträde.yaml"))]
    found += [("ärende", p) for p in sorted(base.glob("*/*/*.md"))]
    found += [("webbplats", ROOT / "webbplats.yaml")]
    return found


@pytest.mark.parametrize("kind,path", examples(), ids=lambda v: str(v).rsplit("protokoll/", 1)[-1])
def test_every_bundled_example_passes(kind, path):
    data = load(path)
    errors = list(validator(kind).iter_errors(data))
    assert errors == [], [(list(e.absolute_path), e.message) for e in errors]
    # As a tool that reads YAML into JSON sees it: dates become strings.
    as_json = json.loads(json.dumps(data, default=str))
    assert list(validator(kind).iter_errors(as_json)) == []


def errors_at(kind: str, data: object) -> list[list[object]]:
    return [list(e.absolute_path) for e in validator(kind).iter_errors(data)]


def gns_meeting() -> dict:
    return copy.deepcopy(dict(load(ROOT / "protokoll/gns/2020-02-14/sammanträde.yaml")))


@pytest.mark.parametrize("change,where", [
    (lambda d: d.__setitem__("status", "klar"), ["status"]),
    (lambda d: d.__setitem__("datum", "14 februari"), ["datum"]),
    (lambda d: d.__setitem__("justerar", ["Mikael Westin"]), []),  # an unknown key
    (lambda d: d["närvarande"].__setitem__("ledamöter", [{"namn": "A", "paragrafer": "ett"}]),
     ["närvarande", "ledamöter"]),
    (lambda d: d["anslag"].__setitem__("uppsatt", 24), ["anslag"]),
    (lambda d: d.pop("plats"), []),
])
def test_a_broken_meeting_fails_at_its_key(change, where):
    data = gns_meeting()
    change(data)
    paths = errors_at("sammanträde", data)
    assert paths, "the schema accepted a broken sammanträde.yaml"
    assert any(p[: len(where)] == where for p in paths), paths


def test_phase_demands_follow_the_status():
    data = gns_meeting()
    del data["justerare"]
    assert errors_at("sammanträde", data)
    data["status"] = "kallelse"
    assert errors_at("sammanträde", data) == []


def test_broken_board_item_and_site_fail_at_their_key():
    organ = dict(load(ROOT / "protokoll/gns/organ.yaml"))
    organ["paragrafnumrering"] = "årsvis"
    assert ["paragrafnumrering"] in errors_at("organ", organ)
    organ = dict(load(ROOT / "protokoll/gns/organ.yaml"))
    organ["ledamöter"][0]["från"] = "januari"
    assert any(p[:1] == ["ledamöter"] for p in errors_at("organ", organ))
    item = {"rubrik": "Budget", "sekretess": True}
    assert any(p[:1] == ["sekretess"] for p in errors_at("ärende", item))
    assert errors_at("ärende", {"dnr": "KS 2024/1"}) == [[]]  # rubrik missing
    assert any(p[:1] == ["färger"] for p in errors_at("webbplats", {"färger": {"primär": "blå"}}))


def test_every_key_the_reader_knows_is_in_the_schema():
    from protogen.loader.meeting import MEETING_KEYS
    from protogen.loader.organ import ORGAN_KEYS

    assert set(schema_for("sammanträde")["properties"]) == set(MEETING_KEYS)
    assert set(schema_for("organ")["properties"]) == set(ORGAN_KEYS)
    assert fields.FILES.keys() == {"organ", "sammanträde", "ärende", "webbplats"}


def test_schema_command_writes_the_four_files(tmp_path, capsys):
    assert main(["schema", str(tmp_path / "schema")]) == 0
    names = sorted(p.name for p in (tmp_path / "schema").iterdir())
    assert names == ["organ.schema.json", "sammanträde.schema.json", "webbplats.schema.json",
                     "ärende.schema.json"]
    written = json.loads((tmp_path / "schema" / "organ.schema.json").read_text(encoding="utf-8"))
    assert written == schema_for("organ")
    assert "organ.schema.json" in capsys.readouterr().out


def test_the_package_ships_the_schemas_as_generated():
    shipped = ROOT / "src/protogen/data/schema"
    for kind in fields.FILES:
        text = (shipped / f"{kind}.schema.json").read_text(encoding="utf-8")
        assert json.loads(text) == schema_for(kind), "run: protogen schema src/protogen/data/schema"
