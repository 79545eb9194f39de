"""Documents as units: the tuple of documents, what each wants by status, and what each
declares it reads (`READS`) against the templates a render really loads."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from helpers import check, item_text, meeting_data, organ_data, project, sample_file
from jinja2 import FileSystemLoader

from protogen.model import Meeting
from protogen.public import public_view
from protogen.render import anslag, kallelse, protokoll, sammantradesplan, utdrag
from protogen.render.base import Reads, RenderContext, render_job
from protogen.render.documents import DOCUMENTS, Document, meeting_outputs, wanted
from protogen.render.templates import environment

ITEMS: list[dict[str, object] | str] = [
    {"rubrik": "Budget", "förslag_till_beslut": "Budgeten antas.",
     "beslutsunderlag": [{"titel": "Budgetförslag", "fil": "underlag/budget.pdf"},
                         {"titel": "Karta", "fil": "underlag/karta.png"}]},
    item_text({"rubrik": "Ansökan om bistånd", "sekretess": "OSL 26 kap. 1 §",
               "beslut": "Bifall."}),
    {"rubrik": "Information", "beslut": None},
]
PLAN = [{"datum": dt.date(2024, 2, 14), "tid": "13:00", "plats": "Kommunhuset"}]


def meeting_at(root: Path, **overrides: object) -> Meeting:
    folder = project(root, meeting_data(**overrides), items=ITEMS,
                     organ=organ_data(sammanträdesplan=PLAN))
    (folder / "underlag").mkdir()
    (folder / "underlag" / "budget.pdf").write_bytes(sample_file(".pdf", pages=2))
    (folder / "underlag" / "karta.png").write_bytes(sample_file(".png"))
    return check(root).project.meetings()[0]


@pytest.fixture
def loaded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates loaded from here on (every loader is a FileSystemLoader:
    the look's folders, and each built-in look behind its "standard/" prefix)."""
    seen: list[str] = []
    real = FileSystemLoader.get_source

    def recording(self: FileSystemLoader, env: object, template: str) -> object:
        seen.append(template)
        return real(self, env, template)  # type: ignore[arg-type]

    monkeypatch.setattr(FileSystemLoader, "get_source", recording)
    environment.cache_clear()  # compiled templates would not be loaded again
    yield seen
    environment.cache_clear()


def undeclared(reads: Reads, seen: list[str]) -> set[str]:
    return {name for name in seen if not reads.covers(name)}


def test_the_documents_of_a_meeting_are_one_tuple() -> None:
    assert DOCUMENTS == (protokoll, kallelse, utdrag, anslag)


def test_which_documents_a_meeting_has_by_status(tmp_path: Path) -> None:
    meeting = meeting_at(tmp_path)
    assert wanted(meeting) == [protokoll, kallelse, utdrag, anslag]
    assert wanted(meeting, public=True) == [protokoll, kallelse, utdrag]  # anslag: a page
    meeting.status = "utkast"
    assert wanted(meeting) == [protokoll, kallelse]
    assert wanted(meeting, public=True) == [kallelse]  # no public draft
    meeting.status = "kallelse"
    assert wanted(meeting) == [kallelse]
    meeting.status = "justerat"
    assert meeting.organ is not None
    meeting.organ.has_anslag = False
    assert wanted(meeting) == [protokoll, kallelse, utdrag]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d.__name__.rsplit(".", 1)[-1])
def test_a_render_loads_no_template_it_does_not_declare(tmp_path: Path, loaded: list[str],
                                                        document: Document) -> None:
    meeting = meeting_at(tmp_path)
    outputs = document.render(meeting, RenderContext(tmp_path, defer=True))
    for output in outputs:  # a job's page is rendered already; the kallelse is rendered now
        if output.later is not None:
            output.later(RenderContext(tmp_path))
    assert outputs and loaded
    assert undeclared(document.READS, loaded) == set()
    main = document.TEMPLATE
    assert main in loaded and document.READS.covers(main)


def test_the_sammantradesplan_declares_what_it_loads(tmp_path: Path, loaded: list[str]) -> None:
    organ = meeting_at(tmp_path).organ
    assert organ is not None
    assert [o.path for o in sammantradesplan.render(organ, RenderContext(tmp_path, defer=True))
            ] == ["sammanträdesplan-2024.pdf"]
    assert sammantradesplan.TEMPLATE in loaded
    assert undeclared(sammantradesplan.READS, loaded) == set()


def test_the_declaration_test_can_fail(tmp_path: Path, loaded: list[str]) -> None:
    """The protocol loads more than its own template (the frame, the § and its sections):
    declaring only protokoll.html would be caught."""
    protokoll.render(meeting_at(tmp_path), RenderContext(tmp_path, defer=True))
    assert undeclared(Reads(templates=(protokoll.TEMPLATE,)), loaded) >= {
        "base.html", "paragraf.html"}


def test_the_kallelse_declares_its_attachments_and_the_others_none() -> None:
    assert kallelse.READS.attachments
    assert not any(d.READS.attachments for d in (protokoll, utdrag, anslag, sammantradesplan))


def test_deferred_pdfs_are_jobs_that_render_to_the_same_bytes(tmp_path: Path) -> None:
    meeting = meeting_at(tmp_path)
    deferred = {o.path: o for o in meeting_outputs(meeting, RenderContext(tmp_path, defer=True))}
    assert deferred["protokoll.html"].job is None and deferred["protokoll.html"].data
    # the kallelse is rendered later in this process: its page ranges need its page count
    assert deferred["kallelse.pdf"].job is None and deferred["kallelse.pdf"].later is not None
    jobs = {p for p, o in deferred.items() if o.job is not None}
    assert jobs == {"protokoll.pdf", "anslag.pdf", "utdrag/1.pdf", "utdrag/2.pdf",
                    "utdrag/3.pdf"}
    assert all(deferred[p].data == b"" for p in jobs)
    [now] = [o for o in utdrag.render(meeting, RenderContext(tmp_path)) if o.path == "utdrag/1.pdf"]
    job = deferred["utdrag/1.pdf"].job
    assert job is not None and render_job(job, tmp_path).data == now.data


def test_the_public_copies_leave_out_the_utdrag_of_a_secret_paragraph(tmp_path: Path) -> None:
    meeting = meeting_at(tmp_path)
    ctx = RenderContext(tmp_path, view=public_view(meeting), defer=True)
    assert ctx.public
    assert [o.path for o in utdrag.render(meeting, ctx)] == ["utdrag/1.pdf", "utdrag/3.pdf"]
    own = dataclasses.replace(ctx, view=None)
    assert [o.path for o in utdrag.render(meeting, own)] == [
        "utdrag/1.pdf", "utdrag/2.pdf", "utdrag/3.pdf"]


def test_publish_gets_every_public_document_unrendered(tmp_path: Path) -> None:
    """publish's copies: nothing rendered before the personnummer scan; no screen page."""
    meeting = meeting_at(tmp_path)
    view = public_view(meeting)
    ctx = RenderContext(tmp_path, view=view, defer=True, screen=False)
    outputs = {o.path: o for o in meeting_outputs(meeting, ctx)}
    assert sorted(outputs) == ["kallelse.pdf", "protokoll.pdf", "utdrag/1.pdf", "utdrag/3.pdf"]
    assert all(o.deferred and o.data == b"" for o in outputs.values())
    later = outputs["kallelse.pdf"].later
    assert later is not None and outputs["kallelse.pdf"].job is None
    now = RenderContext(tmp_path, view=view)
    assert later(RenderContext(tmp_path)) == kallelse.render(meeting, now)[0].data
