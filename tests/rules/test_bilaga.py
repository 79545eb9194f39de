import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from helpers import project, rule_findings, sample_file
from where import is_fel, line_at, only

from protogen.rules.bilaga import FORMATS

RULE = "bilaga"
ITEM = "protokoll/tn/2024-03-13/01-arende-1.md"




def with_file(root, fil, create=None):
    """One item naming `fil`; `create` files (relative to the meeting folder) are written."""
    folder = project(root, items=[{"beslutsunderlag": [{"titel": "Bilaga", "fil": fil}]}])
    for rel in create or []:
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(sample_file(path.suffix if path.suffix.lower() in FORMATS else ".pdf"))
    return folder


@pytest.mark.parametrize("name", ["yttrande.pdf", "karta.png", "foto.jpg", "foto.JPEG"])
def test_existing_pdf_or_image_passes(tmp_path, name):
    with_file(tmp_path, f"underlag/{name}", [f"underlag/{name}"])
    assert rule_findings(tmp_path, RULE) == []


def test_a_title_without_file_passes(tmp_path):
    project(tmp_path, items=[{"beslutsunderlag": ["Tjänsteskrivelse"]}])
    assert rule_findings(tmp_path, RULE) == []


def test_missing_file_is_a_fel(tmp_path):
    with_file(tmp_path, "underlag/yttrande.pdf")
    found = only(rule_findings(tmp_path, RULE))
    assert is_fel(found)
    assert found.pos.path == ITEM
    assert "fil: underlag/yttrande.pdf" in line_at(tmp_path, found)
    assert found.message == "bilagan underlag/yttrande.pdf finns inte"


def test_a_folder_is_not_a_file(tmp_path):
    folder = with_file(tmp_path, "underlag")
    (folder / "underlag").mkdir()
    messages = [f.message for f in rule_findings(tmp_path, RULE)]
    assert "bilagan underlag är ingen fil" in messages


@pytest.mark.parametrize(
    "fil", ["../2020-01-10/avtal.pdf", "underlag/../../avtal.pdf", "/etc/avtal.pdf",
            "C:/Dokument/avtal.pdf"],
)
def test_a_path_outside_the_meeting_folder_is_a_fel(tmp_path, fil):
    with_file(tmp_path, fil)
    (tmp_path / "protokoll" / "tn" / "avtal.pdf").write_bytes(b"%PDF")
    found = only(rule_findings(tmp_path, RULE))
    assert found.message.startswith(f"bilagan {fil} pekar utanför sammanträdets mapp")


def test_dotdot_that_stays_inside_passes(tmp_path):
    with_file(tmp_path, "underlag/../yttrande.pdf", ["yttrande.pdf"])
    assert rule_findings(tmp_path, RULE) == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_symlink_leading_out_is_a_fel(tmp_path):
    folder = with_file(tmp_path, "underlag/avtal.pdf")
    outside = tmp_path / "hemligt.pdf"
    outside.write_bytes(b"%PDF")
    (folder / "underlag").mkdir()
    (folder / "underlag" / "avtal.pdf").symlink_to(outside)
    found = only(rule_findings(tmp_path, RULE))
    assert "pekar utanför sammanträdets mapp" in found.message


def test_an_unsupported_format_is_a_fel(tmp_path):
    with_file(tmp_path, "underlag/tjansteskrivelse.docx", ["underlag/tjansteskrivelse.docx"])
    found = only(rule_findings(tmp_path, RULE))
    assert found.message == (
        "bilagan underlag/tjansteskrivelse.docx har formatet .docx; bara PDF och bilder "
        "(.pdf, .png, .jpg, .jpeg) kan bifogas"
    )


def test_missing_and_unsupported_are_both_said(tmp_path):
    with_file(tmp_path, "underlag/protokoll.doc")
    messages = sorted(f.message for f in rule_findings(tmp_path, RULE))
    assert len(messages) == 2
    assert messages[0].endswith("finns inte")
    assert "formatet .doc" in messages[1]


def test_a_file_that_is_not_what_its_name_says_is_a_fel(tmp_path):
    folder = project(tmp_path, items=[{"beslutsunderlag": [{"titel": "B", "fil": "underlag/k.png"}]}])
    (folder / "underlag").mkdir()
    (folder / "underlag" / "k.png").write_bytes(b"%PDF-1.4\n")
    found = rule_findings(tmp_path, RULE)
    assert len(found) == 1 and "går inte att läsa som PNG" in found[0].message
