"""Three boards on disk for the site tests, with a secret item whose every part carries a
marker word, and the notices each board's meetings put on the anslagstavla.

Boards:
- ks: Kommunstyrelsen (anslag). 2024-03-13 justerat: § 1 omedelbart justerad, § 2 secret,
  § 3 with an omröstning. 2024-04-17 justerat, nedtaget given after the appeal period.
  2024-05-22 kallelse (a coming meeting with a secret item). A sammanträdesplan for 2024.
- bun: Barn- och utbildningsnämnden (anslag). 2024-03-14 justerat. 2024-04-10 utkast with
  an omedelbart justerad §.
- ek: Samordningsförbundet, an ekonomisk förening without anslag. 2024-03-15 justerat.
- kf: Kommunfullmäktige (`typ: fullmäktige`). 2024-02-15 justerat, kungjord 2024-02-05.
  2024-04-18 kallelse, kungjord 2024-04-08: on the anslagstavla on DAY, with a secret item
  whose handling (a PDF) carries a marker, and a public one with a PDF of its own.
- anslag/: a delegationsbeslut up on DAY (with a file), a föreskrift taken down before it
  (no appeal), and a notice that goes up after it.
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
    "kf-kallelse": "Myrslokstiteln",  # a secret item of the coming fullmäktige meeting
    "kf-dnr": "KF 2024/MYRSLOK-9",
}
# The text inside the secret items' attached PDFs: not words of the item files (so not the
# scanner's to know), yet none may reach the site, since the files are never published.
SECRET_ATTACHMENT_MARKERS = {
    "bilaga": "Bäverbilagan",  # ks 2024-03-13, the secret § 2's handling
    "kf-bilaga": "Illerbilagan",  # kf 2024-04-18, the secret item's handling
}
PUBLIC_ATTACHMENT = "Solrosbilagan"  # the text of the public § 3's attached PDF
PUBLIC_KF_ATTACHMENT = "Budgetbilagan"  # the public kf item's attached PDF
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
    Expected("kf/2024-02-15/kungorelse", D("2024-02-05"), D("2024-02-15")),
    Expected("kf/2024-02-15/protokoll", D("2024-02-23"), D("2024-03-15")),
    Expected("kf/2024-04-18/kungorelse", D("2024-04-08"), D("2024-04-18")),
    Expected("anslag/2024-04-02-parkering", D("2024-04-02"), D("2024-04-23")),
    Expected("anslag/2024-03-01-ordningsforeskrift", D("2024-03-01"), D("2024-03-20")),
    Expected("anslag/2024-05-02-bygglov", D("2024-05-02"), D("2024-05-23")),
]


def tiny_pdf(text: str) -> bytes:
    """A one-page PDF whose text is `text` (ASCII letters, å, ä, ö), readable by pypdf."""
    encoded = text.encode("cp1252")
    stream = b"BT /F1 14 Tf 72 720 Td (" + encoded + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 "
        b"4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
            "%%EOF\n").encode()
    return out


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
        "beslutsunderlag": [{"titel": m["underlag"], "fil": "underlag/utredning.pdf"}],
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
                   "beslutsunderlag": [{"titel": "Projektplan", "fil": "underlag/plan.pdf"}],
                   "reservationer": [{"av": NINE[5]}]},
                  body=f"{PUBLIC_MARKER} ger skolgårdarna solrosor.\n"),
    ])
    underlag = root / "protokoll/ks/2024-03-13/underlag"
    underlag.mkdir()
    (underlag / "utredning.pdf").write_bytes(tiny_pdf(SECRET_ATTACHMENT_MARKERS["bilaga"]))
    (underlag / "plan.pdf").write_bytes(tiny_pdf(PUBLIC_ATTACHMENT))
    write_meeting(root, "ks", "2024-04-17", meeting_data(
        "2024-04-17", anslag={"uppsatt": D("2024-04-25"), "nedtaget": D("2024-05-20")},
    ), [{"rubrik": "Budgetuppföljning", "dnr": "KS 2024/12",
         "beslut": "Uppföljningen godkänns.\n"}])
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
    write_council(root)
    write_notices(root)
    return root


def write_council(root: Path) -> None:
    kf = organ_data(namn="Kommunfullmäktige", kortnamn="KF", huvudman="Exempelkommun",
                    typ="fullmäktige", förvaringsplats="Kommunkansliet")
    write_organ(root, "kf", kf)
    write_meeting(root, "kf", "2024-02-15", meeting_data(
        "2024-02-15", kungörelse={"datum": D("2024-02-05")}, plats="Fullmäktigesalen",
    ), [{"rubrik": "Val av revisorer", "beslut": "Revisorerna väljs.\n"}])
    m = SECRET_MARKERS
    folder = write_meeting(root, "kf", "2024-04-18", {
        "datum": D("2024-04-18"), "tid": "18:00-21:00", "plats": "Fullmäktigesalen",
        "status": "kallelse", "kungörelse": {"datum": D("2024-04-08")},
    }, [
        "---\n" + dump_yaml({"rubrik": "Budget 2025", "dnr": "KF 2024/3",
                             "beslutsunderlag": [{"titel": "Budgetförslag",
                                                  "fil": "underlag/budget.pdf"}]}) + "---\n",
        "---\n" + dump_yaml({"rubrik": m["kf-kallelse"], "dnr": m["kf-dnr"], "sekretess": GROUND,
                             "beslutsunderlag": [{"titel": "Illerutredningen",
                                                  "fil": "underlag/hemlig.pdf"}]}) + "---\n",
    ])
    (folder / "underlag").mkdir()
    (folder / "underlag/budget.pdf").write_bytes(tiny_pdf(PUBLIC_KF_ATTACHMENT))
    (folder / "underlag/hemlig.pdf").write_bytes(tiny_pdf(SECRET_ATTACHMENT_MARKERS["kf-bilaga"]))


def write_notices(root: Path) -> None:
    folder = root / "anslag"
    (folder / "beslut").mkdir(parents=True)
    (folder / "beslut/parkering.pdf").write_bytes(tiny_pdf("Parkeringsbeslutet"))
    notices = {
        "2024-04-02-parkering.md": ({"rubrik": "Delegationsbeslut om parkeringstillstånd",
                                     "organ": "ks", "fil": "beslut/parkering.pdf"},
                                    "Beslutet gäller **parkeringstillstånd** i centrum.\n"),
        "2024-03-01-ordningsforeskrift.md": ({"rubrik": "Lokala ordningsföreskrifter",
                                              "nedtaget": D("2024-03-20"),
                                              "överklagande": False},
                                             "Föreskrifterna gäller från 1 april.\n"),
        "2024-05-02-bygglov.md": ({"rubrik": "Underrättelse om bygglov"},
                                  "Ett framtida anslag.\n"),
    }
    for name, (front, body) in notices.items():
        (folder / name).write_text("---\n" + dump_yaml(front) + "---\n" + body,
                                   encoding="utf-8")


def run_publish(root: Path, day: dt.date) -> tuple[int, str]:
    """`publish` as of `day`: (exit code, what it printed)."""
    from protogen.reporting import write_publish
    from protogen.site import publish

    out = io.StringIO()
    result = publish(root, day)
    write_publish(result, out)
    return (0 if result.ok else 1), out.getvalue()
