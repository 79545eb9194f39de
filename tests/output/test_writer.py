"""The one writer (issue 8, breaks 4 and 9): nothing is written or deleted through a link,
into protokoll/ or mallar/, or outside build/; a meeting's outputs switch as one; what a
killed run leaves behind is removed by the next run."""

from __future__ import annotations

import datetime as dt
import io
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import project

from protogen.build import build_all
from protogen.output import (
    OutputError,
    clean_leftovers,
    remove,
    replace_folder,
    safe_path,
    write_atomic,
)
from protogen.reporting import write_build, write_publish
from protogen.site import publish

SRC = str(Path(__file__).resolve().parents[2] / "src")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_writes_inside_build(tmp_path: Path) -> None:
    written = write_atomic(tmp_path, Path("build/a/b.txt"), b"x")
    assert written.read_bytes() == b"x"
    assert written == tmp_path / "build" / "a" / "b.txt"


@pytest.mark.parametrize("rel", ["protokoll/tn/x.pdf", "mallar/x.html", "x.txt",
                                 "build/../protokoll/x.pdf", "build", "../x"])
def test_refuses_outside_build(tmp_path: Path, rel: str) -> None:
    with pytest.raises(OutputError, match="build/|protokoll/"):
        write_atomic(tmp_path, Path(rel), b"x")
    assert not (tmp_path / "protokoll").exists()


@pytest.mark.parametrize("link", ["build", "build/.cache", "build/.cache/webbplats-pdf"])
def test_refuses_writing_or_deleting_through_a_link(tmp_path: Path, link: str) -> None:
    underlag = tmp_path / "protokoll" / "tn" / "2024-03-13" / "underlag"
    underlag.mkdir(parents=True)
    (underlag / "yttrande.pdf").write_bytes(b"%PDF yttrande")
    linked = tmp_path / link
    linked.parent.mkdir(parents=True, exist_ok=True)
    linked.symlink_to(underlag, target_is_directory=True)
    target = tmp_path / "build" / ".cache" / "webbplats-pdf" / "yttrande.pdf"
    with pytest.raises(OutputError, match="symbolisk länk"):
        write_atomic(tmp_path, target, b"ny")
    with pytest.raises(OutputError, match="symbolisk länk"):
        remove(tmp_path, target)
    assert (underlag / "yttrande.pdf").read_bytes() == b"%PDF yttrande"
    assert [p.name for p in underlag.iterdir()] == ["yttrande.pdf"]


def test_refuses_a_linked_file(tmp_path: Path) -> None:
    secret = tmp_path / "mallar" / "a.html"
    secret.parent.mkdir(parents=True)
    secret.write_text("mall")
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "a.html").symlink_to(secret)
    with pytest.raises(OutputError):
        safe_path(tmp_path, tmp_path / "build" / "a.html")
    with pytest.raises(OutputError):
        remove(tmp_path, tmp_path / "build" / "a.html")
    assert secret.read_text() == "mall"


def test_build_refuses_a_linked_build_folder(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    meeting = project(tmp_path)
    underlag = meeting / "underlag"
    underlag.mkdir()
    (underlag / "yttrande.pdf").write_bytes(b"%PDF yttrande")
    (tmp_path / "build").symlink_to(underlag, target_is_directory=True)
    result = build_all(tmp_path)
    assert not result.ok
    write_build(result, sys.stdout)
    out = capsys.readouterr().out
    assert "symbolisk länk" in out
    assert "Traceback" not in out
    assert [p.name for p in underlag.iterdir()] == ["yttrande.pdf"]


def test_publish_never_touches_protokoll_through_a_linked_cache(tmp_path: Path) -> None:
    meeting = project(tmp_path)
    underlag = meeting / "underlag"
    underlag.mkdir()
    (underlag / "yttrande.pdf").write_bytes(b"%PDF yttrande")
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / ".cache").symlink_to(underlag, target_is_directory=True)
    out = io.StringIO()
    published = publish(tmp_path, dt.date(2024, 4, 1))
    write_publish(published, out)
    assert published.ok, out.getvalue()
    assert "PDF-cachen används inte" in out.getvalue()
    assert [p.name for p in underlag.iterdir()] == ["yttrande.pdf"]
    assert (tmp_path / "build" / "site" / "index.html").is_file()


def test_replace_folder_switches_as_one_and_keeps_other_files(tmp_path: Path) -> None:
    target = tmp_path / "build" / "tn" / "2024-03-13"
    replace_folder(tmp_path, target, [("protokoll.pdf", b"1"), ("utdrag/7.pdf", b"1")])
    write_atomic(tmp_path, target / "anteckning.txt", b"spara")
    replace_folder(tmp_path, target, [("protokoll.pdf", b"2")],
                   keep=lambda rel: not rel.endswith(".pdf"))
    assert _files(target) == {"protokoll.pdf": b"2", "anteckning.txt": b"spara"}
    assert sorted(p.name for p in target.parent.iterdir()) == ["2024-03-13"]


def test_a_failure_before_the_swap_leaves_the_old_folder(tmp_path: Path) -> None:
    target = tmp_path / "build" / "site"
    replace_folder(tmp_path, target, [("index.html", b"gammal")])

    def fail(fresh: Path) -> None:
        raise OutputError("sökindexet är trasigt")

    with pytest.raises(OutputError):
        replace_folder(tmp_path, target, [("index.html", b"ny")], finish=fail)
    assert _files(target) == {"index.html": b"gammal"}
    assert sorted(p.name for p in target.parent.iterdir()) == ["site"]


KILLED = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from protogen.output import replace_folder, write_atomic
    root = Path(sys.argv[1])
    target = root / "build" / "tn" / "2024-03-13"
    def die(fresh):
        # the new protokoll.pdf is written, the utdrag too: now the machine goes down
        os.kill(os.getpid(), signal.SIGKILL)
    if sys.argv[2] == "folder":
        replace_folder(root, target, [("protokoll.pdf", b"ny"), ("utdrag/7.pdf", b"ny")],
                       finish=die)
    else:
        import tempfile
        real = tempfile.mkstemp
        def slow(*args, **kwargs):
            made = real(*args, **kwargs)
            os.kill(os.getpid(), signal.SIGKILL)
            return made
        tempfile.mkstemp = slow
        write_atomic(root, target / "kallelse.pdf", b"ny")
""")


@pytest.mark.parametrize("where", ["folder", "file"])
def test_kill_9_leaves_the_old_outputs_and_the_next_run_cleans_up(tmp_path: Path,
                                                                  where: str) -> None:
    target = tmp_path / "build" / "tn" / "2024-03-13"
    old = [("protokoll.pdf", b"gammal"), ("utdrag/7.pdf", b"gammal"), ("kallelse.pdf", b"gammal")]
    replace_folder(tmp_path, target, old)
    env = {**os.environ, "PYTHONPATH": SRC}
    run = subprocess.run([sys.executable, "-c", KILLED, str(tmp_path), where], env=env,
                         capture_output=True, timeout=60)
    assert run.returncode == -signal.SIGKILL, run.stderr
    assert {k: v for k, v in _files(target).items() if not k.startswith(".")} == dict(old)
    leftovers = [p for p in (tmp_path / "build").rglob(".*")]
    assert leftovers, "the killed run should have left its temporary file or folder"
    removed = clean_leftovers(tmp_path)
    assert sorted(removed) == sorted(p for p in leftovers if p.parent not in leftovers)
    assert not list((tmp_path / "build").rglob(".*"))
    assert _files(target) == dict(old)


def test_clean_leftovers_spares_a_running_writer_and_removes_old_names(tmp_path: Path) -> None:
    build = tmp_path / "build"
    (build / "tn").mkdir(parents=True)
    mine = build / f".site-ny-{os.getpid()}-abcd1234"
    mine.mkdir()
    older = [build / ".site-ny-k2j4h5g6", build / "tn" / ".kallelse.pdf.a1b2c3d4.tmp"]
    older[0].mkdir()
    older[1].write_bytes(b"halv")
    keep = build / "tn" / ".gitkeep"
    keep.write_bytes(b"")
    assert sorted(clean_leftovers(tmp_path)) == sorted(older)
    assert mine.is_dir() and keep.is_file()
