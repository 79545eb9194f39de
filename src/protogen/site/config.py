"""webbplats.yaml: the municipality's name, logo, colours and address for the public site.

The file is optional; every key has a default. Every bad value is a finding at its line, in
Swedish, and `publish` writes nothing while one stands::

    namn: Exempelkommun                          # shown in every page head and in the feeds
    adress: https://www.exempelkommun.se/protokoll/   # where build/site/ is published
    logotyp: webbplats/logotyp.svg               # a file in the project (svg, png, jpg, webp)
    färger:
      primär: "#1d3f6e"                          # head, links and focus; white text on it
    mall: standard                               # the look whose site/ templates are used
    licens: https://creativecommons.org/publicdomain/zero/1.0/   # for the open data
    förvaltningsrätt: Förvaltningsrätten i Härnösand   # where a laglighetsprövning goes
    tillgänglighet:                              # the tillgänglighetsredogörelse (DOS-lagen)
      kontakt: webb@exempelkommun.se             # e-post for reporting a barrier
      formulär: https://www.exempelkommun.se/tillganglighet/rapportera   # or a web form
      telefon: 0123-45 67 00
      förenlighet: delvis                        # helt | delvis | inte
      brister:                                   # the known barriers, one per line
        - Protokoll från före 2020 är inskannade PDF-filer utan text.
      bedömd: 2024-01-15                         # the latest assessment
      uppdaterad: 2024-03-01                     # the statement's latest update

A colour must keep white text readable on it (contrast at least 4.5:1, WCAG 2.1 AA 1.4.3),
since the head of every page is white on the primary colour.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from protogen.findings import Finding, Findings, Pos
from protogen.limits import plain_name, read_text
from protogen.loader import fields
from protogen.loader.yamlread import Node, read_yaml, shown

FILE = "webbplats.yaml"
KEYS = fields.SITE.names()
COLOUR_KEYS = fields.COLOURS.names()
ACCESSIBILITY_KEYS = fields.ACCESSIBILITY.names()
COMPLIANCE = ("helt", "delvis", "inte")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
              ".jpeg": "image/jpeg", ".webp": "image/webp"}
DEFAULT_PRIMARY = "#1d3f6e"
DEFAULT_LICENSE = "https://creativecommons.org/publicdomain/zero/1.0/"
MIN_CONTRAST = 4.5  # WCAG 2.1 AA, 1.4.3, normal text
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


@dataclass
class Accessibility:
    """The tillgänglighetsredogörelse's facts (lag 2018:1937, 16 §; DIGG's model)."""

    email: str | None = None
    form: str | None = None  # a web address for reporting a barrier
    phone: str | None = None
    compliance: str = "delvis"  # helt | delvis | inte
    barriers: list[str] = field(default_factory=list)
    assessed: dt.date | None = None
    updated: dt.date | None = None

    @property
    def has_contact(self) -> bool:
        return bool(self.email or self.form or self.phone)


@dataclass
class SiteConfig:
    """What the site needs to know about its owner; defaults stand in for a missing file."""

    name: str | None = None  # None: derived from the boards' huvudman
    base_url: str | None = None  # absolute, ends with "/"; None: links stay relative
    logo: Path | None = None  # absolute path of the logo file
    primary: str = DEFAULT_PRIMARY
    look: str = "standard"
    license: str = DEFAULT_LICENSE
    description: str | None = None
    court: str | None = None  # förvaltningsrätt: where a laglighetsprövning goes
    accessibility: Accessibility = field(default_factory=Accessibility)
    positions: dict[str, Pos] = field(default_factory=dict)

    @property
    def logo_name(self) -> str | None:
        """The logo's file name on the site."""
        return f"logotyp{self.logo.suffix.lower()}" if self.logo else None


def load_config(root: Path) -> tuple[SiteConfig, list[Finding]]:
    """Read `root/webbplats.yaml`; a missing file gives the defaults and no findings."""
    findings = Findings()
    config = SiteConfig()
    path = root / FILE
    if not path.is_file():
        return config, []
    text = read_text(path, FILE, findings)  # inside the project, within the size limits
    if text is None:
        return config, findings.sorted()
    _personnummer(text, findings)
    data = read_yaml(text, FILE, findings)
    if data is None:
        return config, findings.sorted()
    if not isinstance(data, dict):
        findings.fel(Pos(FILE), f"{FILE} ska vara en mappning (nyckel: värde)", "webbplats")
        return config, findings.sorted()
    node = Node(data, FILE, findings, where=FILE)  # type: ignore[arg-type]  # a CommentedMap
    node.check_keys(KEYS, FILE)
    config.positions = node.positions()
    config.name = _nonempty(node, "namn")
    config.description = _nonempty(node, "beskrivning")
    config.base_url = _url(node, "adress", findings, slash=True)
    config.license = _url(node, "licens", findings, slash=False) or DEFAULT_LICENSE
    config.logo = _logo(node, root, findings)
    config.look = _look(node, root, findings)
    config.court = _nonempty(node, "förvaltningsrätt")
    config.accessibility = _accessibility(node, findings)
    colours = node.mapping("färger", "färger")
    if colours is not None:
        colours.check_keys(COLOUR_KEYS, "färger")
        config.primary = _colour(colours, "primär", findings) or DEFAULT_PRIMARY
    return config, findings.sorted()


def _personnummer(text: str, findings: Findings) -> None:
    """Everything in webbplats.yaml may reach the site: no personnummer anywhere in it."""
    from protogen.rules.personnummer import find_numbers

    for number, line in enumerate(text.split("\n"), start=1):
        for hit in find_numbers(line):
            findings.fel(Pos(FILE, number, hit.start + 1),
                         f"{hit.kind} {hit.masked} i {FILE}: {hit.kind} får inte stå på "
                         "webbplatsen; ta bort det", "personnummer")


def _accessibility(node: Node, findings: Findings) -> Accessibility:
    result = Accessibility()
    child = node.mapping("tillgänglighet", "tillgänglighet")
    if child is None:
        return result
    child.check_keys(ACCESSIBILITY_KEYS, "tillgänglighet")
    email = _nonempty(child, "kontakt")
    if email and not _EMAIL.match(email):
        findings.fel(child.value_pos("kontakt"), f"kontakt ska vara en e-postadress, inte "
                                                 f"{email!r}", "webbplats")
        email = None
    result.email = email
    result.form = _url(child, "formulär", findings, slash=False)
    result.phone = _nonempty(child, "telefon")
    compliance = child.text("förenlighet")
    if compliance is not None:
        if compliance.strip() in COMPLIANCE:
            result.compliance = compliance.strip()
        else:
            findings.fel(child.value_pos("förenlighet"),
                         f"förenlighet ska vara helt, delvis eller inte, inte {compliance!r}",
                         "webbplats")
    for value, pos in child.sequence("brister"):
        if isinstance(value, str) and value.strip():
            result.barriers.append(value.strip())
        else:
            findings.fel(pos, "brister ska vara en lista med texter", "webbplats")
    result.assessed = child.date("bedömd")
    result.updated = child.date("uppdaterad")
    return result


def _nonempty(node: Node, key: str) -> str | None:
    value = node.text(key)
    if value is not None and not value.strip():
        node.findings.fel(node.value_pos(key), f"{key} är tomt", "webbplats")
        return None
    return value.strip() if value else None


def _url(node: Node, key: str, findings: Findings, *, slash: bool) -> str | None:
    value = node.text(key)
    if value is None:
        return None
    parsed = urlparse(value.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        findings.fel(node.value_pos(key),
                     f"{key} ska vara en fullständig webbadress som börjar med https://, "
                     f"inte {value!r}", "webbplats")
        return None
    url = value.strip()
    return url if not slash or url.endswith("/") else url + "/"


def _logo(node: Node, root: Path, findings: Findings) -> Path | None:
    value = node.text("logotyp")
    if value is None:
        return None
    where = node.value_pos("logotyp")
    candidate = (root / value).resolve()
    try:
        candidate.relative_to(root.resolve())
    except ValueError:
        findings.fel(where, f"logotypen {value} ligger utanför projektet", "webbplats")
        return None
    if candidate.suffix.lower() not in LOGO_TYPES:
        kinds = ", ".join(k.lstrip(".") for k in LOGO_TYPES)
        findings.fel(where, f"logotypen {value} ska vara en bildfil ({kinds})", "webbplats")
        return None
    if not candidate.is_file():
        findings.fel(where, f"logotypen {value} finns inte", "webbplats")
        return None
    return candidate


def _look(node: Node, root: Path, findings: Findings) -> str:
    from protogen.render.templates import template_exists

    value = node.text("mall")
    if value is None:
        return "standard"
    if not plain_name(value):
        findings.fel(node.value_pos("mall"), f"mall ska vara namnet på en mapp i mallar/, inte "
                                             f"en sökväg ({shown(value)})", "webbplats")
        return "standard"
    if (root / "mallar" / value).is_dir():
        from protogen.rules.mall import outside_links

        for finding in outside_links(root, value, node.value_pos("mall")):
            findings.fel(finding.pos, finding.message, "webbplats")
    if not template_exists(root, value):
        findings.fel(node.value_pos("mall"),
                     f"mallen {value} finns inte (ingen mapp mallar/{value}/)", "webbplats")
        return "standard"
    return value


def _colour(node: Node, key: str, findings: Findings) -> str | None:
    value = node.text(key)
    if value is None:
        return None
    where = node.value_pos(key)
    if not _HEX.match(value.strip()):
        findings.fel(where, f'färgen {key} ska skrivas som "#1d3f6e" (inom citattecken), '
                            f"inte {value!r}", "webbplats")
        return None
    colour = expand(value.strip())
    ratio = contrast(colour, "#ffffff")
    if ratio < MIN_CONTRAST:
        findings.fel(where, f"färgen {key} {colour} ger för låg kontrast mot vit text "
                            f"({ratio:.1f}:1; minst {MIN_CONTRAST}:1 krävs enligt WCAG 2.1 AA); "
                            "välj en mörkare färg", "webbplats")
        return None
    return colour


def expand(colour: str) -> str:
    """'#abc' → '#aabbcc', lower case."""
    colour = colour.lower()
    if len(colour) == 4:
        return "#" + "".join(c * 2 for c in colour[1:])
    return colour


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two '#rrggbb' colours."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue
