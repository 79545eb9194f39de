"""Kallelse: the invitation to a meeting, bundled with its handlingar when items attach files.

The kallelse lists the ärenden numbered 1, 2, … (the § numbers are given at the meeting) with
dnr and förslag till beslut, and never a decision: the view handed to the template has every
decision, yrkande, vote, reservation and note removed, so that not even a board's own template
can print one, whatever the meeting's status. A sekretess item shows the neutral heading and its
ground only (its own title when the board sets `sekretess_rubrik_i_kallelse: true`, never in a
public kallelse); its attachments are not bundled (a kallelse is often published).

With attachments, the page ranges the list gives depend on the kallelse's own length, and that
length depends on the ranges' text. So: render with a guess of the length (one page), count the
pages, and render again with the count until it no longer changes. Larger page numbers never
make the kallelse shorter, so the count only grows and settles after a round or two.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
from dataclasses import dataclass

from markupsafe import Markup

from protogen.filecheck import FileProblem, open_image
from protogen.model import Meeting
from protogen.render.base import (
    FRAME,
    Output,
    Reads,
    RenderContext,
    html_to_pdf_bytes,
    invitation_day,
    look,
    render_html,
    template_pdf,
    title_and_subject,
)
from protogen.render.bundle import (
    Attachment,
    AttachmentError,
    PageRange,
    kind_of,
    merge,
    page_count,
    ranges,
    read_pdf,
    resolve,
)
from protogen.render.errors import RenderError
from protogen.render.labels import LABELS, label
from protogen.view import (
    SECRET_TITLE,
    ItemView,
    MeetingView,
    PersonView,
    meeting_view,
    person_view,
)

FILE = "kallelse.pdf"
TEMPLATE = "kallelse.html"
IMAGE_TEMPLATE = "bilaga-bild.html"
PAGE_NUMBER_TEMPLATE = "sidnummer.html"
MAX_ROUNDS = 8  # renders before giving up on a stable page count (two suffice in practice)
CHAIR_ROLE = "ordförande"
READS = Reads(templates=(TEMPLATE, IMAGE_TEMPLATE, PAGE_NUMBER_TEMPLATE, *FRAME),
              attachments=True)


@dataclass
class KallelseDocument:
    """A beslutsunderlag as the kallelse lists it; `pages` when it is in the bundle."""

    title: str
    file: str | None
    pages: PageRange | None = None


@dataclass
class KallelseItem:
    """One row of the kallelse's list. `number` is the place on the list, not the §."""

    number: int
    item: ItemView
    documents: list[KallelseDocument]
    pages: PageRange | None = None  # from the first page of its first attachment to the last


def wanted(meeting: Meeting, public: bool = False) -> bool:
    """Every meeting has a kallelse, whatever its status (on the site too)."""
    return True


def render(meeting: Meeting, ctx: RenderContext) -> list[Output]:
    """kallelse.pdf; from the public view when `ctx` gives it (the kallelse on the site).
    Deferred (`ctx.defer`), it is `Output.later`, not a job: its page ranges are known only
    by rendering it, in this process."""
    if ctx.defer:
        return [Output(FILE, b"", later=functools.partial(_later, meeting, ctx.view))]
    return [Output(FILE, kallelse_pdf(meeting, ctx))]


def _later(meeting: Meeting, view: MeetingView | None, ctx: RenderContext) -> bytes:
    return kallelse_pdf(meeting, dataclasses.replace(ctx, view=view, defer=False))


def kallelse_pdf(meeting: Meeting, ctx: RenderContext) -> bytes:
    """The kallelse, followed by its attachments when there are any (one PDF)."""
    view = kallelse_view(meeting, public=ctx.view is not None, base=ctx.view)
    attachments = load_attachments(meeting, ctx, view)
    chair = board_chair(meeting)
    known = len(ctx.problems)
    own_pages = 1
    for _ in range(MAX_ROUNDS):
        spans = ranges(own_pages + 1, attachments)
        total = own_pages + sum(a.pages for a in attachments)
        data = template_pdf(
            meeting, ctx, TEMPLATE, view=view, day=invitation_day(meeting),
            arenden=kallelse_items(view, attachments, spans),
            handlingar=bool(attachments), sidor_totalt=total if attachments else None,
            ordforande=chair, sekreterare=view.secretary,
        )
        if not attachments:
            return data
        counted = page_count(data)
        if counted == own_pages:
            break
        own_pages = counted
    else:
        raise RenderError("kallelsens sidnummer för handlingarna blev inte stabila; "
                          "förkorta texten i ärendelistan")
    # Each round reports the same blocked URLs; keep one of each.
    ctx.problems[known:] = list(dict.fromkeys(ctx.problems[known:]))
    words = look(meeting, ctx.root)
    labels = [label(ctx.root, words, LABELS, "handling", a.position + 1, a.title)
              for a in attachments]
    stamps = page_numbers(meeting, ctx, range(own_pages + 1, total + 1), total)
    return merge(data, attachments, outline_title=label(ctx.root, words, LABELS, "handlingar"),
                 labels=labels, stamps=stamps)


def page_numbers(meeting: Meeting, ctx: RenderContext, pages: range, total: int) -> bytes:
    """One small PDF page per attached page, with its number in the bundle."""
    html = render_html(meeting, ctx, PAGE_NUMBER_TEMPLATE, medium="tryck", sidor=list(pages),
                       totalt=total)
    title, _ = title_and_subject(html, "Sidnummer")
    return html_to_pdf_bytes(meeting, ctx, html, title=title, day=invitation_day(meeting))


def kallelse_view(meeting: Meeting, public: bool = False,
                  base: MeetingView | None = None) -> MeetingView:
    """The meeting view with everything that is decided at the meeting taken out. A secret
    item's title gives way to the neutral heading unless the board wants its titles in the
    kallelse; a `public` kallelse never shows one. `base`: the view to start from (the
    site's public view), else the meeting's own."""
    view = dataclasses.replace(base) if base is not None else meeting_view(meeting)
    show = bool(meeting.organ and meeting.organ.secret_titles_in_invitation) and not public
    view.items = [_before_the_meeting(item, show) for item in view.items]
    return view


def _before_the_meeting(item: ItemView, show_secret_title: bool = False) -> ItemView:
    cleared = dataclasses.replace(
        item, decision=Markup(""), motions=[], order_of_question=Markup(""), vote=None,
        reservations=[], notes=[], conflicts=[], chair=None, immediately_adjusted=False,
    )
    if item.secret:
        cleared = dataclasses.replace(cleared, dnr=None, body=Markup(""), proposal=Markup(""),
                                      documents=[], kind=None, kind_label=None,
                                      dispatch=[])
        if not show_secret_title:
            cleared = dataclasses.replace(cleared, title=SECRET_TITLE)
    return cleared


def board_chair(meeting: Meeting) -> PersonView | None:
    """Who signs the kallelse: the board's ordförande, else the meeting's ordförande."""
    organ = meeting.organ
    if organ is None:
        return None
    for person in organ.members:
        if (person.role or "").strip().lower() == CHAIR_ROLE and person.serves_on(meeting.date):
            return person_view(organ, person.name)
    return person_view(organ, meeting.chair.name) if meeting.chair else None


def kallelse_items(view: MeetingView, attachments: list[Attachment],
                   spans: list[PageRange]) -> list[KallelseItem]:
    by_item: dict[int, list[PageRange]] = {}
    for attachment, span in zip(attachments, spans, strict=True):
        by_item.setdefault(attachment.position, []).append(span)
    rows = []
    for number, item in enumerate(view.items, start=1):
        item_spans = iter(by_item.get(item.position, []))
        documents = [KallelseDocument(d.title, d.file, next(item_spans) if d.file else None)
                     for d in item.documents]
        found = by_item.get(item.position)
        pages = PageRange(found[0].first, found[-1].last) if found else None
        rows.append(KallelseItem(number, item, documents, pages))
    return rows


def load_attachments(meeting: Meeting, ctx: RenderContext,
                     view: MeetingView) -> list[Attachment]:
    """Every `fil:` of the items `view` does not hide, in agenda order, as PDF bytes (for
    the public kallelse, `view` is the public view: what it hides is not bundled)."""
    attachments = []
    for item in view.items:
        if item.secret:
            continue
        for document in item.documents:
            if document.file is None:
                continue
            written = document.file
            kind = kind_of(written)
            path = resolve(meeting.folder, written)
            raw = path.read_bytes()
            if kind == "pdf":
                pages = len(read_pdf(raw, written).pages)
                data = raw
            else:
                data = image_page(meeting, ctx, raw, written, document.title)
                pages = page_count(data)
            attachments.append(Attachment(item.position, document.title or written, written,
                                          data, pages))
    return attachments


def image_page(meeting: Meeting, ctx: RenderContext, raw: bytes, written: str,
               title: str) -> bytes:
    """An image attachment as a PDF/A page (landscape when the image is wider than high)."""
    try:  # the same test `protogen check` makes (MPO, a camera's JPEG, counts as JPEG)
        mime, width, height = open_image(raw, written)
    except FileProblem as problem:
        raise AttachmentError(str(problem)) from problem
    if mime not in ("image/png", "image/jpeg"):
        raise AttachmentError(f"bilagan {written} är ingen PNG- eller JPEG-bild")
    source = f"data:{mime};base64,{base64.b64encode(raw).decode('ascii')}"
    page = render_html(meeting, ctx, IMAGE_TEMPLATE, medium="tryck", bild=source,
                       rubrik=title or written, liggande=width > height)
    pdf_title, subject = title_and_subject(page, title or written)
    return html_to_pdf_bytes(meeting, ctx, page, title=pdf_title, subject=subject,
                             day=invitation_day(meeting))
