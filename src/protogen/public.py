"""The one gate between the meeting files and anything public (issue 8, "One gate").

Two halves, both here and nowhere else:

- **The public view.** `public_view(meeting)` decides, here and nowhere else, what a citizen
  may see of a meeting, and every public output takes it from there: the site's pages, the
  public protocol (HTML and PDF) and utdrag, the public kallelse, the anslagstavla's notices,
  the feeds (Atom, iCalendar), open data (OParl, Popolo, CSV, through `public_items`), the
  search index, and the archive's public variant. A secret item is its § number, the neutral
  heading (the words of `templates/standard/sekretess-rubrik.txt`) and its ground, built
  afresh so that no field of it can carry the item's content; a guest present only for secret
  §§ is left out, and the secret §§ leave every other guest's list of §§. What is secret is
  decided by `is_secret`, which fails closed: every item the reader could not prove public
  (`Item.secret`) is secret.
- **The scanner.** `SecretWords.of(meetings)` collects the words of every secret item — the
  title, dnr, slug, every text (body, förslag, yrkanden, beslut, reservationer, anteckningar),
  the documents' titles and files, expedieras, the names that occur only there — less what the
  public view and protogen's own text legitimately show. `scan_folder` reads every byte publish
  is about to swap in — HTML, JSON, feeds, the text and every decompressed stream and string of
  each PDF (XMP, outlines, signatures' certificates), the unpacked Pagefind index — and lists
  each file holding a secret word or a personnummer. Publish refuses when the list is not empty.

Words are compared after normalising: HTML/XML entities decoded, Unicode NFKC, format
characters (soft hyphen, zero-width space) removed, case folded, every run of characters that
are not letters or digits made one space; so markup, bold, escaping and line breaks hide
nothing.
"""

from __future__ import annotations

import dataclasses
import gzip
import html
import io
import json
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from protogen.model import Item, Meeting
from protogen.resources import attachment_path
from protogen.view import (
    SECRET_TITLE,
    ItemView,
    MeetingView,
    PersonView,
    guest_view,
    item_view,
    meeting_view,
)

SHINGLE = 4  # words of a long secret text are matched four in a row
SHORT = 12  # a text of at most this many words is matched whole
MIN_WORD = 6  # a single secret word is matched when at least this long (and not public)
STATIC = (".css", ".js", ".pagefind", ".woff", ".woff2")  # package files: phrases only


# -- the public view ---------------------------------------------------------------------------

def is_secret(item: Item) -> bool:
    """Whether an item must not be public: fails closed (see `Item.secret`)."""
    return bool(item.secret or item.secrecy)


def public_view(meeting: Meeting) -> MeetingView:
    """What a citizen may see of `meeting`: a secret item keeps its number, anchor and ground,
    and nothing of it is rendered; a guest present only for secret §§ is left out."""
    items = [_neutral(item) if is_secret(item) else _whole(meeting, item)
             for item in meeting.items]
    view = meeting_view(meeting, items)
    view.public = True
    hidden = {item.number for item in items if item.secret}
    view.others = [_public_guest(person, hidden) for person in view.others
                   if not (person.numbers and person.numbers <= hidden)]
    return view


def _whole(meeting: Meeting, item: Item) -> ItemView:
    view = item_view(meeting, item)
    view.secret = False  # in the public view, `secret` says "hidden from the public"; no other
    return view          # output reads the model's own flag


def _neutral(item: Item) -> ItemView:
    # Built afresh from the number and the ground alone, so that a field added to ItemView
    # later can never carry a secret item's content into a public output.
    number = item.shown_number
    return ItemView(number=number, anchor=f"p{number}", title=SECRET_TITLE, secret=True,
                    secrecy=item.secrecy, position=item.position)


def _public_guest(person: PersonView, hidden: set[int]) -> PersonView:
    return guest_view(person.name, person.title, person.numbers - hidden)


def public_items(meeting: Meeting, view: MeetingView) -> list[Item | ItemView]:
    """The public view `view` of `meeting` for the outputs that read the model's own values
    (open data: raw texts, votes, dnr): the model item of each § the view shows whole, the
    view's own neutral item for every other. Nothing is decided here: what the view hides
    stays hidden, with the view's heading and ground."""
    by_position = {item.position: item for item in meeting.items}
    return [shown if shown.secret else by_position[shown.position] for shown in view.items]


# -- normalising -------------------------------------------------------------------------------

_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Text as the scanner compares it: 'Tolvan&nbsp;**Tolv\u00adansson**' → 'tolvan tolvansson'."""
    text = _FORMAT.sub("", unicodedata.normalize("NFKC", html.unescape(text)))
    return _NOT_WORD.sub(" ", text.casefold()).strip()


# Unicode's format characters (category Cf): soft hyphen, zero-width space, bidi marks, …
_FORMAT = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]")


def words(text: str) -> list[str]:
    return normalise(text).split()


def strings(value: Any, seen: set[int] | None = None) -> Iterator[str]:
    """Every string inside a value: dataclasses, lists, dicts, tuples (not into the model's
    back references: an Organ's meetings, a Meeting's organ)."""
    seen = seen if seen is not None else set()
    if isinstance(value, str):
        yield value
        return
    if id(value) in seen or value is None or isinstance(value, bool | int | float | Path):
        return
    seen.add(id(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            # Not the meeting's text: back references, places, and what the reader found
            # wrong (parse state, sekretess doubts, unshaped entries), kept for the rules.
            if f.name in ("organ", "meetings", "pos", "positions", "folder", "file", "failure",
                          "secrecy_doubts", "unshaped_substitutes", "unusable_files"):
                continue
            yield from strings(getattr(value, f.name), seen)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(key, seen)
            yield from strings(item, seen)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from strings(item, seen)


@lru_cache(maxsize=1)
def own_words() -> frozenset[str]:
    """The words protogen itself writes: its templates, its Python sources (labels, feed
    texts, month and day names). A secret word that is also one of these proves nothing."""
    package = Path(__file__).resolve().parent
    found: set[str] = set()
    for path in [*package.rglob("*.py"), *package.rglob("*.html"), *package.rglob("*.css"),
                 *package.rglob("*.json")]:
        try:
            found.update(words(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue
    return frozenset(found)


# -- the secret words --------------------------------------------------------------------------

@dataclass
class SecretWords:
    """What must not be public: phrases (tuples of normalised words) and where each comes from."""

    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.phrases)

    @classmethod
    def of(cls, meetings: Iterable[Meeting], root: Path | None = None,
           public: Iterable[str] = ()) -> SecretWords:
        """The secret words of `meetings`. `public`: more text that may be public (the site's
        configuration, a board's own templates)."""
        meetings = [m for m in meetings if m.loaded]
        corpus: list[str] = list(public)
        organs = {id(m.organ): m.organ for m in meetings if m.organ is not None}
        for organ in organs.values():
            corpus += strings(organ)
        for meeting in meetings:  # from the model, never from the view the scan must check
            corpus += strings(meeting, _secret_parts(meeting))
        if root is not None:
            corpus += _user_templates(root)
        public_text = " " + " ".join(normalise(t) for t in corpus) + " "
        vocabulary = set(public_text.split()) | own_words()
        found = cls()
        for meeting in meetings:
            secret = [item for item in meeting.items if is_secret(item)]
            for item in secret:
                found._add_texts(_where(item.file, root), [item.slug.replace("-", " "),
                                 *strings(dataclasses.replace(item, secrecy=None, kind=None)),
                                 *_attachment_texts(meeting, item)],
                                 public_text, vocabulary)
            hidden = _secret_parts(meeting)
            guests = meeting.attendance.others if meeting.attendance else []
            for guest in guests:  # present only for secret §§: who they are gives it away
                if id(guest) in hidden:
                    found._add_texts(_where(meeting.folder / "sammanträde.yaml", root),
                                     [guest.name, guest.title or ""], public_text, vocabulary)
        return found

    def _add_texts(self, where: str, texts: list[str], public_text: str,
                   vocabulary: set[str]) -> None:
        for text in texts:
            tokens = words(text)
            candidates: list[tuple[str, ...]] = []
            if 0 < len(tokens) <= SHORT:
                candidates.append(tuple(tokens))
            else:
                candidates += [tuple(tokens[i:i + SHINGLE])
                               for i in range(0, max(1, len(tokens) - SHINGLE + 1))]
            candidates += [(w,) for w in tokens
                           if len(w) >= MIN_WORD and not w.isdigit() and w not in vocabulary]
            own = own_words()
            for phrase in candidates:
                if not phrase or len("".join(phrase)) < 3:
                    continue
                if all(w in own or w.isdigit() for w in phrase):
                    continue  # "ärende 3": protogen's own words and numbers tell nothing
                if f" {' '.join(phrase)} " in public_text:
                    continue  # the same words are public elsewhere: no evidence of a leak
                self.phrases.setdefault(phrase, where)

    def index(self) -> dict[str, list[tuple[str, ...]]]:
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.phrases:
            by_first.setdefault(phrase[0], []).append(phrase)
        return by_first


def _secret_parts(meeting: Meeting) -> set[int]:
    """The ids of a meeting's secret items and of the guests present only for them."""
    secret = [item for item in meeting.items if is_secret(item)]
    numbers = {item.number for item in secret}
    guests = meeting.attendance.others if meeting.attendance else []
    return {id(item) for item in secret} | {
        id(g) for g in guests if g.paragraphs and g.paragraphs <= numbers}


MAX_ATTACHMENT = 20_000_000  # bytes of one attachment read for its words


def _attachment_texts(meeting: Meeting, item: Item) -> list[str]:
    """The text of a secret item's attached PDFs: their words are secret too."""
    texts: list[str] = []
    for document in item.documents:
        if not document.file or not document.file.lower().endswith(".pdf"):
            continue
        path = attachment_path(meeting.folder, document.file)
        try:
            if path is None or not path.is_file() or path.stat().st_size > MAX_ATTACHMENT:
                continue
            texts += _shown_text(path.read_bytes())
        except OSError:
            continue
    return texts


def _shown_text(data: bytes) -> list[str]:
    """What a PDF shows a reader: its pages' text and its metadata (never its streams'
    operators, which every PDF shares)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        texts = [page.extract_text() or "" for page in reader.pages]
        texts += [str(v) for v in (reader.metadata or {}).values()]
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        return []
    return texts


def _where(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _user_templates(root: Path) -> list[str]:
    folder = root / "mallar"
    texts = []
    if folder.is_dir() and not folder.is_symlink():
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink() and path.suffix in (".html", ".css"):
                try:
                    texts.append(path.read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError):
                    continue
    return texts


# -- reading what is about to be published -----------------------------------------------------

def file_texts(name: str, data: bytes) -> list[str]:
    """Every text a file holds: a text file's own (JSON also as parsed), a PDF's extracted
    text, strings and decompressed streams, a Pagefind file unpacked."""
    if name.endswith(".pdf") or data.startswith(b"%PDF"):
        from protogen.scancache import texts as scanned

        return scanned("pdf", data, pdf_texts)  # bytes read before are not read again
    if data[:2] == b"\x1f\x8b":  # Pagefind's files are gzip
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error):
            pass
    text = data.decode("utf-8", errors="replace")
    texts = [text]
    if name.endswith(".json"):
        try:
            texts.append(" ".join(strings(json.loads(text))))
        except ValueError:
            pass
    return texts


def pdf_texts(data: bytes) -> list[str]:
    """The words a PDF can show or hand out: each page's text, every string of every object
    (metadata, outlines, annotations, form fields, signature contents), every decompressed
    stream but drawing operators, fonts and images (XMP, embedded files, certificates). A file
    that does not read as a PDF is scanned as its raw bytes."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError
    from pypdf.generic import (
        ArrayObject,
        ByteStringObject,
        DictionaryObject,
        IndirectObject,
        StreamObject,
        TextStringObject,
    )

    texts: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data))
        for page in reader.pages:
            texts.append(page.extract_text() or "")
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        return [data.decode("latin-1")]  # not readable as a PDF: its bytes as they are
    seen: set[int] = set()
    stack: list[Any] = [reader.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if obj.idnum in seen:
                continue
            seen.add(obj.idnum)
            try:
                obj = obj.get_object()
            except (PyPdfError, ValueError, KeyError, TypeError, OSError):
                continue
        if isinstance(obj, TextStringObject):
            texts.append(str(obj))
        elif isinstance(obj, ByteStringObject):
            texts.append(bytes(obj).decode("utf-8", errors="replace"))
            texts.append(bytes(obj).decode("latin-1"))
        elif isinstance(obj, DictionaryObject):
            if isinstance(obj, StreamObject) and not _font_or_image(obj):
                try:
                    raw = obj.get_data()
                    texts.append(raw.decode("utf-8", errors="replace"))
                except (PyPdfError, ValueError, KeyError, TypeError, OSError, zlib.error):
                    pass
            is_page = obj.get("/Type") == "/Page"
            for key, value in obj.items():
                # A page's content stream is drawing operators; its text is read above.
                if key not in ("/Parent", "/P") and not (is_page and key == "/Contents"):
                    stack.append(value)
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return texts


def _font_or_image(stream: Any) -> bool:
    subtype = str(stream.get("/Subtype", ""))
    return subtype in ("/Image", "/Form", "/Type1C", "/CIDFontType0C", "/OpenType") or \
        "/Length1" in stream or "/Length2" in stream


# -- the scan ----------------------------------------------------------------------------------

def find_phrases(text: str, by_first: dict[str, list[tuple[str, ...]]]) -> set[tuple[str, ...]]:
    tokens = normalise(text).split()
    hits: set[tuple[str, ...]] = set()
    for index, token in enumerate(tokens):
        for phrase in by_first.get(token, ()):
            if tuple(tokens[index:index + len(phrase)]) == phrase:
                hits.add(phrase)
    return hits


@dataclass
class Findings:
    """What a scan found: secret words by the file they come from, personnummer by kind."""

    secret: dict[str, dict[str, int]] = field(default_factory=dict)  # source → file → hits
    numbers: dict[str, list[str]] = field(default_factory=dict)  # "personnummer 1912…" → files

    def lines(self) -> list[str]:
        """Swedish refusals; they never repeat a secret word (a log may be public)."""
        out = []
        for source, files in self.secret.items():
            hits = sum(files.values())
            out.append(f"{source}: fel: text ur detta sekretessbelagda ärende ({hits} "
                       f"{'träff' if hits == 1 else 'träffar'}) skulle bli offentlig i "
                       f"{_some(list(files))}; webbplatsen publiceras inte [sekretess]")
        for number, shown in self.numbers.items():
            out.append(f"{_some(shown)}: fel: {number} skulle bli offentligt; ta bort det "
                       "[personnummer]")
        return out


def _some(names: list[str]) -> str:
    more = f" och {len(names) - 3} filer till" if len(names) > 3 else ""
    return ", ".join(names[:3]) + more


def scan_file(name: str, data: bytes, secrets: SecretWords, found: Findings,
              by_first: dict[str, list[tuple[str, ...]]] | None = None) -> None:
    """Add to `found` what of `name` must not be published."""
    from protogen.rules.personnummer import find_numbers

    by_first = by_first if by_first is not None else secrets.index()
    static = name.endswith(STATIC) or ("/pagefind/" in f"/{name}"
                                       and not name.endswith(".pf_fragment"))
    packed = name.endswith((".pf_index", ".pf_meta", ".pf_filter"))
    hits: set[tuple[str, ...]] = set()
    for text in file_texts(name, data):
        matched = find_phrases(text, by_first)
        if static:  # package files: their own words may be anything; only phrases count
            matched = {p for p in matched if len(p) > 1}
        if packed:  # the index's words are glued to their binary lengths: look inside
            flat = normalise(text)
            matched |= {p for p in secrets.phrases if len(p) == 1 and p[0] in flat}
        hits |= matched
        if not name.endswith(".pagefind"):
            for hit in find_numbers(unicodedata.normalize("NFKC", text)):
                files = found.numbers.setdefault(f"{hit.kind} {hit.masked}", [])
                if name not in files:
                    files.append(name)
    for phrase in hits:
        per_file = found.secret.setdefault(secrets.phrases[phrase], {})
        per_file[name] = per_file.get(name, 0) + 1


def scan_folder(folder: Path, secrets: SecretWords) -> list[str]:
    """Every reason not to publish the files under `folder` (read back from the disk)."""
    by_first = secrets.index()
    found = Findings()
    links: list[str] = []
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            links.append(f"{name}: fel: en symbolisk länk publiceras inte")
        elif path.is_file():
            scan_file(name, path.read_bytes(), secrets, found, by_first)
    return links + found.lines()


class LeakError(Exception):
    """Publishing would leak; `lines` are the Swedish reasons."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines
