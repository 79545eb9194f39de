"""What `protogen build` and `protogen check` cost at a municipality's scale.

    python bench/scale.py [--meetings 5 15] [--items 13] [--big 60] [-j N] [--keep DIR]
                          [--skip-publish] [--check-only]

Generates, for each N in `--meetings`, a project of N realistic justerade meetings (five
boards, about 13 §§ each, with yrkanden, votes, reservations, jäv, a serving ersättare now
and then, a Markdown table now and then; bench/check.py writes the rest) and runs the real
command line on it, each step as a subprocess, printing for each:

- build, full (from clean), no-op (nothing changed), one item changed (a typo in one §);
- publish right after the build, and again;
- check cold (first run, no cache), with the parse cache warm (a file check does not parse
  changed), warm (again, nothing changed: the stored run is replayed), and of one meeting
  with no cache at all;
- the bare ruamel.yaml round-trip parse of the same files (the floor any checker that keeps
  line numbers pays);
- wall time, CPU time of the command and its children, CPU/wall (how many cores it used),
  and peak RSS of the largest process;
- check of one meeting: the first meeting of a board, and the board's last one (whose §
  numbers follow from every earlier meeting), with no cache;
- with `--big 60` (the default): the peak memory of building one meeting of 60 §§ alone.

Do not edit protogen while it runs: the build's caches key on protogen's own files, so an
edit makes the no-op build a full one. It ends with a table to quote. The issue's figures are
for N = 30 and 120 (`--meetings 30 120`); that takes many minutes per N on a 2-core machine,
so the default is 5 and 15 (about ten minutes); `--check-only` measures only check, cheap at
any size. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check import BOARDS, generate, parse_floor  # noqa: E402  (bench/check.py)

TABLE = ("| Post | Budget | Utfall |\n|---|---:|---:|\n| Personal | 12 400 | 12 100 |\n"
         "| Lokaler | 3 200 | 3 350 |\n| Övrigt | 800 | 640 |\n")


def enrich(root: Path, seed: int = 2) -> None:
    """Add jäv and tables to the generated meetings (bench/check.py writes neither)."""
    rng = random.Random(seed)
    for item in sorted((root / "protokoll").glob("*/*/*.md")):
        text = item.read_text(encoding="utf-8")
        head, sep, body = text.partition("---\n\n")
        if rng.random() < 0.15 and "omröstning" not in head:
            # The listed person is an ordinary ledamot (the third decides in every meeting).
            name = _third_member(item.parent)
            if name and name not in head.split("beslutsunderlag")[0]:
                head = head.replace("\nbeslut:", f"\njäv: [{name}]\nbeslut:", 1)
        if rng.random() < 0.2:
            body = body + "\n### Ekonomi\n\n" + TABLE
        item.write_text(head + sep + body, encoding="utf-8")


def _third_member(meeting: Path) -> str | None:
    text = (meeting / "sammanträde.yaml").read_text(encoding="utf-8")
    lines = text.split("ledamöter:\n", 1)[1].splitlines() if "ledamöter:\n" in text else []
    names = [line.strip()[2:] for line in lines if line.strip().startswith("- ")]
    # The justerare is members[2]; take another ledamot present.
    return names[4] if len(names) > 4 else None


def run(root: Path, *args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run `python -m protogen ARGS` in `root`; wall, CPU and peak RSS of that process tree
    (os.wait4 gives the rusage of that one child, its own reaped workers included)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "protogen", *args], cwd=root,
                                 stdout=out, stderr=err, env={**_ENV, **(env or {})})
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if child.returncode not in (0, 1):
        raise SystemExit(f"protogen {' '.join(args)} failed ({child.returncode}):\n"
                         f"{stdout[-2000:]}\n{stderr[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024,
            "exit": child.returncode,
            "out": stdout.strip().splitlines()[-1] if stdout.strip() else ""}


_RUAMEL_CPU: list[float] = []
# As after `pip install`: with compiled bytecode (kept outside the source tree), so that
# start-up is not the compiling of protogen's modules (PYTHONDONTWRITEBYTECODE=1 would make it).
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
_ENV["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "protogen-bench-pycache")


def _child(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one command."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_ENV)
    _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def show(label: str, figures: dict[str, Any], full: float | None = None) -> None:
    share = f"  {figures['cpu'] / full:6.1%} of full (cpu)" if full else ""
    print(f"  {label:28} wall {figures['wall']:7.2f} s  cpu {figures['cpu']:7.2f} s  "
          f"cpu/wall {figures['cpu'] / max(figures['wall'], 1e-9):4.2f}  "
          f"peak rss {figures['rss']:6.0f} MB{share}", flush=True)


def change_one_item(root: Path) -> None:
    item = sorted((root / "protokoll").glob("*/*/*.md"))[len(BOARDS)]
    text = item.read_text(encoding="utf-8")
    item.write_text(text.replace("Förvaltningen har utrett", "Förvaltningen har noga utrett", 1),
                    encoding="utf-8")


def _floor(root: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds of the bare ruamel.yaml parse of the files check reads (best of
    three, in this process: no interpreter start, no imports)."""
    best: tuple[float, float, int] | None = None
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        parsed = parse_floor(root)
        figures = (time.perf_counter() - wall, time.process_time() - cpu, parsed)
        best = figures if best is None or figures[1] < best[1] else best
    assert best is not None
    return best


def bench(root: Path, meetings: int, items: int, jobs: list[str], publish: bool,
          check_only: bool) -> dict[str, Any]:
    """Measure one size; return the figures for the summary table."""
    start = time.perf_counter()
    generate(root, meetings, items)
    enrich(root)
    (root / "webbplats.yaml").write_text("namn: Exempelby kommun\n", encoding="utf-8")
    print(f"\n{meetings} meetings x {items} §§ under {root} "
          f"(generated in {time.perf_counter() - start:.1f} s)", flush=True)
    # A cache folder of its own, so that "check cold" is cold.
    env = {"SOURCE_DATE_EPOCH": "1700000000", "PROTOGEN_CACHE": str(root.parent / "cache")}
    # Compiled bytecode for protogen and its libraries first (as after `pip install`).
    run(root, "check", "--datum", "2030-01-01", env={**env, "PROTOGEN_CACHE": "av"})
    floor, floor_cpu, parsed = _floor(root)
    print(f"  {'parse floor (ruamel rt)':28} wall {floor:7.2f} s  cpu {floor_cpu:7.2f} s  "
          f"({parsed} documents, in-process, best of 3)", flush=True)
    got: dict[str, Any] = {"meetings": meetings, "floor": floor_cpu}
    got["check cold"] = cold = run(root, "check", "--datum", "2030-01-01", env=env)
    show("check cold", cold)
    # Warm: once with the parse cache only (a check after an edit to an unrelated file: every
    # file but one comes from the parse cache), then the whole run replayed.
    (root / "protokoll" / "anteckning.txt").write_text("x\n", encoding="utf-8")
    got["check parse-cached"] = parsed_warm = run(root, "check", "--datum", "2030-01-01", env=env)
    show("check, parse cache warm", parsed_warm)
    got["check warm"] = warm = min((run(root, "check", "--datum", "2030-01-01", env=env)
                                    for _ in range(3)), key=lambda f: f["cpu"])
    show("check warm (best of 3)", warm)
    print(f"  {'':28} in CPU time: cold {cold['cpu'] / floor_cpu:.2f} x floor, parse cache "
          f"warm {parsed_warm['cpu'] / floor_cpu:.2f} x, warm {warm['cpu'] / floor_cpu:.2f} x "
          "(all with interpreter start-up)")
    one = sorted((root / "protokoll").glob("*/*/sammanträde.yaml"))[0].parent
    single_env = {**env, "PROTOGEN_CACHE": "av"}  # cold: no cache of any kind
    got["check one meeting"] = single = min(
        (run(root, "check", str(one.relative_to(root)), "--datum", "2030-01-01", env=single_env)
         for _ in range(3)), key=lambda f: f["cpu"])
    show("check one meeting (no cache)", single)
    # The board's latest meeting: its § numbers follow from all the earlier ones.
    board = sorted(one.parent.glob("*/sammanträde.yaml"))
    last = board[-1].parent
    got["check last meeting"] = latest = min(
        (run(root, "check", str(last.relative_to(root)), "--datum", "2030-01-01", env=single_env)
         for _ in range(3)), key=lambda f: f["cpu"])
    show(f"check board's last ({len(board)})", latest)
    # A secretary's edit: one item of the meeting changed (the rest from the parse cache).
    edits = []
    for number in range(3):
        item = sorted(one.glob("*.md"))[0]
        item.write_text(item.read_text(encoding="utf-8") + f"\nRättelse {number}.\n",
                        encoding="utf-8")
        edits.append(run(root, "check", str(one.relative_to(root)), "--datum", "2030-01-01",
                         env=env))
    got["check one meeting edited"] = edited = min(edits, key=lambda f: f["cpu"])
    show("check one meeting, one edit", edited)
    got["check one meeting warm"] = single_warm = min(
        (run(root, "check", str(one.relative_to(root)), "--datum", "2030-01-01", env=env)
         for _ in range(3)), key=lambda f: f["cpu"])
    show("check one meeting (warm)", single_warm)
    if _RUAMEL_CPU:
        print(f"  {'':28} check of one meeting: {single['cpu'] / _RUAMEL_CPU[0]:.1f} x the CPU "
              "of importing ruamel.yaml (both with interpreter start-up)")
    if check_only:
        return got
    got["build full"] = full = run(root, "build", *jobs, env=env)
    show("build full", full)
    print(f"    {full['out']}")
    got["build no-op"] = noop = run(root, "build", *jobs, env=env)
    show("build no-op", noop, full["cpu"])
    change_one_item(root)
    got["build one item changed"] = changed = run(root, "build", *jobs, env=env)
    show("build one item changed", changed, full["cpu"])
    if publish:
        got["publish after build"] = site = run(root, "publish", "--datum", "2030-01-01",
                                                env=env)
        show("publish after build", site, full["cpu"])
        print(f"    {site['out']}")
        got["publish again"] = again = run(root, "publish", "--datum", "2030-01-01", env=env)
        show("publish again (no change)", again, full["cpu"])
    return got


def big_meeting(parent: Path, items: int) -> dict[str, Any]:
    """Peak memory of building one meeting of `items` §§ (one process: -j 1)."""
    root = parent / f"one-{items}"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    generate(root, 1, items)
    enrich(root)
    env = {"SOURCE_DATE_EPOCH": "1700000000", "PROTOGEN_CACHE": "av"}
    figures = run(root, "build", "-j", "1", env=env)
    pages = 0
    from pypdf import PdfReader

    for pdf in sorted((root / "build").rglob("*.pdf")):
        if ".cache" not in pdf.parts:
            pages += len(PdfReader(pdf).pages)
    figures["pages"] = pages
    show(f"build one {items}-§ meeting", figures)
    print(f"    {figures['out']}  ({pages} pages in all its PDFs)")
    return figures


def table(sizes: list[dict[str, Any]], big: dict[str, Any] | None) -> None:
    """The figures to quote: CPU seconds (what a loaded machine does not distort) with the
    aims' ratios, wall and cores used, peak RSS."""
    print("\n## Summary (CPU seconds incl. interpreter start; wall and cores depend on load: "
          f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)\n")
    head = "| step | " + " | ".join(f"N={g['meetings']}" for g in sizes) + " | aim |"
    print(head)
    print("|---" * (len(sizes) + 2) + "|")
    rows: list[tuple[str, Any, str]] = [
        ("parse floor, ruamel rt (cpu s)", lambda g: f"{g['floor']:.2f}", ""),
        ("check cold (cpu s, x floor)", lambda g: _ratio(g, "check cold", g["floor"]),
         "≤ 1.5 x"),
        ("check, parse cache warm (cpu s, x floor)",
         lambda g: _ratio(g, "check parse-cached", g["floor"]), ""),
        ("check warm (cpu s, x floor)", lambda g: _ratio(g, "check warm", g["floor"]),
         "≤ 0.2 x"),
        ("check one meeting (cpu s, x ruamel import)",
         lambda g: _ratio(g, "check one meeting", _RUAMEL_CPU[0] if _RUAMEL_CPU else 0),
         "≤ 3 x"),
        ("check the board's last meeting (cpu s, x ruamel import)",
         lambda g: _ratio(g, "check last meeting", _RUAMEL_CPU[0] if _RUAMEL_CPU else 0),
         "≤ 3 x"),
        ("check one meeting after an edit (cpu s, x ruamel import)",
         lambda g: _ratio(g, "check one meeting edited", _RUAMEL_CPU[0] if _RUAMEL_CPU else 0),
         "≤ 3 x"),
        ("check one meeting, warm (cpu s, x ruamel import)",
         lambda g: _ratio(g, "check one meeting warm", _RUAMEL_CPU[0] if _RUAMEL_CPU else 0),
         ""),
        ("build full (cpu s; wall s; cores)", lambda g: _cores(g, "build full"), "≥ 1.6 cores"),
        ("build no-op (cpu s, share of full)", lambda g: _share(g, "build no-op"), "≤ 5 %"),
        ("build one item changed (cpu s, share)", lambda g: _share(g, "build one item changed"),
         "≤ 15 %"),
        ("publish after build (cpu s; per meeting)", lambda g: _per(g, "publish after build"),
         "flat per meeting"),
        ("publish again (cpu s; per meeting)", lambda g: _per(g, "publish again"), ""),
        ("peak rss of build full (MB)", lambda g: _rss(g, "build full"), ""),
    ]
    for label, cell, aim in rows:
        print(f"| {label} | " + " | ".join(cell(g) for g in sizes) + f" | {aim} |")
    if big is not None:
        print(f"\nOne meeting of {big['items']} §§ ({big['pages']} pages): peak RSS "
              f"{big['rss']:.0f} MB (aim < 500 MB), cpu {big['cpu']:.1f} s, wall "
              f"{big['wall']:.1f} s, -j 1")
    print(f"\npython -c 'import ruamel.yaml': cpu {_RUAMEL_CPU[0] if _RUAMEL_CPU else 0:.3f} s")


def _ratio(got: dict[str, Any], step: str, base: float) -> str:
    if step not in got:
        return "–"
    return f"{got[step]['cpu']:.2f} ({got[step]['cpu'] / base:.2f} x)" if base else "–"


def _cores(got: dict[str, Any], step: str) -> str:
    if step not in got:
        return "–"
    f = got[step]
    return f"{f['cpu']:.1f}; {f['wall']:.1f}; {f['cpu'] / max(f['wall'], 1e-9):.2f}"


def _share(got: dict[str, Any], step: str) -> str:
    if step not in got or "build full" not in got:
        return "–"
    return f"{got[step]['cpu']:.2f} ({got[step]['cpu'] / got['build full']['cpu']:.1%})"


def _per(got: dict[str, Any], step: str) -> str:
    if step not in got:
        return "–"
    return f"{got[step]['cpu']:.1f}; {got[step]['cpu'] / got['meetings']:.2f}"


def _rss(got: dict[str, Any], step: str) -> str:
    return f"{got[step]['rss']:.0f}" if step in got else "–"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, nargs="+", default=[5, 15],
                        help="sizes to measure (the issue's: 30 120)")
    parser.add_argument("--items", type=int, default=13)
    parser.add_argument("--big", type=int, default=60, metavar="ITEMS",
                        help="also build one meeting of this many §§ for its peak memory "
                             "(0: not)")
    parser.add_argument("-j", dest="jobs", help="passed to protogen build as -j")
    parser.add_argument("--keep", type=Path, help="write the projects under this folder")
    parser.add_argument("--skip-publish", action="store_true")
    parser.add_argument("--check-only", action="store_true",
                        help="only the check figures (cheap even for --meetings 120 240)")
    args = parser.parse_args(argv)
    jobs = ["-j", args.jobs] if args.jobs else []
    ruamel = min((_child([sys.executable, "-c", "import ruamel.yaml"]) for _ in range(5)),
                 key=lambda t: t[1])
    print(f"python -c 'import ruamel.yaml': wall {ruamel[0]:.2f} s, cpu {ruamel[1]:.3f} s (the "
          f"aim for checking one meeting: within 3x); cores: {os.cpu_count()}; "
          f"load: {os.getloadavg()[0]:.1f}")
    _RUAMEL_CPU.append(ruamel[1])
    sizes: list[dict[str, Any]] = []
    big: dict[str, Any] | None = None
    parent = args.keep or Path(tempfile.mkdtemp(prefix="protogen-scale-"))
    try:
        for count in args.meetings:
            root = parent / f"n{count}"
            if root.exists():
                shutil.rmtree(root)
            root.mkdir(parents=True)
            sizes.append(bench(root, count, args.items, jobs, not args.skip_publish,
                               args.check_only))
        if args.big and not args.check_only:
            big = big_meeting(parent, args.big)
            big["items"] = args.big
    finally:
        if args.keep is None:
            shutil.rmtree(parent, ignore_errors=True)
    table(sizes, big)
    return 0


if __name__ == "__main__":
    sys.exit(main())
