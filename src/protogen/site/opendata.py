"""Open data: the boards, people, meetings, agenda items, decisions and votes as JSON, shaped
after OParl 1.1 (https://oparl.org): System, Body, Organization, Person, Membership, Meeting,
Location, AgendaItem and File, with their property names and types. What OParl has no word for
(party, attendance, per-person votes, dnr, yrkanden, anslag) is an extension property prefixed
`protogen:`. The JSON Schema (draft 2020-12) of every file lies under `data/schema/`.

Files, relative to the site root::

    data/index.json                           System
    data/bodies.json                          list of Body (the municipality)
    data/organizations.json                   list of Organization (the boards)
    data/organizations/<organ>.json           Organization
    data/persons.json                         list of Person, with their memberships
    data/persons/<person>.json                Person
    data/meetings.json                        list of Meeting, with their agenda items
    data/meetings/<organ>.json                list of the board's Meeting
    data/meetings/<organ>/<meeting>.json      Meeting (its `invitation`: the public kallelse)
    data/votes.json                           list of Popolo VoteEvent (site/records.py)
    data/votes/<organ>/<meeting>/<§>.json     VoteEvent, linked from its AgendaItem
    data/papers.json, data/papers/<dnr>.json  OParl Paper per dnr, every § it came up in
    data/votes.csv, data/attendance.csv       the same as CSV (and per meeting, beside it)

An `id` is the object's address: absolute when webbplats.yaml gives `adress`, else relative to
the site root. Open data decides nothing about secrecy: it reads each meeting's public view
(`protogen.public.public_view`, through `public_items`), so an item the view hides is an
AgendaItem with its number, the view's neutral heading as its name, `public: false` and its
ground (`protogen:sekretess`), nothing else, and the guests are the view's.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cached_property
from importlib import resources
from typing import Any

from protogen import __version__
from protogen.law.voting import vote_outcome
from protogen.model import Item, Meeting, Organ, Person, Statement
from protogen.public import public_items
from protogen.site.anslagstavla import Notice
from protogen.site.content import Site, meeting_times
from protogen.site.feeds import utc_offset
from protogen.site.ids import OPARL, kind, slug
from protogen.site.records import Papers, csv_files, vote_events, vote_path
from protogen.view import ItemView, MeetingView, PersonView

DATA = "data/"
SCHEMA_DIR = "schema"



class OpenData:
    """Builds every open-data file of a site. Object ids are stable across publishes."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.person_keys = _person_keys(site)
        self.postings: dict[int, Notice] = {}  # each meeting's first protocol notice
        for notice in site.notices:
            if notice.meeting is not None and notice.kind == "protokoll":
                self.postings.setdefault(id(notice.meeting), notice)

    # -- addresses -------------------------------------------------------------------------
    def url(self, path: str) -> str:
        return self.site.url(DATA + path)

    def organ_url(self, organ: Organ) -> str:
        return self.url(f"organizations/{_board_folder(self.site, organ)}.json")

    def person_url(self, name: str) -> str | None:
        key = self.person_keys.get(name)
        return self.url(f"persons/{key}.json") if key else None

    def meeting_url(self, organ: Organ, meeting: Meeting) -> str:
        return self.url(f"meetings/{_board_folder(self.site, organ)}/{meeting.folder_name}.json")

    # -- files -----------------------------------------------------------------------------
    def files(self) -> dict[str, bytes]:
        site = self.site
        files: dict[str, Any] = {}
        organizations = [self.organization(b.organ) for b in site.organ_pages]
        persons = self.people
        meetings_by_board = {
            b.folder: [self.meeting(b.organ, p.meeting, p.view, published=True)
                       for p in b.published]
            + [self.meeting(b.organ, c.meeting, c.view, published=False) for c in b.coming]
            for b in site.organ_pages
        }
        meetings = [m for board in site.organ_pages for m in meetings_by_board[board.folder]]
        files["index.json"] = self.system()
        files["bodies.json"] = _list([self.body()])
        files["organizations.json"] = _list(organizations)
        files["persons.json"] = _list(persons)
        files["meetings.json"] = _list(meetings)
        for board, organization in zip(site.organ_pages, organizations, strict=True):
            files[f"organizations/{board.folder}.json"] = organization
            files[f"meetings/{board.folder}.json"] = _list(meetings_by_board[board.folder])
            for meeting in meetings_by_board[board.folder]:
                files[meeting["id"].removeprefix(self.url(""))] = meeting
        for person in persons:
            files[person["id"].removeprefix(self.url(""))] = person
        events = vote_events(self)
        files["votes.json"] = _list([event for _, event in events])
        files.update(events)
        papers = self.papers.files()
        files["papers.json"] = _list(list(papers.values()))
        files.update(papers)
        out = {DATA + path: _json(data) for path, data in files.items()}
        out.update({DATA + path: data for path, data in csv_files(self).items()})
        out.update(schema_files())
        return out

    @cached_property
    def papers(self) -> Papers:
        return Papers(self)

    def board_folder(self, organ: Organ) -> str:
        return _board_folder(self.site, organ)

    def file(self, path: str, name: str, mime: str = "application/pdf") -> dict[str, Any]:
        """An OParl File of the site."""
        return {"id": self.site.url(path), "type": kind("File"), "name": name,
                "fileName": path.rsplit("/", 1)[-1], "mimeType": mime,
                "accessUrl": self.site.url(path), "downloadUrl": self.site.url(path)}

    def system(self) -> dict[str, Any]:
        site = self.site
        data: dict[str, Any] = {
            "id": self.url("index.json"),
            "type": kind("System"),
            "oparlVersion": OPARL,
            "name": f"{site.name}: öppna data om nämnder och protokoll",
            "body": self.url("bodies.json"),
            "license": site.config.license,
            "product": "https://pypi.org/project/protogen/",
            "protogen:version": __version__,
            "protogen:votes": self.url("votes.json"),
            "protogen:csv": [self.url("votes.csv"), self.url("attendance.csv")],
            "protogen:schema": self.url(f"{SCHEMA_DIR}/"),
        }
        if site.config.base_url:
            data["website"] = site.url("index.html")
        return data

    def body(self) -> dict[str, Any]:
        site = self.site
        data: dict[str, Any] = {
            "id": self.url("bodies.json#kommun"),
            "type": kind("Body"),
            "system": self.url("index.json"),
            "name": site.name,
            "license": site.config.license,
            "organization": self.url("organizations.json"),
            "person": self.url("persons.json"),
            "meeting": self.url("meetings.json"),
            "paper": self.url("papers.json"),
            "legislativeTerm": [],
        }
        if site.config.base_url:
            data["website"] = site.url("index.html")
        return data

    def organization(self, organ: Organ) -> dict[str, Any]:
        board = next(b for b in self.site.organ_pages if b.organ is organ)
        data: dict[str, Any] = {
            "id": self.organ_url(organ),
            "type": kind("Organization"),
            "body": self.url("bodies.json#kommun"),
            "name": organ.name,
            "membership": [m["id"] for p in self.people for m in p["membership"]
                           if m["organization"] == self.organ_url(organ)],
            "meeting": self.url(f"meetings/{board.folder}.json"),
            "organizationType": "Gremium",
            "classification": "nämnd eller styrelse",
            "web": self.site.url(board.path),
            "protogen:anslag": organ.has_anslag,
            "protogen:sammanträdesplan": [
                _clean({"datum": _iso(e.date), "tid": e.time, "plats": e.place,
                        "anteckning": e.note})
                for e in organ.schedule
            ],
        }
        _put(data, "shortName", organ.short_name)
        _put(data, "protogen:huvudman", organ.host)
        _put(data, "protogen:förvaringsplats", organ.archive_place)
        return data

    @cached_property
    def people(self) -> list[dict[str, Any]]:
        """Every person of every board's register, with a membership per board."""
        people: dict[str, dict[str, Any]] = {}
        for board in self.site.organ_pages:
            organ = board.organ
            for index, person in enumerate(organ.members + organ.deputies, start=1):
                url = self.person_url(person.name)
                assert url is not None
                entry = people.setdefault(person.name, self._person(person, url))
                entry["membership"].append(self._membership(organ, person, url, index))
        return [people[name] for name in sorted(people, key=lambda n: self.person_keys[n])]

    def _person(self, person: Person, url: str) -> dict[str, Any]:
        given, _, family = person.name.rpartition(" ")
        data: dict[str, Any] = {"id": url, "type": kind("Person"),
                                "body": self.url("bodies.json#kommun"), "name": person.name}
        if given:
            data["givenName"], data["familyName"] = given, family
        _put(data, "protogen:parti", person.party)
        _put(data, "protogen:kommun", person.municipality)
        data["membership"] = []
        return data

    def _membership(self, organ: Organ, person: Person, url: str, index: int) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": f"{url}#{_board_folder(self.site, organ)}-{index}",
            "type": kind("Membership"),
            "organization": self.organ_url(organ),
            "role": person.role or ("ersättare" if person.is_deputy else "ledamot"),
            "votingRight": not person.is_deputy,
            "protogen:ersättare": person.is_deputy,
        }
        _put(data, "startDate", _iso(person.start))
        _put(data, "endDate", _iso(person.end))
        _put(data, "protogen:parti", person.party)
        _put(data, "protogen:kommun", person.municipality)
        return data

    def meeting(self, organ: Organ, meeting: Meeting, view: MeetingView, *,
                published: bool) -> dict[str, Any]:
        """An OParl Meeting, from `view`, the meeting's public view."""
        url = self.meeting_url(organ, meeting)
        day = meeting.date or meeting.folder_date
        data: dict[str, Any] = {
            "id": url,
            "type": kind("Meeting"),
            "name": f"{organ.name}, sammanträde {_iso(day)}",
            "meetingState": "justerat" if published else "kallat",
            "cancelled": False,
            "organization": [self.organ_url(organ)],
        }
        if day:
            start, end = meeting_times(meeting.time)
            data["start"] = _moment(day, start or (0, 0))
            if end:
                data["end"] = _moment(day, end)
        if meeting.place:
            data["location"] = {"id": url + "#plats", "type": kind("Location"),
                                "description": meeting.place}
        invitation = self.site.invitation_of(meeting)
        if invitation:
            data["invitation"] = self.file(invitation, f"Kallelse {organ.name} {_iso(day)}")
        page = self.site.page_of(meeting)
        if published and page:
            data["participant"] = [u for u in (self.person_url(n) for n in _participants(meeting))
                                   if u]
            data["resultsProtocol"] = {
                "id": self.site.url(page.pdf), "type": kind("File"),
                "name": f"Protokoll {organ.name} {_iso(day)}", "fileName": "protokoll.pdf",
                "mimeType": "application/pdf", "accessUrl": self.site.url(page.pdf),
                "downloadUrl": self.site.url(page.pdf),
            }
            _put(data["resultsProtocol"], "date", _iso(meeting.adjustment.date
                                                       if meeting.adjustment else None))
            data["web"] = self.site.url(page.path)
            if page.downloads:
                data["auxiliaryFile"] = [self.file(d.path, d.title, _mime(d.path))
                                         for d in page.downloads]
            data["protogen:csv"] = [self.site.url(page.votes_csv),
                                    self.site.url(page.attendance_csv)]
            data["protogen:närvaro"] = self._attendance(organ, meeting, view.others)
            self._officers(data, meeting)
        data["agendaItem"] = [self.agenda_item(organ, meeting, url, item, published=published)
                              for item in public_items(meeting, view)]
        return data

    def _officers(self, data: dict[str, Any], meeting: Meeting) -> None:
        _put(data, "protogen:ordförande", meeting.chair.name if meeting.chair else None)
        _put(data, "protogen:sekreterare", meeting.secretary.name if meeting.secretary else None)
        data["protogen:justerare"] = [r.name for r in meeting.adjusters]
        if meeting.adjustment:
            _put(data, "protogen:justeringsdatum", _iso(meeting.adjustment.date))
        posting = self.postings.get(id(meeting))
        if posting:
            data["protogen:anslag"] = {"uppsatt": posting.posted.isoformat(),
                                       "nedtaget": posting.taken_down.isoformat()}

    def _attendance(self, organ: Organ, meeting: Meeting,
                    guests: list[PersonView]) -> list[dict[str, Any]]:
        """Who was there; the övriga närvarande are the public view's `guests`."""
        attendance = meeting.attendance
        if attendance is None:
            return []
        rows: list[dict[str, Any]] = []

        def row(name: str, role: str, paragraphs: frozenset[int] | None, **extra: Any) -> None:
            entry: dict[str, Any] = {"namn": name, "roll": role}
            _put(entry, "person", self.person_url(name))
            if paragraphs:
                entry["paragrafer"] = sorted(paragraphs)
            entry.update({k: v for k, v in extra.items() if v})
            rows.append(entry)

        for ref in attendance.members:
            row(ref.name, "ledamot", ref.paragraphs)
        for sub in attendance.substitutes:
            row(sub.name, "tjänstgörande ersättare", sub.paragraphs, ersätter=sub.replaces)
        for ref in attendance.deputies:
            row(ref.name, "ersättare", ref.paragraphs)
        for guest in guests:
            row(guest.name, "övrig", guest.numbers, titel=guest.title)
        return rows

    def agenda_item(self, organ: Organ, meeting: Meeting, meeting_url: str,
                    item: Item | ItemView, *, published: bool) -> dict[str, Any]:
        number = item.number
        data: dict[str, Any] = {
            "id": f"{meeting_url}#p{number}",
            "type": kind("AgendaItem"),
            "meeting": meeting_url,
            "number": f"§ {number}" if published else str(item.position + 1),
            "order": item.position + 1,
        }
        if isinstance(item, ItemView):  # hidden by the public view: its heading and ground
            data.update({"name": item.title, "public": False,
                         "protogen:sekretess": item.secrecy or ""})
            return data
        data["name"] = item.title or ""
        data["public"] = True
        if not published:
            return data  # a called meeting: its ärenden by title only
        page = self.site.page_of(meeting)
        if page and number in page.extracts:
            path = page.extracts[number]
            data["resolutionFile"] = {
                "id": self.site.url(path), "type": kind("File"),
                "name": f"Protokollsutdrag § {number}", "fileName": path.rsplit("/", 1)[-1],
                "mimeType": "application/pdf", "accessUrl": self.site.url(path),
                "downloadUrl": self.site.url(path),
            }
        if item.decision:
            data["resolutionText"] = item.decision.strip()
            data["result"] = _result(meeting, item)
        _put(data, "protogen:dnr", item.dnr)
        if item.kind:
            data["protogen:ärendetyp"] = organ.item_kinds.get(item.kind, item.kind)
        _put(data, "protogen:förslagTillBeslut", (item.proposal or "").strip() or None)
        _put(data, "protogen:propositionsordning", (item.order_of_question or "").strip() or None)
        for key, statements in (("protogen:yrkanden", item.motions),
                                ("protogen:reservationer", item.reservations),
                                ("protogen:protokollsanteckningar", item.notes)):
            if statements:
                data[key] = [self._statement(s) for s in statements]
        if item.vote:
            data["protogen:omröstning"] = self._vote(meeting, item)
        if item.conflicts:
            data["protogen:jäv"] = [self._named(r.name) for r in item.conflicts]
        if item.immediately_adjusted:
            data["protogen:omedelbartJusterad"] = True
        if item.dispatch:
            data["protogen:expedieras"] = list(item.dispatch)
        if item.documents:
            data["protogen:beslutsunderlag"] = [d.title for d in item.documents]
        if page:
            files = [self.file(d.path, d.title, _mime(d.path)) for d in page.downloads
                     if d.number == number]
            if files:
                data["auxiliaryFile"] = files
        if item.vote and number is not None:
            data["protogen:voteEvent"] = self.url(vote_path(self, organ, meeting, number))
        consultation = self.papers.consultation_url(item)
        if consultation:
            data["consultation"] = consultation
        return data

    def _named(self, name: str) -> dict[str, Any]:
        entry: dict[str, Any] = {"namn": name}
        _put(entry, "person", self.person_url(name))
        return entry

    def _statement(self, statement: Statement) -> dict[str, Any]:
        entry = self._named(statement.by)
        _put(entry, "text", (statement.text or "").strip() or None)
        return entry

    def _vote(self, meeting: Meeting, item: Item) -> dict[str, Any]:
        assert item.vote is not None
        outcome = vote_outcome(item, meeting)
        votes = [dict(self._named(ref.name), röst=choice)
                 for choice, refs in (("ja", item.vote.yes), ("nej", item.vote.no),
                                      ("avstår", item.vote.abstain))
                 for ref in refs]
        return {"ja": len(item.vote.yes), "nej": len(item.vote.no),
                "avstår": len(item.vote.abstain), "utfall": outcome.winner,
                "utslagsröst": outcome.tie_broken_by_chair, "röster": votes}


def _mime(path: str) -> str:
    suffix = path.rsplit(".", 1)[-1].lower()
    return {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}.get(
        suffix, "application/pdf")


def _result(meeting: Meeting, item: Item) -> str:
    if item.vote:
        outcome = vote_outcome(item, meeting)
        return (f"beslutat efter omröstning ({outcome.yes} ja, {outcome.no} nej, "
                f"{outcome.abstain} avstår)")
    return "beslutat"


def _participants(meeting: Meeting) -> list[str]:
    attendance = meeting.attendance
    if attendance is None:
        return []
    names = [r.name for r in attendance.members] + [s.name for s in attendance.substitutes]
    names += [r.name for r in attendance.deputies]
    return list(dict.fromkeys(names))


def _person_keys(site: Site) -> dict[str, str]:
    """A file name per person: ascii, lower case, unique."""
    keys: dict[str, str] = {}
    used: set[str] = set()
    for board in site.organ_pages:
        for person in board.organ.members + board.organ.deputies:
            if person.name in keys:
                continue
            base = slug(person.name) or "person"
            key, n = base, 2
            while key in used:
                key, n = f"{base}-{n}", n + 1
            keys[person.name] = key
            used.add(key)
    return keys



def _board_folder(site: Site, organ: Organ) -> str:
    return next(b.folder for b in site.organ_pages if b.organ is organ)


def _moment(day: dt.date, clock: tuple[int, int]) -> str:
    tz = dt.timezone(utc_offset(day))
    return dt.datetime(day.year, day.month, day.day, clock[0], clock[1], tzinfo=tz).isoformat()


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _put(data: dict[str, Any], key: str, value: Any) -> None:
    if value is not None and value != "":
        data[key] = value


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None}


def _list(items: list[dict[str, Any]]) -> dict[str, Any]:
    """An OParl list: all objects on one page."""
    return {"data": items,
            "pagination": {"totalElements": len(items), "elementsPerPage": max(len(items), 1),
                           "currentPage": 1, "totalPages": 1},
            "links": {}}


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def schema_files() -> dict[str, bytes]:
    """The JSON Schema files, as shipped in protogen/data/."""
    folder = resources.files("protogen").joinpath("data")
    return {f"{DATA}{SCHEMA_DIR}/{entry.name}": entry.read_bytes()
            for entry in sorted(folder.iterdir(), key=lambda e: e.name)
            if entry.name.endswith(".json")}
