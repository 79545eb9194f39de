"""Omröstning: only the §'s deciding members vote, each once, and a tie has the chair's vote.

The `ja`, `nej` and `avstår` lists of an `omröstning` hold only deciding members of the §
(ledamöter present and ersättare serving, without jäv; a jäv in the lists is the jav-deltar
rule's finding), and nobody twice, within a list or across them. A vote needs a
`propositionsordning` that says how the chair put the question. On lika röstetal the chair's
utslagsröst decides, so the presiding chair must have voted ja or nej. A `varning` when the
lists do not add up to the deciding members (someone's vote is missing from the protocol).

Passes (5 deciding members)::

    propositionsordning: Ordföranden ställer proposition på förslaget mot avslag …
    omröstning:
      ja: [Anna Andersson, Bertil Berg, Cecilia Carlsson]
      nej: [David Dahl]
      avstår: [Eva Ek]

Fails::

    omröstning:
      ja: [Anna Andersson, Bertil Berg, Jonas Jansson]     # Jonas Jansson did not serve
      nej: [David Dahl, Bertil Berg]
    → § 1: Jonas Jansson finns i ja-listan men är ersättare utan att tjänstgöra i paragrafen;
      bara den som deltar i beslutet får rösta
    → § 1: Bertil Berg finns två gånger i omröstningen (i ja- och nej-listan)
    → § 1: omröstning utan propositionsordning; …
"""

from __future__ import annotations

from collections.abc import Iterator

from protogen.law.participation import participation, presiding_chair
from protogen.law.voting import vote_outcome
from protogen.model import Item, Meeting, Organ, Vote
from protogen.rules._people import has_jav, known, why_not_deciding
from protogen.rules.base import Context, Problem, fel, varning

ID = "omrostning-roster"


def check(meeting: Meeting, ctx: Context) -> Iterator[Problem]:
    if not meeting.held or meeting.organ is None:
        return
    for item in meeting.items:
        if item.vote is not None:
            yield from _check_vote(meeting, meeting.organ, item, item.vote)


def _check_vote(meeting: Meeting, organ: Organ, item: Item, vote: Vote) -> Iterator[Problem]:
    part = participation(meeting, item)
    n = part.number
    where = item.at("omröstning")
    seen: dict[str, str] = {}
    for label, refs in (("ja", vote.yes), ("nej", vote.no), ("avstår", vote.abstain)):
        for ref in refs:
            if ref.name in seen:
                first = seen[ref.name]
                lists = f"{label}-listan" if first == label else f"{first}- och {label}-listan"
                yield fel(ref.pos, f"§ {n}: {ref.name} finns två gånger i omröstningen "
                                   f"(i {lists})")
                continue
            seen[ref.name] = label
            if meeting.attendance is None or not known(organ, ref.name):
                continue  # no attendance to judge by; an unknown name is namn-okant's
            if has_jav(item, ref.name) or ref.name in part.deciding:
                continue  # a vote despite jäv is jav-deltar's finding
            yield fel(
                ref.pos,
                f"§ {n}: {ref.name} finns i {label}-listan men "
                f"{why_not_deciding(meeting, part, ref.name)}; bara den som deltar i beslutet "
                f"får rösta",
            )
    if item.order_of_question is None:
        yield fel(where, f"§ {n}: omröstning utan propositionsordning; beskriv hur ordföranden "
                         f"ställde proposition och vilken proposition som gällde i omröstningen")
    if not seen:
        yield fel(where, f"§ {n}: omröstningen har inga röster; skriv vilka som röstade ja, "
                         f"nej och avstod")
        return
    outcome = vote_outcome(item, meeting)
    if outcome.unresolved:
        chair = presiding_chair(meeting, item)
        who = f"{chair.name} " if chair is not None else ""
        yield fel(where, f"§ {n}: lika röstetal men ordföranden har inte röstat ({outcome.yes} "
                         f"ja mot {outcome.no} nej); ordföranden {who}har utslagsröst och ska "
                         f"finnas i ja- eller nej-listan")
    if meeting.attendance is not None:
        # Votes by people who do not decide are fel above; here: deciding members left out.
        deciding = part.deciding
        missing = [name for name in deciding if name not in seen]
        if missing:
            counted = len(deciding) - len(missing)
            yield varning(where, f"§ {n}: omröstningen har {counted} röster men "
                                 f"{len(deciding)} deltar i beslutet ({', '.join(missing)} "
                                 f"saknas)")
