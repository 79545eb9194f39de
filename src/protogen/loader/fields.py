"""What each file may hold: every key, how the reader reads it, and what it means.

This is the one declaration of the format's keys. The readers (`organ.py`, `meeting.py`,
`item.py`, `site/config.py`) take their lists of allowed keys from here, and `protogen schema`
turns the same declarations into JSON Schemas (draft 2020-12) for editors. A key added here is
known to both; a key the reader does not know cannot be in a schema.

Each key's kind says which of the reader's typed getters (`Node.text`, `.date`, `.integer`,
`.boolean`, `.mapping`, `.sequence`) reads it, and so what the reader accepts: text takes a
number too (a dnr written 2019), a list takes a lone value as a list of one, and an empty
value counts as left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from protogen.model import STATUSES

JSON = dict[str, Any]

NUMBERINGS = ("per_år", "löpande")
DATE_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"  # the reader rejects 2025-13-40
PARAGRAPHS_PATTERN = r"^\s*(§§?\s*)?\d+\s*([-–]\s*\d+)?\s*(,\s*(§§?\s*)?\d+\s*([-–]\s*\d+)?\s*)*$"
COLOUR_PATTERN = r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"


# -- kinds: the schema of a value as the reader's getters accept it ------------------------------
def text(**extra: Any) -> JSON:
    """`Node.text`: a string; a number is read as its text."""
    return {"type": ["string", "number"], **extra}


def date() -> JSON:
    """`Node.date`: ÅÅÅÅ-MM-DD. YAML reads an unquoted date as a date, not a string; a schema
    validator that keeps it so must still accept it, hence no `type` but every other JSON type
    excluded."""
    return {"format": "date", "pattern": DATE_PATTERN,
            "not": {"type": ["number", "boolean", "array", "object", "null"]}}


def integer(minimum: int | None = None) -> JSON:
    """`Node.integer`."""
    return {"type": "integer"} | ({"minimum": minimum} if minimum is not None else {})


def boolean() -> JSON:
    """`Node.boolean`."""
    return {"type": "boolean"}


def choice(values: tuple[str, ...]) -> JSON:
    return {"enum": list(values)}


def one_of(*kinds: JSON) -> JSON:
    return {"anyOf": list(kinds)}


def listing(item: JSON) -> JSON:
    """`Node.sequence`: a list, or a lone value standing for a list of one."""
    return {"anyOf": [{"type": "array", "items": item}, item]}


def names() -> JSON:
    return listing({"type": "string"})


@dataclass(frozen=True)
class Key:
    kind: JSON | Shape
    doc: str
    required: bool = False


@dataclass(frozen=True)
class Shape:
    """A YAML mapping with a closed set of keys (any other key is an `okand-nyckel` fel)."""

    title: str
    keys: dict[str, Key]
    extra: JSON = field(default_factory=dict)  # further schema, e.g. demands by phase

    def names(self) -> tuple[str, ...]:
        return tuple(self.keys)


# -- organ.yaml -------------------------------------------------------------------------------
PERSON = Shape("en person i registret", {
    "namn": Key(text(), "Förnamn och efternamn, så som personen skrivs i protokollen.", True),
    "parti": Key(text(), "Partiets förkortning, t.ex. S, M, C."),
    "kommun": Key(text(), "Kommunen eller regionen personen företräder (i gemensamma nämnder)."),
    "uppdrag": Key(text(), "T.ex. ordförande, 1:e vice ordförande, vice ordförande."),
    "från": Key(date(), "Första dagen på uppdraget (ÅÅÅÅ-MM-DD)."),
    "till": Key(date(), "Sista dagen på uppdraget (ÅÅÅÅ-MM-DD)."),
})
PLAN_ENTRY = Shape("ett planerat sammanträde", {
    "datum": Key(date(), "Sammanträdets datum (ÅÅÅÅ-MM-DD).", True),
    "tid": Key(text(), 'Tiden, t.ex. "09:00" eller "09:00-12:00".'),
    "plats": Key(text(), "Var sammanträdet hålls."),
    "anteckning": Key(text(), "T.ex. Inställt."),
    "notering": Key(text(), "Samma som anteckning."),
    "inställt": Key(boolean(), "true när sammanträdet ställdes in."),
})


def _person() -> JSON:
    return {"$ref": "#/$defs/person"}


def _plan() -> JSON:
    entries = {"type": "array", "items": {"$ref": "#/$defs/planerat"}}
    return one_of(entries, {"type": "object", "additionalProperties": entries})


ORGAN = Shape("organ.yaml: en nämnd, styrelse eller ett fullmäktige", {
    "namn": Key(text(), "Organets fullständiga namn.", True),
    "kortnamn": Key(text(), "Kort namn, t.ex. GNS: i filnamn och sidhuvuden."),
    "huvudman": Key(text(), "Kommunen eller regionen som organet hör till."),
    "förvaringsplats": Key(text(), "Var det justerade protokollet förvaras (står i anslaget)."),
    "paragrafnumrering": Key(choice(NUMBERINGS),
                             "per_år: § 1 vid årets första sammanträde; löpande: numren fortsätter."),
    "anslag": Key(boolean(), "false för organ utanför kommunallagen (t.ex. en ekonomisk förening)."),
    "beslutförhet": Key(one_of({"const": "hälften"}, integer(1)),
                        "hälften: mer än hälften av ledamöterna ska delta; eller ett minsta antal."),
    "mall": Key(text(), "Mallen organets dokument skrivs med: standard, beslut-forst eller en mapp "
                        "under mallar/."),
    "ärendetyper": Key({"type": "object", "additionalProperties": one_of(text(), {"type": "null"})},
                       "Förklaring av ärendetyperna, t.ex. B: beslut, I: information."),
    "ledamöter": Key(listing(one_of({"type": "string"}, _person())), "Organets ledamöter.", True),
    "ersättare": Key(listing(one_of({"type": "string"}, _person())), "Organets ersättare."),
    "sammanträdesplan": Key(_plan(), "Årets planerade sammanträden (eller grupperade per år)."),
    "justerare_minst": Key(integer(1), "Hur många justerare reglementet kräver (standard 1)."),
    "justering_dagar": Key(integer(1), "Kortare frist för justeringen än kommunallagens 14 dagar."),
    "kallelse_dagar": Key(integer(), "Minsta antal dagar mellan kallelsens utskick och sammanträdet."),
    "organisationsnummer": Key(text(), "Organisationsnummer, t.ex. för en ekonomisk förening."),
    "typ": Key(text(), "Slag av organ, t.ex. nämnd, styrelse, fullmäktige, utskott."),
    "sekretess_rubrik_i_kallelse": Key(boolean(), "true: kallelsen visar sekretessärendens "
                                       "egna rubriker (annars \"Sekretessbelagt ärende\")."),
    "paragrafen_justerad": Key(boolean(), "true: \"Paragrafen är justerad.\" skrivs under "
                               "varje paragraf i ett justerat protokoll."),
})

# -- sammanträde.yaml ---------------------------------------------------------------------------
PARAGRAPHS = Key({"type": ["string", "integer"], "pattern": PARAGRAPHS_PATTERN},
                 'Paragrafer personen deltog i: "3", "3-4" eller "1-2, 6-9".')
REF = Shape("en person", {
    "namn": Key(text(), "Namnet, så som det står i organ.yaml.", True),
    "paragrafer": PARAGRAPHS,
})
SUBSTITUTE = Shape("en tjänstgörande ersättare", {
    "namn": Key(text(), "Ersättarens namn.", True),
    "ersätter": Key(text(), "Ledamoten som ersätts."),
    "paragrafer": PARAGRAPHS,
})
GUEST = Shape("en övrig närvarande", {
    "namn": Key(text(), "Namnet.", True),
    "titel": Key(text(), "Titel eller roll, t.ex. Förvaltningschef."),
    "paragrafer": PARAGRAPHS,
})
ADJUSTMENT = Shape("justeringen", {
    "datum": Key(date(), "Dagen protokollet justerades (ÅÅÅÅ-MM-DD)."),
    "tid": Key(text(), 'Tiden, t.ex. "11:00".'),
    "plats": Key(text(), "Var justeringen sker."),
})
ATTENDANCE = Shape("de närvarande", {
    "ledamöter": Key(listing(one_of({"type": "string"}, {"$ref": "#/$defs/person"})),
                     "Ledamöter som deltog: ett namn, eller {namn: …, paragrafer: …}."),
    "tjänstgörande_ersättare": Key(listing({"$ref": "#/$defs/tjänstgörande"}),
                                   "Ersättare som tjänstgjorde: {namn: …, ersätter: …}."),
    "ersättare": Key(listing(one_of({"type": "string"}, {"$ref": "#/$defs/person"})),
                     "Ersättare som var närvarande utan att tjänstgöra."),
    "övriga": Key(listing(one_of({"type": "string"}, {"$ref": "#/$defs/övrig"})),
                  "Tjänstepersoner och gäster: {namn: …, titel: …}."),
})
POSTING = Shape("anslaget", {
    "uppsatt": Key(date(), "Dagen anslaget sattes upp (senast andra dagen efter justeringen)."),
    "nedtaget": Key(date(), "Dagen anslaget tas ned (räknas ut när den utelämnas)."),
})
INVITATION = Shape("kallelsen", {
    "utskick": Key(date(), "Dagen kallelsen skickades ut."),
})
ANNOUNCEMENT = Shape("kungörelsen", {
    "datum": Key(date(), "Dagen kungörelsen sattes upp på anslagstavlan."),
    "uppsatt": Key(date(), "Samma som datum (som i anslag)."),
})
_HELD = ("närvarande", "ordförande", "sekreterare", "justerare")
MEETING = Shape("sammanträde.yaml: ett sammanträde", {
    "datum": Key(date(), "Sammanträdets datum (ÅÅÅÅ-MM-DD), samma som mappens namn.", True),
    "tid": Key(text(), 'Tiden, t.ex. "09:00-12:00".', True),
    "plats": Key(text(), "Var sammanträdet hålls.", True),
    "status": Key(choice(STATUSES), "kallelse, utkast (hållet, ej justerat) eller justerat.", True),
    "ordförande": Key(one_of({"type": "string"}, {"$ref": "#/$defs/person"}),
                      "Den som var ordförande vid sammanträdet."),
    "sekreterare": Key(one_of({"type": "string"}, {"$ref": "#/$defs/person"}), "Sekreteraren."),
    "justerare": Key(listing(one_of({"type": "string"}, {"$ref": "#/$defs/person"})),
                     "En eller flera som justerar protokollet."),
    "justering": Key(ADJUSTMENT, "När och var protokollet justeras."),
    "närvarande": Key(ATTENDANCE, "Vilka som deltog."),
    "anslag": Key(POSTING, "När det justerade protokollet anslås."),
    "första_paragraf": Key(integer(1), "Första §-numret, när serien inte ger det."),
    "kallelse": Key(INVITATION, "Kallelsen."),
    "kungörelse": Key(one_of(date(), {"$ref": "#/$defs/kungörelse"}),
                      "Fullmäktiges kungörelse: dagen den sattes upp, eller {datum: …}."),
}, extra={"allOf": [
    # The demands of each phase, as the rule `fas` makes them.
    {"if": {"properties": {"status": {"enum": ["utkast", "justerat"]}}, "required": ["status"]},
     "then": {"required": list(_HELD)}},
    {"if": {"properties": {"status": {"const": "justerat"}}, "required": ["status"]},
     "then": {"required": ["justering"], "properties": {"justering": {"required": ["datum"]}}}},
]})

# -- item front matter --------------------------------------------------------------------------
STATEMENT = Shape("ett yrkande, en reservation eller en protokollsanteckning", {
    "av": Key(text(), "Vem (namnet i organ.yaml).", True),
    "text": Key(text(), "Texten (Markdown)."),
})
VOTE = Shape("en omröstning", {
    "ja": Key(names(), "De som röstade ja."),
    "nej": Key(names(), "De som röstade nej."),
    "avstår": Key(names(), "De som avstod."),
})
DOCUMENT = Shape("ett beslutsunderlag", {
    "titel": Key(text(), "Handlingens titel."),
    "fil": Key(text(), "Filen, relativt mötesmappen, t.ex. underlag/yttrande.pdf."),
})


def _statements() -> JSON:
    return listing(one_of({"type": "string"}, {"$ref": "#/$defs/uttalande"}))


ITEM = Shape("ett ärende (front matter)", {
    "rubrik": Key(text(), "Ärendets rubrik.", True),
    "dnr": Key(text(), "Diarienummer, i vilket format som helst."),
    "typ": Key(text(), "En nyckel i organets ärendetyper, t.ex. B."),
    "förslag_till_beslut": Key(text(), "Förslaget till beslut (Markdown)."),
    "yrkanden": Key(_statements(), "Yrkanden: {av: …, text: …}."),
    "propositionsordning": Key(text(), "Hur ordföranden ställde proposition (Markdown)."),
    "omröstning": Key(VOTE, "En omröstning med namnupprop."),
    "beslut": Key(text(), "Beslutet (Markdown); krävs när sammanträdet är hållet och ärendet har "
                          "förslag till beslut."),
    "reservationer": Key(_statements(), "Reservationer: ett namn eller {av: …, text: …}."),
    "protokollsanteckningar": Key(_statements(), "Protokollsanteckningar: {av: …, text: …}."),
    "jäv": Key(names(), "De som inte deltog på grund av jäv."),
    "ordförande": Key(text(), "Ordförande i just detta ärende, när en annan än mötets."),
    "omedelbart_justerad": Key(boolean(), "true när paragrafen justerades omedelbart."),
    "expedieras": Key(listing(text()), "Vilka som får beslutet."),
    "beslutsunderlag": Key(listing(one_of({"type": "string"}, {"$ref": "#/$defs/handling"})),
                           "Handlingarna beslutet grundas på: en titel eller {titel: …, fil: …}."),
    "sekretess": Key(one_of({"const": False}, {"type": "string", "minLength": 1}),
                     'false, eller grunden för sekretess, t.ex. "OSL 26 kap. 1 §".'),
})

# -- webbplats.yaml -----------------------------------------------------------------------------
COLOURS = Shape("färgerna", {
    "primär": Key({"type": "string", "pattern": COLOUR_PATTERN},
                  'Huvudfärgen, t.ex. "#1d3f6e"; vit text ska gå att läsa på den.'),
})
ACCESSIBILITY = Shape("tillgänglighetsredogörelsen", {
    "kontakt": Key({"type": "string", "pattern": r"^[^@\s]+@[^@\s]+\.[^@\s]+$"},
                   "E-postadress dit brister i tillgängligheten kan rapporteras."),
    "formulär": Key({"type": "string", "pattern": "^https?://[^/]+"},
                    "Webbformulär för att rapportera brister (en adress)."),
    "telefon": Key(text(), "Telefonnummer för frågor om tillgänglighet."),
    "förenlighet": Key(choice(("helt", "delvis", "inte")),
                       "Hur förenlig webbplatsen är med lagen: helt, delvis eller inte."),
    "brister": Key(listing({"type": "string"}), "De kända bristerna, en per rad."),
    "bedömd": Key(date(), "Dagen för den senaste bedömningen (ÅÅÅÅ-MM-DD)."),
    "uppdaterad": Key(date(), "Dagen redogörelsen senast uppdaterades (ÅÅÅÅ-MM-DD)."),
})
SITE = Shape("webbplats.yaml: den publika webbplatsen", {
    "namn": Key(text(), "Kommunens namn, i varje sidhuvud och i flödena."),
    "adress": Key({"type": "string", "pattern": "^https?://[^/]+"},
                  "Adressen där build/site/ publiceras, t.ex. https://www.exempel.se/protokoll/."),
    "logotyp": Key(text(), "En bildfil i projektet (svg, png, jpg, webp)."),
    "färger": Key(COLOURS, "Webbplatsens färger."),
    "mall": Key(text(), "Mallen vars site/-mallar används."),
    "licens": Key({"type": "string", "pattern": "^https?://[^/]+"}, "Licensen för öppna data (en adress)."),
    "beskrivning": Key(text(), "En kort beskrivning av webbplatsen."),
    "förvaltningsrätt": Key(text(), "Domstolen ett överklagande (laglighetsprövning) ska till, "
                                    "t.ex. Förvaltningsrätten i Härnösand."),
    "tillgänglighet": Key(ACCESSIBILITY, "Tillgänglighetsredogörelsen (lag 2018:1937)."),
})

#: The shapes a schema refers to by name (`#/$defs/<name>`), by the file that uses them.
DEFS: dict[str, dict[str, Shape]] = {
    "organ": {"person": PERSON, "planerat": PLAN_ENTRY},
    "sammanträde": {"person": REF, "tjänstgörande": SUBSTITUTE, "övrig": GUEST,
                    "kungörelse": ANNOUNCEMENT},
    "ärende": {"uttalande": STATEMENT, "handling": DOCUMENT},
    "webbplats": {},
}
# -- anslag/<ÅÅÅÅ-MM-DD>-<namn>.md: another notice of the anslagstavla (front matter, so no
# editor schema: the YAML language server does not read Markdown) ----------------------------
POSTED_NOTICE = Shape("ett anslag på anslagstavlan (anslag/ÅÅÅÅ-MM-DD-namn.md)", {
    "rubrik": Key(text(), "Anslagets rubrik.", True),
    "uppsatt": Key(date(), "Dagen anslaget sätts upp; annars datumet i filnamnet."),
    "nedtaget": Key(date(), "Sista dagen anslaget sitter uppe; annars tre veckor efter "
                            "uppsatt, flyttat till en vardag."),
    "organ": Key(text(), "Organet anslaget kommer från: dess mapp under protokoll/."),
    "fil": Key(listing({"type": "string"}), "En fil (eller en lista) i mappen anslag/: PDF "
                                            "eller bild."),
    "överklagande": Key(one_of(boolean(), {"type": "string"}),
                        "false när beslutet inte kan överklagas; eller en text om hur det "
                        "överklagas."),
})

FILES: dict[str, Shape] = {"organ": ORGAN, "sammanträde": MEETING, "ärende": ITEM, "webbplats": SITE}
