"""What the templates see: a meeting turned into plain, display-ready values.

Templates own every label and the layout; this module only derives facts (who decided, the
computed take-down date, the vote count) so that templates need no logic of their own. It
decides nothing about secrecy for the public: what a citizen may see of a meeting is
`protogen.public.public_view`, built from this view (the one place that decides it).
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from protogen.law.anslag import protocol_notice
from protogen.law.numbering import format_paragraphs
from protogen.law.voting import vote_outcome
from protogen.markdown import min_heading_level, render_markdown
from protogen.model import Item, Meeting, Organ, Person, Ref

#: The neutral heading a secret § shows in every public output (and the kallelse): the words
#: are the templates', kept in templates/standard/sekretess-rubrik.txt.
SECRET_TITLE = (
    Path(__file__).resolve().parent / "templates" / "standard" / "sekretess-rubrik.txt"
).read_text(encoding="utf-8").strip()


@dataclass
class PersonView:
    name: str
    party: str | None = None
    municipality: str | None = None
    role: str | None = None
    title: str | None = None
    paragraphs: str = ""  # "§§ 3–4" when only part of the meeting
    numbers: frozenset[int] = frozenset()  # the same §§ as numbers (open data lists them)
    replaces: PersonView | None = None
    serving: bool = False  # a tjänstgörande ersättare (in a voting list)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.party})" if self.party else self.name


@dataclass
class StatementView:
    by: PersonView
    text: Markup


@dataclass
class VoteRow:
    person: PersonView
    vote: str  # "ja", "nej", "avstår"


@dataclass
class VoteView:
    yes: int
    no: int
    abstain: int
    winner: str  # "ja" | "nej"
    tie_broken_by_chair: bool
    rows: list[VoteRow]


@dataclass
class DocumentView:
    title: str
    file: str | None


@dataclass
class ItemView:
    number: int
    anchor: str
    title: str
    secret: bool = False
    secrecy: str | None = None
    dnr: str | None = None
    kind: str | None = None
    kind_label: str | None = None
    body: Markup = Markup("")
    lead: Markup = Markup("")  # the body's opening paragraph (the beslut-forst look puts the
    rest: Markup = Markup("")  # decision between it and the rest, as seed 002 does)
    brief: bool = False  # the body is one sentence: it needs no "Sammanfattning" heading
    proposal: Markup = Markup("")
    motions: list[StatementView] = field(default_factory=list)
    order_of_question: Markup = Markup("")
    vote: VoteView | None = None
    decision: Markup = Markup("")
    reservations: list[StatementView] = field(default_factory=list)
    notes: list[StatementView] = field(default_factory=list)
    conflicts: list[PersonView] = field(default_factory=list)
    chair: PersonView | None = None
    immediately_adjusted: bool = False
    dispatch: list[str] = field(default_factory=list)
    documents: list[DocumentView] = field(default_factory=list)
    position: int = 0


@dataclass
class OrganView:
    """A board as the templates read it. How a sentence names it ("nämnden", "styrelsen",
    …) is the templates' word: the macro `bestamd_form` of etiketter.txt."""

    id: str
    name: str
    short_name: str | None
    host: str | None
    archive_place: str | None
    has_anslag: bool
    item_kinds: dict[str, str]
    mark_adjusted: bool = False  # paragrafen_justerad: the words under each § of a justerat


@dataclass
class PostingView:
    posted: dt.date | None
    taken_down: dt.date | None
    computed: bool  # taken_down was computed (left out in the file)


@dataclass
class SignerView:
    name: str
    role: str  # sekreterare | ordförande | justerare
    date: dt.date | None


@dataclass
class DigitalAdjustmentView:
    """A justering made with verified digital signatures (set by publish from the signed
    original, never from the source alone): who signed, as what, and the last day."""

    date: dt.date | None
    signers: list[SignerView]
    text: str  # "Justerat digitalt 2020-02-21 av Mikael Westin, justerare, och …"


@dataclass
class MeetingView:
    organ: OrganView
    folder: str
    date: dt.date | None
    time: str | None
    place: str | None
    status: str | None
    draft: bool
    public: bool
    chair: PersonView | None
    secretary: PersonView | None
    adjusters: list[PersonView]
    adjustment_date: dt.date | None
    adjustment_time: str | None
    adjustment_place: str | None
    deciding: list[PersonView]
    deputies: list[PersonView]
    others: list[PersonView]
    items: list[ItemView]
    first: int | None
    last: int | None
    posting: PostingView | None
    notice_sent: dt.date | None  # the invitation's date (the templates' name for it)
    document_id: str | None = None  # the fingerprint's short form, for a justerat protocol
    digital_adjustment: DigitalAdjustmentView | None = None

    @property
    def range_text(self) -> str:
        return format_paragraphs([i.number for i in self.items])

    @property
    def secret_numbers(self) -> list[int]:
        return [i.number for i in self.items if i.secret]


def person_view(organ: Organ | None, name: str, paragraphs: frozenset[int] | None = None) -> PersonView:
    person: Person | None = organ.person(name) if organ else None
    return PersonView(
        name=name,
        party=person.party if person else None,
        municipality=person.municipality if person else None,
        role=person.role if person else None,
        paragraphs=format_paragraphs(paragraphs) if paragraphs else "",
        numbers=frozenset(paragraphs or ()),
    )


def organ_view(organ: Organ) -> OrganView:
    return OrganView(
        id=organ.id, name=organ.name, short_name=organ.short_name, host=organ.host,
        archive_place=organ.archive_place, has_anslag=organ.has_anslag,
        item_kinds=dict(organ.item_kinds), mark_adjusted=organ.mark_adjusted,
    )


def meeting_view(meeting: Meeting, items: list[ItemView] | None = None) -> MeetingView:
    """The whole meeting, as its own documents show it. `items`: the item views to show
    instead of every item's own (`protogen.public.public_view` passes the public's)."""
    organ = meeting.organ
    assert organ is not None
    if items is None:
        items = [item_view(meeting, item) for item in meeting.items]
    return MeetingView(
        organ=organ_view(organ),
        folder=meeting.folder_name,
        date=meeting.date,
        time=meeting.time,
        place=meeting.place,
        status=meeting.status,
        draft=meeting.status != "justerat",
        public=False,
        chair=_ref_view(organ, meeting.chair),
        secretary=PersonView(name=meeting.secretary.name) if meeting.secretary else None,
        adjusters=[person_view(organ, r.name) for r in meeting.adjusters],
        adjustment_date=meeting.adjustment.date if meeting.adjustment else None,
        adjustment_time=meeting.adjustment.time if meeting.adjustment else None,
        adjustment_place=meeting.adjustment.place if meeting.adjustment else None,
        deciding=_deciding(meeting),
        deputies=[person_view(organ, r.name, r.paragraphs)
                  for r in (meeting.attendance.deputies if meeting.attendance else [])],
        others=_others(meeting),
        items=items,
        first=items[0].number if items else None,
        last=items[-1].number if items else None,
        posting=_posting(meeting),
        notice_sent=meeting.invitation_sent,
    )


def _ref_view(organ: Organ, ref: Ref | None) -> PersonView | None:
    return person_view(organ, ref.name, ref.paragraphs) if ref else None


def _deciding(meeting: Meeting) -> list[PersonView]:
    """Beslutande: ledamöter present, then serving ersättare with whom they replace."""
    organ = meeting.organ
    attendance = meeting.attendance
    if attendance is None or organ is None:
        return []
    rows = [person_view(organ, r.name, r.paragraphs) for r in attendance.members]
    for sub in attendance.substitutes:
        row = person_view(organ, sub.name, sub.paragraphs)
        row.replaces = person_view(organ, sub.replaces) if sub.replaces else None
        rows.append(row)
    return rows


def _others(meeting: Meeting) -> list[PersonView]:
    attendance = meeting.attendance
    if attendance is None:
        return []
    return [guest_view(guest.name, guest.title, guest.paragraphs or frozenset())
            for guest in attendance.others]


def guest_view(name: str, title: str | None, numbers: frozenset[int]) -> PersonView:
    """An övrig närvarande, present for the §§ `numbers` (none: the whole meeting)."""
    return PersonView(name=name, title=title, numbers=numbers,
                      paragraphs=format_paragraphs(numbers) if numbers else "")


def _posting(meeting: Meeting) -> PostingView | None:
    organ = meeting.organ
    if organ is None or not organ.has_anslag:
        return None
    notice = protocol_notice(meeting)
    return PostingView(
        posted=notice.posted if notice else None,
        taken_down=notice.taken_down if notice else None,
        computed=notice.taken_down_computed if notice else False,
    )


def item_view(meeting: Meeting, item: Item) -> ItemView:
    number = item.shown_number
    view = ItemView(number=number, anchor=f"p{number}", title=item.title or "",
                    position=item.position, secrecy=item.secrecy, secret=item.secret)
    organ = meeting.organ
    folder = meeting.folder

    def md(text: str | None, offset: int = 0) -> Markup:
        return render_markdown(text, folder, heading_offset=offset)

    view.dnr = item.dnr
    view.kind = item.kind
    view.kind_label = organ.item_kinds.get(item.kind) if organ and item.kind else None
    view.body = md(item.body, _body_offset(item.body))
    view.lead, view.rest = split_lead(view.body)
    view.brief = is_brief(view.body)
    view.proposal = md(item.proposal, 2)
    view.motions = [StatementView(person_view(organ, s.by), md(s.text, 3)) for s in item.motions]
    view.order_of_question = md(item.order_of_question, 2)
    view.vote = _vote(meeting, item)
    view.decision = md(item.decision, 2)
    view.reservations = [StatementView(person_view(organ, s.by), md(s.text, 3))
                         for s in item.reservations]
    view.notes = [StatementView(person_view(organ, s.by), md(s.text, 3)) for s in item.notes]
    view.conflicts = [person_view(organ, r.name) for r in item.conflicts]
    view.chair = _ref_view(organ, item.chair) if organ else None
    view.immediately_adjusted = item.immediately_adjusted
    view.dispatch = list(item.dispatch)
    view.documents = [DocumentView(d.title, d.file) for d in item.documents]
    return view


_FIRST_PARAGRAPH = re.compile(r"\s*(<p>.*?</p>)\s*", re.S)
_TAG = re.compile(r"<[^>]+>")
_SENTENCE_END = re.compile(r"[.!?…](?=\s+\S)")
#: Swedish abbreviations whose full stop ends no sentence ("Mötet började kl. 9.").
_ABBREVIATIONS = re.compile(
    r"(?<!\w)(?:kl|t\.ex|bl\.a|m\.m|m\.fl|dvs|d\.v\.s|ca|nr|resp|enl|jfr|s\.k|fr\.o\.m|"
    r"t\.o\.m|o\.s\.v|osv|p\.g\.a|pga|tf|f\.d|inkl|exkl)\.", re.I)


def split_lead(body: Markup) -> tuple[Markup, Markup]:
    """The body's opening paragraph and the rest; no lead when it opens with anything else
    (a heading, a list, a table)."""
    match = _FIRST_PARAGRAPH.match(str(body))
    if match is None:
        return Markup(""), body
    return Markup(match.group(1)), Markup(str(body)[match.end():])


def is_brief(body: Markup) -> bool:
    """One paragraph holding one sentence ("Dagordningen godkändes.")."""
    lead, rest = split_lead(body)
    if not lead or rest.strip():
        return False
    text = _ABBREVIATIONS.sub("", htmllib.unescape(_TAG.sub("", str(lead)))).strip()
    return bool(text) and _SENTENCE_END.search(text) is None


def _body_offset(body: str) -> int:
    """Demote the body's headings so the highest one becomes h3 (the § title is h2)."""
    top = min_heading_level(body)
    return 0 if top is None else 3 - top


def _voter_view(meeting: Meeting, item: Item, name: str) -> PersonView:
    """A voter; a serving ersättare carries whom he or she replaces in this §."""
    view = person_view(meeting.organ, name)
    number = item.shown_number
    attendance = meeting.attendance
    for sub in attendance.substitutes if attendance is not None else []:
        if sub.name == name and sub.covers(number):
            view.serving = True
            view.replaces = person_view(meeting.organ, sub.replaces) if sub.replaces else None
            break
    return view


def _vote(meeting: Meeting, item: Item) -> VoteView | None:
    if item.vote is None:
        return None
    rows = [VoteRow(_voter_view(meeting, item, r.name), choice)
            for choice, refs in (("ja", item.vote.yes), ("nej", item.vote.no),
                                 ("avstår", item.vote.abstain))
            for r in refs]
    outcome = vote_outcome(item, meeting)
    return VoteView(yes=outcome.yes, no=outcome.no, abstain=outcome.abstain,
                    winner=outcome.winner, tie_broken_by_chair=outcome.tie_broken_by_chair,
                    rows=rows)
