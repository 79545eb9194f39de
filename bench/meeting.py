"""CPU seconds of one GNS-sized justerat meeting, by document kind.

    python bench/meeting.py [MEETING] [--rounds N] [--no-command]

MEETING is a meeting folder under a project's protokoll/ (default: the GNS example,
protokoll/gns/2020-02-14: protocol, kallelse, anslag and 9 utdrag). The project's protokoll/
and mallar/ are copied to a temporary folder, so the bench never writes into the repository.

Prints, best of N rounds (default 3), CPU seconds (this process's user + system time, which the
other work on a shared machine does not inflate the way it does wall time):

- in-process, after one warm-up round (imports, fonts, per-process caches: what each meeting
  of a many-meeting build pays): every document the meeting gets, rendered without the PDF
  cache, split by kind (protokoll, kallelse, anslag, utdrag) — each kind's HTML and PDF —, and
  the per-utdrag mean;
- the command: `protogen build --alltid MEETING` in a fresh process (start-up, check, render,
  write), CPU of that process from os.wait4, with compiled bytecode (one run first compiles it).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from protogen.checker import check_project
from protogen.model import Meeting
from protogen.render import documents
from protogen.render.base import RenderContext

sys.path.insert(0, str(Path(__file__).resolve().parent))
from render import DEFAULT, copy_project  # noqa: E402 - bench/render.py, beside this file


def kind_of(path: str) -> str:
    if path.startswith("utdrag/"):
        return "utdrag"
    return path.split(".")[0]  # protokoll (html + pdf), kallelse, anslag


def timed_kinds(meeting: Meeting, root: Path) -> tuple[dict[str, float], int]:
    """CPU seconds per document kind for one render of every document of `meeting`: each
    document of render.documents.DOCUMENTS that the meeting has, timed on its own."""
    times: dict[str, float] = {}
    utdrag = 0
    ctx = RenderContext(root=root)
    for document in documents.wanted(meeting):
        start = time.process_time()
        result = document.render(meeting, ctx)
        spent = time.process_time() - start
        for output in result[:1]:
            times[kind_of(output.path)] = times.get(kind_of(output.path), 0.0) + spent
        utdrag += sum(1 for o in result if o.path.startswith("utdrag/"))
    return times, utdrag


def command_cpu(root: Path, meeting_dir: Path) -> float:
    """CPU seconds (user + system) of `protogen build --alltid MEETING` in a fresh process."""
    # Compiled bytecode, as an installed protogen has (this machine may set
    # PYTHONDONTWRITEBYTECODE=1, which would make every start compile protogen again).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PROTOGEN_CACHE="av",
               PYTHONPYCACHEPREFIX=str(Path(tempfile.gettempdir()) / "protogen-bench-pycache"))
    process = subprocess.Popen(
        [sys.executable, "-m", "protogen", "build", "--alltid", str(meeting_dir)],
        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    error = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"bygget misslyckades:\n{error.decode(errors='replace')}")
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("meeting", nargs="?", type=Path, default=DEFAULT,
                        help="a meeting folder (default: the GNS example)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-command", action="store_true",
                        help="skip `protogen build --alltid` in a fresh process")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="protogen-bench-") as folder:
        root = Path(folder)
        meeting_dir = copy_project(args.meeting, root)
        meeting = next(m for m in check_project(root, meeting_dir).project.meetings()
                       if m.folder.resolve() == meeting_dir.resolve())
        start = time.process_time()
        timed_kinds(meeting, root)  # warm-up: imports, fonts, per-process caches
        first = time.process_time() - start
        rounds = [timed_kinds(meeting, root) for _ in range(args.rounds)]
        kinds = sorted({k for times, _ in rounds for k in times})
        best = {k: min(times.get(k, 0.0) for times, _ in rounds) for k in kinds}
        total = min(sum(times.values()) for times, _ in rounds)
        utdrag = rounds[0][1]
        command = (None if args.no_command  # the first run compiles the bytecode
                   else min(command_cpu(root, meeting_dir) for _ in range(args.rounds + 1)))

    print(f"{meeting_dir.relative_to(root)}: CPU-sekunder, bäst av {args.rounds}")
    for kind in kinds:
        extra = f"   ({utdrag} st, {best[kind] / utdrag:.3f} s styck)" if (
            kind == "utdrag" and utdrag) else ""
        print(f"  {kind:<10} {best[kind]:7.3f} s{extra}")
    print(f"  {'summa':<10} {total:7.3f} s   (första varvet i processen: {first:.3f} s)")
    if command is not None:
        print(f"  protogen build --alltid (ny process): {command:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
