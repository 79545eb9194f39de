"""The complete anslagstavla: the kungörelse of a fullmäktige meeting (time, place, ärenden,
a secret one by its neutral heading), the other notices under anslag/ with their files, the
last day to appeal and how, the archive by year, and the anslagstavla's own feed and JSON."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from sitefiles import find_everywhere, pdf_text
from siteproject import (
    DAY,
    PUBLIC_KF_ATTACHMENT,
    SECRET_ATTACHMENT_MARKERS,
    SECRET_MARKERS,
    expected_on,
    tiny_pdf,
)

ATOM = "{http://www.w3.org/2005/Atom}"


def article(page: str, key: str) -> str:
    found = re.search(rf'<article[^>]*data-anslag="{re.escape(key)}".*?</article>', page, re.S)
    assert found, key
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(0)))


def board(site: Path) -> str:
    return (site / "anslagstavla" / "index.html").read_text(encoding="utf-8")


def keys(page: str) -> set[str]:
    return set(re.findall(r'data-anslag="([^"]+)"', page))


def test_the_board_shows_exactly_the_notices_up(site: Path) -> None:
    assert keys(board(site)) == expected_on(DAY)
    assert "kf/2024-04-18/kungorelse" in keys(board(site))
    assert "anslag/2024-04-02-parkering" in keys(board(site))


def test_the_kungorelse_tells_time_place_and_arenden(site: Path) -> None:
    text = article(board(site), "kf/2024-04-18/kungorelse")
    assert "Kommunfullmäktige sammanträder torsdag 18 april 2024" in text
    assert "kl. 18.00–21.00" in text and "Fullmäktigesalen" in text
    assert "Budget 2025" in text
    assert "Sekretessbelagt ärende" in text  # the secret ärende by its neutral heading
    assert "Kungörelsen uppsatt 2024-04-08" in text
    assert "överklag" not in text.lower()  # nothing to appeal in a kungörelse
    link = re.search(r'data-anslag="kf/2024-04-18/kungorelse".*?href="\.\./([^"]+kallelse\.pdf)"',
                     board(site), re.S)
    assert link and link.group(1) == "kf/2024-04-18/kallelse.pdf"


def test_the_public_kallelse_bundles_the_public_handlingar_only(site: Path) -> None:
    text = pdf_text((site / "kf/2024-04-18/kallelse.pdf").read_bytes())
    assert PUBLIC_KF_ATTACHMENT in text and "Budget 2025" in text
    assert "Sekretessbelagt ärende" in text
    for word in (SECRET_MARKERS["kf-kallelse"], SECRET_ATTACHMENT_MARKERS["kf-bilaga"],
                 SECRET_MARKERS["kf-dnr"]):
        assert word not in text


@pytest.mark.parametrize("part", sorted(SECRET_ATTACHMENT_MARKERS))
def test_no_secret_handling_reaches_any_file(site: Path, part: str) -> None:
    """The secret items' attached PDFs: not bundled, not offered, not indexed, anywhere."""
    assert find_everywhere(site, SECRET_ATTACHMENT_MARKERS[part]) == []


def test_an_other_notice_shows_its_text_file_and_how_to_appeal(site: Path) -> None:
    page = board(site)
    text = article(page, "anslag/2024-04-02-parkering")
    assert "Delegationsbeslut om parkeringstillstånd" in text
    assert "Organ Kommunstyrelsen" in text
    assert "Anslaget uppsatt 2024-04-02" in text and "Anslaget tas ned 2024-04-23" in text
    assert "Sista dag för överklagande tisdag 23 april 2024" in text
    assert "laglighetsprövning" in text and "13 kap. kommunallagen" in text
    assert "förvaltningsrätten senast tisdag 23 april 2024" in text
    assert "<strong>parkeringstillstånd</strong>" in page  # the Markdown text
    href = "filer/2024-04-02-parkering/beslut/parkering.pdf"
    assert f'href="../anslagstavla/{href}"' in page
    assert "Parkeringsbeslutet" in pdf_text((site / "anslagstavla" / href).read_bytes())


def test_the_protocol_notice_says_how_to_appeal(site: Path) -> None:
    text = article(board(site), "bun/2024-03-14/protokoll")
    assert "Sista dag för överklagande" in text and "Så överklagar du" in text


def test_a_notice_still_to_go_up_is_nowhere_on_the_site(site: Path) -> None:
    assert find_everywhere(site, "Underrättelse om bygglov") == []
    assert not (site / "anslagstavla/filer/2024-05-02-bygglov").exists()


def test_the_archive_holds_what_came_down_by_year(site: Path) -> None:
    page = (site / "anslagstavla" / "arkiv" / "index.html").read_text(encoding="utf-8")
    down = {"anslag/2024-03-01-ordningsforeskrift", "kf/2024-02-15/kungorelse",
            "kf/2024-02-15/protokoll", "ks/2024-03-13/paragrafer"}
    assert keys(page) == down
    assert '<h2 id="ar-2024-rubrik">2024</h2>' in page
    text = article(page, "anslag/2024-03-01-ordningsforeskrift")
    assert "Lokala ordningsföreskrifter" in text and "Anslaget tas ned 2024-03-20" in text
    assert "Sista dag för överklagande" not in text  # överklagande: false
    assert "Så överklagar du" not in page  # the time to appeal has run for all of them


def test_the_notice_data_validates_and_matches_the_board(site: Path) -> None:
    data = json.loads((site / "anslagstavla" / "anslag.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data/schema/Anslagstavla.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER
                         ).validate(data)
    assert data["datum"] == DAY.isoformat()
    assert {n["id"] for n in data["uppsatta"]} == expected_on(DAY)
    assert {n["id"] for n in data["nedtagna"]} == {
        "anslag/2024-03-01-ordningsforeskrift", "kf/2024-02-15/kungorelse",
        "kf/2024-02-15/protokoll", "ks/2024-03-13/paragrafer"}
    kungorelse = next(n for n in data["uppsatta"] if n["typ"] == "kungorelse")
    assert kungorelse["sammanträde"] == {"datum": "2024-04-18", "tid": "18:00-21:00",
                                         "plats": "Fullmäktigesalen"}
    assert [a["rubrik"] for a in kungorelse["ärenden"]] == ["Budget 2025",
                                                            "Sekretessbelagt ärende"]
    parking = next(n for n in data["uppsatta"] if n["id"] == "anslag/2024-04-02-parkering")
    assert parking["sistaDagFörÖverklagande"] == "2024-04-23"
    assert parking["organ"] == {"id": "ks", "namn": "Kommunstyrelsen"}
    assert parking["filer"][0]["url"].endswith("beslut/parkering.pdf")


def test_the_notice_feed_parses_and_holds_every_notice_put_up(site: Path) -> None:
    root = ET.fromstring((site / "anslagstavla" / "flode.xml").read_bytes())
    assert root.tag == f"{ATOM}feed"
    ids = [e.findtext(f"{ATOM}id") or "" for e in root.findall(f"{ATOM}entry")]
    shown = {i.split("anslagstavla:", 1)[1].replace(":", "/") for i in ids}
    assert shown == {n for n in expected_on(DAY)} | {
        "anslag/2024-03-01-ordningsforeskrift", "kf/2024-02-15/kungorelse",
        "kf/2024-02-15/protokoll", "ks/2024-03-13/paragrafer"}
    assert not any("Protokoll:" in (e.findtext(f"{ATOM}title") or "")
                   for e in root.findall(f"{ATOM}entry"))


def test_a_notice_with_a_fel_stops_the_publish(tmp_path: Path) -> None:
    from helpers import project
    from siteproject import run_publish

    project(tmp_path)
    (tmp_path / "anslag").mkdir()
    (tmp_path / "anslag/2024-04-02-a.md").write_text(
        "---\nrubrik: A\nfil: ../hemlig.pdf\n---\n", encoding="utf-8")
    (tmp_path / "hemlig.pdf").write_bytes(tiny_pdf("Hemlig"))
    code, out = run_publish(tmp_path, DAY)
    assert code == 1
    assert "anslag/2024-04-02-a.md:3:6: fel: filen ../hemlig.pdf ligger utanför mappen anslag/" in out


@pytest.fixture(scope="module")
def accessible(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from helpers import dump_yaml, project
    from siteproject import run_publish

    root = tmp_path_factory.mktemp("tillganglighet")
    project(root)
    (root / "webbplats.yaml").write_text(dump_yaml({
        "namn": "Exempelkommun", "förvaltningsrätt": "Förvaltningsrätten i Härnösand",
        "tillgänglighet": {"kontakt": "webb@exempelkommun.se",
                           "formulär": "https://www.exempelkommun.se/rapportera",
                           "förenlighet": "delvis",
                           "brister": ["Protokoll från före 2020 är inskannade bilder."],
                           "bedömd": DAY, "uppdaterad": DAY}}), encoding="utf-8")
    code, out = run_publish(root, DAY)
    assert code == 0, out
    return root / "build" / "site"


def test_the_accessibility_statement_follows_diggs_model(accessible: Path) -> None:
    page = (accessible / "tillganglighet" / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h2>([^<]+)</h2>", page)
    assert headings == [
        "Hur tillgänglig är webbplatsen?",
        "Vad kan du göra om du inte kan använda delar av webbplatsen?",
        "Rapportera brister i webbplatsens tillgänglighet", "Tillsyn",
        "Teknisk information om webbplatsens tillgänglighet",
        "Innehåll som inte är tillgängligt", "Hur vi testat webbplatsen"]
    assert 'href="mailto:webb@exempelkommun.se"' in page
    assert 'href="https://www.exempelkommun.se/rapportera"' in page
    assert "delvis förenlig" in page and "inskannade bilder" in page
    assert "Myndigheten för digital förvaltning" in page
    assert "10 april 2024" in page
    start = (accessible / "index.html").read_text(encoding="utf-8")
    assert 'href="tillganglighet/index.html"' in start  # reachable from every page's menu


def test_the_court_named_in_webbplats_yaml_is_where_an_appeal_goes(accessible: Path) -> None:
    page = (accessible / "anslagstavla" / "index.html").read_text(encoding="utf-8")
    assert "till Förvaltningsrätten i Härnösand senast" in page


def test_a_bad_accessibility_contact_is_a_fel_at_its_line(tmp_path: Path) -> None:
    from protogen.site.config import load_config

    (tmp_path / "webbplats.yaml").write_text(
        "namn: X\ntillgänglighet:\n  kontakt: inte-en-adress\n  förenlghet: delvis\n",
        encoding="utf-8")
    _, findings = load_config(tmp_path)
    messages = [f.format() for f in findings]
    assert "webbplats.yaml:3:12: fel: kontakt ska vara en e-postadress, inte 'inte-en-adress' " \
           "[webbplats]" in messages
    assert any("förenlghet" in m and "menar du förenlighet?" in m for m in messages)
