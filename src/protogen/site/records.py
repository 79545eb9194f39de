"""Open data that answers what users ask for: votes, attendance per § and ärende histories.

- **Votes** as Popolo vote events (https://www.popoloproject.com/specs/vote-event.html): one
  per § with an omröstning — the motion, the result, the counts and each member's option —
  at `data/votes/<organ>/<meeting>/<§>.json`, all of them in `data/votes.json`; the OParl
  AgendaItem links its vote event (`protogen:voteEvent`). Schema: `VoteEvent.json`.
- **CSV** beside the JSON for spreadsheet users: `data/votes.csv` (one row per member and
  vote) and `data/attendance.csv` (one row per person and public §), and the same per meeting
  (`data/meetings/<organ>/<meeting>-votes.csv`, `…-attendance.csv`). UTF-8, comma separated,
  a header row (RFC 4180).
- **Papers**: an OParl `Paper` per diarienummer (`data/papers/<dnr>.json`, all in
  `data/papers.json`) whose `consultation` lists every § in which that ärende came up, across
  meetings and boards; each AgendaItem links its paper's consultation.

Only the §§ each meeting's public view shows whole are read (`protogen.public.public_items`):
an item the view hides gives no vote event, no CSV row, no paper and no consultation — not
its dnr, not a name, not a vote.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from protogen.law.participation import participation
from protogen.law.voting import vote_outcome
from protogen.model import Item, Meeting, Organ
from protogen.public import public_items
from protogen.site.ids import kind, slug

if TYPE_CHECKING:
    from protogen.site.opendata import OpenData

POPOLO_OPTIONS = {"ja": "yes", "nej": "no", "avstår": "abstain"}
VOTE_COLUMNS = ("organ", "sammanträde", "paragraf", "rubrik", "dnr", "namn", "parti", "röst",
                "utfall")
ATTENDANCE_COLUMNS = ("organ", "sammanträde", "paragraf", "rubrik", "namn", "parti", "roll",
                      "ersätter", "beslutande", "jäv", "titel")


@dataclass
class Consultation:
    """One § in which an ärende came up."""

    organ: Organ
    meeting: Meeting
    item: Item


def public_published_items(data: OpenData) -> list[tuple[Organ, Meeting, Item]]:
    """Every public § of every published meeting, oldest meeting first."""
    rows: list[tuple[Organ, Meeting, Item]] = []
    for board in data.site.organ_pages:
        for page in sorted(board.published, key=lambda p: (p.date is None, p.date,
                                                           p.meeting.sequence)):
            for item in public_items(page.meeting, page.view):
                if isinstance(item, Item):
                    rows.append((board.organ, page.meeting, item))
    return rows


# -- votes --------------------------------------------------------------------------------

def vote_path(data: OpenData, organ: Organ, meeting: Meeting, number: int) -> str:
    return f"votes/{data.board_folder(organ)}/{meeting.folder_name}/{number}.json"


def vote_event(data: OpenData, organ: Organ, meeting: Meeting, item: Item) -> dict[str, Any]:
    """A Popolo VoteEvent for the § `item` (which has an omröstning)."""
    assert item.vote is not None and item.number is not None
    outcome = vote_outcome(item, meeting)
    meeting_url = data.meeting_url(organ, meeting)
    result = "pass" if outcome.winner == "ja" else "fail"
    motion_text = (item.order_of_question or item.proposal or item.title or "").strip()
    votes = []
    for choice, refs in (("ja", item.vote.yes), ("nej", item.vote.no),
                         ("avstår", item.vote.abstain)):
        for ref in refs:
            person = organ.person(ref.name)
            vote: dict[str, Any] = {"option": POPOLO_OPTIONS[choice], "protogen:röst": choice,
                                    "voter": {"name": ref.name}}
            url = data.person_url(ref.name)
            if url:
                vote["voter_id"] = url
            if person is not None and person.party:
                vote["group_id"] = person.party
                vote["voter"]["protogen:parti"] = person.party
            votes.append(vote)
    day = meeting.date or meeting.folder_date
    event: dict[str, Any] = {
        "id": data.url(vote_path(data, organ, meeting, item.number)),
        "identifier": f"§ {item.number}",
        "organization_id": data.organ_url(organ),
        "legislative_session_id": meeting_url,
        "motion": {
            "text": motion_text,
            "classification": "proposition",
            "organization_id": data.organ_url(organ),
            "requirement": "enkel majoritet; vid lika röstetal har ordföranden utslagsröst",
            "result": result,
        },
        "result": result,
        "counts": [{"option": "yes", "value": outcome.yes}, {"option": "no", "value": outcome.no},
                   {"option": "abstain", "value": outcome.abstain}],
        "votes": votes,
        "group_results": _group_results(votes),
        "protogen:agendaItem": f"{meeting_url}#p{item.number}",
        "protogen:rubrik": item.title or "",
        "protogen:utfall": outcome.winner,
        "protogen:utslagsröst": outcome.tie_broken_by_chair,
    }
    if day:
        event["start_date"] = day.isoformat()
        event["motion"]["date"] = day.isoformat()
    if item.dnr:
        event["protogen:dnr"] = item.dnr
    return event


def _group_results(votes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[str, dict[str, int]] = {}
    for vote in votes:
        if "group_id" in vote:
            counts = groups.setdefault(vote["group_id"], {"yes": 0, "no": 0, "abstain": 0})
            counts[vote["option"]] += 1
    return [{"group": {"name": name},
             "counts": [{"option": o, "value": v} for o, v in counts.items()]}
            for name, counts in sorted(groups.items())]


def vote_events(data: OpenData) -> list[tuple[str, dict[str, Any]]]:
    """(path under data/, vote event) for every public § with an omröstning."""
    return [(vote_path(data, organ, meeting, item.number or 0),
             vote_event(data, organ, meeting, item))
            for organ, meeting, item in public_published_items(data) if item.vote]


# -- CSV ----------------------------------------------------------------------------------

def _csv(columns: tuple[str, ...], rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def vote_rows(organ: Organ, meeting: Meeting, item: Item) -> list[dict[str, str]]:
    if item.vote is None:
        return []
    outcome = vote_outcome(item, meeting)
    day = meeting.date or meeting.folder_date
    rows = []
    for choice, refs in (("ja", item.vote.yes), ("nej", item.vote.no),
                         ("avstår", item.vote.abstain)):
        for ref in refs:
            person = organ.person(ref.name)
            rows.append({"organ": organ.name, "sammanträde": day.isoformat() if day else "",
                         "paragraf": str(item.number), "rubrik": item.title or "",
                         "dnr": item.dnr or "", "namn": ref.name,
                         "parti": (person.party if person else None) or "", "röst": choice,
                         "utfall": outcome.winner})
    return rows


def attendance_rows(organ: Organ, meeting: Meeting, item: Item) -> list[dict[str, str]]:
    """Who took part in one public §, and how (a secret § gives no rows: see the module)."""
    attendance = meeting.attendance
    number = item.number
    if attendance is None or number is None:
        return []
    part = participation(meeting, item)
    deciding = set(part.deciding)
    conflicted = set(part.conflicted)
    day = meeting.date or meeting.folder_date
    base = {"organ": organ.name, "sammanträde": day.isoformat() if day else "",
            "paragraf": str(number), "rubrik": item.title or ""}
    rows: list[dict[str, str]] = []

    def row(name: str, role: str, replaces: str | None = None, title: str | None = None
            ) -> None:
        person = organ.person(name)
        rows.append({**base, "namn": name, "parti": (person.party if person else None) or "",
                     "roll": role, "ersätter": replaces or "",
                     "beslutande": "ja" if name in deciding else "nej",
                     "jäv": "ja" if name in conflicted else "nej", "titel": title or ""})

    for ref in attendance.members:
        if ref.covers(number):
            row(ref.name, "ledamot")
    for sub in attendance.substitutes:
        if sub.covers(number):
            row(sub.name, "tjänstgörande ersättare", replaces=sub.replaces)
    for ref in attendance.deputies:
        if ref.covers(number):
            row(ref.name, "ersättare")
    for guest in attendance.others:
        if guest.covers(number):
            row(guest.name, "övrig", title=guest.title)
    return rows


def csv_files(data: OpenData) -> dict[str, bytes]:
    """The CSV files, all and per meeting, by their path under data/."""
    votes: list[dict[str, str]] = []
    attendance: list[dict[str, str]] = []
    per_meeting: dict[str, tuple[list[dict[str, str]], list[dict[str, str]]]] = {}
    for organ, meeting, item in public_published_items(data):
        page = data.site.page_of(meeting)
        if page is None:
            continue
        meeting_votes, meeting_attendance = per_meeting.setdefault(page.folder, ([], []))
        found_votes, found_attendance = vote_rows(organ, meeting, item), attendance_rows(
            organ, meeting, item)
        for target, found in ((votes, found_votes), (meeting_votes, found_votes),
                              (attendance, found_attendance),
                              (meeting_attendance, found_attendance)):
            target.extend(found)
    files = {"votes.csv": _csv(VOTE_COLUMNS, votes),
             "attendance.csv": _csv(ATTENDANCE_COLUMNS, attendance)}
    for page in data.site.pages():  # every published meeting, also one without rows
        meeting_votes, meeting_attendance = per_meeting.get(page.folder, ([], []))
        files[page.votes_csv.removeprefix("data/")] = _csv(VOTE_COLUMNS, meeting_votes)
        files[page.attendance_csv.removeprefix("data/")] = _csv(ATTENDANCE_COLUMNS,
                                                                meeting_attendance)
    return files


# -- papers (one per dnr) -----------------------------------------------------------------

def dnr_key(dnr: str) -> str:
    """One ärende however its dnr is spaced: 'KS  2024/12 ' and 'KS 2024/12' are one."""
    return " ".join(dnr.split())


class Papers:
    """The ärenden by dnr, with a stable file name each."""

    def __init__(self, data: OpenData) -> None:
        self.data = data
        self.by_dnr: dict[str, list[Consultation]] = {}
        for organ, meeting, item in public_published_items(data):
            if item.dnr and item.dnr.strip():
                self.by_dnr.setdefault(dnr_key(item.dnr), []).append(
                    Consultation(organ, meeting, item))
        self.names: dict[str, str] = {}
        used: set[str] = set()
        for dnr in sorted(self.by_dnr):
            base = _file_name(dnr) or "arende"
            name, n = base, 2
            while name in used:
                name, n = f"{base}-{n}", n + 1
            used.add(name)
            self.names[dnr] = name

    def url(self, dnr: str) -> str:
        return self.data.url(f"papers/{self.names[dnr_key(dnr)]}.json")

    def consultation_url(self, item: Item) -> str | None:
        if not item.dnr or dnr_key(item.dnr) not in self.names:
            return None
        return f"{self.url(item.dnr)}#p{item.number}-{self._meeting_of(item)}"

    def _meeting_of(self, item: Item) -> str:
        for consultations in self.by_dnr.values():
            for c in consultations:
                if c.item is item:
                    return f"{self.data.board_folder(c.organ)}-{c.meeting.folder_name}"
        return ""

    def paper(self, dnr: str) -> dict[str, Any]:

        consultations = self.by_dnr[dnr]
        url = self.url(dnr)
        last = consultations[-1]
        first_day = consultations[0].meeting.date or consultations[0].meeting.folder_date
        data: dict[str, Any] = {
            "id": url,
            "type": kind("Paper"),
            "body": self.data.url("bodies.json#kommun"),
            "name": last.item.title or dnr,
            "reference": dnr,
            "paperType": "Ärende",
            "consultation": [self._consultation(url, c) for c in consultations],
        }
        if first_day:
            data["date"] = first_day.isoformat()
        return data

    def _consultation(self, paper_url: str, c: Consultation) -> dict[str, Any]:

        meeting_url = self.data.meeting_url(c.organ, c.meeting)
        day = c.meeting.date or c.meeting.folder_date
        entry: dict[str, Any] = {
            "id": f"{paper_url}#p{c.item.number}-{self.data.board_folder(c.organ)}-"
                  f"{c.meeting.folder_name}",
            "type": kind("Consultation"),
            "paper": paper_url,
            "agendaItem": f"{meeting_url}#p{c.item.number}",
            "meeting": meeting_url,
            "organization": [self.data.organ_url(c.organ)],
            "authoritative": bool(c.item.decision),
            "role": "beslut" if c.item.decision else "behandling",
            "protogen:paragraf": f"§ {c.item.number}",
            "protogen:rubrik": c.item.title or "",
        }
        if day:
            entry["protogen:datum"] = day.isoformat()
        page = self.data.site.page_of(c.meeting)
        if page:
            entry["protogen:webb"] = self.data.site.url(f"{page.path}#p{c.item.number}")
        return entry

    def files(self) -> dict[str, dict[str, Any]]:
        return {f"papers/{self.names[dnr]}.json": self.paper(dnr) for dnr in sorted(self.by_dnr)}


def _file_name(dnr: str) -> str:

    return re.sub(r"-+", "-", slug(dnr))
