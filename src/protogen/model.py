"""The meeting model: plain typed dataclasses, each knowing where it came from.

The loader fills these from the files; rules and renderers only read them. A value that could
not be read is `None` (the loader has already reported why), so every consumer must cope with
missing values rather than assume a well-formed meeting.

Parse state is a value, not a flag each consumer re-derives: a file the loader could not read
(organ.yaml, sammanträde.yaml, an item's or a notice's front matter) leaves a `ParseFailure`
in its object's `failure`, and the checker alone decides which rules run on it
(`protogen.checker`); a `sekretess` the reader could not prove false is an `UnstatedGround`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from protogen.findings import Pos

STATUSES = ("kallelse", "utkast", "justerat")


@dataclass(frozen=True)
class ParseFailure:
    """A file (or an item's or a notice's front matter) that could not be read.

    The loader has reported why, once, as a finding at `pos`; the object that holds this value
    keeps its defaults. check-jsonschema's ParseError is the model: the checker runs no rule
    that needs the document on an object whose `failure` is set, so no rule tests it.
    """

    pos: Pos


class Doubt(Enum):
    """Why the reader could not prove an item public from its `sekretess` (rule sekretess)."""

    TRUE = "true"  # sekretess: true, without a ground
    EMPTY = "empty"  # sekretess: with no value, or ~
    NOT_TEXT = "not-text"  # a number, a date, a list, a mapping, a tagged value
    BLANK = "blank"  # sekretess: "" or spaces
    NESTED = "nested"  # the key stands inside another value (a wrong indent)
    IN_BODY = "in-body"  # a sekretess: line below the front matter


@dataclass(frozen=True)
class SecrecyDoubt:
    """A `sekretess` problem the reader found and kept, failing closed, for the rule to say."""

    doubt: Doubt
    pos: Pos
    shown_type: str = ""  # for NOT_TEXT: the value's kind in Swedish ("ett heltal", …)


class Written(Enum):
    """What a file says for one key of a mapping (`Located.written`)."""

    ABSENT = "absent"  # the key is not there
    UNREADABLE = "unreadable"  # there, but of the wrong type: the reader has reported it
    READ = "read"  # there and read (the value may still be empty)


@dataclass
class Located:
    """Mixin: the position of the object itself and of each of its keys' values."""

    pos: Pos
    positions: dict[str, Pos] = field(default_factory=dict, repr=False, compare=False)
    # Keys whose value was there but of the wrong type (the reader has reported them); read
    # through `written`. Recorded for a meeting, its justering, an item and a notice.
    invalid: set[str] = field(default_factory=set, repr=False, compare=False)

    def at(self, key: str) -> Pos:
        """Where the value of `key` stands, falling back to the object itself."""
        return self.positions.get(key, self.pos)

    def written(self, key: str) -> Written:
        """Whether `key` is absent, unreadable (already reported: a rule does not also call
        it missing) or read."""
        if key in self.invalid:
            return Written.UNREADABLE
        return Written.READ if key in self.positions else Written.ABSENT


@dataclass
class Person(Located):
    """A member of the board's register (ledamot or ersättare)."""

    name: str = ""
    party: str | None = None
    municipality: str | None = None
    role: str | None = None  # uppdrag: ordförande, vice ordförande, ...
    start: dt.date | None = None
    end: dt.date | None = None
    is_deputy: bool = False  # listed under `ersättare`

    def serves_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    @property
    def label(self) -> str:
        """'Name (S)' as protocols write it."""
        return f"{self.name} ({self.party})" if self.party else self.name


@dataclass
class PlanEntry(Located):
    """One planned meeting of the board's sammanträdesplan."""

    date: dt.date | None = None
    time: str | None = None
    place: str | None = None
    note: str | None = None
    cancelled: bool = False  # inställt: true


@dataclass
class Organ(Located):
    """A board (nämnd, styrelse, fullmäktige, utskott): organ.yaml."""

    id: str = ""  # the folder name under protokoll/
    folder: Path = Path()
    name: str = ""
    short_name: str | None = None
    host: str | None = None  # huvudman
    archive_place: str | None = None  # förvaringsplats
    numbering: str = "per_år"  # per_år | löpande
    has_anslag: bool = True
    quorum: str | int = "hälften"  # "hälften" or a fixed number
    template: str = "standard"
    item_kinds: dict[str, str] = field(default_factory=dict)
    members: list[Person] = field(default_factory=list)
    deputies: list[Person] = field(default_factory=list)
    schedule: list[PlanEntry] = field(default_factory=list)
    # Optional local rules a reglemente may set.
    min_adjusters: int = 1  # justerare_minst
    adjustment_days: int = 14  # justering_dagar: a board may set a shorter limit
    invitation_days: int | None = None  # kallelse_dagar: least days from invitation to meeting
    secret_titles_in_invitation: bool = False  # sekretess_rubrik_i_kallelse
    kind: str | None = None  # typ: fullmäktige, styrelse, nämnd, utskott, …
    mark_adjusted: bool = False  # paragrafen_justerad: "Paragrafen är justerad" under each §
    meetings: list[Meeting] = field(default_factory=list, repr=False)
    failure: ParseFailure | None = None  # organ.yaml could not be read (already reported)

    @property
    def readable(self) -> bool:
        """organ.yaml was read (else the board has its defaults)."""
        return self.failure is None

    @property
    def is_council(self) -> bool:
        """A fullmäktige (`typ: fullmäktige`): its meetings are kungjorda (KL 5 kap. 11 §)."""
        return "fullmäktige" in (self.kind or "").casefold()

    def person(self, name: str) -> Person | None:
        for person in self.members + self.deputies:
            if person.name == name:
                return person
        return None

    def seats(self, day: dt.date | None) -> list[Person]:
        """The ledamöter whose term covers `day`."""
        return [p for p in self.members if p.serves_on(day)]

    def all_names(self) -> list[str]:
        return [p.name for p in self.members + self.deputies]


@dataclass
class Ref(Located):
    """A reference to a person by name, optionally limited to some §§ of the meeting."""

    name: str = ""
    paragraphs: frozenset[int] | None = None  # None: the whole meeting

    def covers(self, number: int) -> bool:
        return self.paragraphs is None or number in self.paragraphs


@dataclass
class Substitute(Ref):
    """A tjänstgörande ersättare and the ledamot he or she replaces."""

    replaces: str | None = None
    replaces_pos: Pos | None = None
    replaces_written: bool = True  # False: no `ersätter` as text (rule ersattare-ersatter)


@dataclass
class Guest(Ref):
    """An official or guest (övriga): not in the register."""

    title: str | None = None


@dataclass
class Attendance(Located):
    members: list[Ref] = field(default_factory=list)
    substitutes: list[Substitute] = field(default_factory=list)
    deputies: list[Ref] = field(default_factory=list)  # ersättare present, not serving
    others: list[Guest] = field(default_factory=list)
    # Entries of tjänstgörande_ersättare not written {namn: …, ersätter: …}: not read as
    # substitutes; the rule ersattare-ersatter reports them.
    unshaped_substitutes: list[Pos] = field(default_factory=list)


@dataclass
class Adjustment(Located):
    """Justering: when and where the protocol is adjusted."""

    date: dt.date | None = None
    time: str | None = None
    place: str | None = None


@dataclass
class Posting(Located):
    """Anslag: when the notice of the adjusted protocol goes up and comes down."""

    posted: dt.date | None = None
    taken_down: dt.date | None = None  # as written; None when left out


@dataclass
class Statement(Located):
    """A yrkande, reservation or protokollsanteckning: who, and optionally what (Markdown)."""

    by: str = ""
    by_pos: Pos | None = None
    text: str | None = None


@dataclass
class Vote(Located):
    yes: list[Ref] = field(default_factory=list)
    no: list[Ref] = field(default_factory=list)
    abstain: list[Ref] = field(default_factory=list)


@dataclass
class Document(Located):
    """A beslutsunderlag: a title, and optionally an attached file under the meeting folder."""

    title: str = ""
    file: str | None = None  # relative to the meeting folder, as written


@dataclass
class Item(Located):
    """One agenda item (§): an NN-slug.md file."""

    file: Path = Path()
    prefix: int = 0
    slug: str = ""
    position: int = 0  # 0-based position in the agenda
    number: int | None = None  # the § number, set by numbering
    title: str | None = None
    dnr: str | None = None
    kind: str | None = None
    proposal: str | None = None  # förslag_till_beslut (Markdown)
    motions: list[Statement] = field(default_factory=list)  # yrkanden
    order_of_question: str | None = None  # propositionsordning (Markdown)
    vote: Vote | None = None
    decision: str | None = None  # beslut (Markdown)
    reservations: list[Statement] = field(default_factory=list)
    notes: list[Statement] = field(default_factory=list)  # protokollsanteckningar
    conflicts: list[Ref] = field(default_factory=list)  # jäv
    chair: Ref | None = None  # ordförande for this § (when the presiding chair has jäv)
    immediately_adjusted: bool = False
    dispatch: list[str] = field(default_factory=list)  # expedieras
    documents: list[Document] = field(default_factory=list)
    # The ground, e.g. "OSL 26 kap. 1 §", or UNSTATED_GROUND; None only when public beyond doubt.
    secrecy: str | None = None
    secrecy_doubts: list[SecrecyDoubt] = field(default_factory=list, repr=False)
    body: str = ""
    body_line: int = 1  # the file line where the body starts
    failure: ParseFailure | None = None  # the front matter could not be read (already reported)

    @property
    def readable(self) -> bool:
        """The front matter was read."""
        return self.failure is None

    @property
    def shown_number(self) -> int:
        """The § number to show: `number`, or the agenda position + 1 where the meeting could not
        be numbered."""
        return self.number if self.number is not None else self.position + 1

    @property
    def secret(self) -> bool:
        """Whether the item is secret. The reader fails closed: `secrecy` is None only when
        the front matter was read and has no `sekretess` key or `sekretess: false`."""
        return self.secrecy is not None


@dataclass
class SignedRecord:
    """What the meeting's signed original (signerat/protokoll.pdf) says it was built from,
    beside what the source gives now (both as protogen.fingerprint listings), read by
    loader.signed so that the rule andrad-efter-justering only compares."""

    path: str  # relative to the project root
    digest: str | None = None  # the Dokument-id in its XMP; None when it has none
    listing: str | None = None  # the signed per-part digests (None in a foreign PDF)
    current: str = ""  # the source's listing now
    problem: str | None = None  # Swedish: why the file could not be read


@dataclass
class Meeting(Located):
    """One meeting: a folder with sammanträde.yaml and item files."""

    organ: Organ | None = field(default=None, repr=False)
    folder: Path = Path()
    folder_name: str = ""
    folder_date: dt.date | None = None
    sequence: int = 1  # 2 for "<date>-2"
    date: dt.date | None = None
    time: str | None = None
    place: str | None = None
    status: str | None = None
    chair: Ref | None = None
    secretary: Ref | None = None
    adjusters: list[Ref] = field(default_factory=list)
    adjustment: Adjustment | None = None
    attendance: Attendance | None = None
    posting: Posting | None = None
    first_number_given: int | None = None  # första_paragraf
    invitation_sent: dt.date | None = None  # kallelse.utskick
    invitation_pos: Pos | None = None
    announced: dt.date | None = None  # kungörelse.datum: the day the kungörelse went up
    announced_pos: Pos | None = None
    items: list[Item] = field(default_factory=list)
    failure: ParseFailure | None = None  # sammanträde.yaml could not be read (already reported)
    signed: SignedRecord | None = None  # set when signerat/protokoll.pdf exists
    # Read only in outline for a check of another meeting (order, § numbers, date): its item
    # files listed, not read; the rules never run on it (protogen.loader.outline).
    outline: bool = False

    @property
    def loaded(self) -> bool:
        """sammanträde.yaml was read."""
        return self.failure is None

    @property
    def first_number(self) -> int | None:
        return self.items[0].number if self.items and self.items[0].number is not None else None

    @property
    def last_number(self) -> int | None:
        return self.items[-1].number if self.items and self.items[-1].number is not None else None

    @property
    def held(self) -> bool:
        return self.status in ("utkast", "justerat")


@dataclass
class PostedNotice(Located):
    """A notice on the anslagstavla that is not a meeting's: anslag/<ÅÅÅÅ-MM-DD>-<slug>.md
    (underrättelser, delegationsbeslut not reported to a board, föreskrifter, …)."""

    file: Path = Path()
    slug: str = ""  # the file name without .md
    file_date: dt.date | None = None  # the date the file name begins with
    title: str | None = None  # rubrik
    posted: dt.date | None = None  # uppsatt
    taken_down: dt.date | None = None  # nedtaget as written; None when left out
    organ_id: str | None = None  # organ, as written
    organ: Organ | None = field(default=None, repr=False)
    files: list[str] = field(default_factory=list)  # fil: relative to anslag/
    appeal: bool = True  # överklagande: false when no appeal is open against it
    appeal_text: str | None = None  # överklagande: <Markdown>, how to appeal this one
    # `fil:` values that name no usable file (outside anslag/, missing, another kind), left
    # out of `files`; the rule anslag-ovrigt reports them.
    unusable_files: list[tuple[str, Pos]] = field(default_factory=list, repr=False)
    body: str = ""
    body_line: int = 1
    failure: ParseFailure | None = None  # the file could not be read (already reported)

    @property
    def readable(self) -> bool:
        return self.failure is None


@dataclass(frozen=True)
class StrayNotice:
    """A Markdown file in anslag/ not read as a notice: a symbolic link, or a name that does
    not begin with a date (the rule anslag-ovrigt says which)."""

    pos: Pos
    name: str
    link: bool


@dataclass
class Project:
    root: Path
    organs: list[Organ] = field(default_factory=list)
    notices: list[PostedNotice] = field(default_factory=list)  # anslag/*.md
    stray_notices: list[StrayNotice] = field(default_factory=list)  # anslag/*.md not read

    def meetings(self) -> list[Meeting]:
        return [m for o in self.organs for m in o.meetings]


# -- the values of `sekretess:` ------------------------------------------------------------

class UnstatedGround(str):
    """The ground the reader keeps for an item whose `sekretess` it could not prove false.

    Confidentiality fails closed: an unread front matter, `sekretess: true`, an empty or
    non-text value, a misspelt or misplaced key, a `sekretess:` line below the front matter
    each leave this value, so the item is secret everywhere (`Item.secret`) and every output
    shows this text as its ground. It is a type, not a magic string, so a rule tells it from
    a ground the user wrote (even one spelt the same) with `isinstance`.
    """

    __slots__ = ()


#: The one value of UnstatedGround (its text is what the documents show as the ground).
UNSTATED_GROUND = UnstatedGround("offentlighets- och sekretesslagen (grunden ej angiven)")
#: Words a secretary writes for "not secret"; read as text they are not a ground (rule sekretess).
NO_WORDS = frozenset({
    "false", "falskt", "falsk", "nej", "no", "n", "off", "ingen", "inte", "0", "-",
    "offentlig", "offentligt", "öppen", "öppet",
})


def plain_word(text: str) -> str:
    """`text` as compared with a word: NFKC, without invisible format characters, casefolded."""
    normal = unicodedata.normalize("NFKC", text)
    if not normal or max(normal) <= "\u00ff":  # Latin-1 (most text): only the soft hyphen is Cf
        return normal.replace("\u00ad", "").strip().casefold()
    return "".join(ch for ch in normal if unicodedata.category(ch) != "Cf").strip().casefold()
