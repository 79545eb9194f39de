"""What a citizen may see is decided in one place, `protogen.public.public_view`, and every
public output takes it from there (issue 9, "One public view").

The proof: publish the site project with that decision deliberately turned around — every
item the reader proved public becomes secret, and the secret ones public — and with the
publish gate's scanner silenced (it would otherwise refuse, and so hide what this test looks
at). Every kind of public output must turn around with it: the page, the protocol PDF, the
utdrag, the public kallelse, the anslagstavla, the Atom feed, the calendar, the open data
(OParl, Popolo votes, CSV, papers) and the search index. An output that decided for itself
(read the model's `sekretess`, filtered guests by its own rule, wrote its own heading) would
keep showing what the view hides, or keep hiding what it shows. The unaltered site (the
session's `site` fixture) is the control: there the same files show the other side.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sitefiles import find_everywhere
from siteproject import DAY, PUBLIC_MARKER, SECRET_MARKERS, run_publish, write_site_project

import protogen.public
from protogen.model import Item
from protogen.public import SecretWords, public_view
from protogen.view import SECRET_TITLE

MEETING = "ks/2024-03-13"  # § 1 and § 3 public, § 2 secret
COMING = "kf/2024-04-18"  # called, kungjord on DAY: "Budget 2025" public, one secret item
SECRET_TITLE_WORD = SECRET_MARKERS["rubrik"]  # in the secret § 2's title
COMING_PUBLIC = "Budget 2025"
COMING_SECRET = SECRET_MARKERS["kf-kallelse"]

# Each kind of public output, by the file that shows the justerat meeting's §§ …
HELD = {
    "page": f"{MEETING}/index.html",
    "protocol PDF": f"{MEETING}/protokoll.pdf",
    "Atom feed": "flode.xml",
    "OParl meeting": f"data/meetings/{MEETING}.json",
    "OParl meetings": "data/meetings.json",
    "attendance CSV": "data/attendance.csv",
    "meeting CSV": f"data/meetings/{MEETING}-attendance.csv",
}
# … and the called meeting's ärenden.
CALLED = {
    "public kallelse": f"{COMING}/kallelse.pdf",
    "calendar": "sammantraden.ics",
    "anslagstavla": "anslagstavla/index.html",
    "anslagstavla data": "anslagstavla/anslag.json",
    "OParl called meeting": f"data/meetings/{COMING}.json",
}
# kind → (file, a word of an item the reader proved public, a word of a secret one)
OUTPUTS = {**{kind: (path, PUBLIC_MARKER, SECRET_TITLE_WORD) for kind, path in HELD.items()},
           **{kind: (path, COMING_PUBLIC, COMING_SECRET) for kind, path in CALLED.items()}}


def turned_around(item: Item) -> bool:
    return not (item.secret or item.secrecy)


@pytest.fixture(scope="module")
def altered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_site_project(tmp_path_factory.mktemp("omvand"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(protogen.public, "is_secret", turned_around)
        patch.setattr(SecretWords, "of", classmethod(lambda cls, *a, **k: cls()))
        code, out = run_publish(root, DAY)
    assert code == 0, out
    return root / "build" / "site"


def _found(site: Path, word: str) -> set[str]:
    return set(find_everywhere(site, word))


@pytest.mark.parametrize("kind", sorted(OUTPUTS))
def test_each_public_output_follows_the_public_view(site: Path, altered: Path,
                                                    kind: str) -> None:
    path, public_word, secret_word = OUTPUTS[kind]
    assert path in _found(site, public_word) - _found(site, secret_word)  # the control
    assert path in _found(altered, secret_word) - _found(altered, public_word)


def test_no_file_anywhere_shows_what_the_altered_view_hides(altered: Path) -> None:
    assert find_everywhere(altered, PUBLIC_MARKER) == []
    assert find_everywhere(altered, COMING_PUBLIC) == []


def test_utdrag_and_downloads_follow_the_public_view(site: Path, altered: Path) -> None:
    assert sorted(p.name for p in (site / MEETING / "utdrag").iterdir()) == ["1.pdf", "3.pdf"]
    assert sorted(p.name for p in (altered / MEETING / "utdrag").iterdir()) == ["2.pdf"]
    assert sorted(p.name for p in (altered / MEETING / "underlag").iterdir()) == [
        "2-utredning.pdf"]


def test_search_index_follows_the_public_view(site: Path, altered: Path) -> None:
    assert any(p.startswith("pagefind/fragment/") for p in _found(site, PUBLIC_MARKER))
    assert any(p.startswith("pagefind/fragment/") for p in _found(altered, SECRET_TITLE_WORD))


def test_open_data_takes_heading_ground_and_guests_from_the_view(altered: Path) -> None:
    meeting = json.loads((altered / "data/meetings" / f"{MEETING}.json").read_text("utf-8"))
    hidden = [a for a in meeting["agendaItem"] if not a["public"]]
    assert [a["number"] for a in hidden] == ["§ 1", "§ 3"]
    assert {a["name"] for a in hidden} == {SECRET_TITLE}
    guests = {row["namn"] for row in meeting["protogen:närvaro"] if row["roll"] == "övrig"}
    assert SECRET_MARKERS["gäst"] in guests  # present only for § 2, which the view now shows
    votes = json.loads((altered / "data/votes.json").read_text("utf-8"))
    assert votes["data"] == []  # the only omröstning is in § 3, which the view hides


def test_the_archive_record_follows_the_public_view(site_project: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from protogen.archive import make_record
    from protogen.archive.contents import MeetingContent
    from protogen.checker import check_project

    meeting = next(m for m in check_project(site_project, today=DAY).project.meetings()
                   if m.organ is not None and m.organ.id == "ks"
                   and m.folder_name == "2024-03-13")
    titles = [i.title for i in make_record(MeetingContent(meeting, view=public_view(meeting)),
                                           public=True).items]
    assert titles[1] == SECRET_TITLE and PUBLIC_MARKER in titles[2]
    monkeypatch.setattr(protogen.public, "is_secret", turned_around)
    titles = [i.title for i in make_record(MeetingContent(meeting, view=public_view(meeting)),
                                           public=True).items]
    assert titles[0] == titles[2] == SECRET_TITLE and SECRET_TITLE_WORD in titles[1]
