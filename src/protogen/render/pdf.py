"""The PDF stage: an HTML string in, archivable and signature-ready PDF bytes out.

What comes out of :func:`html_to_pdf`:

- **PDF/A-2a** (WeasyPrint's ``pdf/a-2a`` variant): tagged (``/MarkInfo``, a
  ``/StructTreeRoot`` built from the HTML's headings, lists and tables), ``/Lang``, a title in
  the document information and in the XMP metadata, ``/DisplayDocTitle``, an sRGB output
  intent, and every font embedded (the package's own Noto Sans and DejaVu Sans Mono, so no
  system font is needed).
- **One empty signature field** (``/FT /Sig``) per :class:`SignatureField`, lying over the box
  of an element of the HTML (the signature line of the sekreterare, the ordförande, each
  justerare), printable, with an empty appearance stream, inside a ``/Form`` structure element,
  so that a signing tool (pyHanko, Adobe Acrobat) can sign it later without breaking PDF/A.
- **Byte-identical** output for identical input: dates come from ``source_date_epoch`` (or the
  ``SOURCE_DATE_EPOCH`` environment variable) and the trailer ``/ID`` is a hash of the content.

How: the HTML is laid out once (``HTML.render()``), the anchor boxes are looked up in that very
layout, and the same document is written once, with a WeasyPrint *finisher* that adds the
fields to the PDF objects before the trailer is written. There is no second layout, no second
parse of the PDF and no incremental update: the fields cost about a millisecond, and the XMP
identification stays exactly as WeasyPrint wrote it. (See bench/render_floor.py for the cost
against a bare WeasyPrint run.)

What a process renders many times is set up once: the package's fonts (FontConfiguration) and
the parsed form of a document's ``<style>`` (see _author_sheet), which the next documents with
the same style share, as author stylesheets, byte for byte as if each had parsed its own.
bench/meeting.py prints what one meeting's documents cost.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pydyf
import weasyprint.css as css_module
from weasyprint import CSS, HTML
from weasyprint.document import Document, DocumentMetadata
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from protogen.render.errors import RenderError
from protogen.render.fetcher import (
    BlockedURLError,
    ProjectURLFetcher,
    blocked_message,
    make_url_fetcher,
)

__all__ = [
    "FONT_FAMILY",
    "FONT_FAMILY_MONO",
    "FONTS_DIR",
    "PDF_VARIANT",
    "BlockedURLError",
    "RenderError",
    "SignatureField",
    "font_face_css",
    "html_to_pdf",
    "make_url_fetcher",
]

#: The WeasyPrint variant: PDF/A-2, conformance level A (tagged, Unicode text). WeasyPrint 70
#: also offers pdf/a-2u and pdf/ua-1, but only one identification can be claimed at a time, and
#: archiving (PDF/A) is the legal must; level A brings the structure tree that accessibility
#: needs as well.
PDF_VARIANT = "pdf/a-2a"

#: The CSS families under which the package's fonts are declared: names of our own, not
#: "Noto Sans", so that a font of that name installed on the build machine is never used.
FONT_FAMILY = "Protogen Sans"
FONT_FAMILY_MONO = "Protogen Mono"

#: The package's font files and their licenses (OFL.txt, LICENSE-DejaVu.txt).
FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"

_FONT_FACES = (
    (FONT_FAMILY, "NotoSans-Regular.ttf", 400, "normal"),
    (FONT_FAMILY, "NotoSans-Bold.ttf", 700, "normal"),
    (FONT_FAMILY, "NotoSans-Italic.ttf", 400, "italic"),
    (FONT_FAMILY, "NotoSans-BoldItalic.ttf", 700, "italic"),
    (FONT_FAMILY_MONO, "DejaVuSansMono.ttf", 400, "normal"),
    (FONT_FAMILY_MONO, "DejaVuSansMono-Bold.ttf", 700, "normal"),
)

# The user stylesheet html_to_pdf adds: the package's fonts as the defaults, also for the
# elements WeasyPrint's own stylesheet sets in "monospace" (which would be a system font).
_DEFAULT_FONTS_CSS = f"""
html {{ font-family: "{FONT_FAMILY}" }}
code, kbd, listing, plaintext, pre, samp, tt, xmp {{ font-family: "{FONT_FAMILY_MONO}" }}
"""

# 96 CSS px per inch, 72 PDF points per inch.
_PX_TO_PT = 0.75

# Annotation flag bit 3: print the widget (PDF/A demands it, and forbids Hidden/NoView).
_PRINT_FLAG = 1 << 2
# AcroForm /SigFlags bit 1, SignaturesExist: "the document contains at least one signature
# field", which lets viewers show their signing tools.
_SIGNATURES_EXIST = 1

# A field's name becomes its /T; a "." would split it into a hierarchy of partial names.
_FIELD_NAME = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class SignatureField:
    """An empty signature field to place over an element of the HTML.

    ``name`` is the field's name in the PDF (ASCII: letters, digits, ``-`` and ``_``), e.g.
    ``"sekreterare"`` or ``"justerare-1"``. ``anchor_id`` is the ``id`` of the HTML element
    whose border box the field covers, e.g. ``<div id="sig-sekreterare"
    class="signature-box">``. The element's ``aria-label`` (or ``title``, or text) becomes the
    field's readable name (``/TU``) that screen readers and signing tools show.
    """

    name: str
    anchor_id: str


def font_face_css() -> str:
    """``@font-face`` rules for the package's fonts, as ``file:`` URLs.

    They declare FONT_FAMILY (Noto Sans: regular, bold, italic, bold italic) and
    FONT_FAMILY_MONO (DejaVu Sans Mono: regular, bold). :func:`html_to_pdf` adds these rules
    itself and makes the two families the document's defaults; a template names the same
    families to choose the fonts explicitly. Any other family would be a system font.
    """
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; '
        f'src: url("{(FONTS_DIR / file).as_uri()}") format("truetype"); '
        f"font-weight: {weight}; font-style: {style}; }}"
        for family, file, weight, style in _FONT_FACES
    )


def html_to_pdf(
    html: str,
    *,
    base_url: Path,
    project_root: Path,
    title: str,
    signature_fields: Sequence[SignatureField] = (),
    lang: str = "sv",
    author: str | None = None,
    subject: str | None = None,
    source_date_epoch: int | None = None,
    blocked: list[str] | None = None,
    extra_roots: Sequence[Path] = (),
    xmp: bytes | None = None,
    read: list[Path] | None = None,
) -> bytes:
    """Render ``html`` to PDF/A-2a bytes with empty signature fields.

    ``base_url`` is the folder (or file) that relative URLs in the HTML are resolved against;
    only ``data:`` URLs and files under ``project_root``, the package's fonts and
    ``extra_roots`` (e.g. the built-in templates' folder) are read. Other URLs are not fetched:
    they are appended to ``blocked`` when a list is given (the caller reports them as a ``fel``
    and the PDF is made without them), and raise :class:`RenderError` when it is not, so that
    nothing is left out silently.

    ``title``, ``lang``, ``author`` and ``subject`` override what the HTML says; the title goes
    to both the document information and the XMP metadata. Creation and modification dates are
    ``source_date_epoch`` (seconds since 1970-01-01 UTC), else the ``SOURCE_DATE_EPOCH``
    environment variable, else whatever ``<meta name="dcterms.created">`` /
    ``dcterms.modified`` the HTML holds, else none at all: never the clock, so the same input
    always gives the same bytes. Callers that want a date should pass one derived from the
    meeting (e.g. the justering date).

    ``xmp`` is one or more ``rdf:Description`` elements added to the XMP packet's own
    ``rdf:RDF`` (e.g. the fingerprint of :mod:`protogen.fingerprint`, with its PDF/A extension
    schema): inside it, not beside it, so that tools that rewrite the packet on signing
    (pyHanko) keep them.

    ``read``, when given, receives every local file the render read (images, stylesheets),
    so that a cache can tell when the same HTML would give other bytes.

    Raises :class:`RenderError` for an empty title, a bad or duplicate field name, an anchor
    that is missing or has no area, a malformed ``SOURCE_DATE_EPOCH``, and (without
    ``blocked``) refused URLs.
    """
    if not title.strip():
        # PDF/A-2a and PDF/UA want a title that viewers show instead of the file name.
        raise RenderError("Dokumentet saknar titel")
    fields = tuple(signature_fields)
    _check_fields(fields)
    epoch = _resolve_epoch(source_date_epoch, os.environ)

    refused: list[str] = []
    fetcher = make_url_fetcher(project_root, (FONTS_DIR, *extra_roots), blocked=refused)
    document = _layout(html, base_url, fetcher)
    _report_refused(refused, blocked)
    if read is not None:
        read.extend(fetcher.read)

    _set_metadata(
        document.metadata, title=title, lang=lang, author=author, subject=subject, epoch=epoch
    )
    placed = [_place_field(document, field) for field in fields]
    pdf: bytes = document.write_pdf(
        pdf_variant=PDF_VARIANT, finisher=_finisher(placed, xmp)
    )
    return pdf


# --- layout ---------------------------------------------------------------------------------


def _layout(html: str, base_url: Path, fetcher: ProjectURLFetcher) -> Document:
    font_config, defaults = _package_fonts()
    # The defaults are a *user* stylesheet: they give the default font but lose to any
    # font-family the template sets.
    source = HTML(string=html, base_url=str(base_url), url_fetcher=fetcher)
    try:
        with _author_sheets_parsed_once():
            document: Document = source.render(
                font_config=font_config, stylesheets=[defaults], pdf_variant=PDF_VARIANT
            )
    finally:
        if font_config.tainted:
            # The document declared fonts of its own; they must not be visible to the next
            # document, or its output would depend on what was rendered before it.
            _package_fonts.cache_clear()
    return document


class _PackageFontConfiguration(FontConfiguration):
    """A FontConfiguration that notices @font-face rules added after the package's own."""

    def __init__(self) -> None:
        super().__init__()
        self.sealed = False
        self.tainted = False

    def add_font_face(self, rule_descriptors: Any, url_fetcher: Any) -> Any:
        self.tainted = self.tainted or self.sealed
        return super().add_font_face(rule_descriptors, url_fetcher)


@functools.cache
def _package_fonts() -> tuple[_PackageFontConfiguration, CSS]:
    """The package's fonts, loaded once per process, and the stylesheet that declares them.

    Setting up fontconfig with six font files costs about 5 % of rendering a ten-page
    protocol, so it is done once and shared by the renders of a process; the bytes are the
    same either way (the tests compare a render in this process with one in a fresh one).
    A document that declares fonts of its own gets them in the shared configuration, which is
    then dropped (see _layout). WeasyPrint is not thread-safe: to build in parallel, use
    processes.
    """
    # The @font-face rules must be registered in the FontConfiguration the layout uses.
    font_config = _PackageFontConfiguration()
    defaults = CSS(
        string=font_face_css() + _DEFAULT_FONTS_CSS,
        font_config=font_config,
        url_fetcher=make_url_fetcher(FONTS_DIR),
    )
    font_config.sealed = True
    return font_config, defaults


# --- author stylesheets, parsed once per process ---------------------------------------------
#
# Every document of a look carries the same <style> (stil.css and the template's additions):
# about 9 KB that WeasyPrint tokenizes, validates and compiles into selector matchers for each
# document again — some 15 % of rendering an utdrag. The parsed form of a <style> is kept per
# process, keyed by its text, base URL and media type, and handed to the next document that
# carries the same text. It stays an *author* stylesheet in the cascade (passing it as
# ``stylesheets=`` would make it a user one, which changes precedence and @page handling).
#
# Only a "pure" stylesheet is shared: one whose parse touched nothing but its own selector
# matcher and @page rules. A first parse in isolation tells: if it declared fonts, counter
# styles, colour profiles or layers, or fetched anything (@import, a font, a profile), the
# stylesheet is parsed in every document as WeasyPrint does, so no side effect and no read is
# lost. WeasyPrint 70 itself shares its user-agent stylesheets across documents the same way:
# after parsing, a matcher and its declarations are only read.

_SHEET_MEMO_SIZE = 16  # distinct <style> texts kept: a few per look
_sheet_memo: OrderedDict[tuple[str, str | None, str], _ParsedSheet | None] = OrderedDict()


@dataclass(eq=False)  # hashed by identity, like weasyprint.CSS (the cascade keys on sheets)
class _ParsedSheet:
    """What the cascade reads of a weasyprint.CSS: its matcher, @page rules and layers."""

    matcher: Any
    page_rules: list[Any]
    layers: list[Any]
    base_url: str | None


class _ProbeFontConfiguration:
    declared = False

    def add_font_face(self, rule_descriptors: Any, url_fetcher: Any) -> None:
        self.declared = True


class _ProbeFetcher(URLFetcher):
    fetched = False

    def fetch(self, url: str, headers: object = None) -> Any:
        self.fetched = True
        raise ValueError("not fetched while probing a stylesheet")


# At-rules whose parse reaches outside the stylesheet: such a text is not even probed (the probe
# would log a failed @import, say, that the document's own parse logs again).
_OUTREACHING = re.compile(r"@(import|font-face|color-profile|counter-style|layer)\b", re.I)


def _parse_alone(text: str, base_url: str | None, media_type: str) -> _ParsedSheet | None:
    """The stylesheet parsed in isolation, or None when its parse has effects outside it."""
    if _OUTREACHING.search(text):
        return None
    fonts, fetcher = _ProbeFontConfiguration(), _ProbeFetcher()
    page_rules: list[Any] = []
    layers: list[Any] = []
    counter_style: dict[str, Any] = {}
    color_profiles: dict[str, Any] = {}
    try:
        sheet = CSS(string=text, base_url=base_url, url_fetcher=fetcher, media_type=media_type,
                    font_config=fonts, counter_style=counter_style, page_rules=page_rules,
                    color_profiles=color_profiles, layers=layers)
    except Exception:  # noqa: BLE001 - whatever it is, the ordinary parse will meet it again
        return None
    if fonts.declared or fetcher.fetched or layers or counter_style or color_profiles:
        return None
    return _ParsedSheet(sheet.matcher, page_rules, [], base_url)


def _author_sheet(*args: Any, **kwargs: Any) -> Any:
    """weasyprint.CSS for the author stylesheets of a document: a <style> text seen before is
    not parsed again (see above); anything else goes to weasyprint.CSS unchanged."""
    text, base_url, media_type = (kwargs.get(name) for name in ("string", "base_url",
                                                                  "media_type"))
    ordinary = (args or kwargs.get("matcher") is not None or kwargs.get("layer") is not None
                or kwargs.get("page_rules") is None or kwargs.get("layers") is None)
    if ordinary or not isinstance(text, str) or not isinstance(media_type, str):
        return CSS(*args, **kwargs)
    key = (text, None if base_url is None else str(base_url), media_type)
    if key in _sheet_memo:
        _sheet_memo.move_to_end(key)
        parsed = _sheet_memo[key]
    else:
        parsed = _sheet_memo[key] = _parse_alone(*key)
        if len(_sheet_memo) > _SHEET_MEMO_SIZE:
            _sheet_memo.popitem(last=False)
    if parsed is None:
        return CSS(*args, **kwargs)
    # As weasyprint.CSS does: the @page rules join the document's list, in source order, and
    # the sheet keeps the document's lists (the cascade reads them through the sheet).
    page_rules: list[Any] = kwargs["page_rules"]
    page_rules.extend(parsed.page_rules)
    return _ParsedSheet(parsed.matcher, page_rules, kwargs["layers"], parsed.base_url)


@contextlib.contextmanager
def _author_sheets_parsed_once() -> Iterator[None]:
    """While a document is rendered, its <style> elements go through _author_sheet.

    weasyprint.css.find_stylesheets makes the author stylesheets by calling the module's
    ``CSS``; it is swapped for the duration of one render. (WeasyPrint is not thread-safe
    anyway. Should another thread render meanwhile, its documents get the same cascade either
    way: a shared parse only where it equals a parse of their own.)
    """
    css_module.CSS = _author_sheet
    try:
        yield
    finally:
        css_module.CSS = CSS


def _report_refused(refused: list[str], blocked: list[str] | None) -> None:
    if not refused:
        return
    if blocked is None:
        raise RenderError("; ".join(blocked_message(url) for url in refused))
    blocked.extend(url for url in refused if url not in blocked)


# --- metadata -------------------------------------------------------------------------------


def _resolve_epoch(explicit: int | None, environ: Mapping[str, str]) -> int | None:
    if explicit is not None:
        return explicit
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    # The reproducible-builds convention: a malformed value is an error, not "now".
    if not value.isdigit():
        raise RenderError(
            f"SOURCE_DATE_EPOCH ska vara ett heltal (sekunder sedan 1970-01-01 UTC), inte {value!r}"
        )
    return int(value)


def _set_metadata(
    metadata: DocumentMetadata,
    *,
    title: str,
    lang: str,
    author: str | None,
    subject: str | None,
    epoch: int | None,
) -> None:
    metadata.title = title
    metadata.lang = lang
    if author is not None:
        metadata.authors = [author]
    if subject is not None:
        metadata.description = subject
    metadata.generator = "protogen"
    if epoch is not None:
        stamp = datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        metadata.created = metadata.modified = stamp


# --- signature fields -----------------------------------------------------------------------


def _check_fields(fields: Sequence[SignatureField]) -> None:
    seen: set[str] = set()
    for field in fields:
        if not _FIELD_NAME.fullmatch(field.name):
            raise RenderError(
                f"Underskriftsfältet {field.name!r} har ett ogiltigt namn: "
                "bara a–z, A–Z, 0–9, - och _ får användas"
            )
        if field.name in seen:
            raise RenderError(f"Underskriftsfältet {field.name!r} förekommer två gånger")
        seen.add(field.name)


class _LateReference(pydyf.Object):
    """A reference to an object that is numbered only when the finisher adds it to the PDF.

    pydyf writes an Object inside a dictionary or array through its ``data``, which is read
    when the file is written, so the number is known by then.
    """

    def __init__(self, target: pydyf.Object) -> None:
        super().__init__()
        self.target = target

    @property
    def data(self) -> bytes:
        assert self.target.number is not None, "the widget was never added to the PDF"
        return f"{self.target.number} {self.target.generation} R".encode()


class _Widget(pydyf.Dictionary):
    """A signature field merged with its widget annotation.

    It exists before the PDF does: WeasyPrint's tagger reads ``box.widget_annotation`` while it
    builds the structure tree and wraps it in a ``/Form`` element inside the anchor element's
    own structure element (so a screen reader meets the field where the signature line is). It
    asks for the widget's ``reference`` then, before the finisher has numbered it.
    """

    @property
    def reference(self) -> Any:
        return _LateReference(self)


@dataclass(frozen=True)
class _PlacedField:
    field: SignatureField
    page_index: int
    rect: tuple[float, float, float, float]
    widget: _Widget


def _place_field(document: Document, field: SignatureField) -> _PlacedField:
    page_index, box = _find_anchor(document, field)
    rect = _box_rect(box, document.pages[page_index].height)
    if rect[2] - rect[0] <= 0 or rect[3] - rect[1] <= 0:
        raise RenderError(
            f'Rutan för underskriftsfältet {field.name!r} (id="{field.anchor_id}") '
            "har ingen yta i dokumentet"
        )
    widget = _Widget(
        {
            "Type": "/Annot",
            "Subtype": "/Widget",
            "FT": "/Sig",
            "T": pydyf.String(field.name),
            "TU": pydyf.String(_readable_name(box.element, field)),
            "Rect": pydyf.Array(rect),
            "F": _PRINT_FLAG,
        }
    )
    _hand_to_tagger(box, widget)
    return _PlacedField(field, page_index, rect, widget)


def _hand_to_tagger(box: Any, widget: _Widget) -> None:
    # WeasyPrint's tagger (pdf/tags.py) wraps a box's widget_annotation in a /Form structure
    # element; nothing else reads the attribute. If a later WeasyPrint stops doing so, the
    # finisher notices the missing /StructParent and tags the field itself.
    box.widget_annotation = widget


def _find_anchor(document: Document, field: SignatureField) -> tuple[int, Any]:
    """The page index and the first (outermost, first-page) box of the anchor element."""
    for page_index, page in enumerate(document.pages):
        # _page_box is WeasyPrint's laid-out box tree of the page; there is no public API
        # that gives an element's box. Pre-order, so an element's own box comes before the
        # anonymous and text boxes that share its element.
        for box in page._page_box.descendants(placeholders=True):
            element = getattr(box, "element", None)
            if element is not None and element.get("id") == field.anchor_id:
                return page_index, box
    raise RenderError(
        f"Underskriftsfältet {field.name!r} saknar plats i dokumentet: det finns inget "
        f'element med id="{field.anchor_id}"'
    )


def _box_rect(box: Any, page_height_px: float) -> tuple[float, float, float, float]:
    """The box's border box in PDF points: (x1, y1, x2, y2), y up from the page's bottom."""
    left = box.border_box_x()
    top = box.border_box_y()
    right = left + box.border_width()
    bottom = top + box.border_height()
    return (
        round(left * _PX_TO_PT, 3),
        round((page_height_px - bottom) * _PX_TO_PT, 3),
        round(right * _PX_TO_PT, 3),
        round((page_height_px - top) * _PX_TO_PT, 3),
    )


def _readable_name(element: Any, field: SignatureField) -> str:
    for attribute in ("aria-label", "title"):
        value = " ".join((element.get(attribute) or "").split())
        if value:
            return value
    text = " ".join("".join(element.itertext()).split())
    return text or field.name


def _finisher(placed: Sequence[_PlacedField], xmp: bytes | None
              ) -> Callable[[Document, pydyf.PDF], None]:
    fields = _signature_field_finisher(placed)

    def finish(document: Document, pdf: pydyf.PDF) -> None:
        fields(document, pdf)
        if xmp:
            _add_to_xmp(pdf, xmp)
        _serialize_once(pdf)  # last: nothing may change an object after this

    return finish


# --- writing --------------------------------------------------------------------------------
#
# pydyf serializes every object of the PDF twice: once into the file and once more for the MD5
# that makes the trailer's /ID (PDF/A asks for an /ID, so WeasyPrint asks for it), and each
# serialization compresses every stream again (zlib level 9): about 3.5 % of the work of a
# meeting's documents.
# The finisher runs after the last change to the objects and just before pydyf writes them, so
# there each object is serialized once and handed to pydyf as its bytes; the file is the same
# byte for byte (tests/render/test_pdf.py compares it with an unfrozen write).


class _Serialized(pydyf.Object):
    """A finished object of the PDF as the bytes pydyf made of it, under its own number.

    Anything else pydyf asks of an object (its generation, whether it is free or may go into
    an object stream) is the original's answer; the file offset pydyf notes while writing is
    kept here, where pydyf reads it back for the cross-reference stream.
    """

    def __init__(self, original: pydyf.Object) -> None:
        super().__init__()
        self.number = original.number
        self.generation = original.generation
        self.free = original.free
        self._original = original
        self._data: bytes = original.data

    @property
    def data(self) -> bytes:
        return self._data

    @property
    def compressible(self) -> bool:
        compressible: bool = self._original.compressible
        return compressible

    def __getattr__(self, name: str) -> Any:
        return getattr(self._original, name)


def _pydyf_version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:2])


#: The pydyf release whose PDF.write reads of an object only what _Serialized answers (number,
#: generation, free, offset, data, indirect, compressible): 0.13, checked by reading its
#: code and by tests/render/test_pdf.py. Another release writes as before.
SERIALIZE_ONCE = _pydyf_version(pydyf.__version__) == (0, 13)


def _serialize_once(pdf: pydyf.PDF) -> None:
    """Replace every object pydyf will write by its serialized form (see above)."""
    if not SERIALIZE_ONCE:
        return
    pdf.objects[:] = [
        obj if obj.free == "f" or obj.number is None else _Serialized(obj)
        for obj in pdf.objects
    ]


def _add_to_xmp(pdf: pydyf.PDF, descriptions: bytes) -> None:
    """Put rdf:Description elements into the XMP packet WeasyPrint wrote."""
    stream = _resolve(pdf, pdf.catalog["Metadata"])
    content = b"".join(part if isinstance(part, bytes) else str(part).encode()
                       for part in stream.stream)
    end = content.rfind(b"</rdf:RDF>")
    if end < 0:
        raise RenderError("XMP-metadata saknar rdf:RDF")
    stream.stream = [content[:end] + descriptions + b"\n" + content[end:]]


def _signature_field_finisher(
    placed: Sequence[_PlacedField],
) -> Callable[[Document, pydyf.PDF], None]:
    def finish(document: Document, pdf: pydyf.PDF) -> None:
        if not placed:
            return
        fields = _acroform_fields(pdf)
        for item in placed:
            page = _page_object(pdf, item.page_index)
            _add_widget(pdf, page, item)
            fields.append(item.widget.reference)
            if "StructParent" not in item.widget:
                # The tagger did not see the box (a WeasyPrint that no longer reads
                # widget_annotation, or an anchor in a page margin): tag it at the end.
                _tag_at_document_end(pdf, item.widget, item.page_index)
        _single_kid_forms(pdf)

    return finish


def _single_kid_forms(pdf: pydyf.PDF) -> None:
    """A /Form structure element's /K as the widget's object reference itself, not an array
    of one: that is where pyHanko's difference analysis expects a signature field in the
    structure tree (``…K.Obj``), so that signing the field later counts as form filling and
    not as an unexplained change to the document."""
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Dictionary) and obj.get("S") == "/Form":
            kids = obj.get("K")
            if isinstance(kids, pydyf.Array) and len(kids) == 1:
                obj["K"] = kids[0]


def _acroform_fields(pdf: pydyf.PDF) -> pydyf.Array:
    form = pdf.catalog.get("AcroForm")
    if form is None:
        form = pdf.catalog["AcroForm"] = pydyf.Dictionary({"Fields": pydyf.Array()})
    # PDF/A forbids NeedAppearances true; our widgets carry their own appearance.
    form.pop("NeedAppearances", None)
    form["SigFlags"] = _SIGNATURES_EXIST
    fields: pydyf.Array = form["Fields"]
    return fields


def _add_widget(pdf: pydyf.PDF, page: pydyf.Dictionary, item: _PlacedField) -> None:
    x1, y1, x2, y2 = item.rect
    # PDF/A wants an appearance (/AP with /N only) for every widget; an empty one leaves
    # the signature line of the page visible until the field is signed.
    appearance = pydyf.Stream(
        [],
        {"Type": "/XObject", "Subtype": "/Form", "BBox": pydyf.Array((0, 0, x2 - x1, y2 - y1))},
    )
    pdf.add_object(appearance)
    item.widget["AP"] = pydyf.Dictionary({"N": appearance.reference})
    item.widget["P"] = page.reference
    pdf.add_object(item.widget)
    if "Annots" not in page:
        page["Annots"] = pydyf.Array()
    page["Annots"].append(item.widget.reference)


def _page_object(pdf: pydyf.PDF, page_index: int) -> pydyf.Dictionary:
    page: pydyf.Dictionary = _resolve(pdf, pdf.page_references[page_index])
    return page


def _resolve(pdf: pydyf.PDF, reference: Any) -> Any:
    """The object a pydyf reference (b"12 0 R") points to; other values as they are."""
    if isinstance(reference, bytes | str):
        number = int(reference.split()[0])
        return pdf.objects[number]
    return reference


def _tag_at_document_end(pdf: pydyf.PDF, widget: _Widget, page_index: int) -> None:
    if "StructTreeRoot" not in pdf.catalog:
        return
    root = _resolve(pdf, pdf.catalog["StructTreeRoot"])
    document_element = _resolve(pdf, root["K"][0])
    parent_tree = _resolve(pdf, root["ParentTree"])
    page_reference = pdf.page_references[page_index]
    # The parent tree's keys must stay sorted; WeasyPrint numbers pages, then annotations.
    key = max((int(number) for number in parent_tree["Nums"][::2]), default=-1) + 1
    object_reference = pydyf.Dictionary(
        {"Type": "/OBJR", "Obj": widget.reference, "Pg": page_reference}
    )
    pdf.add_object(object_reference)
    form = pydyf.Dictionary(
        {
            "Type": "/StructElem",
            "S": "/Form",
            "K": pydyf.Array([object_reference.reference]),
            "Pg": page_reference,
            "P": document_element.reference,
        }
    )
    pdf.add_object(form)
    document_element["K"].append(form.reference)
    parent_tree["Nums"].extend([key, form.reference])
    widget["StructParent"] = key
