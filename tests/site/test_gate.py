"""The one gate (issue 8, break 5 and the design): site templates get the public view only,
and publish scans every byte it is about to swap in — HTML, feeds, JSON, the text, strings and
streams of every PDF, the unpacked search index — for the secret items' words and for
personnummer, whatever the formatting, and refuses to publish when it finds one."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from pypdf import PdfWriter
from siteproject import DAY, PUBLIC_MARKER, SECRET_MARKERS, run_publish

from protogen.checker import check_project
from protogen.public import Findings, SecretWords, normalise, scan_file, scan_folder
from protogen.site import feeds

SECRET_FILE = "protokoll/ks/2024-03-13/02-arende-2.md"


@pytest.fixture(scope="module")
def secrets(site_project: Path) -> SecretWords:
    result = check_project(site_project, today=DAY)
    return SecretWords.of(result.project.meetings(), site_project)


def _hits(name: str, data: bytes, secrets: SecretWords) -> Findings:
    found = Findings()
    scan_file(name, data, secrets, found)
    return found


def _copy(site_project: Path, tmp_path: Path) -> Path:
    root = tmp_path / "projekt"
    shutil.copytree(site_project, root, ignore=shutil.ignore_patterns(".cache"))
    return root


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_published_site_passes_its_own_scan(site: Path, secrets: SecretWords) -> None:
    assert scan_folder(site, secrets) == []


@pytest.mark.parametrize("key", sorted(SECRET_MARKERS))
def test_every_part_of_a_secret_item_is_a_secret_word(secrets: SecretWords, key: str) -> None:
    page = f"<p>Något om {SECRET_MARKERS[key]} här.</p>".encode()
    assert _hits("x/index.html", page, secrets).secret, key


def test_public_words_are_not_secret(secrets: SecretWords) -> None:
    page = (f"<p>{PUBLIC_MARKER} ger skolgårdarna solrosor. Sekretessbelagt ärende, "
            "OSL 26 kap. 1 §. Anna Andersson, Bertil Berg. Kommunstyrelsen.</p>").encode()
    assert not _hits("x/index.html", page, secrets).secret


HOSTILE = [
    "Katt\u00adugglebidrag",  # soft hyphen
    "Katt\u200bugglebidrag",  # zero-width space
    "KATTUGGLEBIDRAG",
    "Kattugglebi&#100;rag",  # an entity
    "Kattugglebi&#x64;rag",
    "<b>Kattugglebidrag</b>",
    "Ｋａｔｔｕｇｇｌｅｂｉｄｒａｇ",  # full width
    "Zlatan\n  <em>Zorrosson</em>",
    "Zlatan&nbsp;Zorrosson",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_formatting_hides_nothing(secrets: SecretWords, text: str) -> None:
    assert _hits("x/index.html", f"<p>{text}</p>".encode(), secrets).secret
    escaped = json.dumps({"text": text}, ensure_ascii=True).encode()
    assert _hits("data/x.json", escaped, secrets).secret


def test_a_secret_word_in_a_pdf_is_found_in_metadata_and_streams(secrets: SecretWords) -> None:
    for where in ("title", "attachment"):
        writer = PdfWriter()
        writer.add_blank_page(100, 100)
        if where == "title":
            writer.add_metadata({"/Title": "Ang. Kattugglebidrag"})
        else:  # compressed in an embedded file
            writer.add_attachment("bilaga.txt", "Flamingoförslaget bifalls".encode())
        out = io.BytesIO()
        writer.write(out)
        assert _hits("a/protokoll.pdf", out.getvalue(), secrets).secret, where


def test_a_personnummer_in_pdf_metadata_is_found(secrets: SecretWords) -> None:
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.add_metadata({"/Subject": "Tolvan 19121212-1212"})
    out = io.BytesIO()
    writer.write(out)
    assert _hits("a/protokoll.pdf", out.getvalue(), secrets).numbers


def test_pdf_text_and_the_search_index_are_read(site: Path) -> None:
    # The public marker stands in for a secret word: it is in the PDF's text and the index.
    watched = SecretWords({(normalise(PUBLIC_MARKER),): "prov.md"})
    pdf = next(site.glob("ks/2024-03-13/protokoll.pdf"))
    assert _hits("ks/2024-03-13/protokoll.pdf", pdf.read_bytes(), watched).secret
    found = Findings()
    for path in (site / "pagefind").rglob("*.pf_*"):
        scan_file(path.relative_to(site).as_posix(), path.read_bytes(), watched, found)
    names = set(found.secret.get("prov.md", {}))
    assert any(n.endswith(".pf_fragment") for n in names), names
    assert any(n.endswith(".pf_index") for n in names), names


def test_a_user_site_template_gets_the_public_view_only(site_project: Path,
                                                        tmp_path: Path) -> None:
    root = _copy(site_project, tmp_path)
    before = _tree(root / "build" / "site")
    template = root / "mallar" / "lack" / "site" / "namnd.html"
    template.parent.mkdir(parents=True)
    template.write_text('{% extends "standard/site/namnd.html" %}\n{% block sida %}'
                        "{% for m in board.organ.meetings %}{% for it in m.items %}"
                        "{{ it.body }}{% endfor %}{% endfor %}{% endblock %}\n",
                        encoding="utf-8")
    (root / "webbplats.yaml").write_text("namn: Exempelkommun\nmall: lack\n", encoding="utf-8")
    code, out = run_publish(root, DAY)
    assert code == 1
    assert "mallar/lack/site/namnd.html:2: " in out and "offentliga vyn" in out
    assert _tree(root / "build" / "site") == before


@pytest.mark.parametrize("leak", ["Kattugg\u00adlebidrag",
                                  "zlatan ZORROSSON", "19121212-1212"])
def test_publish_refuses_a_leak_that_got_past_the_view(site_project: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       leak: str) -> None:
    root = _copy(site_project, tmp_path)
    before = _tree(root / "build" / "site")
    real = feeds.atom_feed
    monkeypatch.setattr(feeds, "atom_feed", lambda site: real(site).replace(
        b"</feed>", f"<!-- {leak} --></feed>".encode()))
    code, out = run_publish(root, DAY)
    assert code == 1, out
    assert "flode.xml" in out
    if leak[0].isdigit():
        assert "personnummer 19121212-****" in out
    else:
        assert f"{SECRET_FILE}: fel: text ur detta sekretessbelagda ärende" in out
        assert normalise(leak) not in normalise(out)  # the log never repeats the secret
    assert _tree(root / "build" / "site") == before
    assert not list((root / "build").glob(".site-*"))
