"""The incremental build is never wrong: what changed is rendered again, nothing else, and
the result equals a clean build; a damaged manifest or cache, or a missing output, gives a
correct build; a parallel build writes the same tree as a serial one."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from docread import attachment_pdf
from helpers import NINE, meeting_data, organ_data, write_meeting, write_organ

from protogen.build import build_all
from protogen.render import base
from protogen.render.pdfcache import PdfCache, site_keys
from protogen.reporting import write_build
from protogen.site import pages, publish  # before `renders` patches render_job: pages binds it

A, B = "2024-03-13", "2024-04-17"
PLAN = [{"datum": dt.date(2024, 3, 13), "tid": "09:00", "plats": "Kommunhuset"}]


def make_project(root: Path) -> None:
    write_organ(root, "tn", organ_data(anslag=False, mall="egen", sammanträdesplan=PLAN))
    (root / "mallar" / "egen").mkdir(parents=True)
    (root / "mallar" / "egen" / "utdrag.html").write_text(
        '{% extends "standard/utdrag.html" %}\n', encoding="utf-8")
    meeting_a = meeting_data(A)
    del meeting_a["anslag"]
    folder = write_meeting(root, "tn", A, meeting_a, items=[
        {"rubrik": "Budget", "förslag_till_beslut": "Antas.\n"},
        {"rubrik": "Avtal", "beslutsunderlag": [{"titel": "Avtalet", "fil": "underlag/avtal.pdf"}]},
    ])
    (folder / "underlag").mkdir()
    (folder / "underlag" / "avtal.pdf").write_bytes(attachment_pdf("AVTAL", 1))
    meeting_b = meeting_data(B)
    del meeting_b["anslag"]
    write_meeting(root, "tn", B, meeting_b, items=[{"rubrik": "Taxor"}])


def outputs(root: Path) -> dict[str, bytes]:
    """The build's documents (the cache and manifest under build/.cache/ left out)."""
    build = root / "build"
    return {p.relative_to(build).as_posix(): p.read_bytes() for p in sorted(build.rglob("*"))
            if p.is_file() and ".cache" not in p.relative_to(build).parts}


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The PDFs WeasyPrint renders (their subject, e.g. "Protokollsutdrag § 2 2024-03-13")."""
    seen: list[str] = []
    real = base.render_job

    def counting(job: base.PdfJob, root: Path) -> object:
        seen.append(f"{job.subject} {job.title}")
        return real(job, root)

    monkeypatch.setattr(base, "render_job", counting)
    return seen


def rendered_for(seen: list[str], *words: str) -> list[str]:
    return [s for s in seen if all(w in s for w in words)]


def build_and_compare(root: Path, seen: list[str]) -> tuple[list[str], dict[str, bytes]]:
    """An incremental build, then a clean one (--alltid, nothing from the cache): the same
    bytes. Returns what the incremental build rendered and its outputs."""
    seen.clear()
    assert build_all(root).ok
    rendered, incremental = list(seen), outputs(root)
    assert build_all(root, always=True).ok
    assert outputs(root) == incremental
    seen.clear()
    return rendered, incremental


def test_only_what_an_input_changes_is_rendered_again(tmp_path: Path, renders: list[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = tmp_path
    make_project(root)
    assert build_all(root).ok
    # A: protocol, kallelse (and its handlingar's page stamps), 2 utdrag; B: protocol,
    # kallelse, utdrag; the sammanträdesplan.
    initial = len(renders)
    assert initial >= 8
    first = outputs(root)

    # Nothing changed: nothing rendered, nothing rewritten.
    renders.clear()
    assert build_all(root).ok
    assert renders == []
    assert outputs(root) == first

    # An item's text: that meeting's protocol and that §'s utdrag; never meeting B.
    item = root / "protokoll/tn" / A / "01-arende-1.md"
    item.write_text(item.read_text(encoding="utf-8") + "\nEn ny mening.\n", encoding="utf-8")
    done, now = build_and_compare(root, renders)
    assert rendered_for(done, "Sammanträdesprotokoll", A)
    assert rendered_for(done, "§ 1", A)
    assert not rendered_for(done, "§ 2") and not rendered_for(done, B)
    assert now[f"tn/{B}/protokoll.pdf"] == first[f"tn/{B}/protokoll.pdf"]

    # A template in mallar/: the utdrag, and only they.
    (root / "mallar/egen/utdrag.html").write_text(
        '{% extends "standard/utdrag.html" %}\n'
        "{% block description %}Utdrag § {{ i.number }} {{ m.date | iso }}{% endblock %}\n",
        encoding="utf-8")
    done, now = build_and_compare(root, renders)
    assert sorted(d.split()[0:3] for d in done) == [["Utdrag", "§", "1"], ["Utdrag", "§", "2"],
                                                     ["Utdrag", "§", "3"]]

    # An attachment: the kallelse that bundles it, and the protocol whose fingerprint
    # (Dokument-id) covers it; nothing of meeting B, no utdrag.
    before = outputs(root)
    (root / "protokoll/tn" / A / "underlag/avtal.pdf").write_bytes(attachment_pdf("NYTT", 1))
    done, now = build_and_compare(root, renders)
    assert all(B not in d and "Utdrag" not in d for d in done)
    changed = {path for path in now if now[path] != before.get(path)}
    assert f"tn/{A}/kallelse.pdf" in changed
    assert changed <= {f"tn/{A}/kallelse.pdf", f"tn/{A}/protokoll.pdf", f"tn/{A}/protokoll.html"}

    # organ.yaml: every document of the board.
    write_organ(root, "tn", organ_data(anslag=False, mall="egen", namn="Nya nämnden",
                                       sammanträdesplan=PLAN))
    done, now = build_and_compare(root, renders)
    assert len(done) == initial

    # The previous meeting's item count: meeting B's § moves from 3 to 4.
    (root / "protokoll/tn" / A / "03-arende-3.md").write_text(
        "---\nrubrik: Ett till ärende\nbeslut: Godkänns.\n---\n\nText.\n", encoding="utf-8")
    done, now = build_and_compare(root, renders)
    assert f"tn/{B}/utdrag/4.pdf" in now and f"tn/{B}/utdrag/3.pdf" not in now
    assert rendered_for(done, "§ 4", B) and rendered_for(done, "Sammanträdesprotokoll", B)

    # SOURCE_DATE_EPOCH: everything.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1710374400")
    done, now = build_and_compare(root, renders)
    assert len(done) == initial + 1  # meeting A has one utdrag more by now


def test_a_damaged_manifest_cache_or_output_gives_a_correct_build(
        tmp_path: Path, renders: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = tmp_path
    make_project(root)
    assert build_all(root).ok
    clean = outputs(root)
    manifest = root / "build/.cache/manifest.json"

    # A deleted output is made again (from the cache: nothing to render).
    (root / "build/tn" / B / "kallelse.pdf").unlink()
    renders.clear()
    assert build_all(root).ok
    assert outputs(root) == clean

    # An output changed by hand is made again.
    (root / "build/tn" / A / "utdrag/1.pdf").write_bytes(b"%PDF-1.7 nej")
    assert build_all(root).ok
    assert outputs(root) == clean

    # A stray file in a meeting's folder is pruned, as a removed §'s utdrag is.
    (root / "build/tn" / A / "utdrag/9.pdf").write_bytes(b"%PDF-1.7 gammal")
    assert build_all(root).ok
    assert outputs(root) == clean

    # A manifest cut short, a foreign one, one that claims another tool: a full build.
    for damage in ('{"format": "protogen-build-manifest", "vers',
                   json.dumps({"format": "annat", "meetings": {}}),
                   manifest.read_text(encoding="utf-8").replace('"tool": "', '"tool": "x')):
        manifest.write_text(damage, encoding="utf-8")
        (root / "build/tn" / A / "protokoll.html").write_text("fel", encoding="utf-8")
        assert build_all(root).ok
        assert outputs(root) == clean
        assert json.loads(manifest.read_text(encoding="utf-8"))["format"] == \
            "protogen-build-manifest"

    # A damaged cache entry is rendered again, never used.
    renders.clear()
    for entry in (root / "build/.cache/pdf").glob("*.pdf"):
        entry.write_bytes(entry.read_bytes()[:-20] + b"0" * 20)
    (root / "build/tn" / B / "protokoll.pdf").unlink()
    assert build_all(root).ok
    assert rendered_for(renders, "Sammanträdesprotokoll", B)
    assert outputs(root) == clean


def test_a_parallel_build_writes_the_same_tree_as_a_serial_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    make_project(tmp_path)
    build = tmp_path / "build"

    def tree() -> dict[str, bytes]:  # everything, the manifest and the cache included
        return {p.relative_to(build).as_posix(): p.read_bytes()
                for p in sorted(build.rglob("*")) if p.is_file()}

    assert build_all(tmp_path, jobs=1).ok
    serial = tree()
    shutil.rmtree(build)
    assert build_all(tmp_path, jobs=2).ok
    assert tree() == serial


def test_a_worker_that_dies_fails_its_meeting_only(tmp_path: Path, capsys,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from protogen import build

    make_project(tmp_path)
    real = build.render_meeting

    def dying(meeting, root, rel, **kwargs):  # type: ignore[no-untyped-def]
        if meeting.folder.name == A:
            os._exit(3)  # a worker killed mid-render (out of memory, say)
        return real(meeting, root, rel, **kwargs)

    monkeypatch.setattr(build, "render_meeting", dying)
    result = build_all(tmp_path, jobs=2)
    assert [(p.subject, p.message) for p in result.failed] == [
        (f"protokoll/tn/{A}", "kunde inte renderas (arbetsprocessen avbröts)")]
    printed = io.StringIO()
    write_build(result, printed)
    out = printed.getvalue()
    assert f"protokoll/tn/{A}: kunde inte renderas" in out
    assert (tmp_path / "build/tn" / B / "protokoll.pdf").is_file()
    assert not (tmp_path / "build/tn" / A).exists()
    assert "Byggt: 1 sammanträde," in out and "Misslyckade: 1" in out


def test_build_options(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    from protogen.cli import main

    write_organ(tmp_path, "tn", organ_data(anslag=False))
    meeting = meeting_data(A, närvarande={"ledamöter": list(NINE)})
    del meeting["anslag"]
    write_meeting(tmp_path, "tn", A, meeting, items=[{"rubrik": "Budget"}])
    monkeypatch.chdir(tmp_path)
    assert main(["build", "-j", "1"]) == 0
    assert main(["build", "--jobb", "2"]) == 0
    assert "(1 oförändrat)" in capsys.readouterr().out
    assert main(["build", "--alltid"]) == 0
    assert "oförändra" not in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:
        main(["build", "-j", "0"])
    assert exit_.value.code == 2
    assert "heltal" in capsys.readouterr().err


def test_publish_right_after_a_build_renders_no_pdf(
        tmp_path: Path, renders: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The public utdrag and kallelse of a meeting without sekretess are the build's PDFs,
    and its public protocol copy is made from the build's protocol (render/xmpswap.py): no
    PDF is rendered, and the site is byte for byte the one publish makes on a clean tree;
    there, publish renders the internal protocol (for the next build to take), never the
    public copy."""
    make_project(tmp_path)
    assert build_all(tmp_path, jobs=1).ok
    renders.clear()
    monkeypatch.setattr(pages, "MAX_WORKERS", 1)  # in this process, where renders are counted
    monkeypatch.setattr(pages, "render_job", base.render_job)
    assert publish(tmp_path, dt.date(2024, 6, 1)).ok
    site = tmp_path / "build" / "site"
    assert (site / "tn" / A / "kallelse.pdf").is_file()
    assert (site / "tn" / A / "utdrag" / "1.pdf").is_file()
    assert (site / "tn" / A / "protokoll.pdf").is_file()
    assert renders == []
    after_build = tree(site)
    assert publish(tmp_path, dt.date(2024, 6, 1)).ok
    assert renders == []
    assert tree(site) == after_build

    shutil.rmtree(tmp_path / "build")
    assert publish(tmp_path, dt.date(2024, 6, 1)).ok
    assert tree(site) == after_build
    assert len(rendered_for(renders, "Sammanträdesprotokoll")) == 2  # the internal ones
    cache = PdfCache(tmp_path)
    assert all(cache.get(key) for key in site_keys(tmp_path))
    renders.clear()
    assert build_all(tmp_path, jobs=1).ok
    # and the other way round: the build takes what publish made (but the board's
    # sammanträdesplan, which the site does not have)
    assert renders == ["Sammanträdesplan 2024 Testnämnden – Sammanträdesplan 2024"]


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}
