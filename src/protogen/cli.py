"""The command line: parses options and calls the library. Swedish for the user."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from protogen import __version__

EXIT_OK, EXIT_FEL, EXIT_USAGE = 0, 1, 2


class SwedishHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        return super().add_usage(usage, actions, groups, prefix if prefix is not None else "användning: ")


class Parser(argparse.ArgumentParser):
    """argparse with Swedish headings and errors (exit 2 for wrong usage)."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", SwedishHelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argument"
        self._optionals.title = "flaggor"
        self.add_argument("-h", "--help", action="help", help="visa den här hjälpen och avsluta")

    def error(self, message: str) -> NoReturn:
        message = (
            message.replace("the following arguments are required", "dessa argument krävs")
            .replace("unrecognized arguments", "okända argument")
            .replace("invalid choice", "ogiltigt val")
            .replace("invalid int value", "inget heltal")
            .replace("expected one argument", "ett värde krävs")
            .replace("choose from", "välj bland")
        )
        message = re.sub(r"^argument ", "argumentet ", message)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: fel: {message}\n")


def build_parser(only: str | None = None) -> Parser:
    """The command line's parser; with `only="check"` just that command's (what a check run
    parses is the same, and building the other commands' parsers costs a warm check about
    a tenth of its time)."""
    parser = Parser(
        prog="protogen",
        description=(
            "protogen kontrollerar och skriver protokoll för nämnder och styrelser.\n"
            "Kör kommandona i projektets rotmapp (den som innehåller protokoll/) eller i\n"
            "en mapp under den: i en nämnds eller ett sammanträdes mapp gäller check och\n"
            "build bara den mappen."
        ),
    )
    parser.add_argument("--version", action="version", version=f"protogen {__version__}",
                        help="visa versionen och avsluta")
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=Parser)
    commands.required = True

    check = commands.add_parser(
        "check",
        help="kontrollera sammanträden mot kommunallagen",
        description=(
            "Kontrollerar alla sammanträden under protokoll/ (eller en nämnd eller ett\n"
            "sammanträde) mot kommunallagen och filformatet. Varje fynd skrivs som\n"
            "  sökväg:rad:kolumn: fel|varning: meddelande [regel]\n"
            "Slutstatus: 0 utan fel, 1 med fel, 2 vid felaktig användning."
        ),
    )
    check.add_argument("path", nargs="?", metavar="SÖKVÄG",
                       help="en nämnds eller ett sammanträdes mapp (standard: mappen du står i, "
                            "annars hela protokoll/)")
    check.add_argument("--format", choices=("text", "json", "github", "sarif"), default="text",
                       help="utdata som text (standard), json, github (anteckningar i GitHub "
                            "Actions) eller sarif (SARIF 2.1.0)")
    check.add_argument("--strict", action="store_true", help="låt även varningar ge slutstatus 1")
    check.add_argument("--datum", metavar="ÅÅÅÅ-MM-DD",
                       help="dagens datum för kontroller som beror på det (standard: i dag)")

    if only == "check":
        return parser

    build = commands.add_parser(
        "build",
        help="skriv protokoll, kallelse, utdrag och anslag till build/",
        description=(
            "Skriver dokumenten för varje sammanträde under SÖKVÄG till build/.\n"
            "Ett sammanträde med fel byggs inte; det senaste lyckade bygget ligger kvar."
        ),
    )
    build.add_argument("path", nargs="?", metavar="SÖKVÄG",
                       help="en nämnds eller ett sammanträdes mapp (standard: mappen du står i, "
                            "annars hela protokoll/)")
    build.add_argument("-j", "--jobb", type=_jobs, metavar="N", dest="jobs",
                       help="rendera i N processer samtidigt (standard: en per kärna)")
    build.add_argument("--alltid", action="store_true",
                       help="bygg om allt, även det som inte har ändrats sedan förra bygget")

    publish = commands.add_parser(
        "publish",
        help="skriv den publika webbplatsen till build/site/",
        description="Skriver den publika webbplatsen, med anslagstavlan, till build/site/.",
    )
    publish.add_argument("--datum", metavar="ÅÅÅÅ-MM-DD",
                         help="dagens datum för anslagstavlan (standard: i dag)")
    publish.add_argument("--sigill", metavar="FIL.p12",
                         help="signera varje offentlig PDF med organisationens e-sigill (PKCS#12)")
    publish.add_argument("--lösenord-fil", dest="password_file", metavar="FIL",
                         help="fil vars första rad är lösenordet till --sigill")

    archive = commands.add_parser(
        "archive",
        help="skriv arkivpaket (FGS/E-ARK SIP) av de justerade protokollen",
        description=(
            "Skriver ett arkivpaket (FGS Paketstruktur 2.0 = E-ARK CSIP/SIP 2.1) per nämnd och\n"
            "kalenderår med de justerade sammanträdena under SÖKVÄG, till build/arkiv/.\n"
            "Ett sammanträde som inte är justerat, har fel i kontrollen eller vars signerade\n"
            "original inte kan verifieras utelämnas; då blir slutstatus 1."
        ),
    )
    archive.add_argument("path", nargs="?", metavar="SÖKVÄG",
                         help="en nämnds eller ett sammanträdes mapp (standard: hela protokoll/)")
    archive.add_argument("--till", metavar="MAPP", help="skriv paketen i MAPP (standard: build/arkiv/)")
    archive.add_argument("--zip", action="store_true", help="skriv varje paket som en zip-fil")
    archive.add_argument("--sammanträde", dest="meeting", metavar="MÖTE",
                         help="bara ett sammanträde (mappens namn, t.ex. 2024-03-13, eller sökväg)")
    archive.add_argument("--offentlig", action="store_true",
                         help="bara den offentliga versionen (utan sekretessbelagda uppgifter)")
    archive.add_argument("--betrodd", metavar="CERT.pem", nargs="+", action="extend", default=[],
                         help="betrodda rotcertifikat: ett signerat original vars certifikat inte "
                              "leder dit utelämnas")

    commands.add_parser("regler", help="lista reglerna som check tillämpar",
                        description="Listar varje regel med id och beskrivning.")
    from protogen.authoring.commands import add_commands

    add_commands(commands)
    from protogen.signcmd import add_parsers as add_justering_parsers

    add_justering_parsers(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(only="check" if argv[:1] == ["check"] else None)
    args = parser.parse_args(argv)
    if args.command != "check":  # a check enables it when it runs (not when it replays)
        _enable_parse_cache()
    try:
        if args.command == "check":
            return _check(parser, args)
        if args.command == "build":
            return _build(parser, args)
        if args.command == "publish":
            return _publish(parser, args)
        if args.command == "archive":
            return _archive(parser, args)
        if args.command == "regler":
            return _rules()
        if hasattr(args, "run"):
            return int(args.run(parser, args))
        if args.command in ("sign", "verify"):
            return _justering(parser, args)
    except KeyboardInterrupt:
        print("Avbrutet.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    parser.error(f"okänt kommando {args.command}")


def _enable_parse_cache() -> None:
    from protogen.loader.parsecache import enable

    enable()  # the command line keeps parsed YAML between runs; the library only when asked


def _root_and_target(parser: Parser, path: str | None, *,
                     scoped: bool = True) -> tuple[Path, Path | None]:
    """The project root (found upwards, as git does) and the board or meeting to work on."""
    from protogen.location import LocationError, locate

    try:
        where = locate(path, scoped=scoped)
    except LocationError as err:
        parser.exit(EXIT_USAGE, f"protogen: fel: {err}\n")
    return where.root, where.target


def _today(parser: Parser, value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        parser.exit(EXIT_USAGE, f"protogen: fel: --datum ska vara ÅÅÅÅ-MM-DD, inte {value}\n")


def _check(parser: Parser, args: argparse.Namespace) -> int:
    from protogen.checkcache import home_for, run_cached

    root, target = _root_and_target(parser, args.path)
    if home_for(root) is None:  # off, or inside the project: no user cache at all this run
        os.environ["PROTOGEN_CACHE"] = "av"
    today = _today(parser, args.datum)
    options = ("check", str(target.resolve()) if target else "", today.isoformat(), args.format,
               str(args.strict), _git_folder(root) if args.format in ("github", "sarif") else "")
    # An unchanged project is not checked again: its stored output is written as it was.
    parts = target.resolve().relative_to(root.resolve()).parts if target else ()
    board = parts[1] if len(parts) > 1 and parts[0] == "protokoll" else None
    meeting = parts[2] if board is not None and len(parts) > 2 else None
    return run_cached(root, options, lambda: _run_check(root, target, today, args),
                      board=board, meeting=meeting)


def _run_check(root: Path, target: Path | None, today: dt.date,
               args: argparse.Namespace) -> tuple[str, int]:
    import io

    from protogen.checker import check_project
    from protogen.reporting import write_json, write_text

    _enable_parse_cache()
    # Only the target's findings are shown: the board's other meetings are read in outline.
    result = check_project(root, target, today=today, outline=True)
    out = io.StringIO()
    if args.format == "json":
        write_json(result, out)
    elif args.format in ("github", "sarif"):
        from protogen.reporting_ci import write_github, write_sarif

        (write_github if args.format == "github" else write_sarif)(result, out)
    else:
        write_text(result, out)
    failed = result.errors > 0 or (args.strict and result.warnings > 0)
    return out.getvalue(), EXIT_FEL if failed else EXIT_OK


def _git_folder(root: Path) -> str:
    """The nearest folder at or above the project holding .git (the github and sarif
    reports name files from there)."""
    resolved = root.resolve()
    return next((str(f) for f in (resolved, *resolved.parents) if (f / ".git").exists()), "")


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"ska vara ett heltal från 1 och uppåt, inte {value!r}")
    return int(value)


def _build(parser: Parser, args: argparse.Namespace) -> int:
    from protogen.build import build_all, default_jobs
    from protogen.progress import BuildProgress
    from protogen.reporting import write_build

    root, target = _root_and_target(parser, args.path)
    result = build_all(root, target, jobs=args.jobs or default_jobs(), always=args.alltid,
                       progress=BuildProgress)
    write_build(result, sys.stdout)
    return EXIT_OK if result.ok else EXIT_FEL


def _publish(parser: Parser, args: argparse.Namespace) -> int:
    from protogen.reporting import write_publish
    from protogen.site import publish

    root, _ = _root_and_target(parser, None, scoped=False)
    today = _today(parser, args.datum)
    seal = None
    if args.sigill is not None:
        from protogen.signcmd import load_seal

        seal = load_seal(args.sigill, args.password_file)
        if seal is None:
            return EXIT_FEL
    result = publish(root, today, sigill=seal)
    write_publish(result, sys.stdout)
    return EXIT_OK if result.ok else EXIT_FEL


def _archive(parser: Parser, args: argparse.Namespace) -> int:
    from protogen.archive import Options, archive

    root, target = _root_and_target(parser, args.path)
    dest = None
    if args.till:
        dest = Path(args.till) if Path(args.till).is_absolute() else Path.cwd() / args.till
    roots = []
    for name in args.betrodd:
        try:
            roots.append(Path(name).read_bytes())
        except OSError as err:
            parser.exit(EXIT_USAGE, f"protogen: fel: {name} kunde inte läsas: {err.strerror}\n")
    return archive(root, target, Options(dest=dest, zip=args.zip, meeting=args.meeting,
                                         public=args.offentlig, trust_roots=roots))


def _justering(parser: Parser, args: argparse.Namespace) -> int:
    from protogen import signcmd

    root, target = _root_and_target(parser, args.path)
    if args.command == "sign":
        assert target is not None
        return signcmd.run_sign(parser, args, root, target)
    return signcmd.run_verify(parser, args, root, target)


def _rules() -> int:
    from protogen.rules import RULES

    for rule in RULES:
        print(f"{rule.id}: {rule.summary}")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
