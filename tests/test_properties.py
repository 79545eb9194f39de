"""Property-based tests: no input, however broken, makes `protogen check` raise.

The promise (STYLE.md, checker.py): a parse error is a value, not an exception, and a bug in a
rule becomes an `internt-fel` finding rather than a traceback. These tests hold the loader to
the first half of that promise and every rule to the second: they start from valid meetings
(built with tests/helpers.py, and the project's own examples), break them the ways a secretary
or an editor might (a deleted key, a wrong type, a stray tab, a truncated file, Latin-1 bytes, a
`%YAML 1.1` line, a date 2020-02-30, …) and assert that the checker returns findings, that no
finding is an `internt-fel`, and that the CLI exits 0 or 1 without a traceback.

A crash found here is kept below as a plain regression test, with the input that showed it.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import os
import random
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import chdir, contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from helpers import (  # noqa: E402
    DEPUTIES,
    NINE,
    dump_yaml,
    meeting_data,
    organ_data,
    sample_file,
)

from protogen.checker import CheckResult, check_project  # noqa: E402
from protogen.cli import main  # noqa: E402
from protogen.findings import Finding, Level  # noqa: E402
from protogen.reporting import write_json, write_text  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "protokoll"
TODAY = dt.date(2030, 1, 1)

# PROTOGEN_PROPERTY_SCALE=20 runs twenty times the examples, for a longer hunt by hand.
SCALE = float(os.environ.get("PROTOGEN_PROPERTY_SCALE", "1"))


def examples(count: int) -> int:
    return max(1, int(count * SCALE))


SETTINGS = settings(
    max_examples=examples(100),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=False,
)

# ---------------------------------------------------------------------------------------------
# The valid starting point: two boards, four meetings, items using every key of FORMAT.md.
# A project is a dict of {relative path: content}; content is a dict (YAML), a (front, body)
# pair (an item file), or a str / bytes (written as is).
# ---------------------------------------------------------------------------------------------

Files = dict[str, Any]


def _items_tn(abstains: str = DEPUTIES[0]) -> list[tuple[dict[str, Any], str]]:
    return [
        ({"rubrik": "Val av justerare", "typ": "B", "beslut": "Bertil Berg utses att justera.\n"},
         "Ordföranden föreslår Bertil Berg.\n"),
        ({
            "rubrik": "Budget 2025",
            "dnr": "TN 2024/12",
            "typ": "B",
            "förslag_till_beslut": "Budgeten fastställs.\n",
            "yrkanden": [
                {"av": NINE[0], "text": "Bifall till förslaget."},
                {"av": NINE[5], "text": "Avslag."},
            ],
            "propositionsordning": "Ordföranden ställer bifall mot avslag och finner bifall.\n",
            "omröstning": {"ja": NINE[:5], "nej": NINE[5:8], "avstår": [abstains]},
            "beslut": "Budgeten fastställs.\n",
            "reservationer": [{"av": NINE[5], "text": "Skriftlig reservation."}, NINE[6]],
            "protokollsanteckningar": [{"av": NINE[7], "text": "En anteckning."}],
            "expedieras": ["Ekonomienheten", "Kommunstyrelsen"],
            "beslutsunderlag": ["Tjänsteskrivelse", {"titel": "Bilaga", "fil": "underlag/b.pdf"}],
         },
         "### Bakgrund\n\nNämnden ska fastställa budgeten.\n\n| år | belopp |\n|---|---|\n"
         "| 2025 | 10 |\n"),
        ({"rubrik": "Bygglov", "jäv": [NINE[3]],
          "förslag_till_beslut": "Bygglov beviljas.\n", "beslut": "Bygglov beviljas.\n"},
         "Ärendet gäller bygglov.\n"),
        ({"rubrik": "Ärende om enskild", "sekretess": "OSL 26 kap. 1 §",
          "beslut": "Enligt förslaget.\n", "ordförande": NINE[1], "jäv": [NINE[0]]},
         "Sekretessbelagd text.\n"),
        ({"rubrik": "Information", "typ": "I"}, "- punkt ett\n- punkt två\n"),
    ]


def base_files() -> Files:
    organ = organ_data(
        mall="standard",
        ärendetyper={"B": "beslut", "I": "information"},
        sammanträdesplan=[{"datum": dt.date(2024, month, day), "tid": "09:00", "plats": "KS-salen"}
                          for month, day in ((3, 13), (4, 17), (5, 15))],
    )
    organ["ledamöter"][1]["från"] = dt.date(2023, 1, 1)
    organ["ledamöter"][1]["till"] = dt.date(2026, 12, 31)
    first = meeting_data(
        närvarande={
            "ledamöter": NINE[:7] + [{"namn": NINE[7], "paragrafer": "1-2"}],
            "tjänstgörande_ersättare": [
                {"namn": DEPUTIES[0], "ersätter": NINE[8]},
                {"namn": DEPUTIES[1], "ersätter": NINE[7], "paragrafer": "3-5"},
            ],
            "ersättare": [DEPUTIES[2]],
            "övriga": [{"namn": "Olle Tjänsteman", "titel": "Förvaltningschef",
                        "paragrafer": "2, 4-5"}, "Gäst Gästsson"],
        },
        justering={"datum": dt.date(2024, 3, 20), "tid": "11:00", "plats": "Kommunhuset"},
        kallelse={"utskick": dt.date(2024, 3, 6)},
    )
    second = meeting_data("2024-04-17", status="utkast")
    second.pop("anslag")
    third = meeting_data("2024-05-15", status="kallelse")
    for key in ("ordförande", "justerare", "justering", "närvarande", "anslag"):
        third.pop(key)
    files: Files = {"protokoll/tn/organ.yaml": organ}
    for day, meeting, items in (
        ("2024-03-13", first, _items_tn()),
        ("2024-04-17", second, _items_tn(NINE[8])[:2]),
        ("2024-05-15", third, [({"rubrik": "Kommande ärende",
                                  "förslag_till_beslut": "Bifall.\n"}, "Text.\n")]),
    ):
        files[f"protokoll/tn/{day}/sammanträde.yaml"] = meeting
        for index, item in enumerate(items, start=1):
            files[f"protokoll/tn/{day}/{index:02d}-arende-{index}.md"] = item
    files["protokoll/tn/2024-03-13/underlag/b.pdf"] = sample_file(".pdf")
    files["protokoll/tn/2024-04-17/underlag/b.pdf"] = sample_file(".pdf")

    # A second board: löpande numbering, no anslag, a fixed beslutförhet, a same-day meeting.
    files["protokoll/ek/organ.yaml"] = organ_data(
        namn="Ekonomiska föreningens styrelse", paragrafnumrering="löpande", anslag=False,
        beslutförhet=5, justerare_minst=1, justering_dagar=10, kallelse_dagar=7,
    )
    ek = meeting_data("2024-01-24", första_paragraf=784)
    ek.pop("anslag")
    files["protokoll/ek/2024-01-24/sammanträde.yaml"] = ek
    files["protokoll/ek/2024-01-24/01-oppnande.md"] = ({"rubrik": "Mötets öppnande"}, "")
    files["protokoll/ek/2024-01-24/02-beslut.md"] = (
        {"rubrik": "Beslut", "beslut": "Bifall.\n"}, "Text.\n")
    ek2 = meeting_data("2024-01-24")
    ek2.pop("anslag")
    files["protokoll/ek/2024-01-24-2/sammanträde.yaml"] = ek2
    files["protokoll/ek/2024-01-24-2/01-fortsattning.md"] = (
        {"rubrik": "Fortsättning", "beslut": "Bifall.\n"}, "Text.\n")
    return files


def example_files() -> Files:
    """The project's own example meetings, as raw text."""
    return {
        path.relative_to(REPO).as_posix(): path.read_bytes()
        for path in sorted(EXAMPLES.rglob("*"))
        if path.is_file()
    }


def serialize(content: Any) -> bytes:
    if isinstance(content, bytes):
        return content
    if isinstance(content, str):
        return content.encode("utf-8")
    if isinstance(content, tuple):
        front, body = content
        return ("---\n" + dump_yaml(front) + "---\n\n" + body).encode("utf-8")
    return dump_yaml(content).encode("utf-8")


def write_files(root: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


@contextmanager
def project_dir() -> Iterator[Path]:
    # Not pytest's tmp_path: a function-scoped fixture would be shared by every example.
    with tempfile.TemporaryDirectory(prefix="protogen-prop-") as name:
        yield Path(name)


# ---------------------------------------------------------------------------------------------
# Random values: YAML scalars, lists and maps, with the odd unicode and numbers users produce.
# ---------------------------------------------------------------------------------------------

ODD_TEXT = [
    "", " ", "~", "null", "no", "yes", "on", "09:00", "9", "2020-02-30", "2020-13-01",
    "0000-00-00", "2020-02-29", "1-2, 6-9", "§§ 3–4", "0", "-1", "3-1", "1-99999999", "x-y",
    "Anna Andersson ", "anna andersson", "Anna  Andersson", "Anna\u00a0Andersson",
    "A\u0301nna Andersson", "Ａｎｎａ", "\u200bAnna Andersson", "Anna\u202eAndersson",
    "\U0001f600 Emoji", "Ångström Öberg-Ärlig", "ß", "İ", "\ufeff", "---", "...", "*a", "&a",
    "%YAML 1.1", "justerat", "utkast", "kallelse", "hälften", "per_år", "löpande", "standard",
    "../../etc/passwd", "/abs/path.pdf", "underlag/../../x.pdf", "OSL 26 kap. 1 §",
    "1980-01-01-1234", "198001011234", "19121212-1212", "a" * 300,
    *NINE, *DEPUTIES,
]
KEYS = [
    "namn", "parti", "kommun", "uppdrag", "från", "till", "datum", "tid", "plats", "status",
    "ordförande", "sekreterare", "justerare", "justering", "närvarande", "ledamöter",
    "tjänstgörande_ersättare", "ersättare", "övriga", "paragrafer", "ersätter", "titel",
    "anslag", "uppsatt", "nedtaget", "första_paragraf", "kallelse", "utskick", "rubrik", "dnr",
    "typ", "förslag_till_beslut", "yrkanden", "av", "text", "propositionsordning",
    "omröstning", "ja", "nej", "avstår", "beslut", "reservationer", "protokollsanteckningar",
    "jäv", "omedelbart_justerad", "expedieras", "beslutsunderlag", "fil", "sekretess",
    "beslutförhet", "paragrafnumrering", "ärendetyper", "mall", "justerare_minst",
    "justering_dagar", "kallelse_dagar", "sammanträdesplan",
]

unicode_text = st.text(
    alphabet=st.characters(exclude_categories=["Cs"]), max_size=20
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 1, 10**30, -(10**30), 10**400, 2**63, 2**63 - 1, 10_000_000]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    st.sampled_from(ODD_TEXT),
    unicode_text,
)
yaml_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), unicode_text, st.integers()),
                        children, max_size=4),
    ),
    max_leaves=8,
)


# ---------------------------------------------------------------------------------------------
# Mutations. Structural ones change the data before it is written; textual ones change bytes.
# ---------------------------------------------------------------------------------------------


def _containers(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Every (path, dict-or-list) inside `value`, the value itself first."""
    if isinstance(value, dict | list):
        yield path, value
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in list(items):
            yield from _containers(child, (*path, key))


def mutate_data(draw: Callable[..., Any], data: Any) -> None:
    """Delete, replace or add one value somewhere inside `data` (in place)."""
    containers = list(_containers(data))
    _, container = draw(st.sampled_from(containers))
    action = draw(st.sampled_from(["delete", "replace", "replace", "add", "wrap", "empty"]))
    if isinstance(container, dict):
        keys = list(container)
        if action == "add" or not keys:
            key = draw(st.one_of(st.sampled_from(KEYS), unicode_text))
            container[key] = draw(yaml_values)
            return
        key = draw(st.sampled_from(keys))
        if action == "delete":
            del container[key]
        elif action == "wrap":
            container[key] = draw(st.sampled_from([[container[key]], {"namn": container[key]}]))
        elif action == "empty":
            container[key] = draw(st.sampled_from([None, "", [], {}]))
        else:
            container[key] = draw(yaml_values)
    else:
        if action == "add" or not container:
            container.insert(draw(st.integers(0, len(container))), draw(yaml_values))
            return
        index = draw(st.integers(0, len(container) - 1))
        if action == "delete":
            del container[index]
        elif action == "wrap":
            container[index] = [container[index]]
        elif action == "empty":
            container[index] = draw(st.sampled_from([None, "", [], {}]))
        else:
            container[index] = draw(yaml_values)


def _lines(text: bytes) -> list[bytes]:
    return text.splitlines(keepends=True) or [b""]


BAD_DATES = [b"2020-02-30", b"2021-02-29", b"2020-13-01", b"2020-00-10", b"0000-01-01",
             b"9999-12-31", b"0001-01-01", b"2020-2-3", b"20200214", b"2020-02-14T25:00"]


def mutate_text(draw: Callable[..., Any], text: bytes) -> bytes:
    kind = draw(st.sampled_from([
        "insert-bytes", "insert-unicode", "truncate", "indent", "dedent", "duplicate-line",
        "tabs", "yaml-1.1", "yaml-1.2", "latin-1", "invalid-utf8", "empty", "list",
        "scalar", "bad-date", "huge-number", "bom", "crlf", "cr", "drop-front-matter-end",
        "drop-line", "swap-lines", "alias", "merge-key", "flow-garbage", "nul",
        "multi-document", "key-only",
    ]))
    lines = _lines(text)
    at = draw(st.integers(0, len(lines) - 1))
    pos = draw(st.integers(0, len(text)))
    if kind == "insert-bytes":
        return text[:pos] + draw(st.binary(min_size=1, max_size=12)) + text[pos:]
    if kind == "insert-unicode":
        return text[:pos] + draw(unicode_text).encode("utf-8", "surrogatepass") + text[pos:]
    if kind == "truncate":
        return text[:pos]
    if kind == "indent":
        lines[at] = b" " * draw(st.integers(1, 5)) + lines[at]
    elif kind == "dedent":
        lines[at] = lines[at].lstrip(b" ")
    elif kind == "duplicate-line":
        lines.insert(at, lines[at] if lines[at].endswith(b"\n") else lines[at] + b"\n")
    elif kind == "tabs":
        lines[at] = re.sub(rb"^ +", lambda m: b"\t" * max(1, len(m.group()) // 2), lines[at])
        if not lines[at].startswith(b"\t"):
            lines[at] = b"\t" + lines[at]
    elif kind == "yaml-1.1":
        directive = b"%YAML 1.1\n---\n"
        return directive + text if not text.startswith(b"---") else b"---\n" + directive + text[4:]
    elif kind == "yaml-1.2":
        return b"%YAML 1.2\n---\n" + text
    elif kind == "latin-1":
        return text.decode("utf-8", "replace").encode("latin-1", "replace")
    elif kind == "invalid-utf8":
        return text[:pos] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xe5\xe4\xf6", b"\x80\x80",
                                                   b"\xed\xa0\x80"])) + text[pos:]
    elif kind == "empty":
        return draw(st.sampled_from([b"", b"\n", b"---\n", b"---\n---\n", b"   ", b"#\n"]))
    elif kind == "list":
        return draw(st.sampled_from([b"- a\n- b\n", b"---\n- rubrik: x\n---\n", b"[]\n",
                                     b"---\n[1, 2]\n---\nText\n"]))
    elif kind == "scalar":
        return draw(st.sampled_from([b"42\n", b"text\n", b"---\nrubrik\n---\n", b"null\n",
                                     b"---\n2020-02-14\n---\n", b"true\n"]))
    elif kind == "bad-date":
        new = draw(st.sampled_from(BAD_DATES))
        return re.sub(rb"\d{4}-\d{2}-\d{2}", lambda m: new, text, count=draw(st.integers(0, 3)))
    elif kind == "huge-number":
        number = draw(st.sampled_from([b"1" + b"0" * 400, b"-99999999999999999999", b"1e400",
                                       b"0x" + b"f" * 40, b"0o777", b".inf", b".nan"]))
        return re.sub(rb"(?<=: )\S.*", lambda m: number, text, count=1) if b": " in text else text
    elif kind == "bom":
        return b"\xef\xbb\xbf" + text
    elif kind == "crlf":
        return text.replace(b"\n", b"\r\n")
    elif kind == "cr":
        return text.replace(b"\n", b"\r")
    elif kind == "drop-front-matter-end":
        return text.replace(b"\n---\n", b"\n", 1)
    elif kind == "drop-line":
        del lines[at]
    elif kind == "swap-lines":
        other = draw(st.integers(0, len(lines) - 1))
        lines[at], lines[other] = lines[other], lines[at]
    elif kind == "alias":
        lines.insert(at, b"x: &a [Anna Andersson]\ny: *a\nz: *nope\n")
    elif kind == "merge-key":
        lines.insert(at, b"base: &b {namn: Anna Andersson}\nledamot: {<<: *b, parti: S}\n<<: *b\n")
    elif kind == "flow-garbage":
        lines.insert(at, draw(st.sampled_from([b"a: {b: [c, d}\n", b"a: [\n", b"{\n",
                                               b"? [a, b]\n: c\n", b"a: !!python/object x\n",
                                               b"a: !tag x\n", b"a: |\n", b"'a': 'b\n"])))
    elif kind == "nul":
        return text[:pos] + b"\x00" + text[pos:]
    elif kind == "multi-document":
        return text + b"\n---\nnamn: igen\n"
    elif kind == "key-only":
        lines[at] = re.sub(rb":.*", b":", lines[at])
    return b"".join(lines)


def mutate_tree(draw: Callable[..., Any], files: dict[str, bytes]) -> None:
    """Change the folder layout: delete, add or rename files and folders."""
    kind = draw(st.sampled_from([
        "delete-file", "bad-item-name", "bad-folder", "rename-folder", "item-is-folder",
        "organ-is-folder", "empty-board", "stray-file", "same-prefix", "huge-prefix",
        "no-items", "hidden",
    ]))
    paths = sorted(files)
    meeting_files = [p for p in paths if p.endswith("/sammanträde.yaml")]
    meeting_dir = draw(st.sampled_from(meeting_files)).rsplit("/", 1)[0] if meeting_files else None
    board = meeting_dir.rsplit("/", 1)[0] if meeting_dir else "protokoll/tn"
    if kind == "delete-file" and paths:
        del files[draw(st.sampled_from(paths))]
    elif kind == "bad-item-name" and meeting_dir:
        name = draw(st.sampled_from(["x.md", "00-.md", "1-.md", "-a.md", "01-a.MD", "01 a.md",
                                     "٠١-arabiska.md", "01-å.md", "１２-wide.md"]))
        files[f"{meeting_dir}/{name}"] = b"---\nrubrik: X\n---\n"
    elif kind == "bad-folder":
        name = draw(st.sampled_from(["2020-02-30", "2020-13-01", "0000-01-01", "2024-03-13-0",
                                     "2024-03-13-99999999999999999999", "2024-3-1", "utkast",
                                     "9999-12-31", "0001-01-01"]))
        files[f"{board}/{name}/sammanträde.yaml"] = serialize(meeting_data())
        files[f"{board}/{name}/01-a.md"] = serialize(({"rubrik": "A"}, ""))
    elif kind == "rename-folder" and meeting_dir:
        new = f"{board}/" + draw(st.sampled_from(["2020-02-30", "2024-03-14", "2023-12-31",
                                                   "2024-03-13-2", "2024-03-13-1"]))
        if not any(p.startswith(new + "/") for p in files):
            for path in [p for p in files if p.startswith(meeting_dir + "/")]:
                files[new + path[len(meeting_dir):]] = files.pop(path)
    elif kind == "item-is-folder" and meeting_dir:
        files[f"{meeting_dir}/07-mapp.md/inuti.txt"] = b"x"
    elif kind == "organ-is-folder":
        files.pop(f"{board}/organ.yaml", None)
        files[f"{board}/organ.yaml/x"] = b"x"
    elif kind == "empty-board":
        files["protokoll/tom/.keep"] = b""
    elif kind == "stray-file":
        files[draw(st.sampled_from(["protokoll/README.md", f"{board}/anteckning.txt",
                                    "protokoll/tn/2024-03-13/underlag/x.md"]))] = b"\xff\xfe"
    elif kind == "same-prefix" and meeting_dir:
        files[f"{meeting_dir}/01-dubblett.md"] = serialize(({"rubrik": "Dubblett"}, ""))
    elif kind == "huge-prefix" and meeting_dir:
        files[f"{meeting_dir}/{'9' * 30}-sist.md"] = serialize(({"rubrik": "Sist"}, ""))
    elif kind == "no-items" and meeting_dir:
        for path in [p for p in files if p.startswith(meeting_dir + "/") and p.endswith(".md")]:
            del files[path]
    elif kind == "hidden" and meeting_dir:
        files[f"{board}/.git/HEAD"] = b"ref"
        files[f"{meeting_dir}/.01-dold.md"] = b"\xff"


@st.composite
def mutated_project(draw: Callable[..., Any]) -> dict[str, bytes]:
    """A project broken in one to four places, at the data, text or folder level."""
    if draw(st.integers(0, 4)) == 0:
        files = example_files()
        structured: Files = {}
    else:
        structured = copy.deepcopy(base_files())
        files = {}
    for _ in range(draw(st.integers(0, 3))):  # data mutations before writing
        if not structured:
            break
        rel = draw(st.sampled_from(sorted(p for p, v in structured.items()
                                          if isinstance(v, dict | tuple))))
        content = structured[rel]
        if isinstance(content, tuple):
            front = content[0]
            mutate_data(draw, front)
            structured[rel] = (front, content[1])
        else:
            mutate_data(draw, content)
    for rel, content in structured.items():
        files[rel] = serialize(content)
    for _ in range(draw(st.integers(1 if not structured else 0, 2))):  # textual mutations
        candidates = sorted(p for p in files if p.endswith((".yaml", ".md")))
        if not candidates:
            break
        rel = draw(st.sampled_from(candidates))
        files[rel] = mutate_text(draw, files[rel])
    if draw(st.integers(0, 3)) == 0:
        mutate_tree(draw, files)
    return files


any_today = st.one_of(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.sampled_from([dt.date(1, 1, 1), dt.date(9999, 12, 31), TODAY]),
)


# ---------------------------------------------------------------------------------------------
# What must hold for every input.
# ---------------------------------------------------------------------------------------------


def assert_sound(result: CheckResult) -> None:
    assert isinstance(result, CheckResult)
    crashes = [f.format() for f in result.findings if f.rule == "internt-fel"]
    assert not crashes, "a rule crashed:\n" + "\n".join(crashes)
    for finding in result.findings:
        assert isinstance(finding, Finding)
        assert isinstance(finding.level, Level)
        assert not Path(finding.pos.path).is_absolute(), finding.format()
        assert finding.pos.path.startswith("protokoll/"), finding.format()
        assert finding.pos.line >= 1 and finding.pos.col >= 1, finding.format()
        assert finding.message and finding.rule, finding.format()
    keys = [f.sort_key()[:2] for f in result.findings]
    assert keys == sorted(keys)
    # Both reporters accept whatever the checker returns.
    write_text(result, io.StringIO())
    out = io.StringIO()
    write_json(result, out)
    assert len(json.loads(out.getvalue())["fynd"]) == len(result.findings)


def assert_one_line(findings: list[Finding]) -> None:
    """One finding, one line: the text output is read line by line (str.splitlines breaks
    at more than \\n: also at \\r, \\x0b, \\x0c, \\x1c-\\x1e, \\x85, \\u2028, \\u2029)."""
    for finding in findings:
        assert len(finding.format().splitlines()) == 1, repr(finding.format())


def loader_findings(root: Path) -> list[Finding]:
    from protogen.findings import Findings
    from protogen.loader.project import load_project

    findings = Findings()
    load_project(root, findings)
    return findings.items


def check_files(files: dict[str, bytes], today: dt.date, target: str | None = None) -> None:
    with project_dir() as root:
        write_files(root, files)
        (root / "protokoll").mkdir(exist_ok=True)
        result = check_project(root, root / target if target else None, today=today)
        assert_sound(result)
        # The loader's own messages quote keys and values with shown(); the rules' messages
        # quote names as written (see test_a_name_with_a_line_break_stays_on_one_line).
        assert_one_line(loader_findings(root))


def test_the_valid_starting_points_are_clean() -> None:
    """The mutations start from meetings without a fel; otherwise they would prove little."""
    with project_dir() as root:
        write_files(root, {k: serialize(v) for k, v in base_files().items()})
        result = check_project(root, today=TODAY)
        assert_sound(result)
        assert result.findings == [], [f.format() for f in result.findings]
    result = check_project(REPO, today=TODAY)
    assert_sound(result)
    assert result.errors == 0, [f.format() for f in result.findings]


@SETTINGS
@given(files=mutated_project(), today=any_today)
def test_check_never_raises_on_mutated_projects(files: dict[str, bytes], today: dt.date) -> None:
    check_files(files, today)


@settings(SETTINGS, max_examples=examples(80))
@given(data=st.data())
def test_check_never_raises_on_random_values(data: st.DataObject) -> None:
    """Many values replaced at once with random YAML: every reader must cope with any type."""
    files = copy.deepcopy(base_files())
    for _ in range(data.draw(st.integers(3, 12))):
        rel = data.draw(st.sampled_from(sorted(p for p, v in files.items()
                                               if isinstance(v, dict | tuple))))
        target = files[rel][0] if isinstance(files[rel], tuple) else files[rel]
        mutate_data(data.draw, target)
    check_files({k: serialize(v) for k, v in files.items()}, TODAY)


@settings(SETTINGS, max_examples=examples(60))
@given(meeting=yaml_values, organ=yaml_values, front=yaml_values)
def test_check_never_raises_on_files_of_any_shape(meeting: Any, organ: Any, front: Any) -> None:
    """Whole files that are any YAML value: a list, a number, a map of maps, nothing."""
    files = {
        "protokoll/tn/organ.yaml": serialize(organ),
        "protokoll/tn/2024-03-13/sammanträde.yaml": serialize(meeting),
        "protokoll/tn/2024-03-13/01-a.md": b"---\n" + serialize(front) + b"---\nText\n",
    }
    check_files(files, TODAY)


@settings(SETTINGS, max_examples=examples(60))
@given(files=mutated_project(), today=any_today, data=st.data())
def test_check_of_one_folder_never_raises(
    files: dict[str, bytes], today: dt.date, data: st.DataObject
) -> None:
    folders = sorted({p.rsplit("/", 1)[0] for p in files if p.count("/") >= 2})
    target = data.draw(st.sampled_from(folders)) if folders else None
    check_files(files, today, target)


@settings(SETTINGS, max_examples=examples(40),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(files=mutated_project(), data=st.data())
def test_cli_exits_0_or_1_without_traceback(
    files: dict[str, bytes], data: st.DataObject, capsys: pytest.CaptureFixture[str]
) -> None:
    options = data.draw(st.sampled_from([[], ["--format", "json"], ["--strict"],
                                         ["--datum", "2024-03-20"]]))
    with project_dir() as root:
        write_files(root, files)
        (root / "protokoll").mkdir(exist_ok=True)
        folders = sorted(p for p in (root / "protokoll").glob("*/*") if p.is_dir())
        folders += sorted({p.parent for p in folders})  # the boards too
        args = ["check", *options]
        limited: bool = data.draw(st.booleans())
        if folders and limited:
            args.append(data.draw(st.sampled_from(folders)).relative_to(root).as_posix())
        capsys.readouterr()
        with chdir(root):
            code = run_main(args)
        out, err = capsys.readouterr()
    assert code in (0, 1), (code, out, err)
    assert "Traceback" not in err and "Traceback" not in out
    assert "internt-fel" not in out, out
    if "--format" in options:
        json.loads(out)
    else:
        assert out.strip(), "the summary line is always printed"


def _read_alone(text: str) -> tuple[Any, list[Finding]]:
    """Read with a YAML instance of its own, as the loader did before it reused one."""
    from protogen.findings import Findings
    from protogen.loader import yamlread

    findings = Findings()
    saved = yamlread._PARSER.yaml
    yamlread._PARSER.yaml = None
    try:
        data = yamlread.read_yaml(text, "f.yaml", findings)
    finally:
        yamlread._PARSER.yaml = saved
    return data, findings.items


def _where(lc: Any, key: Any) -> Any:
    try:
        return lc.key(key)
    except (KeyError, AttributeError, TypeError):  # a merged (<<) key has no position
        return None


def _positions(data: Any) -> Any:
    """The data with the line and column of every mapping key and sequence item."""
    if isinstance(data, dict):
        lc = getattr(data, "lc", None)
        return {str(k): (_where(lc, k), _positions(v)) for k, v in data.items()}
    if isinstance(data, list):
        lc = getattr(data, "lc", None)
        return [(lc.item(i) if lc is not None else None, _positions(v))
                for i, v in enumerate(data)]
    return repr(data)


@settings(SETTINGS, max_examples=examples(60))
@given(data=st.data())
def test_the_reused_yaml_reader_keeps_no_state_between_files(data: st.DataObject) -> None:
    """The loader reuses one YAML instance (it is faster); reading files one after another,
    broken ones among them, must give exactly what reading each on its own gives."""
    from protogen.findings import Findings
    from protogen.loader.yamlread import read_yaml

    sources = [serialize(v) for v in base_files().values() if isinstance(v, dict)]
    sources += [b"a: &x [1]\nb: *x\n", b"c: *x\n", b"a: &x [1\n", b"d: 2020-02-30\n"]
    texts: list[str] = []
    for _ in range(data.draw(st.integers(2, 8))):
        source = data.draw(st.sampled_from(sources))
        if data.draw(st.booleans()):
            source = mutate_text(data.draw, source)
        texts.append(source.decode("utf-8", "replace"))
    for text in texts:
        findings = Findings()
        shared = read_yaml(text, "f.yaml", findings)
        alone, alone_findings = _read_alone(text)
        assert _positions(shared) == _positions(alone)
        assert findings.items == alone_findings


def test_an_alias_is_not_resolved_from_an_earlier_file() -> None:
    from protogen.findings import Findings
    from protogen.loader.yamlread import read_yaml

    findings = Findings()
    assert read_yaml("a: &x [1]\nb: [2\n", "a.yaml", findings) is None  # fails after &x
    assert read_yaml("c: *x\n", "c.yaml", findings) is None
    assert [f.pos.path for f in findings.items] == ["a.yaml", "c.yaml"]




def run_main(args: list[str]) -> int:
    try:
        return main(args)
    except SystemExit as exit_:  # argparse's way out
        return int(exit_.code or 0)


# ---------------------------------------------------------------------------------------------
# Regression tests: inputs that hypothesis (or review) found, kept as plain tests.
# ---------------------------------------------------------------------------------------------


def _project_with(path: str, data: bytes) -> dict[str, bytes]:
    files = {k: serialize(v) for k, v in base_files().items()}
    files[path] = data
    return files


MEETING = "protokoll/tn/2024-03-13/sammanträde.yaml"
ITEM = "protokoll/tn/2024-03-13/02-arende-2.md"
ORGAN = "protokoll/tn/organ.yaml"


@pytest.mark.parametrize(
    ("path", "data"),
    [
        (MEETING, b""),
        (MEETING, b"- a\n- b\n"),
        (MEETING, b"%YAML 1.1\n---\ndatum: 2024-03-13\n"),
        (MEETING, b"datum: 2020-02-30\n"),
        (MEETING, b"datum: 2024-03-13\ndatum: 2024-03-14\n"),
        (MEETING, b"datum: 2024-03-13\n\tplats: x\n"),
        (MEETING, b"datum: \xe5\xe4\xf6\n"),
        (MEETING, b"f\xc3\xb6rsta_paragraf: 1" + b"0" * 400 + b"\n"),
        (MEETING, b"x: &a [1]\ny: *nope\n"),
        (ITEM, b"---\n[1, 2]\n---\nText\n"),
        (ITEM, b"---\nrubrik: X\nomr\xc3\xb6stning: [a]\n---\n"),
        (ORGAN, b"namn: X\nledam\xc3\xb6ter: 5\n"),
        (ORGAN, b"42\n"),
    ],
)
def test_known_broken_files_give_findings(path: str, data: bytes) -> None:
    with project_dir() as root:
        write_files(root, _project_with(path, data))
        result = check_project(root, today=TODAY)
        assert_sound(result)
        assert result.errors > 0


@pytest.mark.parametrize(
    "data",
    [
        b"---\nrubrik: X\n",  # no closing ---: the whole file is front matter
        b"\xef\xbb\xbf---\r\nrubrik: X\r\n---\r\n",  # BOM and CRLF, as Windows editors write
        b"---\n# bara en kommentar\n---\nText\n",
        b"---\nnull\n---\n",
        b"---\n---\n",
    ],
)
def test_odd_but_readable_item_files(data: bytes) -> None:
    with project_dir() as root:
        write_files(root, _project_with(ITEM, data))
        assert_sound(check_project(root, today=TODAY))


@pytest.mark.parametrize("text", ["", "null\n", "# bara en kommentar\n", "~\n"])
def test_an_empty_meeting_or_board_file_is_a_fel(text: str) -> None:
    """Found by hypothesis: an empty sammanträde.yaml or organ.yaml gave no finding at all,
    so the meeting was silently skipped by every rule."""
    for path, message in ((MEETING, "sammanträde.yaml är tom"), (ORGAN, "organ.yaml är tom")):
        with project_dir() as root:
            write_files(root, _project_with(path, text.encode()))
            result = check_project(root, today=TODAY)
            assert_sound(result)
            assert [f.message for f in result.findings if f.pos.path == path] == [message]


def test_an_item_front_matter_of_only_comments_is_read_as_empty() -> None:
    """Found by hypothesis: front matter that parsed to nothing (`null`, only comments) made
    the loader return the item unread, with no finding."""
    from protogen.findings import Findings
    from protogen.loader.item import load_item

    with project_dir() as root:
        path = root / "01-a.md"
        path.write_text("---\n# kommentar\n---\nBrödtext\n", encoding="utf-8")
        findings = Findings()
        item = load_item(path, "01-a.md", 1, "a", 0, findings)
        assert item.body == "Brödtext\n"
        assert item.pos.line == 1 and item.positions == {}


@pytest.mark.parametrize("day", ["9999-12-31", "9999-12-20", "0001-01-01"])
@pytest.mark.parametrize("count", [1, 3, 0])
def test_dates_at_the_ends_of_the_calendar_do_not_crash_the_deadline_rules(
    day: str, count: int
) -> None:
    """Found by hypothesis: meeting, justering and anslag dates of 9999-12-31 (a typo) made
    anslag-nedtagning, anslag-senast and justering-frist raise OverflowError (date + 14 days)."""
    for path in (MEETING, "protokoll/gns/2020-02-14/sammanträde.yaml"):
        files = {k: serialize(v) for k, v in base_files().items()} | example_files()
        files[path] = re.sub(rb"\d{4}-\d{2}-\d{2}", day.encode(), files[path], count=count)
        for today in (TODAY, dt.date(1, 1, 1), dt.date(9999, 12, 31)):
            check_files(files, today)


def test_a_control_character_is_reported_on_one_line_at_its_place() -> None:
    """Found by hypothesis: a NUL byte in a front matter gave ruamel's two-line English
    message, which broke the one-finding-one-line output."""
    with project_dir() as root:
        write_files(root, _project_with(ITEM, b"---\nrubrik: X\nbeslut: a\x00b\n---\n"))
        result = check_project(root, today=TODAY)
        assert_sound(result)
        assert [f.format() for f in result.findings if f.rule == "yaml-syntax"] == [
            f"{ITEM}:3:10: fel: YAML-filen kan inte läsas: otillåtet tecken U+0000 [yaml-syntax]"
        ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b"namn\xc2\xa0: X\n", "okänd nyckel namn\\xa0 i organ.yaml (menar du namn?)"),
        (b"\xe2\x80\x8bnamn: X\n", "okänd nyckel \\u200bnamn i organ.yaml (menar du namn?)"),
        (b'"na\\nmn": X\n', "okänd nyckel na\\nmn i organ.yaml (menar du namn?)"),
        (b"namn: X\nparagrafnumrering: \"a\\u2028b\"\n",
         "paragrafnumrering ska vara per_år eller löpande, inte a\\u2028b"),
    ],
)
def test_invisible_characters_in_a_key_or_value_are_shown(text: bytes, expected: str) -> None:
    """Found by hypothesis: a key holding a line break (here NEL, \\x85) split the finding
    over two output lines. Keys and values are now quoted with their invisible characters
    escaped, which also tells a secretary why `namn` pasted from Word is an unknown key."""
    with project_dir() as root:
        write_files(root, _project_with(ORGAN, text))
        messages = [f.message for f in check_project(root, today=TODAY).findings
                    if f.pos.path == ORGAN]
        assert expected in messages
        assert_one_line(loader_findings(root))


def test_a_name_with_a_line_break_stays_on_one_line() -> None:
    files = {k: serialize(v) for k, v in base_files().items()}
    files[MEETING] = files[MEETING].replace(b"- Anna Andersson", b'- "Anna\\nAndersen"', 1)
    with project_dir() as root:
        write_files(root, files)
        assert_one_line(check_project(root, today=TODAY).findings)


def test_a_shuffled_project_is_still_checked() -> None:
    """A cheap non-hypothesis smoke test, so a broken strategy cannot hide everything."""
    rng = random.Random(1)
    files = {k: serialize(v) for k, v in base_files().items()}
    for rel in sorted(files):
        if rel.endswith((".yaml", ".md")):
            data = bytearray(files[rel])
            for _ in range(3):
                data[rng.randrange(len(data))] = rng.randrange(256)
            files[rel] = bytes(data)
    check_files(files, TODAY)


def test_examples_copy_is_independent_of_cwd(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "protokoll")
    assert_sound(check_project(tmp_path, today=TODAY))
