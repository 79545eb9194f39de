"""Commands run in a board or meeting folder find the project root upwards, as git does, and
work on that folder only; publish always publishes the whole project."""

from __future__ import annotations

from contextlib import chdir
from pathlib import Path

import pytest
from helpers import meeting_data, project, write_meeting

from protogen.cli import main
from protogen.location import LocationError, locate, scope_of
from protogen.results import PublishResult


def two_meetings_with_fel(root: Path) -> None:
    project(root, meeting_data("2024-03-13", extra="x"))
    write_meeting(root, "tn", "2024-04-17", meeting_data("2024-04-17", annat="y"))


def run(args: list[str], where: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    with chdir(where):
        try:
            code = main(args)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 2
    return code, capsys.readouterr().out


def finding_paths(out: str) -> set[str]:
    return {line.split(":", 1)[0] for line in out.splitlines() if ": fel: " in line}


def test_check_in_a_meeting_folder_checks_that_meeting_only(tmp_path, capsys):
    two_meetings_with_fel(tmp_path)
    code, out = run(["check"], tmp_path / "protokoll/tn/2024-04-17", capsys)
    assert code == 1
    assert finding_paths(out) == {"protokoll/tn/2024-04-17/sammanträde.yaml"}
    assert "(1 sammanträde kontrollerat)" in out


def test_check_in_a_subfolder_of_a_meeting_checks_the_meeting(tmp_path, capsys):
    two_meetings_with_fel(tmp_path)
    (tmp_path / "protokoll/tn/2024-03-13/underlag").mkdir()
    _, out = run(["check"], tmp_path / "protokoll/tn/2024-03-13/underlag", capsys)
    assert finding_paths(out) == {"protokoll/tn/2024-03-13/sammanträde.yaml"}


def test_check_in_a_board_folder_checks_the_board(tmp_path, capsys):
    two_meetings_with_fel(tmp_path)
    project_two = tmp_path / "protokoll" / "ab"
    write_meeting(tmp_path, "ab", "2024-03-13", meeting_data("2024-03-13", fel="z"))
    (project_two / "organ.yaml").write_text((tmp_path / "protokoll/tn/organ.yaml").read_text())
    _, board = run(["check"], tmp_path / "protokoll/tn", capsys)
    assert finding_paths(board) == {"protokoll/tn/2024-03-13/sammanträde.yaml",
                                    "protokoll/tn/2024-04-17/sammanträde.yaml"}
    _, everything = run(["check"], tmp_path / "protokoll", capsys)
    assert "protokoll/ab/2024-03-13/sammanträde.yaml" in finding_paths(everything)


def test_a_path_given_wins_over_the_folder_run_in(tmp_path, capsys):
    two_meetings_with_fel(tmp_path)
    _, out = run(["check", "../2024-03-13"], tmp_path / "protokoll/tn/2024-04-17", capsys)
    assert finding_paths(out) == {"protokoll/tn/2024-03-13/sammanträde.yaml"}


def test_build_in_a_meeting_folder_refuses_only_that_meeting(tmp_path, capsys):
    two_meetings_with_fel(tmp_path)
    code, out = run(["build"], tmp_path / "protokoll/tn/2024-04-17", capsys)
    assert code == 1
    assert "protokoll/tn/2024-04-17: byggs inte" in out
    assert "2024-03-13" not in out


def test_publish_from_a_meeting_folder_publishes_the_project(tmp_path, capsys, monkeypatch):
    project(tmp_path)
    seen: list[Path] = []

    def publish(root: Path, today, **_options) -> PublishResult:
        seen.append(root)
        return PublishResult(today=today)

    monkeypatch.setattr("protogen.site.publish", publish)
    code, _ = run(["publish"], tmp_path / "protokoll/tn/2024-03-13", capsys)
    assert code == 0 and seen == [tmp_path.resolve()]


def test_locate_outside_a_project_says_so_in_swedish(tmp_path):
    with pytest.raises(LocationError, match="ingen mapp protokoll/"):
        locate(None, tmp_path)


def test_scope_of_stops_at_the_meeting(tmp_path):
    project(tmp_path)
    deep = tmp_path / "protokoll/tn/2024-03-13/underlag/a"
    assert scope_of(tmp_path, deep) == tmp_path / "protokoll/tn/2024-03-13"
    assert scope_of(tmp_path, tmp_path / "protokoll") is None
    assert scope_of(tmp_path, tmp_path) is None
    assert locate(None, tmp_path / "protokoll/tn", scoped=False).target is None
