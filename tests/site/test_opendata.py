"""Open data: every JSON file parses and validates against the JSON Schema (draft 2020-12)
published beside it, and holds the boards, people, meetings, decisions, attendance and
per-person votes in the shape of OParl 1.1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

FILES = {"index.json": "System.json", "bodies.json": "BodyList.json",
         "organizations.json": "OrganizationList.json", "persons.json": "PersonList.json",
         "meetings.json": "MeetingList.json", "votes.json": "VoteEventList.json",
         "papers.json": "PaperList.json"}
FOLDERS = {"organizations": "Organization.json", "persons": "Person.json",
           "votes": "VoteEvent.json", "papers": "Paper.json"}


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def validator(site: Path, schema_name: str) -> Draft202012Validator:
    schemas = site.resolve() / "data" / "schema"
    registry: Registry = Registry()
    for path in schemas.glob("*.json"):
        registry = registry.with_resource(path.as_uri(), Resource(load(path), DRAFT202012))
    target = (schemas / schema_name).as_uri()
    Draft202012Validator.check_schema(load(schemas / schema_name))
    return Draft202012Validator({"$ref": target}, registry=registry,
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_for(site: Path, path: Path) -> str:
    rel = path.relative_to(site / "data").as_posix()
    if rel in FILES:
        return FILES[rel]
    top = rel.split("/")[0]
    if top in FOLDERS:
        return FOLDERS[top]
    assert top == "meetings", rel
    return "MeetingList.json" if rel.count("/") == 1 else "Meeting.json"


def data_files(site: Path) -> list[Path]:
    return sorted(p for p in (site / "data").rglob("*.json") if "schema" not in p.parts)


def test_every_schema_is_valid_draft_2020_12(site: Path) -> None:
    schemas = sorted((site / "data" / "schema").glob("*.json"))
    assert len(schemas) >= 9
    for path in schemas:
        schema = load(path)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(schema)


def test_every_data_file_validates(site: Path) -> None:
    files = data_files(site)
    assert len(files) > 10
    for path in files:
        errors = list(validator(site, schema_for(site, path)).iter_errors(load(path)))
        assert errors == [], f"{path}: {[e.message for e in errors[:3]]}"


def test_the_schema_rejects_what_it_should(site: Path) -> None:
    meeting = load(site / "data/meetings/ks/2024-03-13.json")
    check = validator(site, "Meeting.json")
    secret = next(a for a in meeting["agendaItem"] if not a["public"])
    secret["resolutionText"] = "hemligt"
    assert not check.is_valid(meeting)  # a secret item may carry nothing more
    broken = load(site / "data/meetings/ks/2024-03-13.json")
    broken["type"] = "https://schema.oparl.org/1.1/Person"
    assert not check.is_valid(broken)


def test_oparl_shape_and_links(site: Path) -> None:
    system = load(site / "data/index.json")
    assert system["type"] == "https://schema.oparl.org/1.1/System"
    body = load(site / "data/bodies.json")["data"][0]
    organizations = load(site / "data/organizations.json")["data"]
    assert {o["shortName"] for o in organizations} == {"KS", "BUN", "SFB", "KF"}
    meetings = load(site / "data/meetings.json")["data"]
    ids = {m["id"] for m in meetings}
    assert all(o["body"] == body["id"] for o in organizations)
    assert all(m["organization"][0] in {o["id"] for o in organizations} for m in meetings)
    for meeting in meetings:
        assert (site / meeting["id"]).is_file()  # ids are site paths without `adress`
    assert len(ids) == len(meetings) == 7  # five justerade, two called
    called = next(m for m in meetings if m["meetingState"] == "kallat"
                  and m["id"].startswith("data/meetings/ks/"))
    assert [a["name"] for a in called["agendaItem"]] == ["Årsredovisning 2023",
                                                         "Sekretessbelagt ärende"]


def test_people_have_party_municipality_and_role(site: Path) -> None:
    persons = {p["name"]: p for p in load(site / "data/persons.json")["data"]}
    anna = persons["Anna Andersson"]
    assert anna["protogen:parti"] == "S" and anna["protogen:kommun"] == "Testkommun"
    roles = {m["role"] for m in anna["membership"]}
    assert "ordförande" in roles
    assert persons["Jonas Jansson"]["membership"][0]["votingRight"] is False


def test_decisions_attendance_and_votes(site: Path) -> None:
    meeting = load(site / "data/meetings/ks/2024-03-13.json")
    assert meeting["start"] == "2024-03-13T09:00:00+01:00"
    assert meeting["end"] == "2024-03-13T12:00:00+01:00"
    assert meeting["resultsProtocol"]["accessUrl"] == "ks/2024-03-13/protokoll.pdf"
    assert len(meeting["participant"]) == 9
    roles = {a["namn"]: a["roll"] for a in meeting["protogen:närvaro"]}
    assert roles["Olle Offentlig"] == "övrig" and roles["Anna Andersson"] == "ledamot"
    voted = next(a for a in meeting["agendaItem"] if "protogen:omröstning" in a)
    assert voted["resolutionText"] == "Kommunen medfinansierar projektet."
    vote = voted["protogen:omröstning"]
    assert (vote["ja"], vote["nej"], vote["avstår"], vote["utfall"]) == (5, 3, 1, "ja")
    by_name = {v["namn"]: v["röst"] for v in vote["röster"]}
    assert by_name["Fredrik Frisk"] == "nej" and by_name["Ingrid Ivarsson"] == "avstår"
    assert voted["resolutionFile"]["accessUrl"] == "ks/2024-03-13/utdrag/3.pdf"
    assert meeting["protogen:anslag"] == {"uppsatt": "2024-03-21", "nedtaget": "2024-04-11"}


@pytest.mark.parametrize("name", ["persons.json", "meetings.json", "organizations.json"])
def test_the_lists_count_what_they_hold(site: Path, name: str) -> None:
    data = load(site / "data" / name)
    assert data["pagination"]["totalElements"] == len(data["data"])
