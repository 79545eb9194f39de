"""The command line of `new`, `status`, `schema` and `serve`: options in, messages out."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FEL, EXIT_USAGE = 0, 1, 2


def add_commands(commands: Any) -> None:
    new = commands.add_parser(
        "new", help="skapa ett organ, ett sammanträde eller ett ärende",
        description=(
            "Skapar filerna för ett nytt organ, sammanträde eller ärende, med kommentarer\n"
            "och en hänvisning till schemat så att editorn kan fylla i nycklarna.\n"
            "  protogen new organ ID --namn \"Socialnämnden\"\n"
            "  protogen new sammanträde ORGAN [ÅÅÅÅ-MM-DD]\n"
            "  protogen new ärende MÖTESMAPP \"Rubrik\" [--typ T] [--efter NN]"
        ),
    )
    kinds = new.add_subparsers(dest="kind", metavar="SLAG", parser_class=new.__class__)
    kinds.required = True
    organ = kinds.add_parser("organ", help="ett nytt organ: protokoll/ID/organ.yaml",
                             description="Skriver protokoll/ID/organ.yaml och organets ärendemallar.")
    organ.add_argument("id", metavar="ID", help="organets mappnamn, t.ex. socialnamnden")
    organ.add_argument("--namn", required=True, help="organets fullständiga namn")
    organ.add_argument("--huvudman", help="kommunen eller regionen organet hör till")
    organ.add_argument("--ledamot", action="append", default=[], metavar="NAMN",
                       help="en ledamot (kan anges flera gånger; den första blir ordförande)")
    organ.add_argument("--ersättare", action="append", default=[], metavar="NAMN",
                       help="en ersättare (kan anges flera gånger)")
    organ.set_defaults(run=_new_organ)

    meeting = kinds.add_parser(
        "sammanträde", help="ett nytt sammanträde (nästa datum i sammanträdesplanen)",
        description=("Skriver en mötesmapp med sammanträde.yaml (status kallelse) och organets\n"
                     "stående ärenden. Utan datum tas nästa datum i sammanträdesplanen."))
    meeting.add_argument("organ", metavar="ORGAN", help="organets id (mappen under protokoll/)")
    meeting.add_argument("datum", nargs="?", metavar="ÅÅÅÅ-MM-DD", help="sammanträdets datum")
    meeting.add_argument("--sekreterare", metavar="NAMN",
                         help="sekreteraren (standard: från förra sammanträdet, annars git:s namn)")
    meeting.add_argument("--idag", metavar="ÅÅÅÅ-MM-DD",
                         help="dagens datum när nästa planerade datum väljs (standard: i dag)")
    meeting.set_defaults(run=_new_meeting)

    item = kinds.add_parser("ärende", help="ett nytt ärende i ett sammanträde",
                            description=("Skriver NN-rubrik.md i mötesmappen. --efter NN lägger "
                                         "ärendet efter NN och numrerar om de följande filerna."))
    item.add_argument("folder", metavar="MÖTESMAPP", help="mötesmappen, t.ex. protokoll/sn/2025-03-12")
    item.add_argument("rubrik", metavar="RUBRIK", help="ärendets rubrik")
    item.add_argument("--typ", metavar="T", help="ärendetyp, en av organets ärendetyper")
    item.add_argument("--efter", metavar="NN", type=_prefix, help="lägg ärendet efter prefixet NN")
    item.add_argument("--förslag", metavar="TEXT", help="förslaget till beslut")
    item.set_defaults(run=_new_item)

    status = commands.add_parser(
        "status", help="flytta ett sammanträde till nästa fas (utkast, justerat)",
        description=("Kontrollerar sammanträdet mot kraven i den nya fasen och ändrar status i\n"
                     "sammanträde.yaml om kontrollen går igenom. Kommentarer och ordning behålls.\n"
                     "Vid justerat föreslås anslagets datum."))
    status.add_argument("folder", metavar="MÖTESMAPP", help="mötesmappen")
    status.add_argument("phase", metavar="FAS", choices=("kallelse", "utkast", "justerat"),
                        help="kallelse, utkast eller justerat")
    status.add_argument("--datum", metavar="ÅÅÅÅ-MM-DD", help="dagens datum för kontrollen")
    status.set_defaults(run=_status)

    schema = commands.add_parser(
        "schema", help="skriv JSON-scheman för editorer",
        description=("Skriver organ.schema.json, sammanträde.schema.json, ärende.schema.json och\n"
                     "webbplats.schema.json (JSON Schema 2020-12) till MAPP."))
    schema.add_argument("folder", metavar="MAPP", help="mappen schemana skrivs till")
    schema.set_defaults(run=_schema)

    serve = commands.add_parser(
        "serve", help="förhandsgranska i webbläsaren medan du skriver",
        description=("Visar protokoll, kallelse och webbplats på http://127.0.0.1:PORT/ och bygger\n"
                     "om dem när en fil under protokoll/ eller mallar/ sparas; sidan laddas om\n"
                     "av sig själv. Avsluta med Ctrl-C."))
    serve.add_argument("path", nargs="?", metavar="SÖKVÄG", help="ett organ eller sammanträde")
    serve.add_argument("--port", type=int, default=8000, help="porten (standard 8000)")
    serve.set_defaults(run=_serve)


def _prefix(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"ska vara ett prefix som 03, inte {value}")
    return int(value)


def _fail(message: str) -> int:
    print(f"protogen: fel: {message}", file=sys.stderr)
    return EXIT_FEL


def _date(parser: argparse.ArgumentParser, value: str | None, what: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        parser.exit(EXIT_USAGE, f"protogen: fel: {what} ska vara ÅÅÅÅ-MM-DD, inte {value}\n")


def _root(parser: argparse.ArgumentParser, start: Path | None = None) -> Path:
    from protogen.location import find_root

    root = find_root(start or Path.cwd())
    if root is None:
        parser.exit(EXIT_USAGE, "protogen: fel: ingen mapp protokoll/ här eller ovanför (kör "
                                "kommandot i projektets rotmapp, eller protogen new organ där)\n")
    return root


def _shown(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _report(root: Path, written: Any) -> None:
    for old, new in written.renamed:
        print(f"Bytte namn: {_shown(root, old)} → {_shown(root, new)}")
    for path in written.created:
        print(f"Skrev {_shown(root, path)}")
    for note in written.notes:
        print(f"Obs: {note}")


def _new_organ(parser: Any, args: argparse.Namespace) -> int:
    from protogen.authoring.scaffold import ScaffoldError, new_organ
    from protogen.location import find_root

    root = find_root(Path.cwd()) or Path.cwd().resolve()
    try:
        written = new_organ(root, args.id, args.namn, args.ledamot, args.ersättare, args.huvudman)
    except (ScaffoldError, OSError) as err:
        return _fail(str(err))
    _report(root, written)
    return EXIT_OK


def _meeting_folder(parser: argparse.ArgumentParser, value: str) -> tuple[Path, Path]:
    given = Path(value)
    given = given if given.is_absolute() else Path.cwd() / given
    folder = given.resolve()
    if not folder.is_dir():
        parser.exit(EXIT_USAGE, f"protogen: fel: mötesmappen {value} finns inte\n")
    root = _root(parser, Path(os.path.normpath(given)).parent)
    if not folder.is_relative_to(root.resolve()):
        parser.exit(EXIT_USAGE, f"protogen: fel: mötesmappen {value} är en länk till {folder}, "
                                "utanför projektet; protogen skriver inte där\n")
    return root, folder


def _new_meeting(parser: Any, args: argparse.Namespace) -> int:
    from protogen.authoring.scaffold import (
        ORGAN_ID,
        ScaffoldError,
        load_organ_with_meetings,
        new_meeting,
    )
    from protogen.location import PROTOCOL_DIR

    given = _date(parser, args.datum, "datum")
    today = _date(parser, args.idag, "--idag") or dt.date.today()
    candidate = Path(args.organ)
    if candidate.is_dir() and (candidate / "organ.yaml").is_file():  # a path to the board
        root, organ_id = _root(parser, candidate.resolve()), candidate.resolve().name
        if candidate.resolve().parent != (root / PROTOCOL_DIR).resolve():
            parser.exit(EXIT_USAGE, f"protogen: fel: {args.organ} ligger inte direkt under "
                                    f"{PROTOCOL_DIR}/; ange organets id, t.ex. socialnamnden\n")
    else:
        root, organ_id = _root(parser), args.organ
        if not ORGAN_ID.fullmatch(organ_id):
            parser.exit(EXIT_USAGE, f"protogen: fel: {args.organ} är inget organs id (mappen "
                                    f"under {PROTOCOL_DIR}/, t.ex. socialnamnden)\n")
    try:
        organ = load_organ_with_meetings(root, organ_id)
        written, folder = new_meeting(root, organ, given, today, args.sekreterare)
    except (ScaffoldError, OSError) as err:
        return _fail(str(err))
    _report(root, written)
    print(f"Nästa steg: protogen new ärende {_shown(root, folder)} \"Rubrik\"")
    return EXIT_OK


def _new_item(parser: Any, args: argparse.Namespace) -> int:
    from protogen.authoring.scaffold import ScaffoldError, new_item

    root, folder = _meeting_folder(parser, args.folder)
    try:
        written, _ = new_item(root, folder, args.rubrik, args.typ, args.efter, args.förslag)
    except (ScaffoldError, OSError) as err:
        return _fail(str(err))
    _report(root, written)
    return EXIT_OK


def _status(parser: Any, args: argparse.Namespace) -> int:
    from protogen.authoring.files import WriteError
    from protogen.authoring.phase import PhaseError, move

    root, folder = _meeting_folder(parser, args.folder)
    today = _date(parser, args.datum, "--datum") or dt.date.today()
    try:
        outcome = move(root, folder, args.phase, today)
    except (PhaseError, WriteError, OSError) as err:
        return _fail(str(err))
    for finding in outcome.findings:
        print(finding.format())
    where = _shown(root, folder)
    if not outcome.done:
        print(f"{where}: status ändras inte till {args.phase}: rätta felen ovan först.")
        return EXIT_FEL
    print(f"{where}: status är nu {args.phase}.")
    for note in outcome.notes:
        print(f"Obs: {note}")
    return EXIT_OK


def _schema(parser: Any, args: argparse.Namespace) -> int:
    from protogen.location import PROTOCOL_DIR, find_root
    from protogen.schema import write_schemas

    folder = Path(args.folder).resolve()
    root = find_root(folder)
    if root is not None and folder.is_relative_to((root / PROTOCOL_DIR).resolve()):
        return _fail(f"{args.folder} ligger under {PROTOCOL_DIR}/, där bara sammanträdenas filer hör "
                     "hemma; skriv schemana till t.ex. schema/")
    try:
        written = write_schemas(Path(args.folder))
    except OSError as err:
        return _fail(f"{args.folder} kan inte skrivas: {err.strerror}")
    for path in written:
        print(f"Skrev {path}")
    return EXIT_OK


def _serve(parser: Any, args: argparse.Namespace) -> int:
    from protogen.location import LocationError, locate
    from protogen.preview import serve

    try:
        where = locate(args.path)
    except LocationError as err:
        parser.exit(EXIT_USAGE, f"protogen: fel: {err}\n")
    if not 0 <= args.port <= 65535:
        parser.exit(EXIT_USAGE, f"protogen: fel: --port ska vara 0-65535, inte {args.port}\n")
    return serve(where.root, where.target, args.port)
