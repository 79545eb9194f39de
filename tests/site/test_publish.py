"""`protogen publish`: what it writes, and when it refuses to write anything.

It refuses (exit 1, a Swedish message with file and line, build/site/ untouched) when a
personnummer would become public, while a justerat meeting has a `fel` in the check, and
when webbplats.yaml has a bad value. A publish writes a whole new site and swaps it in, so a
refused or failed one leaves the last good site as it was.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest
from siteproject import DAY, run_publish, write_site_project

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from helpers import item_text, meeting_data, write_meeting  # noqa: E402

from protogen.cli import main  # noqa: E402

PERSONNUMMER = "19121212-1212"  # Tolvan Tolvansson: a valid check digit


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*") if p.is_file()}


# -- what is written -----------------------------------------------------------------------

def test_the_site_has_every_page_type(site: Path) -> None:
    for path in ("index.html", "ks/index.html", "bun/index.html", "ek/index.html",
                 "ks/2024-03-13/index.html", "ks/2024-03-13/protokoll.pdf",
                 "ks/2024-04-17/index.html", "bun/2024-03-14/index.html",
                 "ek/2024-03-15/index.html", "anslagstavla/index.html", "sok/index.html",
                 "flode.xml", "sammantraden.ics", "data/index.json", "pagefind/pagefind.js"):
        assert (site / path).is_file(), path


def test_only_justerat_meetings_are_published(site: Path) -> None:
    assert not (site / "bun" / "2024-04-10").exists()  # utkast
    # A called meeting has no page: only its public kallelse (with handlingar) to download.
    assert sorted(p.name for p in (site / "ks" / "2024-05-22").iterdir()) == ["kallelse.pdf"]


def test_every_page_is_swedish_with_one_h1_a_skip_link_and_a_viewport(site: Path) -> None:
    pages = [p for p in html_pages(site) if "/pagefind/" not in p.as_posix()]
    assert len(pages) >= 9
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<html lang="sv">', html), page
        assert len(re.findall(r"<h1[\s>]", html)) == 1, page
        assert 'href="#innehall"' in html and 'id="innehall"' in html, page
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
        assert "<main" in html and "<nav" in html and "<header" in html, page


def test_the_board_page_has_meetings_by_year_plan_and_coming_agenda(site: Path) -> None:
    html = (site / "ks" / "index.html").read_text(encoding="utf-8")
    assert "<h3>2024</h3>" in html
    assert html.index("2024-04-17/index.html") < html.index("2024-03-13/index.html")
    assert "Sammanträdesplan" in html and "16 oktober 2024" in html and "Inställt" in html
    assert "Kommande sammanträden" in html and "Årsredovisning 2023" in html
    assert "Sekretessbelagt ärende" in html


def test_the_meeting_page_links_its_pdf_and_utdrag(site: Path) -> None:
    html = (site / "ks" / "2024-03-13" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../ks/2024-03-13/protokoll.pdf"' in html
    assert 'href="../../ks/2024-03-13/utdrag/3.pdf"' in html
    assert (site / "ks" / "2024-03-13" / "utdrag" / "3.pdf").read_bytes().startswith(b"%PDF")


def test_names_and_colours_come_from_webbplats_yaml(tmp_path: Path) -> None:
    root = write_site_project(tmp_path)
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    (root / "webbplats.yaml").write_text(
        "namn: Solstads kommun\nadress: https://solstad.se/protokoll\nlogotyp: logo.png\n"
        'färger:\n  primär: "#7a1f3d"\n', encoding="utf-8")
    code, out = run_publish(root, DAY)
    assert code == 0, out
    site = root / "build" / "site"
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Solstads kommun" in index and "#7a1f3d" in index
    assert '<img src="logotyp.png" alt="">' in index
    assert (site / "logotyp.png").is_file()
    feed = (site / "flode.xml").read_text(encoding="utf-8")
    assert "https://solstad.se/protokoll/ks/2024-03-13/index.html" in feed


def test_a_look_in_mallar_overrides_a_site_page(tmp_path: Path) -> None:
    root = write_site_project(tmp_path)
    look = root / "mallar" / "egen" / "site"
    look.mkdir(parents=True)
    (look / "index.html").write_text(
        '{% extends "standard/site/index.html" %}'
        "{% block sida %}<p>Vår egen startsida</p>{{ super() }}{% endblock %}",
        encoding="utf-8")
    (root / "webbplats.yaml").write_text("mall: egen\n", encoding="utf-8")
    code, out = run_publish(root, DAY)
    assert code == 0, out
    index = (root / "build/site/index.html").read_text(encoding="utf-8")
    assert "Vår egen startsida" in index and "Nämnder och styrelser" in index


def test_the_cli_publishes_as_of_datum(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    root = write_site_project(tmp_path)
    monkeypatch.chdir(root)
    assert main(["publish", "--datum", "2024-03-21"]) == 0
    assert "2 anslag uppsatta 2024-03-21" in capsys.readouterr().out


# -- refusals ------------------------------------------------------------------------------

def published_good_site(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    root = write_site_project(tmp_path)
    code, out = run_publish(root, DAY)
    assert code == 0, out
    return root, snapshot(root / "build" / "site")


def assert_refused_untouched(root: Path, before: dict[str, bytes] | None, out: str) -> None:
    site = root / "build" / "site"
    if before is None:
        assert not site.exists()
    else:
        assert snapshot(site) == before
    assert "Webbplatsen publicerades inte" in out
    build = root / "build"
    leftovers = [p.name for p in build.iterdir() if p.name.startswith(".site")] \
        if build.exists() else []
    assert leftovers == []


def test_a_personnummer_in_a_public_text_writes_nothing(tmp_path: Path) -> None:
    root = write_site_project(tmp_path)
    write_meeting(root, "ks", "2024-04-17", meeting_data(
        "2024-04-17", anslag={"uppsatt": dt.date(2024, 4, 25), "nedtaget": dt.date(2024, 5, 20)},
    ), [item_text({"rubrik": "Budgetuppföljning", "beslut": "Uppföljningen godkänns.\n"},
                  body=f"Frågan från Kalle Karlsson, {PERSONNUMMER}, besvaras.\n")])
    code, out = run_publish(root, DAY)
    assert code == 1
    assert re.search(r"protokoll/ks/2024-04-17/01-arende-1\.md:\d+:\d+: fel: personnummer "
                     r"19121212-\*\*\*\*", out), out
    assert PERSONNUMMER not in out
    assert_refused_untouched(root, None, out)
    assert not (root / "build").exists()  # nothing at all, not even a cached PDF


def test_a_personnummer_in_webbplats_yaml_is_traced_to_its_line(tmp_path: Path) -> None:
    root, before = published_good_site(tmp_path)
    (root / "webbplats.yaml").write_text(f"# Inställningar\nnamn: Kommunen {PERSONNUMMER}\n",
                                         encoding="utf-8")
    code, out = run_publish(root, DAY)
    assert code == 1
    # Caught when webbplats.yaml is read, before anything is rendered: the file, line and column
    # of the number, masked, and the site left as it was.
    assert "webbplats.yaml:2:16: fel: personnummer 19121212-****" in out
    assert "[personnummer]" in out
    assert_refused_untouched(root, before, out)


def test_a_personnummer_in_a_secret_item_is_not_published_and_not_refused(tmp_path: Path) -> None:
    root = write_site_project(tmp_path)
    write_meeting(root, "ks", "2024-04-17", meeting_data(
        "2024-04-17", anslag={"uppsatt": dt.date(2024, 4, 25), "nedtaget": dt.date(2024, 5, 20)},
    ), [item_text({"rubrik": "Personalärende", "sekretess": "OSL 39 kap. 3 §"},
                  body=f"Gäller {PERSONNUMMER}.\n")])
    code, out = run_publish(root, DAY)
    assert code == 0, out
    site = root / "build" / "site"
    assert not [p for p in site.rglob("*")
                if p.is_file() and PERSONNUMMER.encode() in p.read_bytes()]


def test_a_fel_in_a_justerat_meeting_writes_nothing(tmp_path: Path) -> None:
    root, before = published_good_site(tmp_path)
    write_meeting(root, "bun", "2024-03-14", meeting_data(
        "2024-03-14", justering={"datum": dt.date(2024, 3, 21)},
        anslag={"uppsatt": dt.date(2024, 3, 22)}, justerare=["Bertil Bergh"],
    ), [{"rubrik": "Skolplan", "beslut": "Skolplanen antas.\n"}])
    code, out = run_publish(root, DAY)
    assert code == 1
    assert ("protokoll/bun/2024-03-14: fel: protokollet är justerat men kontrollen hittade fel"
            in out)
    assert re.search(r"protokoll/bun/2024-03-14/sammanträde\.yaml:\d+:\d+: fel: .*Bertil Bergh",
                     out)
    assert_refused_untouched(root, before, out)


def test_a_fel_in_a_draft_does_not_stop_the_site(tmp_path: Path) -> None:
    root = write_site_project(tmp_path)
    write_meeting(root, "bun", "2024-04-10", meeting_data(
        "2024-04-10", status="utkast", justerare=["Okänd Person"]),
        [{"rubrik": "Övrigt", "beslut": "Noteras.\n"}])
    code, out = run_publish(root, DAY)
    assert code == 0, out


@pytest.mark.parametrize(("text", "message"), [
    ('färger:\n  primär: "#9ab"\n',
     "webbplats.yaml:2:11: fel: färgen primär #99aabb ger för låg kontrast mot vit text"),
    ("färger:\n  primär: blå\n",
     'webbplats.yaml:2:11: fel: färgen primär ska skrivas som "#1d3f6e"'),
    ("adress: solstad.se\n", "webbplats.yaml:1:9: fel: adress ska vara en fullständig webbadress"),
    ("logotyp: saknas.svg\n", "webbplats.yaml:1:10: fel: logotypen saknas.svg finns inte"),
    ("nman: Solstad\n",
     "webbplats.yaml:1:1: fel: okänd nyckel nman i webbplats.yaml (menar du namn?)"),
    ("namn: [Solstad\n", "webbplats.yaml:2:1: fel: YAML-filen kan inte läsas"),
])
def test_a_bad_webbplats_yaml_writes_nothing(tmp_path: Path, text: str, message: str) -> None:
    root = write_site_project(tmp_path)
    (root / "webbplats.yaml").write_text(text, encoding="utf-8")
    code, out = run_publish(root, DAY)
    assert code == 1
    assert message in out, out
    assert_refused_untouched(root, None, out)


def test_a_board_folder_named_like_a_site_folder_is_refused(tmp_path: Path) -> None:
    root = write_site_project(tmp_path)
    (root / "protokoll" / "ks").rename(root / "protokoll" / "anslagstavla")
    code, out = run_publish(root, DAY)
    assert code == 1
    assert "protokoll/anslagstavla: fel: nämndmappen anslagstavla har samma namn" in out


def test_a_new_publish_replaces_the_old_site_whole(tmp_path: Path) -> None:
    root, _ = published_good_site(tmp_path)
    stale = root / "build" / "site" / "gammal.html"
    stale.write_text("kvar från förr", encoding="utf-8")
    code, out = run_publish(root, DAY)
    assert code == 0, out
    assert not stale.exists()
    assert [p.name for p in (root / "build").iterdir() if p.name.startswith(".site")] == []


def test_publishing_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    root, before = published_good_site(tmp_path)
    code, out = run_publish(root, DAY)
    assert code == 0, out
    after = snapshot(root / "build" / "site")
    assert sorted(after) == sorted(before)
    changed = [p for p in after if after[p] != before[p]]
    assert changed == []


def test_the_sample_webbplats_yaml_of_the_repository_is_valid() -> None:
    from protogen.site.config import contrast, load_config

    repo = Path(__file__).resolve().parent.parent.parent
    config, findings = load_config(repo)
    assert findings == []
    assert config.name and config.base_url and config.base_url.endswith("/")
    assert config.logo is not None and config.logo.is_file()
    assert contrast(config.primary, "#ffffff") >= 4.5


def test_a_meeting_folder_linked_out_of_the_project_stops_the_site(tmp_path: Path) -> None:
    """protogen does not read a meeting folder that leads out of the project; it may be a
    justerat protocol, so the site is not published without it until that is resolved."""
    root, before = published_good_site(tmp_path / "projekt")
    outside = tmp_path / "utanfor"
    outside.mkdir()
    (root / "protokoll" / "ks" / "2024-05-15").symlink_to(outside, target_is_directory=True)
    code, out = run_publish(root, DAY)
    assert code == 1
    assert "protokoll/ks/2024-05-15:1:1: fel: mappen 2024-05-15 pekar utanför projektmappen" in out
    assert_refused_untouched(root, before, out)
