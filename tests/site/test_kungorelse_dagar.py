"""When a kungörelse is up, and which beslutsunderlag files a meeting may offer: the model
side, without publishing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import check, item_text, meeting_data, organ_data, project

from protogen.law import anslag
from protogen.public import public_view
from protogen.site.content import public_downloads

D = dt.date.fromisoformat
COUNCIL = organ_data(namn="Kommunfullmäktige", typ="fullmäktige")


def called(**extra: object) -> dict[str, object]:
    return {"datum": D("2024-06-19"), "tid": "18:00", "plats": "Salen", "status": "kallelse",
            **extra}


def only_meeting(root: Path):  # noqa: ANN201
    return check(root).project.organs[0].meetings[0]


def test_up_from_the_kungorelse_through_the_meeting_day(tmp_path: Path) -> None:
    project(tmp_path, called(kungörelse={"datum": D("2024-06-10")}), [{"rubrik": "A"}],
            organ=COUNCIL)
    notice = anslag.announcement(only_meeting(tmp_path))
    assert notice is not None
    assert (notice.posted, notice.taken_down) == (D("2024-06-10"), D("2024-06-19"))
    assert not notice.is_up(D("2024-06-09")) and notice.is_up(D("2024-06-19"))
    assert not notice.is_up(D("2024-06-20"))


def test_utskick_stands_in_and_without_either_a_week_before(tmp_path: Path) -> None:
    project(tmp_path, called(kallelse={"utskick": D("2024-06-05")}), [{"rubrik": "A"}],
            organ=COUNCIL)
    assert anslag.announcement(only_meeting(tmp_path)).posted == D("2024-06-05")  # type: ignore[union-attr]
    other = tmp_path / "b"
    project(other, called(), [{"rubrik": "A"}], organ=COUNCIL)
    assert anslag.announcement(only_meeting(other)).posted == D("2024-06-12")  # type: ignore[union-attr]


def test_a_held_meeting_without_a_date_and_a_nämnd_give_no_kungorelse(tmp_path: Path) -> None:
    project(tmp_path, meeting_data("2024-03-13"), organ=COUNCIL)
    assert anslag.announcement(only_meeting(tmp_path)) is None
    other = tmp_path / "b"
    project(other, called(), [{"rubrik": "A"}])
    assert anslag.announcement(only_meeting(other)) is None


def test_a_file_a_secret_item_also_names_is_not_offered(tmp_path: Path) -> None:
    folder = project(tmp_path, meeting_data(), [
        item_text({"rubrik": "Öppet", "beslutsunderlag": [
            {"titel": "Delad", "fil": "underlag/delad.pdf"},
            {"titel": "Egen", "fil": "underlag/../underlag/egen.pdf"}]}),
        item_text({"rubrik": "Hemligt", "sekretess": "OSL 26 kap. 1 §", "beslutsunderlag": [
            {"titel": "Delad", "fil": "./underlag/delad.pdf"}]}),
    ])
    (folder / "underlag").mkdir()
    for name in ("delad.pdf", "egen.pdf"):
        (folder / "underlag" / name).write_bytes(b"%PDF-1.4\n")
    meeting = only_meeting(tmp_path)
    offered = public_downloads(meeting, public_view(meeting), "tn/2024-03-13")
    assert [(d.number, d.title, d.path) for d in offered] == [
        (1, "Egen", "tn/2024-03-13/underlag/1-egen.pdf")]


def test_a_called_meeting_is_on_the_site_only_once_made_known(tmp_path: Path) -> None:
    from protogen.site.public import is_coming

    project(tmp_path, called(kungörelse={"datum": D("2024-06-10")}), [{"rubrik": "A"}],
            organ=COUNCIL)
    meeting = only_meeting(tmp_path)
    assert not is_coming(meeting, D("2024-06-09"))  # its ärenden are not public before then
    assert is_coming(meeting, D("2024-06-10")) and is_coming(meeting, D("2024-06-19"))
    assert not is_coming(meeting, D("2024-06-20"))
    other = tmp_path / "b"
    project(other, called(), [{"rubrik": "A"}])  # no date given: shown as before
    assert is_coming(only_meeting(other), D("2024-06-01"))
