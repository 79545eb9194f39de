"""What justering costs: signing and verifying a protocol of N §§ with three signers.

    python bench/justering.py [--items 30] [--no-cache]

Writes a one-meeting project into a temporary folder, builds it, makes a throwaway CA and
three PKCS#12 files, signs three times (secretary, chair, adjuster) and verifies, printing
each step's wall time and the size of the signed original. `--no-cache` verifies once more
without protogen.pdfread's object-stream index, to show what it saves (pyHanko alone reads an
object stream's header from the start for every object it looks up).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "justering"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=30)
    parser.add_argument("--no-cache", action="store_true")
    args = parser.parse_args()

    import logging

    import pki
    from helpers import NINE, meeting_data, project

    from protogen import justering as j
    from protogen.build import build_all
    from protogen.checker import check_project

    for name in ("pyhanko", "pyhanko_certvalidator"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "projekt"
        body = "Ärendet gäller en sak som beskrivs i några stycken.\n\n" * 6
        items = [{"rubrik": f"Ärende {n}", "beslut": "Förslaget godkänns.\n"} for n in range(args.items)]
        from helpers import item_text

        folder = project(root, meeting_data(sekreterare="Sara Sekreterare"),
                         items=[item_text(i, body) for i in items])
        start = time.perf_counter()
        build_all(root, folder)
        print(f"build: {time.perf_counter() - start:.2f} s")
        keys = Path(tmp) / "nycklar"
        keys.mkdir()
        ca = pki.make_ca()
        people = [("Sara", "Sekreterare"), tuple(NINE[0].split()), tuple(NINE[1].split())]
        files = [pki.make_person(ca, given, surname, keys) for given, surname in people]
        password = pki.password_file(keys)
        meeting = next(m for m in check_project(root, folder).project.meetings())
        for p12 in files:
            start = time.perf_counter()
            j.sign_meeting(root, meeting, j.load_credentials(p12, password), today=dt.date(2024, 3, 20))
            print(f"sign {p12.stem}: {time.perf_counter() - start:.2f} s")
        record = folder / j.SIGNED_PROTOCOL
        print(f"signed original: {record.stat().st_size / 1024:.0f} KiB")
        start = time.perf_counter()
        result = j.verify_meeting(meeting, [ca.pem])
        print(f"verify (3 signatures, with trust): {time.perf_counter() - start:.2f} s, ok={result.ok}")
        if args.no_cache:
            from pyhanko.pdf_utils.reader import PdfFileReader

            import protogen.pdfread as pdfread

            cached = PdfFileReader._get_object_from_stream
            PdfFileReader._get_object_from_stream = pdfread._original  # type: ignore[attr-defined]
            try:
                start = time.perf_counter()
                j.verify_meeting(meeting, [ca.pem])
                print(f"verify without the object-stream index: {time.perf_counter() - start:.2f} s")
            finally:
                PdfFileReader._get_object_from_stream = cached


if __name__ == "__main__":
    main()
