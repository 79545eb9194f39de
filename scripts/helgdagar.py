"""Write src/protogen/law/helgdagar.json: Sweden's holidays of `SHIPPED_YEARS` from the
installed holidays library, with the digest of that release (`library_digest`).

    python scripts/helgdagar.py

protogen uses the table only while the installed release is the one it was made from (the
check then need not import the library); run this after upgrading holidays.
"""

from __future__ import annotations

import json

from protogen.law import dates


def main() -> None:
    digest = dates.library_digest()
    if digest is None:
        raise SystemExit("holidays är inte installerat")
    years = {str(year): dates.table_rows(dates._holidays_from_library(year))
             for year in dates.SHIPPED_YEARS}
    text = json.dumps({"bibliotek": digest, "innehåll": dates.content_digest(years), "år": years},
                      ensure_ascii=False,
                      separators=(",", ":"))
    dates.SHIPPED.write_text(text + "\n", encoding="utf-8")
    print(f"{dates.SHIPPED}: {len(years)} år, {len(text)} tecken")


if __name__ == "__main__":
    main()
