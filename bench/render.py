"""What `protogen build` of one meeting costs against the floor: WeasyPrint alone.

    python bench/render.py [MEETING] [--rounds N]

MEETING is a meeting folder under a project's protokoll/ (default: the GNS example,
protokoll/gns/2020-02-14 of this repository). The project's protokoll/ and mallar/ are copied
to a temporary folder, so the bench never writes into the repository.

Times, in-process, the best of N rounds (default 5) after one warm-up; each round runs all four
in turn, so that they see the same load:

- build: `protogen build MEETING` as the command runs it (check, every document the meeting
  gets by its status, atomic writes);
- floor: `weasyprint.HTML(string=html, base_url=...).write_pdf()` for each HTML page that the
  build hands to the PDF stage: protogen's own HTML, recorded during the warm-up build;

and the same two for the protocol alone (`protokoll.render` against WeasyPrint on the protocol's
print HTML). Prints both and the ratio. The project's aim: build under 1.10 x the floor.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import weasyprint

from protogen.build import build_all
from protogen.checker import check_project
from protogen.render import pdf as pdf_stage
from protogen.render import protokoll
from protogen.render.base import RenderContext

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO / "protokoll" / "gns" / "2020-02-14"


def copy_project(meeting: Path, into: Path) -> Path:
    """Copy the meeting's project (protokoll/ and mallar/) into `into`; the copied meeting."""
    root = next(p for p in meeting.resolve().parents if (p / "protokoll").is_dir())
    for name in ("protokoll", "mallar"):
        if (root / name).is_dir():
            shutil.copytree(root / name, into / name)
    return into / meeting.resolve().relative_to(root)


def record_pdf_inputs(run: Callable[[], Any]) -> list[tuple[str, Path]]:
    """(html, base_url) of every document that `run` hands to the PDF stage."""
    seen: list[tuple[str, Path]] = []
    original = pdf_stage.html_to_pdf

    def recording(html: str, **kwargs: Any) -> bytes:
        seen.append((html, kwargs["base_url"]))
        return original(html, **kwargs)

    pdf_stage.html_to_pdf = recording  # base.py imports it at call time
    try:
        run()
    finally:
        pdf_stage.html_to_pdf = original
    return seen


def best_of(runs: dict[str, Callable[[], Any]], rounds: int) -> dict[str, float]:
    """The least time of each run over `rounds` rounds; each round runs every run once, in
    turn, so that all of them see the same machine load."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: min(values) for name, values in times.items()}


def weasyprint_alone(pages: list[tuple[str, Path]]) -> Callable[[], None]:
    def run() -> None:
        for html, base_url in pages:
            weasyprint.HTML(string=html, base_url=str(base_url)).write_pdf()
    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("meeting", nargs="?", type=Path, default=DEFAULT,
                        help="a meeting folder (default: the GNS example)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="protogen-bench-") as folder:
        meeting_dir = copy_project(args.meeting, Path(folder))
        root = Path(folder)

        def build() -> None:
            if not build_all(root, meeting_dir).ok:
                raise SystemExit("bygget misslyckades; se utskriften ovan")

        quiet = _Quiet()
        with quiet:
            pages = record_pdf_inputs(build)  # also the warm-up: imports, fonts, caches
        meeting = next(m for m in check_project(root, meeting_dir).project.meetings()
                       if m.folder.resolve() == meeting_dir.resolve())
        protocol_pages = record_pdf_inputs(lambda: protokoll.render(meeting, RenderContext(root)))

        with quiet:
            best = best_of({
                "build": build,
                "floor": weasyprint_alone(pages),
                "protocol": lambda: protokoll.render(meeting, RenderContext(root)),
                "protocol floor": weasyprint_alone(protocol_pages),
            }, args.rounds)
        build_time, floor_time = best["build"], best["floor"]
        protocol_time, protocol_floor = best["protocol"], best["protocol floor"]

    pdfs = len(pages)
    protocol_pages_count = len(weasyprint.HTML(string=protocol_pages[0][0]).render().pages)
    print(f"{meeting_dir.relative_to(root)}: {pdfs} PDF, protokollet {protocol_pages_count} "
          f"sidor; bäst av {args.rounds}")
    print(f"  protogen build          {build_time:7.3f} s")
    print(f"  WeasyPrint ensam        {floor_time:7.3f} s   (samma {pdfs} HTML-sidor)")
    print(f"  kvot                    {build_time / floor_time:7.2f} x   (mål: under 1.10 x)")
    print(f"  protokoll.render        {protocol_time:7.3f} s")
    print(f"  WeasyPrint, protokollet {protocol_floor:7.3f} s")
    print(f"  kvot, protokollet       {protocol_time / protocol_floor:7.2f} x")
    return 0


class _Quiet:
    """Silence the build's report on stdout while timing."""

    def __enter__(self) -> None:
        self._stdout = sys.stdout
        sys.stdout = open("/dev/null", "w", encoding="utf-8")  # noqa: SIM115

    def __exit__(self, *exc: object) -> None:
        sys.stdout.close()
        sys.stdout = self._stdout


if __name__ == "__main__":
    sys.exit(main())
