"""Building small projects on disk for tests, in the real file format."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from protogen.checker import CheckResult, check_project
from protogen.findings import Finding


def dump_yaml(data: Any) -> str:
    import io

    yaml = YAML()
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


NINE = ["Anna Andersson", "Bertil Berg", "Cecilia Carlsson", "David Dahl", "Eva Ek",
        "Fredrik Frisk", "Gunilla Gran", "Hans Holm", "Ingrid Ivarsson"]
PARTIES = ["S", "M", "C", "S", "M", "V", "L", "KD", "SD"]
DEPUTIES = ["Jonas Jansson", "Karin Krantz", "Lars Lind"]
DEPUTY_PARTIES = ["S", "M", "C"]


def organ_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "namn": "Testnämnden",
        "kortnamn": "TN",
        "huvudman": "Testkommun",
        "förvaringsplats": "Kommunhuset",
        "paragrafnumrering": "per_år",
        "anslag": True,
        "beslutförhet": "hälften",
        "ledamöter": [
            {"namn": n, "parti": p, "kommun": "Testkommun"} for n, p in zip(NINE, PARTIES, strict=True)
        ],
        "ersättare": [{"namn": n, "parti": p} for n, p in zip(DEPUTIES, DEPUTY_PARTIES, strict=True)],
    }
    data["ledamöter"][0]["uppdrag"] = "ordförande"
    data.update(overrides)
    return data


def meeting_data(day: str = "2024-03-13", **overrides: Any) -> dict[str, Any]:
    """A valid justerat meeting on `day` (a Wednesday by default) with all nine present."""
    date = dt.date.fromisoformat(day)
    data: dict[str, Any] = {
        "datum": date,
        "tid": "09:00-12:00",
        "plats": "Kommunhuset",
        "status": "justerat",
        "ordförande": NINE[0],
        "sekreterare": "Sara Sekreterare",
        "justerare": [NINE[1]],
        "justering": {"datum": date + dt.timedelta(days=7)},
        "närvarande": {"ledamöter": list(NINE)},
        "anslag": {"uppsatt": date + dt.timedelta(days=8)},
    }
    data.update(overrides)
    return data


def item_text(front: dict[str, Any] | None = None, body: str = "Text om ärendet.\n") -> str:
    front = {"rubrik": "Ett ärende", "beslut": "Förslaget godkänns.\n", **(front or {})}
    return "---\n" + dump_yaml(front) + "---\n\n" + body


def write_meeting(
    root: Path, organ: str, folder: str, meeting: dict[str, Any] | str,
    items: list[dict[str, Any] | str] | None = None,
) -> Path:
    path = root / "protokoll" / organ / folder
    path.mkdir(parents=True, exist_ok=True)
    text = meeting if isinstance(meeting, str) else dump_yaml(meeting)
    (path / "sammanträde.yaml").write_text(text, encoding="utf-8")
    for index, item in enumerate(items if items is not None else [{}], start=1):
        content = item if isinstance(item, str) else item_text(item)
        (path / f"{index:02d}-arende-{index}.md").write_text(content, encoding="utf-8")
    return path


def write_organ(root: Path, organ: str = "tn", data: dict[str, Any] | str | None = None) -> Path:
    path = root / "protokoll" / organ
    path.mkdir(parents=True, exist_ok=True)
    text = data if isinstance(data, str) else dump_yaml(data or organ_data())
    (path / "organ.yaml").write_text(text, encoding="utf-8")
    return path


def project(
    root: Path, meeting: dict[str, Any] | str | None = None,
    items: list[dict[str, Any] | str] | None = None, organ: dict[str, Any] | str | None = None,
    folder: str | None = None,
) -> Path:
    """One board 'tn' with one meeting; returns the meeting folder."""
    write_organ(root, "tn", organ)
    meeting = meeting if meeting is not None else meeting_data()
    if folder is None:
        folder = meeting["datum"].isoformat() if isinstance(meeting, dict) else "2024-03-13"
    return write_meeting(root, "tn", folder, meeting, items)


def check(root: Path, today: dt.date | None = None) -> CheckResult:
    return check_project(root, today=today or dt.date(2030, 1, 1))


def rule_findings(root: Path, rule: str, today: dt.date | None = None) -> list[Finding]:
    return [f for f in check(root, today).findings if f.rule == rule]


def rules_of(result: CheckResult) -> set[str]:
    return {f.rule for f in result.findings}


def sample_file(suffix: str, pages: int = 1) -> bytes:
    """A small real file of the kind `suffix` names (.pdf, .png, .jpg, .jpeg) that check and
    build open in full: a blank A4 PDF, a 4 × 3 image."""
    import io

    out = io.BytesIO()
    if suffix.lower() == ".pdf":
        from pypdf import PdfWriter

        writer = PdfWriter()
        for _ in range(pages):
            writer.add_blank_page(595, 842)
        writer.write(out)
        return out.getvalue()
    from PIL import Image

    kind = "PNG" if suffix.lower() == ".png" else "JPEG"
    Image.new("RGB", (4, 3), (200, 30, 30)).save(out, kind)
    return out.getvalue()


def copy_examples(root: Path) -> Path:
    """The repository's example project (protokoll/ and webbplats.yaml) copied to `root`."""
    repo = Path(__file__).resolve().parent.parent
    shutil.copytree(repo / "protokoll", root / "protokoll")
    if (repo / "webbplats.yaml").exists():
        shutil.copy(repo / "webbplats.yaml", root / "webbplats.yaml")
    return root
