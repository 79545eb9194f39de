"""The reporters of `check`, `build` and `publish`: each command's result as the Swedish
lines the command line prints (the library itself prints nothing).

- check: the parsable `path:line:col: level: message [rule]` lines and a summary (text), or
  JSON for machines (the CI formats, GitHub and SARIF, are in `reporting_ci`);
- build: the check's findings that concern what was built, each refused meeting with its fel,
  the failures and what was left out, and the "Byggt: …" summary;
- publish: the reasons a site was not published, or the warnings and the "Publicerat: …"
  summary.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TextIO

from protogen.checker import CheckResult
from protogen.findings import Level
from protogen.plural import plural

if TYPE_CHECKING:  # a check imports neither the build's results nor json for text output
    from protogen.results import BuildResult, Problem, PublishResult

__all__ = ["build_summary", "checked", "plural", "publish_summary", "summary_line",
           "write_build", "write_json", "write_publish", "write_text"]


def checked(result: CheckResult) -> str:
    """'1 sammanträde kontrollerat' / '2 sammanträden kontrollerade' (those within the scope)."""
    count = sum(1 for m in result.project.meetings() if result.checks_meeting(m.folder))
    return ("1 sammanträde kontrollerat" if count == 1
            else f"{plural(count, 'sammanträde', 'sammanträden')} kontrollerade")


def summary_line(result: CheckResult) -> str:
    files = len({f.pos.path for f in result.findings})
    if not result.findings:
        return f"Inga fel: {checked(result)}."
    return (
        f"{plural(result.errors, 'fel', 'fel')} och "
        f"{plural(result.warnings, 'varning', 'varningar')} i "
        f"{plural(files, 'fil', 'filer')} ({checked(result)})."
    )


def write_text(result: CheckResult, out: TextIO) -> None:
    """One `path:line:col: level: message [rule]` line a finding, sorted, then a summary."""
    for finding in result.findings:
        out.write(finding.format() + "\n")
    out.write(summary_line(result) + "\n")


def write_json(result: CheckResult, out: TextIO) -> None:
    import json

    payload = {
        "fynd": [
            {
                "fil": f.pos.path,
                "rad": f.pos.line,
                "kolumn": f.pos.col,
                "nivå": f.level.value,
                "meddelande": f.message,
                "regel": f.rule,
            }
            for f in result.findings
        ],
        "summering": {
            "fel": result.errors,
            "varningar": result.warnings,
            "sammanträden": sum(
                1 for m in result.project.meetings() if result.checks_meeting(m.folder)
            ),
        },
    }
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")


# -- build ---------------------------------------------------------------------------------

def write_build(result: BuildResult, out: TextIO) -> None:
    """A board file's findings once, first; each refused meeting with the fel that stop it;
    the warnings of the meetings built; the failures, what was left out, then the summary."""
    check = result.check
    # A board file's findings concern all its meetings: printed once, first, not per meeting.
    board_files = dict.fromkeys(check.rel(m.organ.folder) + "/organ.yaml"
                                for m in result.meetings if m.organ is not None)
    for finding in check.findings:
        if finding.pos.path in board_files:
            out.write(f"{finding.format()}\n")
    refused = {r.subject: r for r in result.refused}
    for meeting in result.meetings:
        rel = check.rel(meeting.folder)
        refusal = refused.get(rel)
        if refusal is not None:
            kept_note = (f" (den förra versionen ligger kvar i {refusal.kept})"
                         if refusal.kept else "")
            if refusal.findings:
                out.write(f"{rel}: byggs inte, kontrollen hittade fel{kept_note}:\n")
            else:
                out.write(f"{rel}: byggs inte, kontrollen hittade fel i organ.yaml (se ovan)"
                          f"{kept_note}\n")
            for finding in refusal.findings:
                out.write(f"  {finding.format()}\n")
        else:  # built, but the secretary should still hear what the check warns about
            for finding in check.meeting_findings(meeting, Level.VARNING):
                if finding.pos.path not in board_files:
                    out.write(f"{finding.format()}\n")
    for problem in result.failed:
        out.write(f"fel: {build_failure(problem)}\n")
    for problem in result.skipped:
        out.write(f"varning: {_line(problem)}\n")
    out.write(build_summary(result) + "\n")


def build_failure(problem: Problem) -> str:
    """'mallar/x.html:3: … (protokoll/tn/2024-04-17 byggs inte, den förra versionen ligger
    kvar i build/tn/2024-04-17/)' for a template's fault; 'protokoll/…: message; den förra
    versionen ligger kvar i …' otherwise."""
    if problem.file is not None:
        kept = f", den förra versionen ligger kvar i {problem.kept}" if problem.kept else ""
        return f"{_place(problem)}: {problem.message} ({problem.subject} byggs inte{kept})"
    kept = f"; den förra versionen ligger kvar i {problem.kept}" if problem.kept else ""
    return _line(problem) + kept


def build_summary(result: BuildResult) -> str:
    """'Byggt: 1 sammanträde, 5 filer i build/. Vägrade: 1 sammanträde (den förra versionen
    ligger kvar i build/tn/2024-04-17/). Misslyckade: 0. Hoppade över: 0.'"""
    kept = [r.kept for r in result.refused if r.kept]
    unchanged = (f" ({plural(result.unchanged, 'oförändrat', 'oförändrade')})"
                 if result.unchanged else "")
    line = (f"Byggt: {plural(result.meetings_built, 'sammanträde', 'sammanträden')}"
            f"{unchanged}, "
            f"{plural(len(result.written) + result.unchanged_files, 'fil', 'filer')} i "
            f"{result.output}/. "
            f"Vägrade: {plural(len(result.refused), 'sammanträde', 'sammanträden')}")
    if len(kept) == 1:
        line += f" (den förra versionen ligger kvar i {kept[0]})"
    elif kept:
        line += f" (de förra versionerna ligger kvar i {', '.join(kept[:-1])} och {kept[-1]})"
    return (line + f". Misslyckade: {len(result.failed)}. "
            f"Hoppade över: {len(result.skipped)}.")


# -- publish -------------------------------------------------------------------------------

def write_publish(result: PublishResult, out: TextIO) -> None:
    """The reasons the site was not published and that the last one is unchanged; or the
    warnings, then the summary."""
    if result.refused:
        for problem in result.refused:
            out.write(_line(problem) + "\n")
        out.write("Webbplatsen publicerades inte; build/site/ är oförändrad.\n")
        return
    for problem in result.warnings:
        out.write(f"varning: {_line(problem)}\n")
    out.write(publish_summary(result.protocols, result.organs, result.notices, result.today,
                              result.files, result.where) + "\n")


def publish_summary(protocols: int, organs: int, notices: int, today: dt.date, files: int,
                    where: str) -> str:
    """'Publicerat: 1 protokoll från 1 nämnd, 1 anslag uppsatt 2024-03-25, 1 fil i …/.'"""
    return (f"Publicerat: {protocols} protokoll från {plural(organs, 'nämnd', 'nämnder')}, "
            f"{plural(notices, 'anslag uppsatt', 'anslag uppsatta')} {today.isoformat()}, "
            f"{plural(files, 'fil', 'filer')} i {where}/.")


def _place(problem: Problem) -> str:
    return f"{problem.file}:{problem.line}" if problem.line is not None else f"{problem.file}"


def _line(problem: Problem) -> str:
    """'subject: message', or the place at fault first when one is known."""
    if problem.file is not None:
        return f"{_place(problem)}: {problem.message}"
    return f"{problem.subject}: {problem.message}" if problem.subject else problem.message
