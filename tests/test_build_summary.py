"""The build's summary in Swedish: singular and plural counts, and a refused meeting whose last
good documents are kept says where they are."""

from __future__ import annotations

from contextlib import chdir

from helpers import meeting_data, project

from protogen.checker import check_project
from protogen.cli import main
from protogen.plural import plural
from protogen.reporting import build_summary
from protogen.results import BuildResult


def build(root, capsys) -> str:
    capsys.readouterr()
    with chdir(root):
        main(["build"])
    return capsys.readouterr().out


def test_plural_forms():
    assert plural(1, "sammanträde", "sammanträden") == "1 sammanträde"
    assert plural(2, "sammanträde", "sammanträden") == "2 sammanträden"
    assert plural(0, "fil", "filer") == "0 filer"
    assert plural(1, "varning", "varningar") == "1 varning"


def test_summary_counts_in_the_singular_and_plural(tmp_path):
    project(tmp_path)
    result = check_project(tmp_path)
    meetings = result.project.meetings()
    one = BuildResult(result, meetings, written=[tmp_path / "a.pdf"], meetings_built=1)
    assert build_summary(one).startswith(
        "Byggt: 1 sammanträde, 1 fil i build/. Vägrade: 0 sammanträden.")
    two = BuildResult(result, meetings, written=[tmp_path / "a.pdf", tmp_path / "b.pdf"],
                      meetings_built=2)
    assert build_summary(two).startswith("Byggt: 2 sammanträden, 2 filer i")


def test_a_refused_meeting_says_its_last_good_version_is_kept(tmp_path, capsys):
    folder = project(tmp_path, meeting_data(status="utkast", anslag=None, justering=None))
    out = build(tmp_path, capsys)
    assert "Byggt: 1 sammanträde," in out
    first = (tmp_path / "build/tn/2024-03-13/protokoll.pdf").read_bytes()
    yaml = folder / "sammanträde.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "okänd: 1\n", encoding="utf-8")
    out = build(tmp_path, capsys)
    assert ("protokoll/tn/2024-03-13: byggs inte, kontrollen hittade fel (den förra versionen "
            "ligger kvar i build/tn/2024-03-13/):") in out
    assert ("Vägrade: 1 sammanträde (den förra versionen ligger kvar i build/tn/2024-03-13/)"
            in out.splitlines()[-1])
    assert (tmp_path / "build/tn/2024-03-13/protokoll.pdf").read_bytes() == first


def test_a_refused_meeting_never_built_says_nothing_is_kept(tmp_path, capsys):
    folder = project(tmp_path)
    yaml = folder / "sammanträde.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "okänd: 1\n", encoding="utf-8")
    out = build(tmp_path, capsys)
    assert "förra versionen" not in out
    assert "Vägrade: 1 sammanträde." in out


def test_publish_summary_counts_in_the_singular_and_plural():
    import datetime as dt

    from protogen.reporting import publish_summary

    day = dt.date(2024, 3, 25)
    assert publish_summary(1, 1, 1, day, 1, "build/site") == (
        "Publicerat: 1 protokoll från 1 nämnd, 1 anslag uppsatt 2024-03-25, 1 fil i build/site/.")
    assert publish_summary(3, 2, 0, day, 40, "build/site") == (
        "Publicerat: 3 protokoll från 2 nämnder, 0 anslag uppsatta 2024-03-25, 40 filer i "
        "build/site/.")


def test_a_fel_in_the_board_file_is_printed_once_for_all_its_meetings(tmp_path, capsys):
    from helpers import organ_data, write_meeting

    project(tmp_path, organ=organ_data(okänd_nyckel=1))
    write_meeting(tmp_path, "tn", "2024-04-17", meeting_data("2024-04-17"))
    out = build(tmp_path, capsys)
    assert out.count("okänd nyckel okänd_nyckel") == 1, out
    assert out.index("protokoll/tn/organ.yaml") < out.index("protokoll/tn/2024-03-13: byggs inte")
    for folder in ("2024-03-13", "2024-04-17"):
        assert (f"protokoll/tn/{folder}: byggs inte, kontrollen hittade fel i organ.yaml "
                "(se ovan)") in out
    assert "Vägrade: 2 sammanträden." in out
