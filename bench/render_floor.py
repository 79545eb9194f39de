"""How much the PDF stage costs on top of bare WeasyPrint, for a ~10-page protocol.

    python bench/render_floor.py [--rounds N]

Times, in alternating rounds so that both see the same machine state:

- bare: ``weasyprint.HTML(string=html).write_pdf()`` -- the floor; no PDF/A, no tags, system
  fonts, no fields;
- tagged: the same with ``pdf_variant="pdf/a-2a"`` -- what the PDF/A-2a + tagging alone costs;
- html_to_pdf: protogen's stage -- PDF/A-2a, tags, the package's fonts, three signature
  fields, the confined URL fetcher.

The project's aim: html_to_pdf under 1.10 x bare.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import weasyprint

from protogen.render.pdf import SignatureField, html_to_pdf

FIELDS = (
    SignatureField("sekreterare", "sig-sekreterare"),
    SignatureField("ordforande", "sig-ordforande"),
    SignatureField("justerare-1", "sig-justerare-1"),
)


def sample_html(items: int = 20) -> str:
    """A protocol-like document of about ten A4 pages: a table, §§, signature boxes."""
    rows = "".join(
        f"<tr><td>{i}</td><td>Översyn av förvaltningens åtaganden {i}</td>"
        f"<td>GNS/{i}/2020</td></tr>"
        for i in range(1, 30)
    )
    text = "Nämnden beslutar att godkänna förslaget om ökad samverkan mellan kommunerna. " * 12
    items_html = "".join(
        f"<h2>§ {i} Ärende {i}</h2><p>{text}</p><ul><li>Bräcke kommun</li>"
        f"<li>Strömsunds kommun</li></ul>"
        for i in range(1, items + 1)
    )
    boxes = "".join(f'<div id="{f.anchor_id}" class="signature-box">{f.name}</div>' for f in FIELDS)
    return f"""<!doctype html><html lang="sv"><head><meta charset="utf-8">
<title>Protokoll</title><style>
@page {{ size: A4; margin: 2cm; @bottom-right {{ content: "Sida " counter(page) " av "
counter(pages) }} }}
td, th {{ border: 1px solid #999 }}
.signature-box {{ border-bottom: 1px solid; height: 2cm; width: 8cm; break-inside: avoid }}
</style></head><body><h1>Protokoll</h1>
<table><thead><tr><th>§</th><th>Rubrik</th><th>Dnr</th></tr></thead><tbody>{rows}</tbody>
</table>{boxes}{items_html}</body></html>"""


def timed(run: Callable[[], bytes]) -> float:
    # CPU time of this process: WeasyPrint is single-threaded, and unlike wall time it hardly
    # moves when other jobs share the machine.
    start = time.process_time()
    run()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    html = sample_html()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        runs: dict[str, Callable[[], bytes]] = {
            "bare": lambda: weasyprint.HTML(string=html).write_pdf(),
            "tagged": lambda: weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/a-2a"),
            "html_to_pdf": lambda: html_to_pdf(
                html,
                base_url=root,
                project_root=root,
                title="Protokoll",
                signature_fields=FIELDS,
                source_date_epoch=0,
            ),
        }
        pages = len(weasyprint.HTML(string=html).render().pages)
        for run in runs.values():  # warm up: imports, font caches
            run()
        times: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(args.rounds):
            for name, run in runs.items():
                times[name].append(timed(run))

    # The minimum is the steadiest figure on a shared machine; the median is shown beside it.
    bare_min, bare_median = min(times["bare"]), statistics.median(times["bare"])
    print(f"{pages} pages, {args.rounds} rounds (CPU seconds; ratio to bare):")
    for name, values in times.items():
        least, median = min(values), statistics.median(values)
        print(
            f"  {name:12} min {least:.3f} ({least / bare_min:.2f} x)"
            f"   median {median:.3f} ({median / bare_median:.2f} x)"
        )


if __name__ == "__main__":
    main()
