"""How much `protogen check` costs on top of only reading the YAML, for 1,000 meetings.

    python bench/check.py [--meetings 1000] [--items 10] [--rounds 3] [--keep DIR]
                          [--stages] [--profile] [--no-cli]

Writes a realistic project into a temporary folder: five boards, meetings spread over ten
years, ten §§ each, full attendance (now and then a serving ersättare), yrkanden, a vote now
and then, Markdown bodies of a few paragraphs. Then times, best of `--rounds` (floor and
check in alternating rounds):

- floor: parsing the same files with ruamel.yaml round-trip (every organ.yaml, every
  sammanträde.yaml and each item file's front matter), with one YAML() instance -- what any
  checker that keeps line numbers has to pay;
- check: `protogen.checker.check_project` in-process (loading, numbering and every rule);
- cli: `python -m protogen check` as a subprocess (adds interpreter start-up and imports).

The project's aim: check under 1.5 x floor. `--profile` prints where check's time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import pstats
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

AIM = 1.5

BOARDS = [
    ("ks", "Kommunstyrelsen", "KS"),
    ("bun", "Barn- och utbildningsnämnden", "BUN"),
    ("son", "Socialnämnden", "SON"),
    ("tn", "Tekniska nämnden", "TN"),
    ("mbn", "Miljö- och byggnämnden", "MBN"),
]
PARTIES = ["S", "M", "C", "V", "L", "KD", "SD", "MP"]
FIRST = ["Anna", "Bertil", "Cecilia", "David", "Eva", "Fredrik", "Gunilla", "Hans", "Ingrid",
         "Jonas", "Karin", "Lars", "Maria", "Nils", "Olga", "Per", "Rut", "Sven", "Tove", "Ulf",
         "Åsa", "Örjan", "Ängla"]
LAST = ["Andersson", "Berg", "Carlsson", "Dahl", "Ek", "Frisk", "Gran", "Holm", "Ivarsson",
        "Jansson", "Krantz", "Lind", "Månsson", "Nyström", "Öberg", "Åkesson", "Pettersson"]
TITLES = ["Budget", "Taxor", "Delegationsordning", "Internkontrollplan", "Detaljplan",
          "Yttrande över motion", "Bygglov", "Verksamhetsplan", "Riktlinjer", "Upphandling",
          "Uppföljning", "Årsredovisning", "Medborgarförslag", "Investeringar", "Lokaler"]
SENTENCE = ("Förvaltningen har utrett frågan och redovisar här sitt underlag för nämndens "
            "ställningstagande, med hänsyn till ekonomi, verksamhet och de synpunkter som har "
            "kommit in under remisstiden. ")


def _names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name not in taken:
            taken.add(name)
            names.append(name)
    return names


def _yaml_dump() -> YAML:
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 100
    return yaml


def _dump(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _meeting_days(rng: random.Random, count: int, years: range) -> list[dt.date]:
    """`count` distinct Tuesdays, spread evenly over `years`."""
    per_year = -(-count // len(years))
    days: list[dt.date] = []
    for year in years:
        tuesdays = [dt.date(year, 1, 2) + dt.timedelta(days=d) for d in range(360)]
        tuesdays = [d for d in tuesdays if d.weekday() == 1 and d.month not in (7, 12)]
        days.extend(sorted(rng.sample(tuesdays, min(per_year, len(tuesdays)))))
    return days[:count]


def generate(root: Path, meetings: int = 1000, items: int = 10, seed: int = 1) -> int:
    """Write the project under `root`; return the number of files written."""
    rng = random.Random(seed)
    yaml = _yaml_dump()
    written = 0
    taken: set[str] = set()
    per_board = [meetings // len(BOARDS) + (i < meetings % len(BOARDS)) for i in range(len(BOARDS))]
    for (board, name, short), count in zip(BOARDS, per_board, strict=True):
        members = _names(rng, 11, taken)
        deputies = _names(rng, 6, taken)
        party = {n: rng.choice(PARTIES) for n in members + deputies}
        folder = root / "protokoll" / board
        folder.mkdir(parents=True)
        organ: dict[str, Any] = {
            "namn": name, "kortnamn": short, "huvudman": "Exempelby kommun",
            "förvaringsplats": "Kommunhuset", "paragrafnumrering": "per_år", "anslag": True,
            "beslutförhet": "hälften", "mall": "standard",
            "ärendetyper": {"B": "beslut", "I": "information"},
            "ledamöter": [{"namn": n, "parti": party[n], "kommun": "Exempelby kommun"}
                          for n in members],
            "ersättare": [{"namn": n, "parti": party[n]} for n in deputies],
        }
        organ["ledamöter"][0]["uppdrag"] = "ordförande"
        organ["ledamöter"][1]["uppdrag"] = "vice ordförande"
        (folder / "organ.yaml").write_text(_dump(yaml, organ), encoding="utf-8")
        written += 1
        first_of_year: dict[int, int] = {}
        for day in _meeting_days(rng, count, range(2015, 2025)):
            first = first_of_year.get(day.year, 1)  # § numbers run per year
            first_of_year[day.year] = first + items
            written += _write_meeting(folder / day.isoformat(), day, short, members, deputies,
                                      party, items, first, rng, yaml)
    return written


def _write_meeting(folder: Path, day: dt.date, short: str, members: list[str],
                   deputies: list[str], party: dict[str, str], items: int, first: int,
                   rng: random.Random, yaml: YAML) -> int:
    folder.mkdir()
    present: list[Any] = list(members)
    substitutes = []
    listening = deputies[1:3]  # ersättare present without serving
    if rng.random() < 0.3:  # one ledamot away; an ersättare of the same party serves
        absent = present.pop(rng.randrange(3, len(present)))
        same = [d for d in deputies if party[d] == party[absent]]
        serving = same[0] if same else deputies[0]
        substitutes.append({"namn": serving, "ersätter": absent})
        listening = [d for d in deputies if d != serving and party[d] != party[absent]][:2]
    adjusted = day + dt.timedelta(days=7)
    meeting = {
        "datum": day, "tid": "09:00-12:00", "plats": "Sammanträdesrummet, Kommunhuset",
        "status": "justerat", "ordförande": members[0], "sekreterare": "Sara Sekreterare",
        "justerare": [members[2]],
        "justering": {"datum": adjusted, "plats": "Kommunhuset"},
        "närvarande": {
            "ledamöter": present, "tjänstgörande_ersättare": substitutes,
            "ersättare": listening,
            "övriga": [{"namn": "Olle Förvaltningschef", "titel": "Förvaltningschef"},
                       {"namn": "Tea Handläggare", "titel": "Handläggare",
                        "paragrafer": f"{first + 2}-{first + 3}"}],
        },
        "anslag": {"uppsatt": adjusted},
        "kallelse": {"utskick": day - dt.timedelta(days=7)},
    }
    (folder / "sammanträde.yaml").write_text(_dump(yaml, meeting), encoding="utf-8")
    deciding = [m for m in present] + [s["namn"] for s in substitutes]
    for index in range(1, items + 1):
        title = f"{rng.choice(TITLES)} {day.year}"
        front: dict[str, Any] = {
            "rubrik": title, "dnr": f"{short} {day.year}/{day.timetuple().tm_yday}{index:02d}",
            "typ": "B",
            "förslag_till_beslut": "Nämnden godkänner förvaltningens förslag.\n",
        }
        if rng.random() < 0.4:
            front["yrkanden"] = [{"av": deciding[0], "text": "Bifall till förslaget."}]
            if rng.random() < 0.3:
                front["yrkanden"].append({"av": deciding[-1], "text": "Avslag på förslaget."})
                front["propositionsordning"] = (
                    "Ordföranden ställer proposition på bifall och avslag och finner bifall.\n")
                if rng.random() < 0.5:
                    yes, no = deciding[: len(deciding) - 3], deciding[-3:]
                    front["omröstning"] = {"ja": yes, "nej": no, "avstår": []}
                    front["reservationer"] = [{"av": deciding[-1]}]
        front["beslut"] = "Nämnden godkänner förvaltningens förslag.\n"
        front["expedieras"] = ["Kommunstyrelsen", "Ekonomienheten"]
        front["beslutsunderlag"] = [f"Tjänsteskrivelse {title}"]
        body = "\n\n".join(
            ["### Sammanfattning", SENTENCE * rng.randint(1, 3), "### Bakgrund",
             SENTENCE * rng.randint(2, 4), "- första punkten\n- andra punkten",
             SENTENCE * rng.randint(1, 2)]
        ) + "\n"
        text = "---\n" + _dump(yaml, front) + "---\n\n" + body
        (folder / f"{index:02d}-arende-{index}.md").write_text(text, encoding="utf-8")
    return 1 + items


# -- what is timed ----------------------------------------------------------------------------


def parse_floor(root: Path) -> int:
    """Read every YAML the checker reads, with one round-trip YAML instance; return a count."""
    from protogen.loader.item import split_front_matter

    yaml = YAML(typ="rt")
    yaml.version = (1, 2)
    parsed = 0
    for organ in sorted((root / "protokoll").iterdir()):
        yaml.load((organ / "organ.yaml").read_text(encoding="utf-8"))
        parsed += 1
        for meeting in sorted(p for p in organ.iterdir() if p.is_dir()):
            yaml.load((meeting / "sammanträde.yaml").read_text(encoding="utf-8"))
            parsed += 1
            for item in sorted(meeting.glob("*.md")):
                front, _, _ = split_front_matter(item.read_text(encoding="utf-8"))
                yaml.load(front or "")
                parsed += 1
    return parsed


def run_check(root: Path) -> int:
    from protogen.checker import check_project

    result = check_project(root, today=dt.date(2030, 1, 1))
    return len(result.findings)


def run_cli(root: Path) -> int:
    done = subprocess.run([sys.executable, "-m", "protogen", "check"], cwd=root,
                          capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"protogen check failed ({done.returncode}):\n{done.stderr}")
    return done.returncode


def time_stages(root: Path) -> None:
    """Where check's time goes: loading, then each rule over every meeting."""
    from protogen import checker
    from protogen.findings import Findings
    from protogen.loader.project import load_project
    from protogen.rules import RULES
    from protogen.rules.base import Context

    start = time.perf_counter()
    project = load_project(root, Findings())
    print(f"  load_project: {time.perf_counter() - start:6.2f} s")
    ctx = Context(root=root, today=dt.date(2030, 1, 1))
    costs = []
    for rule in RULES:  # each rule alone through the runner: every kind of check it has
        checker.RULES = [rule]
        start = time.perf_counter()
        checker.run_rules(project, ctx, Findings())
        costs.append((time.perf_counter() - start, rule.id))
    checker.RULES = RULES
    print(f"  all rules:    {sum(c for c, _ in costs):6.2f} s")
    for cost, rule_id in sorted(costs, reverse=True)[:8]:
        print(f"    {rule_id:24} {cost:6.3f} s")


def best_of(rounds: int, call: Callable[[], Any]) -> tuple[float, Any]:
    times, value = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        value = call()
        times.append(time.perf_counter() - start)
    return min(times), value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--items", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the project here and keep it")
    parser.add_argument("--profile", action="store_true", help="profile one check_project run")
    parser.add_argument("--no-cli", action="store_true", help="skip the subprocess timing")
    parser.add_argument("--stages", action="store_true",
                        help="time loading and each rule on their own")
    args = parser.parse_args(argv)

    root = args.keep or Path(tempfile.mkdtemp(prefix="protogen-bench-"))
    try:
        if not (root / "protokoll").exists():
            start = time.perf_counter()
            files = generate(root, args.meetings, args.items)
            print(f"wrote {files} files ({args.meetings} meetings x {args.items} §§) under "
                  f"{root} in {time.perf_counter() - start:.1f} s")
        # Warm up imports and the file cache, so neither side pays them in its first round.
        run_check(root)
        parse_floor(root)

        # Alternating rounds, so that both sides see the same machine state.
        floors, checks = [], []
        for _ in range(args.rounds):
            floors.append(best_of(1, lambda: parse_floor(root)))
            checks.append(best_of(1, lambda: run_check(root)))
        floor, parsed = min(floors)
        check, findings = min(checks)
        print(f"floor  (ruamel.yaml rt, {parsed} documents): {floor:7.2f} s")
        print(f"check  (check_project, {findings} findings): {check:7.2f} s"
              f"   ratio {check / floor:.2f} x floor")
        if not args.no_cli:
            cli, code = best_of(args.rounds, lambda: run_cli(root))
            print(f"cli    (python -m protogen check, exit {code}): {cli:7.2f} s"
                  f"   ratio {cli / floor:.2f} x floor")
        verdict = "within" if check / floor <= AIM else "ABOVE"
        print(f"aim: check under {AIM} x floor: {verdict}")
        if findings:
            print("note: the generated project is meant to be clean; it had findings:")
            from protogen.checker import check_project

            for finding in check_project(root, today=dt.date(2030, 1, 1)).findings[:10]:
                print("  " + finding.format())
        if args.stages:
            time_stages(root)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(run_check, root)
            stats = pstats.Stats(profiler, stream=sys.stdout)
            stats.sort_stats("cumulative").print_stats(30)
            stats.sort_stats("tottime").print_stats(20)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
