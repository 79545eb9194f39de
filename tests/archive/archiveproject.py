"""The archive tests' project: the three-board project of the site tests (with its secret
item and its meetings in every phase), one meeting justerad with a digitally signed original,
and the packages `protogen archive` makes of it, once per session."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "site"))
from archivetools import sign_pdf  # noqa: E402
from siteproject import NINE  # noqa: E402

SIGNED_MEETING = "protokoll/ks/2024-04-17"
# Every signature the protocol asks for (its fields), each by the person the meeting names.
SIGNERS = [("sekreterare", "Sara Sekreterare"), ("justerare-1", NINE[1]), ("ordforande", NINE[0])]


@dataclass
class Run:
    code: int
    out: str
    dest: Path


def run_archive(root: Path, target: str | None = None, **options: object) -> Run:
    from protogen.archive import Options, archive

    opts = Options(**options)  # type: ignore[arg-type]
    out = io.StringIO()
    code = archive(root, root / target if target else None, opts, out=out)
    return Run(code, out.getvalue(), opts.dest or root / "build" / "arkiv")


def signed_extract(root: Path, meeting_rel: str, number: int) -> bytes:
    """An utdrag as `build` renders it, certified (signed) by the sekreterare."""
    from protogen.checker import check_project
    from protogen.render import utdrag
    from protogen.render.base import RenderContext

    result = check_project(root)
    meeting = next(m for m in result.project.meetings() if result.rel(m.folder) == meeting_rel)
    pdf = next(o.data for o in utdrag.render(meeting, RenderContext(root=root))
               if o.path == f"utdrag/{number}.pdf")
    return sign_pdf(pdf, ["utdragsbestyrkande"], ["Sara Sekreterare"])


def signed_protocol(root: Path, meeting_rel: str) -> bytes:
    """The meeting's protocol as `build` renders it, signed by the justerare and the chair."""
    from protogen.checker import check_project
    from protogen.render import protokoll
    from protogen.render.base import RenderContext

    result = check_project(root)
    meeting = next(m for m in result.project.meetings() if result.rel(m.folder) == meeting_rel)
    pdf = next(o.data for o in protokoll.render(meeting, RenderContext(root=root))
               if o.path == "protokoll.pdf")
    return sign_pdf(pdf, [f for f, _ in SIGNERS], [n for _, n in SIGNERS])


