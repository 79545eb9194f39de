"""Personnummer: no personnummer or samordningsnummer in what protogen publishes.

The protocol, its extracts and the web site are public (TF 2 kap.); a personnummer there is a
needless spread of personal data. A personnummer is written `ÅÅMMDD-NNNN`, `ÅÅMMDD+NNNN`
(100 years or older), `ÅÅMMDDNNNN`, `ÅÅÅÅMMDDNNNN`, `ÅÅÅÅMMDD-NNNN` or `ÅÅÅÅ-MM-DD-NNNN`; it is one when the last
digit is a valid check digit (the Luhn algorithm on the ten-digit form) and the date exists. A
samordningsnummer is the same with 60 added to the day. Numbers that fail either test are left
alone: an organisationsnummer such as 769602-5290 (month 96) or 212000-2270 (month 20) is not
personal data. Every text of an item is read (rubrik, dnr, förslag till beslut, yrkanden,
propositionsordning, beslut, reservationer, protokollsanteckningar, beslutsunderlag,
expedieras, the Markdown text), every value of sammanträde.yaml and organ.yaml, and the
notices under anslag/ (rubrik, text, file names). The
finding never repeats the whole number. In an item with `sekretess`, whose text is not
published, it is a varning (its internal PDF and utdrag still go to recipients).

Numbers are found however they are written (`find_numbers`, the one detector that
`publish`'s scanner also uses): with an en dash or a space, in Markdown bold, with a
zero-width space or soft hyphen inside, in full-width digits, behind HTML tags or character
references. A date-shaped number with a hyphen whose check digit fails (19410302-1234) is a
varning: it may be a personnummer with a typo.

Passes::

    Ansökan från Kommunsamverkan Hälsingland ekonomisk förening (org.nr 769602-5290).

Fails::

    Ansökan från Tolvan Tolvansson, 19121212-1212.
    → personnummer 19121212-**** i ärendetexten: personnummer får inte stå i det som
      publiceras; ta bort det
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from protogen.findings import Pos
from protogen.model import Item, Meeting, Organ, PostedNotice, Ref
from protogen.rules.base import Context, Problem, fel, varning

ID = "personnummer"

_NUMBER = re.compile(
    r"(?<![0-9])(?P<century>[0-9]{2})?(?P<date>[0-9]{6})"
    r"(?P<sep>[ ]{0,2}[-+]?[ ]{0,2})(?P<tail>[0-9]{4})(?![0-9])"
)
# Dashes a word processor or a keyboard puts where the hyphen belongs.
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")
# Markdown emphasis and code marks, and escapes, which do not show in the published text.
_MARKUP = frozenset("*_`~\\")
_CENTURIES = ("18", "19", "20")
_COORDINATION_OFFSET = 60  # samordningsnummer: day of birth + 60


@dataclass(frozen=True)
class _Text:
    """One text value and where it stands.

    `exact` texts (the Markdown body) start at `pos`; a front-matter value that spans lines
    was a block scalar (`|`), whose first line follows the line of its key.
    """

    label: str
    text: str | None
    pos: Pos
    exact: bool = False


@dataclass(frozen=True)
class Hit:
    start: int
    kind: str  # "personnummer" or "samordningsnummer"
    masked: str  # "19800101-****"


def find_numbers(text: str) -> list[Hit]:
    """Every personnummer and samordningsnummer in `text`, however it is written.

    The one detector: `check` and `publish`'s scanner both call it. Before matching, the text
    is normalised as a reader would see it (see `normalise`): full-width or other digits, an
    en dash or a space between date and number, Markdown bold or code, a zero-width space or
    soft hyphen inside, HTML tags and character references. `start` is the offset in `text`."""
    hits: list[Hit] = []
    for match, start in _candidates(text):
        century, date, tail = match.group("century"), match.group("date"), match.group("tail")
        kind = _kind(century, date, tail)
        if kind:
            hits.append(Hit(start, kind, _masked(match)))
    return hits


# Ten or more digits, each within a few characters of the next: the only places a number can
# be, whatever stands between its digits. Only these windows are normalised (fast).
_CANDIDATE = re.compile(r"\d(?:\D{0,30}\d){9,}")


# A birth date written as an ISO date before the number (1981-12-18-9876): its two hyphens
# are dropped before matching, so the number reads as 19811218-9876.
_ISO_DATE = re.compile(
    r"(?<![0-9])(?:18|19|20)[0-9]{2}(-)[0-9]{2}(-)[0-9]{2}"
    r"(?=[ ]{0,2}[-+][ ]{0,2}[0-9]{4}(?![0-9]))"
)


def _join_iso_dates(plain: str, origin: list[int]) -> tuple[str, list[int]]:
    drop = {m.start(group) for m in _ISO_DATE.finditer(plain) for group in (1, 2)}
    if not drop:
        return plain, origin
    keep = [i for i in range(len(plain)) if i not in drop]
    return "".join(plain[i] for i in keep), [origin[i] for i in keep]


def _candidates(text: str) -> Iterator[tuple[re.Match[str], int]]:
    """Each personnummer-shaped match in the normalised text, with its offset in `text`."""
    for window in _CANDIDATE.finditer(text or ""):
        plain, origin = _join_iso_dates(*normalise(window.group()))
        for match in _NUMBER.finditer(plain):
            yield match, window.start() + origin[match.start()]


def find_suspects(text: str) -> list[Hit]:
    """Numbers shaped like a personnummer with a separator (`410302-1234`,
    `19410302-1234`) whose date exists but whose check digit is wrong: perhaps a personnummer
    with a typo, which is still personal data."""
    hits: list[Hit] = []
    for match, start in _candidates(text):
        century, date, tail = match.group("century"), match.group("date"), match.group("tail")
        if match.group("sep").strip() not in ("-", "+") or _kind(century, date, tail):
            continue
        if century is not None and century not in _CENTURIES:
            continue
        if _date_shaped(century, date):
            hits.append(Hit(start, "felskrivet", _masked(match)))
    return hits


def normalise(text: str) -> tuple[str, list[int]]:
    """(text as matched, and for each of its characters the offset it came from in `text`).

    NFKC (full-width digits become 0-9), every decimal digit as 0-9, format characters
    (Unicode category Cf: zero-width space, soft hyphen, …), Markdown marks and HTML tags
    removed, character references decoded, every dash a hyphen, every space a plain space."""
    out: list[str] = []
    origin: list[int] = []
    index, end = 0, len(text)
    while index < end:
        char = text[index]
        start = index
        index += 1
        if char in "<&":
            token = (_TAG if char == "<" else _REFERENCE).match(text, start)
            if token:
                index = token.end()
                if char == "<":
                    continue  # an HTML tag shows nothing
                from html import unescape  # on the first character reference: fast start

                for decoded in unescape(token.group()):
                    _add(decoded, start, out, origin)
                continue
        if char.isascii():
            if char in _MARKUP:
                continue
            out.append(" " if char.isspace() else char)
            origin.append(start)
        else:
            _add(char, start, out, origin)
    return "".join(out), origin


_TAG = re.compile(r"<[^<>\n]{0,200}>")
_REFERENCE = re.compile(r"&#?[0-9A-Za-z]{1,10};")


def _add(char: str, start: int, out: list[str], origin: list[int]) -> None:
    for normal in unicodedata.normalize("NFKC", char):
        if unicodedata.category(normal) == "Cf" or normal in _MARKUP:
            continue
        if normal in _DASHES or char in _DASHES:
            normal = "-"
        elif normal.isspace():
            normal = " "
        elif unicodedata.category(normal) == "Nd":
            normal = str(unicodedata.decimal(normal, 0))
        out.append(normal)
        origin.append(start)


def _masked(match: re.Match[str]) -> str:
    sep = match.group("sep").strip() or "-"
    return f"{match.group('century') or ''}{match.group('date')}{sep}****"


def _date_shaped(century: str | None, date: str) -> bool:
    year, month, day = int(date[:2]), int(date[2:4]), int(date[4:6])
    if day > _COORDINATION_OFFSET:
        day -= _COORDINATION_OFFSET
    years = [int(century) * 100 + year] if century else [1900 + year, 2000 + year]
    return any(_real_date(y, month, day) for y in years)


def _kind(century: str | None, date: str, tail: str) -> str | None:
    if century is not None and century not in _CENTURIES:
        return None
    if not luhn_valid(date + tail):
        return None
    year, month, day = int(date[:2]), int(date[2:4]), int(date[4:6])
    kind = "personnummer"
    if day > _COORDINATION_OFFSET:
        day -= _COORDINATION_OFFSET
        kind = "samordningsnummer"
    years = [int(century) * 100 + year] if century else [1900 + year, 2000 + year]
    return kind if any(_real_date(y, month, day) for y in years) else None


def luhn_valid(digits: str) -> bool:
    """The check digit of a ten-digit personnummer (weights 2, 1, 2, 1, …)."""
    total = 0
    for index, char in enumerate(digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return total % 10 == 0


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    yield from _report(_meeting_texts(meeting), secret=False)
    for item in meeting.items:
        yield from _report(_item_texts(item), secret=item.secret)
        # The ground is shown on the public site even for a secret item.
        yield from _report([_Text("sekretess", item.secrecy, item.at("sekretess"))], secret=False)


def check_organ(organ: Organ, ctx: Context) -> Iterator[Problem]:
    texts = [
        _Text("organ.yaml", organ.name, organ.at("namn")),
        _Text("organ.yaml", organ.short_name, organ.at("kortnamn")),
        _Text("organ.yaml", organ.host, organ.at("huvudman")),
        _Text("organ.yaml", organ.archive_place, organ.at("förvaringsplats")),
    ]
    for person in organ.members + organ.deputies:
        texts.append(_Text("registret", person.name, person.at("namn")))
        texts.append(_Text("registret", person.party, person.at("parti")))
        texts.append(_Text("registret", person.municipality, person.at("kommun")))
        texts.append(_Text("registret", person.role, person.at("uppdrag")))
    for key, meaning in organ.item_kinds.items():
        texts.append(_Text("ärendetyper", f"{key} {meaning}", organ.at("ärendetyper")))
    for entry in organ.schedule:
        texts.append(_Text("sammanträdesplanen", entry.place, entry.at("plats")))
        texts.append(_Text("sammanträdesplanen", entry.note, entry.at("anteckning")))
    yield from _report(texts, secret=False)


def check_notice(notice: PostedNotice, ctx: Context) -> Iterator[Problem]:
    """A notice under anslag/ is published whole: its rubrik, text and file names."""
    texts = [
        _Text("rubrik", notice.title, notice.at("rubrik")),
        _Text("anslagets text", notice.body, Pos(notice.pos.path, notice.body_line, 1),
              exact=True),
        _Text("överklagande", notice.appeal_text, notice.at("överklagande")),
    ]
    texts += [_Text("fil", name, notice.at("fil")) for name in notice.files]
    yield from _report(texts, secret=False)


def _report(texts: Iterable[_Text], *, secret: bool) -> Iterator[Problem]:
    for value in texts:
        if not value.text:
            continue
        for hit in find_suspects(value.text):
            yield varning(
                _position(value, hit.start),
                f"{hit.masked} i {value.label} kan vara ett felskrivet personnummer "
                "(datumet finns men kontrollsiffran stämmer inte); ta bort det om det är ett "
                "personnummer",
            )
        for hit in find_numbers(value.text):
            if secret:
                yield varning(
                    _position(value, hit.start),
                    f"{hit.kind} {hit.masked} i {value.label} (sekretessärende): texten "
                    f"publiceras inte, men ta bort {hit.kind} som inte behövs",
                )
            else:
                yield fel(
                    _position(value, hit.start),
                    f"{hit.kind} {hit.masked} i {value.label}: {hit.kind} får inte stå i det "
                    "som publiceras; ta bort det",
                )


def _position(value: _Text, start: int) -> Pos:
    before = value.text[:start] if value.text else ""
    lines_before = before.count("\n")
    column = start - (before.rfind("\n") + 1)  # 0-based within its line
    base = value.pos
    if value.exact:
        col = column + (base.col if lines_before == 0 else 1)
        return Pos(base.path, base.line + lines_before, col)
    if "\n" in (value.text or ""):  # a block scalar: its text starts on the next line
        return Pos(base.path, base.line + 1 + lines_before, 1)
    return Pos(base.path, base.line, base.col + column)


def _meeting_texts(meeting: Meeting) -> list[_Text]:
    texts = [
        _Text("sammanträde.yaml", meeting.place, meeting.at("plats")),
        _Text("sammanträde.yaml", meeting.time, meeting.at("tid")),
    ]
    texts += _refs("sammanträde.yaml", [meeting.chair, meeting.secretary, *meeting.adjusters])
    if meeting.adjustment:
        adjustment = meeting.adjustment
        texts.append(_Text("justering", adjustment.place, adjustment.at("plats")))
        texts.append(_Text("justering", adjustment.time, adjustment.at("tid")))
    attendance = meeting.attendance
    if attendance:
        texts += _refs("närvarande", attendance.members + attendance.deputies)
        for substitute in attendance.substitutes:
            texts += _refs("närvarande", [substitute])
            texts.append(
                _Text("närvarande", substitute.replaces, substitute.replaces_pos or substitute.pos)
            )
        for guest in attendance.others:
            texts += _refs("övriga", [guest])
            texts.append(_Text("övriga", guest.title, guest.at("titel") if "titel" in
                               guest.positions else guest.pos))
    return texts


def _refs(label: str, refs: Iterable[Ref | None]) -> list[_Text]:
    return [_Text(label, ref.name, ref.at("namn")) for ref in refs if ref is not None]


def _item_texts(item: Item) -> list[_Text]:
    texts = [
        _Text("rubrik", item.title, item.at("rubrik")),
        _Text("dnr", item.dnr, item.at("dnr")),
        _Text("typ", item.kind, item.at("typ")),
        _Text("förslag till beslut", item.proposal, item.at("förslag_till_beslut")),
        _Text("propositionsordning", item.order_of_question, item.at("propositionsordning")),
        _Text("beslut", item.decision, item.at("beslut")),
        _Text("ärendetexten", item.body, Pos(item.pos.path, item.body_line, 1), exact=True),
    ]
    for label, statements in (
        ("yrkanden", item.motions),
        ("reservationer", item.reservations),
        ("protokollsanteckningar", item.notes),
    ):
        for statement in statements:
            texts.append(_Text(label, statement.by, statement.by_pos or statement.pos))
            texts.append(_Text(label, statement.text, statement.at("text")))
    for document in item.documents:
        # Without a titel, the title is the file name: read it once.
        if document.file is None or "titel" in document.positions:
            texts.append(_Text("beslutsunderlag", document.title, document.at("titel")))
        texts.append(_Text("beslutsunderlag", document.file, document.at("fil")))
    texts += [_Text("expedieras", name, item.at("expedieras")) for name in item.dispatch]
    texts += _refs("jäv", item.conflicts)
    if item.vote:
        texts += _refs("omröstning", item.vote.yes + item.vote.no + item.vote.abstain)
    return texts
