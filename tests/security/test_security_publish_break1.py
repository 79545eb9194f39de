"""Issue 8, breaks 1 and 2 end to end: the files that once put a secret item on the site in
full are published now with only the § number, a neutral heading and the ground, or the
meeting is refused; no secret word reaches any file under build/site/ (pages, PDFs, data,
the decompressed search index)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "site"))
from helpers import item_text, meeting_data, project  # noqa: E402
from sitefiles import find_everywhere  # noqa: E402
from siteproject import run_publish  # noqa: E402

SECRET = "Hemlighetsordet"
PUBLIC = "Offentlighetsordet"

BREAK_1 = f"""---
rubrik: Ärende om {SECRET}rubrik
beslut: |
  Nämnden beviljar {SECRET}beslutet.
  ---
  Fortsättning av beslutet.
sekretess: OSL 26 kap. 1 §
---

{SECRET} i ärendets text.
"""
BREAK_1_DOTS = BREAK_1.replace("  ---", "  ...")
BREAK_2 = BREAK_1.replace("  ---\n", "").replace("sekretess: OSL 26 kap. 1 §", "sekretess:")
BREAK_2_TILDE = BREAK_2.replace("sekretess:", "sekretess: ~")


@pytest.mark.parametrize("secret_item", [BREAK_1, BREAK_1_DOTS, BREAK_2, BREAK_2_TILDE],
                         ids=["indented-dashes", "indented-dots", "empty", "tilde"])
def test_no_secret_word_on_the_site(tmp_path, secret_item):
    project(tmp_path, meeting=meeting_data("2024-03-13"),
            items=[item_text({"rubrik": f"Ärende om {PUBLIC}"}), secret_item])
    code, out = run_publish(tmp_path, dt.date(2024, 3, 25))
    site = tmp_path / "build" / "site"
    assert "Traceback" not in out
    if site.exists():
        assert find_everywhere(site, SECRET) == []
    if secret_item in (BREAK_1, BREAK_1_DOTS):  # a valid secret item: published, neutrally
        assert code == 0, out
        assert find_everywhere(site, PUBLIC)  # the control: the search can find words
        page = (site / "tn" / "2024-03-13" / "index.html").read_text("utf-8")
        assert "Sekretess enligt OSL 26 kap. 1 §" in page
