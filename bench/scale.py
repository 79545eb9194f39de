"""What `protogen build` and `protogen check` cost at a municipality's scale.

    python bench/scale.py [--meetings 4 12] [--items 13] [-j N] [--keep DIR] [--skip-publish]

Generates, for each N in `--meetings`, a project of N realistic justerade meetings (five
boards, about 13 §§ each, with yrkanden, votes, reservations, jäv, a serving ersättare now
and then, a Markdown table now and then; bench/check.py writes the rest) and runs the real
command line on it, each step as a subprocess, printing for each:

- build, full (from clean), no-op (nothing changed), one item changed (a typo in one §);
- publish right after the build;
- check cold (first run, no cache) and warm (again, nothing changed);
- the bare ruamel.yaml round-trip parse of the same files (the floor any checker that keeps
  line numbers pays);
- wall time, CPU time of the command and its children, CPU/wall (how many cores it used),
  and peak RSS of the largest process.

The issue's figures are for N = 30 and 120 (`--meetings 30 120`); that takes many minutes per
N on a loaded 2-core machine, so the default is small. Timings are printed, never asserted.
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
    share = f"  {figures['wall'] / full:6.1%} of full" if full else ""
    print(f"  {label:28} wall {figures['wall']:7.2f} s  cpu {figures['cpu']:7.2f} s  "
          f"cpu/wall {figures['cpu'] / max(figures['wall'], 1e-9):4.2f}  "
          f"peak rss {figures['rss']:6.0f} MB{share}", flush=True)


def change_one_item(root: Path) -> None:
    item = sorted((root / "protokoll").glob("*/*/*.md"))[len(BOARDS)]
    text = item.read_text(encoding="utf-8")
    item.write_text(text.replace("Förvaltningen har utrett", "Förvaltningen har noga utrett", 1),
                    encoding="utf-8")


def bench(root: Path, meetings: int, items: int, jobs: list[str], publish: bool) -> None:
    start = time.perf_counter()
    generate(root, meetings, items)
    enrich(root)
    (root / "webbplats.yaml").write_text("namn: Exempelby kommun\n", encoding="utf-8")
    print(f"\n{meetings} meetings x {items} §§ under {root} "
          f"(generated in {time.perf_counter() - start:.1f} s)", flush=True)
    # A cache folder of its own, so that "check cold" is cold.
    env = {"SOURCE_DATE_EPOCH": "1700000000", "PROTOGEN_CACHE": str(root.parent / "cache")}
    floor_start, floor_cpu_start = time.perf_counter(), time.process_time()
    parsed = parse_floor(root)
    floor = time.perf_counter() - floor_start
    floor_cpu = time.process_time() - floor_cpu_start
    print(f"  {'parse floor (ruamel rt)':28} wall {floor:7.2f} s  cpu {floor_cpu:7.2f} s  "
          f"({parsed} documents, in-process)", flush=True)
    cold = run(root, "check", "--datum", "2030-01-01", env=env)
    show("check cold", cold)
    warm = run(root, "check", "--datum", "2030-01-01", env=env)
    show("check warm", warm)
    print(f"  {'':28} check cold {cold['wall'] / floor:.2f} x floor, warm "
          f"{warm['wall'] / floor:.2f} x floor in wall time; in CPU time "
          f"{cold['cpu'] / floor_cpu:.2f} x and {warm['cpu'] / floor_cpu:.2f} x "
          "(both include interpreter start-up)")
    one = sorted((root / "protokoll").glob("*/*/sammanträde.yaml"))[0].parent
    single = run(root, "check", str(one.relative_to(root)), "--datum", "2030-01-01", env=env)
    show("check one meeting", single)
    if _RUAMEL_CPU:
        print(f"  {'':28} check of one meeting: {single['cpu'] / _RUAMEL_CPU[0]:.1f} x the CPU "
              "of importing ruamel.yaml (both with interpreter start-up)")
    full = run(root, "build", *jobs, env=env)
    show("build full", full)
    print(f"    {full['out']}")
    noop = run(root, "build", *jobs, env=env)
    show("build no-op", noop, full["wall"])
    change_one_item(root)
    changed = run(root, "build", *jobs, env=env)
    show("build one item changed", changed, full["wall"])
    if publish:
        site = run(root, "publish", "--datum", "2030-01-01", env=env)
        show("publish after build", site, full["wall"])
        print(f"    {site['out']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, nargs="+", default=[4, 12],
                        help="sizes to measure (the issue's: 30 120)")
    parser.add_argument("--items", type=int, default=13)
    parser.add_argument("-j", dest="jobs", help="passed to protogen build as -j")
    parser.add_argument("--keep", type=Path, help="write the projects under this folder")
    parser.add_argument("--skip-publish", action="store_true")
    args = parser.parse_args(argv)
    jobs = ["-j", args.jobs] if args.jobs else []
    ruamel = min((_child([sys.executable, "-c", "import ruamel.yaml"]) for _ in range(3)),
                 key=lambda t: t[1])
    print(f"python -c 'import ruamel.yaml': wall {ruamel[0]:.2f} s, cpu {ruamel[1]:.3f} s (the "
          f"aim for checking one meeting: within 3x); cores: {os.cpu_count()}; "
          f"load: {os.getloadavg()[0]:.1f}")
    _RUAMEL_CPU.append(ruamel[1])
    for count in args.meetings:
        parent = args.keep or Path(tempfile.mkdtemp(prefix="protogen-scale-"))
        root = parent / f"n{count}"
        if root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True)
        try:
            bench(root, count, args.items, jobs, not args.skip_publish)
        finally:
            if args.keep is None:
                shutil.rmtree(parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
