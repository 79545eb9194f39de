"""A warm check parses nothing again with ruamel, and says exactly what a cold one says.

(Texts the fast reader proves, loader/fastyaml.py, are read by it every time and never
cached: that costs less than an entry. `_parse` counts the ruamel reads.)"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import shutil
from pathlib import Path

import pytest

from protogen.checker import check_project
from protogen.loader import parsecache, yamlread

EXAMPLES = Path(__file__).resolve().parent.parent / "protokoll"
TODAY = dt.date(2030, 1, 1)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PROTOGEN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(parsecache, "_ENABLED", [True])  # as the command line does
    root = tmp_path / "projekt"
    shutil.copytree(EXAMPLES, root / "protokoll")
    meeting = root / "protokoll/gns/2020-02-14"
    # Findings of the reader itself, and of the rules, so that both are compared.
    (meeting / "90-trasig.md").write_text("---\nrubrik: [Trasig\nbeslut: x\n---\n\nText.\n",
                                          encoding="utf-8")
    (meeting / "91-dubbel.md").write_text(
        "---\nrubrik: Dubbel\nrubrik: Igen\nbeslut: x\n---\n\nText.\n", encoding="utf-8")
    (meeting / "92-okand.md").write_text(
        "---\nrubrik: Okänd\nbeslut: Godkänns.\nreservationer:\n  - av: Ingen Alls\n"
        "datum_fel: 2020-02-30\nbelopp: 1.5\n---\n\nText.\n", encoding="utf-8")  # 1.5: ruamel's
    return root


def lines(root: Path) -> list[str]:
    return [f.format() for f in check_project(root, today=TODAY).findings]


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = yamlread._parse

    def counting(text: str, path: str, findings, line_offset: int):  # type: ignore[no-untyped-def]
        parsed.append(path)
        return real(text, path, findings, line_offset)

    monkeypatch.setattr(yamlread, "_parse", counting)
    return parsed


def test_a_warm_check_parses_nothing_and_says_the_same(project: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROTOGEN_CACHE", "av")
    uncached = lines(project)
    monkeypatch.setenv("PROTOGEN_CACHE", str(project.parent / "cache"))
    parsed = count_parses(monkeypatch)
    cold = lines(project)
    assert parsed and cold == uncached
    # The fast reader reads the examples (and is never cached); ruamel the broken files.
    assert sorted(parsed) == [f"protokoll/gns/2020-02-14/{n}.md"
                              for n in ("90-trasig", "91-dubbel", "92-okand")]
    assert any("yaml-syntax" in line for line in cold)
    assert any("92-okand.md" in line for line in cold)
    parsed.clear()
    warm = lines(project)
    assert parsed == []
    assert warm == cold

    # One file changed: that file alone is parsed again.
    item = project / "protokoll/gns/2020-02-14/92-okand.md"
    item.write_text(item.read_text(encoding="utf-8").replace("Ingen Alls", "Ingen Annan"),
                    encoding="utf-8")
    changed = lines(project)
    assert parsed == ["protokoll/gns/2020-02-14/92-okand.md"]
    monkeypatch.setenv("PROTOGEN_CACHE", "av")
    assert changed == lines(project)


def test_a_damaged_or_forged_entry_is_never_used(project: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    cold = lines(project)
    entries = sorted(p for p in (project.parent / "cache" / parsecache.FOLDER).glob("*/*"))
    assert entries

    class Boom:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (os.system, ("echo hej",))

    for number, entry in enumerate(entries):
        if number % 2:
            entry.write_bytes(b"not a pickle")
        else:
            entry.write_bytes(pickle.dumps((Boom(), [])))
    parsed = count_parses(monkeypatch)
    assert lines(project) == cold
    assert len(parsed) == len(entries)


def test_the_cache_can_be_turned_off(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROTOGEN_CACHE", "av")
    lines(project)
    assert not (project.parent / "cache").exists()


def test_only_the_command_line_turns_it_on(project: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parsecache, "_ENABLED", [False])
    lines(project)
    assert not (project.parent / "cache").exists()
    from protogen.cli import main

    monkeypatch.chdir(project)
    main(["check", "--datum", "2030-01-01"])
    assert any((project.parent / "cache" / parsecache.FOLDER).glob("*/*"))
