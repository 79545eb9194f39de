"""Reading organ.yaml: the board, its rules and its register of members."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from protogen.findings import Findings, Pos
from protogen.limits import read_text
from protogen.loader import fields
from protogen.loader.yamlread import Node, read_yaml, shown
from protogen.model import Organ, ParseFailure, Person, PlanEntry

ORGAN_KEYS = fields.ORGAN.names()
PERSON_KEYS = fields.PERSON.names()
PLAN_KEYS = fields.PLAN_ENTRY.names()
NUMBERINGS = fields.NUMBERINGS


def load_organ(folder: Path, root: Path, findings: Findings) -> Organ:
    """Read `folder/organ.yaml`; a missing or broken file gives an Organ with defaults."""
    path = folder / "organ.yaml"
    rel = path.relative_to(root).as_posix()
    organ = Organ(pos=Pos(rel), id=folder.name, folder=folder, name=folder.name)
    if not path.is_file():
        findings.fel(Pos(rel), f"organ.yaml saknas för {folder.name}", "organ-saknas")
        organ.failure = ParseFailure(Pos(rel))
        return organ
    reported = len(findings.items)
    data = read_yaml(read_text(path, rel, findings) or "", rel, findings)
    if not isinstance(data, dict):
        organ.failure = ParseFailure(Pos(rel))
    if data is None:
        if len(findings.items) == reported:  # read without error, yet empty (or `null`)
            findings.fel(Pos(rel), "organ.yaml är tom", "saknas")
        return organ
    if not isinstance(data, dict):
        findings.fel(Pos(rel), "organ.yaml ska vara en mappning (nyckel: värde)", "typ")
        return organ
    node = Node(data, rel, findings, where="organ.yaml")
    node.check_keys(ORGAN_KEYS, "organ.yaml")
    organ.positions = node.positions()
    if node.require("namn", "organ.yaml"):
        organ.name = node.text("namn") or organ.name
    organ.short_name = node.text("kortnamn")
    organ.host = node.text("huvudman")
    organ.archive_place = node.text("förvaringsplats")
    organ.numbering = _numbering(node)
    organ.has_anslag = node.boolean("anslag", default=True)
    organ.quorum = _quorum(node)
    organ.template = node.text("mall") or "standard"
    organ.item_kinds = _item_kinds(node)
    organ.members = _people(node, "ledamöter", is_deputy=False)
    organ.deputies = _people(node, "ersättare", is_deputy=True)
    organ.schedule = _schedule(node)
    organ.min_adjusters = _positive(node, "justerare_minst", 1)
    organ.adjustment_days = _positive(node, "justering_dagar", 14)
    organ.invitation_days = node.integer("kallelse_dagar")
    organ.secret_titles_in_invitation = node.boolean("sekretess_rubrik_i_kallelse", default=False)
    organ.kind = (node.text("typ") or "").strip() or None
    organ.mark_adjusted = node.boolean("paragrafen_justerad")
    if not organ.members:
        findings.fel(node.pos(), "ledamöter saknas i organ.yaml", "saknas")
    _duplicates(organ, findings)
    return organ


def _numbering(node: Node) -> str:
    value = node.text("paragrafnumrering")
    if value is None:
        return "per_år"
    if value not in NUMBERINGS:
        node.findings.fel(
            node.value_pos("paragrafnumrering"),
            f"paragrafnumrering ska vara per_år eller löpande, inte {shown(value)}",
            "typ",
        )
        return "per_år"
    return value


def _quorum(node: Node) -> str | int:
    value = node.raw("beslutförhet")
    if value is None or value == "hälften":
        return "hälften"
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    node.findings.fel(
        node.value_pos("beslutförhet"),
        f"beslutförhet ska vara hälften eller ett positivt heltal, inte {shown(value)}",
        "typ",
    )
    return "hälften"


def _positive(node: Node, key: str, default: int) -> int:
    value = node.integer(key)
    if value is None:
        return default
    if value < 1:
        node.findings.fel(node.value_pos(key), f"{key} ska vara minst 1", "typ")
        return default
    return value


def _item_kinds(node: Node) -> dict[str, str]:
    kinds = node.mapping("ärendetyper", "ärendetyper")
    if kinds is None:
        return {}
    return {str(k): str(v) for k, v in kinds.data.items() if v is not None}


def _people(node: Node, key: str, *, is_deputy: bool) -> list[Person]:
    people: list[Person] = []
    for value, pos in node.sequence(key):
        if isinstance(value, str):
            people.append(Person(pos=pos, name=value.strip(), is_deputy=is_deputy))
            continue
        if not isinstance(value, dict):
            node.findings.fel(pos, f"en person i {key} ska ha namn, parti, …", "typ")
            continue
        child = node.child(value, key)
        child.check_keys(PERSON_KEYS, key)
        if not child.require("namn", f"en person i {key}"):
            continue
        person = Person(
            pos=child.pos(),
            positions=child.positions(),
            name=(child.text("namn") or "").strip(),
            party=child.text("parti"),
            municipality=child.text("kommun"),
            role=child.text("uppdrag"),
            start=child.date("från"),
            end=child.date("till"),
            is_deputy=is_deputy,
        )
        if person.start and person.end and person.end < person.start:
            node.findings.fel(
                child.value_pos("till"), f"{shown(person.name)}: till är före från", "typ"
            )
        people.append(person)
    return people


def _schedule(node: Node) -> list[PlanEntry]:
    """`sammanträdesplan:` as one list of dated entries, or grouped by year
    (`sammanträdesplan: {2024: [...], 2025: [...]}`); the year of an entry is its date's."""
    plan = node.raw("sammanträdesplan")
    if isinstance(plan, dict):
        entries: list[PlanEntry] = []
        for year in plan:
            yearly = node.mapping("sammanträdesplan", "sammanträdesplan")
            if yearly is not None:
                entries += _schedule_list(yearly, year)
        return entries
    return _schedule_list(node, "sammanträdesplan")


def _schedule_list(node: Node, key: object) -> list[PlanEntry]:
    entries: list[PlanEntry] = []
    for value, pos in node.sequence(key):  # type: ignore[arg-type]
        if not isinstance(value, dict):
            node.findings.fel(pos, "en post i sammanträdesplan ska ha datum, tid och plats", "typ")
            continue
        child = node.child(value, "sammanträdesplan")
        child.check_keys(PLAN_KEYS, "sammanträdesplan")
        if not child.require("datum", "sammanträdesplan"):
            continue
        entries.append(
            PlanEntry(
                pos=child.pos(),
                positions=child.positions(),
                date=child.date("datum"),
                time=child.text("tid"),
                place=child.text("plats"),
                note=child.text("anteckning") or child.text("notering"),
                cancelled=child.boolean("inställt"),
            )
        )
    return entries


def _duplicates(organ: Organ, findings: Findings) -> None:
    seen: dict[str, Any] = {}
    for person in organ.members + organ.deputies:
        if person.name in seen:
            overlapping = seen[person.name].is_deputy == person.is_deputy
            if overlapping:
                findings.fel(
                    person.pos,
                    f"{shown(person.name)} står två gånger i registret",
                    "namn-dubblett",
                )
        else:
            seen[person.name] = person
