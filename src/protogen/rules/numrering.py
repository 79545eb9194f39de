"""Paragrafnumrering: a written första_paragraf follows on from the previous meeting.

§ numbers run without gaps or repeats within a board's series: per calendar year
(`paragrafnumrering: per_år`) or continuously (`löpande`). protogen numbers the §§ itself;
`första_paragraf` is for the first meeting of a series kept in the repo, when the earlier
protocols live elsewhere. When the board's previous meeting in the same series is in the repo,
a `första_paragraf` that leaves a gap or repeats numbers is a fel. Two item files with the
same numeric prefix leave the order of the §§ unclear, and are a fel too.

Passes (the previous meeting 2024-02-14 ended with § 9)::

    datum: 2024-03-13
    första_paragraf: 10        # or left out: protogen counts on from § 9

Fails::

    datum: 2024-03-13
    första_paragraf: 12
    → första_paragraf 12 lämnar en lucka: föregående sammanträde 2024-02-14 slutade med § 9,
      så detta ska börja med § 10

    första_paragraf: 8
    → första_paragraf 8 ger dubbla paragrafnummer: föregående sammanträde 2024-02-14 slutade
      med § 9, så detta ska börja med § 10

    03-budget.md and 03-taxor.md in one meeting folder
    → prefixet 03 används också av 03-budget.md: ordningen är oklar
"""

from __future__ import annotations

from collections.abc import Iterator

from protogen.findings import Pos
from protogen.law.numbering import previous_numbered
from protogen.model import Meeting
from protogen.rules.base import Context, Problem, fel

ID = "numrering"


def check_folder(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    """Two item files with one prefix (read or not: the file names are what is checked)."""
    seen: dict[int, str] = {}
    for item in meeting.items:
        if item.prefix in seen:
            yield fel(Pos(item.pos.path),
                      f"prefixet {item.prefix:02d} används också av {seen[item.prefix]}: "
                      "ordningen är oklar")
        seen[item.prefix] = item.file.name


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    given = meeting.first_number_given
    if given is None or meeting.organ is None:
        return
    previous = previous_numbered(meeting.organ, meeting)
    if previous is None or previous.last_number is None:
        return
    expected = previous.last_number + 1
    if given == expected:
        return
    problem = "lämnar en lucka" if given > expected else "ger dubbla paragrafnummer"
    yield fel(
        meeting.at("första_paragraf"),
        f"första_paragraf {given} {problem}: föregående sammanträde {previous.folder_name} "
        f"slutade med § {previous.last_number}, så detta ska börja med § {expected}",
    )

