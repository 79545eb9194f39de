"""`protogen new`: a board, a meeting, an item, written as a secretary would start them.

Every file gets a `# yaml-language-server: $schema=…` line that points at the project's
`schema/` folder (written there when missing), Swedish comments on its keys, and passes
`protogen check` as written. Nothing existing is overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from protogen.authoring.files import WriteError, write_text
from protogen.findings import Findings, Level
from protogen.law.dates import (
    adjustment_deadline,
    holiday_name,
    next_vardag,
    previous_vardag,
    shift,
)
from protogen.loader.meeting import FOLDER_NAME, ITEM_FILE
from protogen.loader.project import ITEM_TEMPLATES
from protogen.loader.yamlread import shown
from protogen.location import PROTOCOL_DIR
from protogen.model import Meeting, Organ
from protogen.rules.sammantradesplan import _cancelled
from protogen.schema import FOLDER as SCHEMA_FOLDER
from protogen.schema import file_name, write_schemas

ORGAN_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
PLACEHOLDER_MEMBERS = ("Ledamot Ett", "Ledamot Två", "Ledamot Tre")
DEFAULT_INVITATION_DAYS = 7  # when organ.yaml has no kallelse_dagar
DEFAULT_JUSTERING_DAYS = 7  # the justering a week after the meeting (within the board's limit)

STANDING_ITEMS = {
    "01-val-av-justerare.md": (
        "Val av justerare",
        "{justerare} utses att jämte ordföranden justera protokollet.",
        "Justering sker {justering}.",
    ),
    "02-faststallande-av-dagordning.md": (
        "Fastställande av dagordning",
        "Dagordningen fastställs.",
        "",
    ),
}


class ScaffoldError(Exception):
    """The command cannot do what was asked; the message is Swedish and says why."""


@dataclass
class Written:
    """What a command did, for its message."""

    created: list[Path] = field(default_factory=list)
    renamed: list[tuple[Path, Path]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# -- shared ---------------------------------------------------------------------------------
def schema_line(root: Path, file: Path, kind: str) -> str:
    """The editor's pointer to the schema, relative to the file (so it works in every clone)."""
    target = root / SCHEMA_FOLDER / file_name(kind)
    relative = Path(*([".."] * (len(file.parent.relative_to(root).parts)))) / target.relative_to(root)
    return f"# yaml-language-server: $schema={relative.as_posix()}\n"


def ensure_schemas(root: Path, written: Written) -> None:
    folder = root / SCHEMA_FOLDER
    fresh = not folder.is_dir()
    paths = write_schemas(folder)
    if fresh:
        written.created += paths


def create(root: Path, path: Path, text: str, written: Written) -> None:
    try:
        write_text(root, path, text, new=True)
    except WriteError as err:
        raise ScaffoldError(str(err)) from err
    written.created.append(path)


def yaml_text(value: str) -> str:
    """A scalar as YAML writes it plainly when it can, quoted when it must be."""
    if value and re.fullmatch(r"[\wÅÄÖåäöÉé][\w .,/()&ÅÄÖåäöÉé–-]*", value) and not value.endswith(" ") \
            and value.lower() not in ("true", "false", "null", "yes", "no", "on", "off", "~"):
        return value
    # JSON's string syntax is YAML's double-quoted scalar: a newline or a control character
    # becomes an escape, never a line break that could end the front matter.
    return json.dumps(value, ensure_ascii=False)


def one_line(value: str) -> str:
    """A title or name as one line: line breaks, tabs and control characters become single
    spaces (a rubrik is one line on every page it is shown on)."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in value).split())


def slug(title: str, limit: int = 60) -> str:
    """'Årsbokslut 2019 – Gemensam nämnd' → 'arsbokslut-2019-gemensam-namnd'."""
    folded = unicodedata.normalize("NFKD", title.casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch)).replace("ß", "ss")
    words = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    if len(words) > limit:
        words = words[:limit].rsplit("-", 1)[0]
    return words or "arende"


# -- new organ ------------------------------------------------------------------------------
def new_organ(root: Path, organ_id: str, name: str, members: list[str], deputies: list[str],
              host: str | None = None) -> Written:
    if not ORGAN_ID.fullmatch(organ_id):
        raise ScaffoldError(f"organets id {shown(organ_id)} ska skrivas med små bokstäver a-z, "
                            "siffror och bindestreck, högst 64 tecken (t.ex. socialnamnden eller ks)")
    name = one_line(name)
    members = [n for n in map(one_line, members) if n]
    deputies = [n for n in map(one_line, deputies) if n]
    if not name:
        raise ScaffoldError("organets namn (--namn) är tomt")
    folder = root / PROTOCOL_DIR / organ_id
    if (folder / "organ.yaml").exists():
        raise ScaffoldError(f"{PROTOCOL_DIR}/{organ_id}/organ.yaml finns redan")
    written = Written()
    ensure_schemas(root, written)
    path = folder / "organ.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    create(root, path, organ_text(root, path, name, members, deputies, host), written)
    for file_name_, (title, decision, body) in STANDING_ITEMS.items():
        create(root, folder / ITEM_TEMPLATES / file_name_,
               item_text(root, folder / ITEM_TEMPLATES / file_name_, title, decision=decision,
                         body=body),
               written)
    if not members:
        written.notes.append("skriv organets ledamöter och ersättare i organ.yaml")
    return written


def organ_text(root: Path, path: Path, name: str, members: list[str], deputies: list[str],
               host: str | None) -> str:
    # Without names, three placeholders: a chair, a justerare and a third for beslutförhet.
    people = members or list(PLACEHOLDER_MEMBERS)
    lines = [
        schema_line(root, path, "organ"),
        "# Organet: namn, regler och ledamöter. Alla nycklar: docs/format.md.\n",
        f"namn: {yaml_text(name)}\n",
        "# kortnamn: SN                   # kort namn i filnamn och sidhuvuden\n",
        f"huvudman: {yaml_text(host)}           # kommunen eller regionen organet hör till\n"
        if host else
        "# huvudman: Exempelkommun        # kommunen eller regionen organet hör till\n",
        "# förvaringsplats: Kommunhuset   # var det justerade protokollet förvaras (står i anslaget)\n",
        "paragrafnumrering: per_år        # per_år: § 1 vid årets första sammanträde; löpande: "
        "numren fortsätter\n",
        "anslag: true                     # false för organ utanför kommunallagen\n",
        "beslutförhet: hälften            # mer än hälften av ledamöterna; eller ett minsta antal\n",
        "mall: standard                   # standard, beslut-forst eller en mapp under mallar/\n",
        "justerare_minst: 1               # hur många justerare reglementet kräver\n",
        "justering_dagar: 14              # protokollet justeras senast så här många dagar efter\n",
        f"kallelse_dagar: {DEFAULT_INVITATION_DAYS}                # kallelsen skickas ut minst så här "
        "många dagar före\n",
        "# sekretess_rubrik_i_kallelse: false  # true: kallelsen visar sekretessärendens rubriker\n",
        "# typ: nämnd                     # nämnd, styrelse, fullmäktige eller utskott\n",
        "ärendetyper:                     # förklaring av typ: i ärendena, visas som (B)\n",
        "  B: beslut\n",
        "  I: information\n",
        "# sammanträdesplan:              # årets sammanträden; protogen new sammanträde tar nästa\n",
        "#   - {datum: 2025-02-12, tid: \"13:00-16:00\", plats: Sammanträdesrummet}\n",
        "#   - {datum: 2025-03-12, tid: \"13:00-16:00\", plats: Sammanträdesrummet}\n",
        "ledamöter:                       # namn, parti, uppdrag (ordförande, vice ordförande), "
        "från, till\n" if members else
        "ledamöter:                       # byt mot organets ledamöter: namn, parti, uppdrag, från, till\n",
    ]
    for index, person in enumerate(people):
        lines.append(f"  - namn: {yaml_text(person)}\n")
        if index == 0:
            lines.append("    uppdrag: ordförande\n")
        elif index == 1:
            lines.append("    uppdrag: vice ordförande\n")
        lines.append("    # parti: S\n")
    if deputies:
        lines.append("ersättare:\n")
        lines += [f"  - namn: {yaml_text(person)}\n" for person in deputies]
    else:
        lines += ["ersättare: []\n", "#  - namn: Förnamn Efternamn\n", "#    parti: M\n"]
    return "".join(lines)


# -- new sammanträde ------------------------------------------------------------------------
@dataclass
class Plan:
    """The meeting to write: its date, time and place, and where they came from."""

    day: dt.date
    time: str | None
    place: str | None
    source: str


def choose_date(organ: Organ, given: dt.date | None, today: dt.date) -> Plan:
    """The given date (with the plan's time and place if it is planned), else the next date
    of the sammanträdesplan that has no meeting folder yet."""
    planned = [e for e in organ.schedule if e.date is not None and not _cancelled(e)]
    if given is not None:
        entry = next((e for e in planned if e.date == given), None)
        return Plan(given, entry.time if entry else None, entry.place if entry else None,
                    "sammanträdesplanen" if entry else "kommandoraden")
    held = {m.date or m.folder_date for m in organ.meetings}
    open_ = sorted((e for e in planned if e.date not in held), key=lambda e: e.date)  # type: ignore[arg-type, return-value]
    upcoming = [e for e in open_ if e.date >= today]  # type: ignore[operator]
    if not upcoming:
        last = max((d for d in held if d is not None), default=None)
        upcoming = [e for e in open_ if last is None or e.date > last]  # type: ignore[operator]
    if not upcoming:
        raise ScaffoldError(
            f"sammanträdesplanen för {organ.id} har inget kommande datum utan mötesmapp; ange "
            "datumet: protogen new sammanträde " + organ.id + " ÅÅÅÅ-MM-DD"
        )
    entry = upcoming[0]
    return Plan(entry.date, entry.time, entry.place, "sammanträdesplanen")  # type: ignore[arg-type]


def meeting_folder(organ: Organ, day: dt.date) -> Path:
    """`ÅÅÅÅ-MM-DD`, or `ÅÅÅÅ-MM-DD-2` (-3, …) for a further meeting that day."""
    base = organ.folder / day.isoformat()
    if not base.exists():
        return base
    number = 2
    while (organ.folder / f"{day.isoformat()}-{number}").exists():
        number += 1
    return organ.folder / f"{day.isoformat()}-{number}"


def invitation_day(organ: Organ, day: dt.date) -> dt.date:
    """The kallelse goes out `kallelse_dagar` before the meeting, on a vardag (moved earlier)."""
    days = organ.invitation_days if organ.invitation_days is not None else DEFAULT_INVITATION_DAYS
    return previous_vardag(shift(day, -days))


def justering_day(organ: Organ, day: dt.date) -> dt.date:
    proposed = next_vardag(shift(day, DEFAULT_JUSTERING_DAYS))
    return min(proposed, adjustment_deadline(day, organ.adjustment_days))


def previous_secretary(organ: Organ) -> str | None:
    for meeting in reversed(organ.meetings):
        if meeting.secretary is not None and meeting.secretary.name:
            return meeting.secretary.name
    return None


def git_user(root: Path) -> str | None:
    try:
        done = subprocess.run(["git", "config", "user.name"], cwd=root, capture_output=True,
                              text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    name = done.stdout.strip()
    return name or None


def new_meeting(root: Path, organ: Organ, given: dt.date | None, today: dt.date,
                secretary: str | None = None) -> tuple[Written, Path]:
    plan = choose_date(organ, given, today)
    folder = meeting_folder(organ, plan.day)
    members = [p for p in organ.members if p.serves_on(plan.day)]
    deputies = [p for p in organ.deputies if p.serves_on(plan.day)]
    if not members:
        raise ScaffoldError(f"{organ.id} har inga ledamöter den {plan.day.isoformat()} i organ.yaml")
    chair = next((p for p in members if (p.role or "").casefold() == "ordförande"), members[0])
    second = next((p for p in members if p is not chair and "vice" in (p.role or "").casefold()),
                  next((p for p in members if p is not chair), chair))
    secretary = secretary or previous_secretary(organ) or git_user(root) or "Sekreterare"
    adjusted = justering_day(organ, plan.day)
    written = Written()
    ensure_schemas(root, written)
    folder.mkdir(parents=True)
    path = folder / "sammanträde.yaml"
    lines = [
        schema_line(root, path, "sammanträde"),
        f"# {organ.name}: sammanträde {plan.day.isoformat()}. Alla nycklar: docs/format.md.\n",
        f"datum: {plan.day.isoformat()}\n",
        f"tid: {yaml_text(plan.time or '09:00')}"
        + ("\n" if plan.time else "                      # ändra till sammanträdets tid\n"),
        f"plats: {yaml_text(plan.place or 'Sammanträdesrummet')}"
        + ("\n" if plan.place else "        # ändra till platsen\n"),
        "status: kallelse                  # kallelse → utkast (hållet) → justerat: protogen status\n",
        "kallelse:\n",
        f"  utskick: {invitation_day(organ, plan.day).isoformat()}           # en vardag minst "
        f"{organ.invitation_days if organ.invitation_days is not None else DEFAULT_INVITATION_DAYS} dagar före\n",
        f"ordförande: {yaml_text(chair.name)}\n",
        f"sekreterare: {yaml_text(secretary)}\n",
        f"justerare: [{yaml_text(second.name)}]       # väljs vid sammanträdet\n",
        "justering:\n",
        f"  datum: {adjusted.isoformat()}\n",
        "närvarande:\n",
        "  ledamöter:                      # ta bort den som inte deltog\n",
        *[f"    - {yaml_text(p.name)}\n" for p in members],
        "  tjänstgörande_ersättare: []     # {namn: …, ersätter: …} för den som tjänstgör\n",
        "  ersättare: []                   # ersättare som var med utan att tjänstgöra:\n",
        *[f"  #  - {yaml_text(p.name)}\n" for p in deputies],
        "  övriga: []                      # tjänstepersoner och gäster: {namn: …, titel: …}\n",
    ]
    create(root, path, "".join(lines), written)
    values = {"justerare": second.name, "ordförande": chair.name,
              "justering": adjusted.isoformat(), "datum": plan.day.isoformat()}
    for name, text in standing_items(root, organ, values):
        create(root, folder / name, text, written)
    written.notes.append(f"datum, tid och plats från {plan.source}")
    holiday = holiday_name(plan.day)
    if holiday is not None or plan.day.weekday() >= 5:
        what = holiday or ("lördag" if plan.day.weekday() == 5 else "söndag")
        written.notes.append(f"{plan.day.isoformat()} är {what}: stämmer datumet?")
    return written, folder


def standing_items(root: Path, organ: Organ, values: dict[str, str]) -> list[tuple[str, str]]:
    """The board's item templates (`ärendemallar/`), or the two every meeting opens with.
    `{justerare}`, `{ordförande}`, `{justering}` and `{datum}` in them are filled in."""
    folder = organ.folder / ITEM_TEMPLATES
    items: list[tuple[str, str]] = []
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.is_file() and ITEM_FILE.match(path.name):
                items.append((path.name, path.read_text(encoding="utf-8")))
    else:
        for name, (title, decision, body) in STANDING_ITEMS.items():
            items.append((name, item_text(root, organ.folder / "x" / name, title, decision=decision,
                                          body=body)))
    filled = []
    for name, text in items:
        for key, value in values.items():
            text = text.replace("{" + key + "}", value)
        filled.append((name, text))
    return filled


# -- new ärende -----------------------------------------------------------------------------
def item_text(root: Path, path: Path, title: str, *, kind: str | None = None,
              decision: str | None = None, proposal: str | None = None, body: str = "") -> str:
    lines = ["---\n", schema_line(root, path, "ärende"), f"rubrik: {yaml_text(title)}\n",
             "# dnr: KS 2025/123\n"]
    lines.append(f"typ: {yaml_text(kind)}\n" if kind else "# typ: B                        # en av "
                                                          "organets ärendetyper\n")
    if proposal is not None:
        lines += ["förslag_till_beslut: |\n", *[f"  {line}\n" for line in proposal.splitlines()]]
    if decision is not None:
        lines += ["beslut: |\n", f"  {decision}\n"]
    else:
        lines.append("# beslut: |                      # skrivs efter sammanträdet\n")
    lines += ["# beslutsunderlag:\n", "#   - Tjänsteskrivelse\n", "---\n", "\n"]
    lines.append(body + "\n" if body else "Skriv en sammanfattning av ärendet här.\n")
    return "".join(lines)


def item_files(folder: Path) -> list[tuple[int, Path]]:
    found = []
    for path in folder.iterdir():
        match = ITEM_FILE.match(path.name)
        if match and path.is_file():
            found.append((int(match.group(1)), path))
    return sorted(found)


def new_item(root: Path, folder: Path, title: str, kind: str | None, after: int | None,
             proposal: str | None) -> tuple[Written, Path]:
    if not FOLDER_NAME.match(folder.name) or not (folder / "sammanträde.yaml").is_file():
        raise ScaffoldError(f"{folder} är ingen mötesmapp (ÅÅÅÅ-MM-DD med sammanträde.yaml)")
    title = one_line(title)
    if not title:
        raise ScaffoldError("rubriken är tom")
    if kind is not None:
        organ = load_organ_with_meetings(root, folder.parent.name)
        if kind not in organ.item_kinds:
            known = ", ".join(organ.item_kinds) or "inga"
            raise ScaffoldError(f"typ {shown(kind)} finns inte bland organets ärendetyper ({known}); "
                                "lägg till den under ärendetyper i organ.yaml")
    written = Written()
    files = item_files(folder)
    def width_of(path: Path) -> int:
        return len(path.name.split("-", 1)[0])

    # Each file keeps its own prefix width (02 → 03, 99 → 100), so that past § 99 the files
    # below 100 do not turn into 003-… and fall out of order in a file listing.
    width = max([2] + [width_of(p) for _, p in files])
    neighbour = next((p for n, p in reversed(files) if after is None or n == after), None)
    new_width = width_of(neighbour) if neighbour is not None else 2
    if after is None:
        prefix = (files[-1][0] + 1) if files else 1
    else:
        if after and after not in {n for n, _ in files}:
            raise ScaffoldError(f"det finns inget ärende med prefixet {after:0{width}d} i {folder.name}")
        prefix = after + 1
        for number, path in reversed(files):  # from the end, so no name is taken twice
            if number > after:
                match = ITEM_FILE.match(path.name)
                assert match is not None
                target = path.with_name(f"{number + 1:0{width_of(path)}d}-{match.group(2)}.md")
                if target.exists():
                    raise ScaffoldError(f"{target.name} finns redan; numrera om för hand")
                path.rename(target)
                written.renamed.append((path, target))
        written.renamed.reverse()
    path = folder / f"{prefix:0{new_width}d}-{slug(title)}.md"
    create(root, path, item_text(root, path, title, kind=kind,
                           proposal=proposal if proposal is not None else
                           "Skriv förslaget till beslut här."), written)
    ensure_schemas(root, written)
    if re.search(r"^status:\s*[\"']?justerat\b", (folder / "sammanträde.yaml").read_text(
            encoding="utf-8", errors="replace"), re.MULTILINE):
        written.notes.append(f"{folder.name} är redan justerat: ett nytt ärende ändrar det justerade "
                             "protokollet")
    return written, path


def load_organ_with_meetings(root: Path, organ_id: str) -> Organ:
    from protogen.loader.project import load_board

    folder = root / PROTOCOL_DIR / organ_id
    if not (folder / "organ.yaml").is_file():
        raise ScaffoldError(f"det finns inget organ {organ_id} ({PROTOCOL_DIR}/{organ_id}/organ.yaml "
                            f"saknas); skapa det med: protogen new organ {organ_id} --namn \"…\"")
    findings = Findings()
    organ = load_board(folder, root, findings)
    # A board file that cannot be read would otherwise show as "no members" or "no types".
    broken = [f.format() for f in findings.sorted()
              if f.level is Level.FEL and f.pos.path.endswith(f"{organ_id}/organ.yaml")]
    if broken:
        raise ScaffoldError("\n".join([f"{PROTOCOL_DIR}/{organ_id}/organ.yaml har fel; rätta dem först:",
                                       *broken]))
    return organ


def meeting_of(organ: Organ, folder: Path) -> Meeting | None:
    return next((m for m in organ.meetings if m.folder.resolve() == folder.resolve()), None)
