"""Three boards on disk for the site tests, with a secret item whose every part carries a
marker word, and the notices each board's meetings put on the anslagstavla.

Boards:
- ks: Kommunstyrelsen (anslag). 2024-03-13 justerat: § 1 omedelbart justerad, § 2 secret,
  § 3 with an omröstning. 2024-04-17 justerat, nedtaget given after the appeal period.
  2024-05-22 kallelse (a coming meeting with a secret item). A sammanträdesplan for 2024.
- bun: Barn- och utbildningsnämnden (anslag). 2024-03-14 justerat. 2024-04-10 utkast with
  an omedelbart justerad §.
- ek: Samordningsförbundet, an ekonomisk förening without anslag. 2024-03-15 justerat.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from helpers import NINE, dump_yaml, item_text, meeting_data, organ_data, write_meeting, write_organ  # noqa: E402

D = dt.date.fromisoformat
DAY = dt.date(2024, 4, 10)  # many notices up; a coming meeting; planned dates ahead
GROUND = "OSL 26 kap. 1 §"

# Every part of the secret item carries one of these; none may reach build/site/.
SECRET_MARKERS = {
    "rubrik": "Kattugglebidrag",
    "dnr": "KS 2024/ZEBRA-17",
    "förslag": "Flamingoförslaget",
    "beslut": "Pelikanbeslutet",
    "yrkande": "Murmeldjursyrkandet",
    "text": "Markörordet",
    "namn": "Zlatan Zorrosson",  # named only in the secret item's text and yrkande
    "underlag": "Noshörningsutredningen",
    "expedieras": "Okapienheten",
    "gäst": "Gustav Gömsson",  # an official present only for the secret §
    "reservation": "Tapirreservationen",
    "kallelse": "Tapirtiteln",  # the title of a secret item of the coming meeting
}
PUBLIC_MARKER = "Solrosprojektet"  # in a public item: must be found, in pages and index


@dataclass(frozen=True)
class Expected:
    key: str  # the notice's data-anslag key
    up: dt.date
    down: dt.date


NOTICES = [
    Expected("ks/2024-03-13/protokoll", D("2024-03-21"), D("2024-04-11")),
    Expected("ks/2024-03-13/paragrafer", D("2024-03-13"), D("2024-04-03")),
    Expected("ks/2024-04-17/protokoll", D("2024-04-25"), D("2024-05-20")),
    Expected("bun/2024-03-14/protokoll", D("2024-03-22"), D("2024-04-12")),
    Expected("bun/2024-04-10/paragrafer", D("2024-04-10"), D("2024-05-02")),  # 1 maj moves it
]


def expected_on(day: dt.date) -> set[str]:
    return {n.key for n in NOTICES if n.up <= day <= n.down}


def secret_item() -> str:
    m = SECRET_MARKERS
    front = {
        "rubrik": f"Ansökan om {m['rubrik']}",
        "dnr": m["dnr"],
        "typ": "B",
        "sekretess": GROUND,
        "förslag_till_beslut": f"{m['förslag']} bifalls.\n",
        "yrkanden": [{"av": NINE[2], "text": f"{m['yrkande']}: bifall för {m['namn']}."}],
        "beslut": f"{m['beslut']}: ansökan från {m['namn']} beviljas.\n",
        "reservationer": [{"av": NINE[3], "text": m["reservation"]}],
        "beslutsunderlag": [m["underlag"]],
        "expedieras": [m["expedieras"]],
    }
    return item_text(front, body=f"{m['text']} gäller {m['namn']} och hans ansökan.\n")


def write_site_project(root: Path) -> Path:
    ks = organ_data(namn="Kommunstyrelsen", kortnamn="KS", huvudman="Exempelkommun",
                    ärendetyper={"B": "beslut", "I": "information"},
                    sammanträdesplan=[
                        {"datum": D("2024-03-13"), "tid": "09:00-12:00", "plats": "Kommunhuset"},
                        {"datum": D("2024-04-17"), "tid": "09:00-12:00", "plats": "Kommunhuset"},
                        {"datum": D("2024-05-22"), "tid": "09:00-12:00", "plats": "Kommunhuset"},
                        {"datum": D("2024-06-12"), "tid": "13:00-16:00", "plats": "Kommunhuset"},
                        {"datum": D("2024-09-18"), "anteckning": "Inställt"},
                        {"datum": D("2024-10-16"), "tid": "09:00",
                         "plats": "Folkets hus, Storgatan 1"},
                    ])
    write_organ(root, "ks", ks)
    write_meeting(root, "ks", "2024-03-13", meeting_data(
        "2024-03-13",
        närvarande={"ledamöter": list(NINE),
                    "övriga": [{"namn": SECRET_MARKERS["gäst"], "titel": "Utredare",
                                "paragrafer": "2"},
                               {"namn": "Olle Offentlig", "titel": "Kommundirektör"}]},
    ), [
        {"rubrik": "Val av justerare", "omedelbart_justerad": True,
         "beslut": "Bertil Berg utses att justera.\n"},
        secret_item(),
        item_text({"rubrik": f"{PUBLIC_MARKER}: medfinansiering", "dnr": "KS 2024/12",
                   "typ": "B",
                   "förslag_till_beslut": "Kommunen medfinansierar projektet.\n",
                   "yrkanden": [{"av": NINE[0], "text": "Bifall till förslaget."},
                                {"av": NINE[4], "text": "Avslag."}],
                   "propositionsordning": "Ordföranden ställer proposition på bifall mot "
                                          "avslag och finner bifall.\n",
                   "omröstning": {"ja": NINE[:5], "nej": NINE[5:8], "avstår": [NINE[8]]},
                   "beslut": "Kommunen medfinansierar projektet.\n",
                   "reservationer": [{"av": NINE[5]}]},
                  body=f"{PUBLIC_MARKER} ger skolgårdarna solrosor.\n"),
    ])
    write_meeting(root, "ks", "2024-04-17", meeting_data(
        "2024-04-17", anslag={"uppsatt": D("2024-04-25"), "nedtaget": D("2024-05-20")},
    ), [{"rubrik": "Budgetuppföljning", "beslut": "Uppföljningen godkänns.\n"}])
    write_meeting(root, "ks", "2024-05-22", {
        "datum": D("2024-05-22"), "tid": "09:00-12:00", "plats": "Kommunhuset",
        "status": "kallelse",
    }, [
        "---\n" + dump_yaml({"rubrik": "Årsredovisning 2023"}) + "---\n",
        "---\n" + dump_yaml({"rubrik": SECRET_MARKERS["kallelse"], "sekretess": GROUND})
        + "---\n",
    ])

    bun = organ_data(namn="Barn- och utbildningsnämnden", kortnamn="BUN",
                     huvudman="Exempelkommun", förvaringsplats="Skolkontoret")
    write_organ(root, "bun", bun)
    write_meeting(root, "bun", "2024-03-14", meeting_data(
        "2024-03-14", justering={"datum": D("2024-03-21")}, anslag={"uppsatt": D("2024-03-22")},
    ), [{"rubrik": "Skolplan", "beslut": "Skolplanen antas.\n"}])
    utkast = meeting_data("2024-04-10", status="utkast")
    del utkast["anslag"]
    write_meeting(root, "bun", "2024-04-10", utkast, [
        {"rubrik": "Brådskande skolskjuts", "omedelbart_justerad": True,
         "beslut": "Skolskjuts ordnas.\n"},
        {"rubrik": "Övrigt", "beslut": "Informationen noteras.\n"},
    ])

    ek = organ_data(namn="Samordningsförbundet", kortnamn="SFB",
                    huvudman="Samordningsförbundet ekonomisk förening", anslag=False,
                    paragrafnumrering="löpande")
    write_organ(root, "ek", ek)
    ek_meeting = meeting_data("2024-03-15", första_paragraf=40)
    del ek_meeting["anslag"]
    write_meeting(root, "ek", "2024-03-15", ek_meeting,
                  [{"rubrik": "Verksamhetsplan", "beslut": "Planen antas.\n"}])
    return root


def run_publish(root: Path, day: dt.date) -> tuple[int, str]:
    """`publish` as of `day`: (exit code, what it printed)."""
    from protogen.site import publish

    out = io.StringIO()
    code = publish(root, day, out=out)
    return code, out.getvalue()
