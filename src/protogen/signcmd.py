"""`protogen sign` and `protogen verify`: the command-line side of protogen.justering."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FEL, EXIT_USAGE = 0, 1, 2


def add_parsers(commands: Any) -> None:
    sign = commands.add_parser(
        "sign",
        help="justera: signera protokollet, eller importera ett protokoll signerat på annat håll",
        description=(
            "Signerar sammanträdets byggda protokoll med ett certifikat (PKCS#12) i fältet för\n"
            "certifikatinnehavarens roll, eller importerar ett protokoll som signerats i en\n"
            "underskriftstjänst. Det signerade originalet sparas i\n"
            "  protokoll/<organ>/<möte>/signerat/protokoll.pdf\n"
            "och ska checkas in i git. Nästa undertecknare signerar den filen.\n"
            "Slutstatus: 0 när det gick, 1 när det vägrades, 2 vid felaktig användning."
        ),
    )
    sign.add_argument("path", metavar="MÖTESMAPP", help="sammanträdets mapp under protokoll/")
    sign.add_argument("--pkcs12", metavar="FIL", help="certifikat och nyckel (.p12/.pfx)")
    sign.add_argument("--lösenord-fil", dest="password_file", metavar="FIL",
                      help="fil vars första rad är lösenordet till PKCS#12-filen")
    sign.add_argument("--roll", choices=("sekreterare", "ordförande", "justerare"),
                      help="rollen underskriften gäller, när namnet inte räcker")
    sign.add_argument("--tsa", metavar="URL",
                      help="tidsstämpeltjänst (RFC 3161) för PAdES B-T")
    sign.add_argument("--importera", dest="import_file", metavar="FIL",
                      help="spara ett protokoll som signerats i en underskriftstjänst")
    sign.add_argument("--utdrag", action="store_true",
                      help="bestyrk alla utdrag med sekreterarens certifikat (signerat/utdrag/)")
    sign.add_argument("--datum", metavar="ÅÅÅÅ-MM-DD", help=argparse.SUPPRESS)

    verify = commands.add_parser(
        "verify",
        help="kontrollera signerade protokoll",
        description=(
            "Kontrollerar varje signerat protokoll under SÖKVÄG: att underskrifterna är hela och\n"
            "täcker dokumentet (utom senare underskrifter), att sekreteraren, ordföranden och\n"
            "varje justerare har signerat, att protokollet stämmer med källan, och med --betrodd\n"
            "att certifikaten leder till en betrodd rot. En rad per sammanträde.\n"
            "Slutstatus: 0 när allt stämmer, 1 när något inte gör det, 2 vid felaktig användning."
        ),
    )
    verify.add_argument("path", nargs="?", metavar="SÖKVÄG",
                        help="en nämnds eller ett sammanträdes mapp, eller ett signerat protokoll "
                             "(standard: hela protokoll/)")
    verify.add_argument("--betrodd", metavar="CERT.pem", nargs="+", action="extend", default=[],
                        help="betrodda rotcertifikat (PEM eller DER)")
    verify.add_argument("--format", choices=("text", "json"), default="text",
                        help="utdata som text (standard) eller json")


def _quiet() -> None:
    # pyHanko logs every path it cannot build and every suspicious revision with a traceback;
    # the user gets our one line per meeting instead.
    import logging  # here, not at import: the command line builds this parser for `check` too

    for name in ("pyhanko", "pyhanko_certvalidator", "fontTools"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _meeting(parser: Any, root: Path, target: Path) -> tuple[Any, Any]:
    from protogen.checker import check_project

    result = check_project(root, target)
    resolved = target.resolve()
    for meeting in result.project.meetings():
        if meeting.folder.resolve() == resolved:
            return meeting, result
    parser.exit(EXIT_USAGE, f"protogen: fel: {target} är ingen sammanträdesmapp\n")
    raise AssertionError("unreachable")


def run_sign(parser: Any, args: argparse.Namespace, root: Path, target: Path) -> int:
    import datetime as dt

    from protogen import justering as j

    _quiet()
    if args.import_file and (args.pkcs12 or args.utdrag):
        parser.exit(EXIT_USAGE, "protogen: fel: --importera kan inte kombineras med --pkcs12 "
                                "eller --utdrag\n")
    if not args.import_file and not args.pkcs12:
        parser.exit(EXIT_USAGE, "protogen: fel: ange --pkcs12 FIL (eller --importera FIL)\n")
    today = None
    if args.datum:
        try:
            today = dt.date.fromisoformat(args.datum)
        except ValueError:
            parser.exit(EXIT_USAGE, f"protogen: fel: --datum ska vara ÅÅÅÅ-MM-DD, inte {args.datum}\n")
    meeting, result = _meeting(parser, root, target)
    rel = meeting.folder.relative_to(root).as_posix()
    out = sys.stdout
    if not args.import_file and not args.utdrag and not (meeting.folder / j.SIGNED_PROTOCOL).exists():
        from protogen.findings import Level

        errors = result.meeting_findings(meeting, Level.FEL)
        if errors:
            sys.stderr.write(f"{rel}: fel: protokollet signeras inte, kontrollen hittade fel:\n")
            for finding in errors:
                sys.stderr.write(f"  {finding.format()}\n")
            return EXIT_FEL
    try:
        if args.import_file:
            imported = j.import_signed(root, meeting, Path(args.import_file))
            out.write(f"{rel}: importerat till {j.SIGNED_PROTOCOL}; {imported.summary()}\n")
            return EXIT_OK
        credentials = load_or_ask(Path(args.pkcs12), args.password_file)
        if args.utdrag:
            paths = j.sign_extracts(root, meeting, credentials, tsa=args.tsa, today=today)
            out.write(f"{rel}: {len(paths)} utdrag bestyrkta i {j.SIGNED_EXTRACTS}/\n")
            return EXIT_OK
        signed = j.sign_meeting(root, meeting, credentials, role=args.roll, tsa=args.tsa,
                                today=today)
    except j.JusteringError as err:
        sys.stderr.write(f"{rel}: fel: {err}\n")
        return EXIT_FEL
    out.write(f"{rel}: signerat av {signed.slot.label} i {j.SIGNED_PROTOCOL}\n")
    if signed.remaining:
        out.write("Återstår: " + "; ".join(s.label for s in signed.remaining) + "\n")
    else:
        out.write("Alla har signerat. Checka in signerat/protokoll.pdf i git.\n")
    return EXIT_OK


def run_verify(parser: Any, args: argparse.Namespace, root: Path, target: Path | None) -> int:
    from protogen import justering as j
    from protogen.checker import check_project

    _quiet()
    if target is not None and target.is_file():
        if target.name != "protokoll.pdf" or target.parent.name != "signerat":
            parser.exit(EXIT_USAGE, f"protogen: fel: {args.path} är inget signerat protokoll "
                                    f"({j.SIGNED_PROTOCOL})\n")
        target = target.parent.parent
    try:
        roots = j.load_trust_roots(Path(p) for p in args.betrodd)
    except j.JusteringError as err:
        parser.exit(EXIT_USAGE, f"protogen: fel: {err}\n")
    result = check_project(root, target)
    meetings = [m for m in result.project.meetings()
                if target is None or m.folder.resolve() == target.resolve()
                or target.resolve() in m.folder.resolve().parents]
    exact = target is not None and any(m.folder.resolve() == target.resolve() for m in meetings)
    chosen = [m for m in meetings if exact or (m.folder / j.SIGNED_PROTOCOL).is_file()]
    rows: list[dict[str, Any]] = []
    failed = False
    for meeting in chosen:
        verification = j.verify_meeting(meeting, roots)
        failed = failed or not verification.ok
        rows.append(_row(root, meeting, verification))
    if args.format == "json":
        import json

        json.dump({"protokoll": rows, "ok": not failed}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for row in rows:
            sys.stdout.write(f"{row['sammanträde']}: {row['text']}\n")
        if not rows:
            where = args.path or "protokoll/"
            sys.stdout.write(f"Inga signerade protokoll under {where}.\n")
    return EXIT_FEL if failed else EXIT_OK


def _row(root: Path, meeting: Any, verification: Any) -> dict[str, Any]:
    return {
        "sammanträde": meeting.folder.relative_to(root).as_posix(),
        "ok": verification.ok,
        "text": verification.summary(),
        "problem": list(verification.problems),
        "källan_stämmer": verification.fingerprint_matches,
        "underskrifter": [
            {"fält": s.field, "namn": s.signer, "roll": s.slot.role if s.slot else None,
             "tid": s.time.isoformat() if s.time else None, "hel": s.intact,
             "betrodd": s.trusted, "ändringar_efter": s.modification}
            for s in verification.signatures
        ],
    }


def load_seal(pkcs12: str, password_file: str | None) -> Any:
    """The e-sigill of `publish --sigill`, or None after a Swedish message."""
    from protogen import justering as j

    _quiet()
    try:
        return load_or_ask(Path(pkcs12), password_file)
    except j.JusteringError as err:
        sys.stderr.write(f"protogen: fel: {err}\n")
        return None


def load_or_ask(pkcs12: Path, password_file: str | None) -> Any:
    """The PKCS#12 credentials; without --lösenord-fil, at a terminal, the password is asked
    for (never echoed) when the file needs one."""
    from protogen import justering as j

    if password_file is not None:
        return j.load_credentials(pkcs12, Path(password_file))
    try:
        return j.load_credentials(pkcs12)
    except j.JusteringError:
        if not sys.stdin.isatty():
            raise
    import getpass

    password = getpass.getpass(f"Lösenord för {pkcs12.name}: ").encode()
    return j.load_credentials(pkcs12, password=password)
