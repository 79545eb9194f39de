"""Open data users ask for: votes as Popolo vote events linked from the OParl AgendaItem, an
OParl Paper per dnr across meetings, the meeting's invitation (public kallelse), CSV of votes
and attendance per §, and the beslutsunderlag as downloads — none of it from a secret item."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from sitefiles import pdf_text
from siteproject import NINE, PUBLIC_ATTACHMENT, SECRET_MARKERS


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def valid(site: Path, schema: str, data: Any) -> None:
    schemas = site.resolve() / "data" / "schema"
    registry: Registry = Registry()
    for path in schemas.glob("*.json"):
        registry = registry.with_resource(path.as_uri(), Resource(load(path), DRAFT202012))
    validator = Draft202012Validator({"$ref": (schemas / schema).as_uri()}, registry=registry,
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = [e.message for e in validator.iter_errors(data)]
    assert errors == []


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def test_the_vote_is_a_popolo_vote_event_with_every_member(site: Path) -> None:
    votes = load(site / "data/votes.json")
    valid(site, "VoteEventList.json", votes)
    (event,) = votes["data"]  # only § 3 of ks 2024-03-13 was voted on
    valid(site, "VoteEvent.json", load(site / "data/votes/ks/2024-03-13/3.json"))
    assert event["identifier"] == "§ 3" and event["result"] == "pass"
    assert event["counts"] == [{"option": "yes", "value": 5}, {"option": "no", "value": 3},
                               {"option": "abstain", "value": 1}]
    options = {v["voter"]["name"]: v["option"] for v in event["votes"]}
    assert options == {**{n: "yes" for n in NINE[:5]}, **{n: "no" for n in NINE[5:8]},
                       NINE[8]: "abstain"}
    assert all(v["voter_id"].startswith("data/persons/") for v in event["votes"])
    assert "proposition på bifall mot avslag" in event["motion"]["text"]
    by_party = {g["group"]["name"]: g["counts"] for g in event["group_results"]}
    assert {"option": "yes", "value": 2} in by_party["S"]


def test_the_agenda_item_links_its_vote_event_and_its_paper(site: Path) -> None:
    meeting = load(site / "data/meetings/ks/2024-03-13.json")
    item = next(a for a in meeting["agendaItem"] if a["number"] == "§ 3")
    assert item["protogen:voteEvent"] == "data/votes/ks/2024-03-13/3.json"
    assert (site / item["protogen:voteEvent"]).is_file()
    assert item["consultation"].startswith("data/papers/ks-2024-12.json#")
    secret = next(a for a in meeting["agendaItem"] if not a["public"])
    assert "protogen:voteEvent" not in secret and "consultation" not in secret


def test_a_paper_per_dnr_links_every_paragraph_across_meetings(site: Path) -> None:
    papers = load(site / "data/papers.json")
    valid(site, "PaperList.json", papers)
    paper = load(site / "data/papers/ks-2024-12.json")
    assert paper["reference"] == "KS 2024/12"
    assert [c["agendaItem"] for c in paper["consultation"]] == [
        "data/meetings/ks/2024-03-13.json#p3", "data/meetings/ks/2024-04-17.json#p4"]
    assert paper["name"] == "Budgetuppföljning"  # the latest title
    references = {p["reference"] for p in papers["data"]}
    assert SECRET_MARKERS["dnr"] not in references and SECRET_MARKERS["kf-dnr"] not in references


def test_the_meeting_has_its_invitation_and_its_underlag(site: Path) -> None:
    meeting = load(site / "data/meetings/ks/2024-03-13.json")
    assert meeting["invitation"]["accessUrl"] == "ks/2024-03-13/kallelse.pdf"
    assert (site / "ks/2024-03-13/kallelse.pdf").is_file()
    assert [f["accessUrl"] for f in meeting["auxiliaryFile"]] == ["ks/2024-03-13/underlag/3-plan.pdf"]
    coming = load(site / "data/meetings/kf/2024-04-18.json")
    assert coming["invitation"]["accessUrl"] == "kf/2024-04-18/kallelse.pdf"
    page = (site / "ks/2024-03-13/index.html").read_text(encoding="utf-8")
    assert 'href="../../ks/2024-03-13/kallelse.pdf"' in page
    assert 'href="../../ks/2024-03-13/underlag/3-plan.pdf"' in page
    assert PUBLIC_ATTACHMENT in pdf_text((site / "ks/2024-03-13/underlag/3-plan.pdf").read_bytes())
    assert sorted(p.name for p in (site / "ks/2024-03-13/underlag").iterdir()) == ["3-plan.pdf"]


def test_votes_and_attendance_as_csv(site: Path) -> None:
    votes = rows(site / "data/votes.csv")
    assert len(votes) == 9
    assert {(r["namn"], r["parti"], r["röst"]) for r in votes} >= {
        ("Anna Andersson", "S", "ja"), ("Ingrid Ivarsson", "SD", "avstår")}
    assert all(r["paragraf"] == "3" and r["utfall"] == "ja" for r in votes)
    assert rows(site / "data/meetings/ks/2024-03-13-votes.csv") == votes
    attendance = rows(site / "data/meetings/ks/2024-03-13-attendance.csv")
    assert {r["paragraf"] for r in attendance} == {"1", "3"}  # § 2 is secret: no rows
    assert {r["namn"] for r in attendance if r["roll"] == "övrig"} == {"Olle Offentlig"}
    third = [r for r in attendance if r["paragraf"] == "3" and r["roll"] == "ledamot"]
    assert len(third) == 9 and all(r["beslutande"] == "ja" for r in third)
    every = rows(site / "data/attendance.csv")
    assert {r["organ"] for r in every} >= {"Kommunstyrelsen", "Kommunfullmäktige"}
