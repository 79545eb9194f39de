import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers import item_text, project, rule_findings, sample_file
from where import is_varning, line_at, only

RULE = "bild"
PNG = sample_file(".png")
_OLD_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415478da63f8cfc000000301010018dd8db40000000049454e44ae426082"
)


def meeting_with(tmp_path: Path, body: str, front: dict | None = None) -> Path:
    folder = project(tmp_path, items=[item_text(front, body)])
    (folder / "underlag").mkdir(exist_ok=True)
    (folder / "underlag" / "karta.png").write_bytes(PNG)
    return folder


def test_an_image_in_underlag_passes(tmp_path):
    meeting_with(tmp_path, "### Bakgrund\n\n![Karta över området](underlag/karta.png)\n")
    assert rule_findings(tmp_path, RULE) == []


def test_a_file_url_is_a_varning_at_its_line(tmp_path):
    meeting_with(tmp_path, "Text.\n\nMer text.\n\n![x](file:///etc/passwd)\n")
    found = only(rule_findings(tmp_path, RULE))
    assert is_varning(found)
    assert found.message == ("bilden file:///etc/passwd tas inte med: endast bilder i "
                             "sammanträdets mapp (t.ex. underlag/) kan användas")
    assert line_at(tmp_path, found) == "![x](file:///etc/passwd)"
    assert found.pos.col == 1


def test_a_web_image_is_a_varning_with_its_column(tmp_path):
    meeting_with(tmp_path, "Se kartan ![karta](https://example.org/karta.png) här.\n")
    found = only(rule_findings(tmp_path, RULE))
    assert "bilden https://example.org/karta.png tas inte med" in found.message
    assert line_at(tmp_path, found)[found.pos.col - 1:].startswith("![karta]")


def test_absolute_and_escaping_paths_and_a_symlink_out(tmp_path):
    folder = meeting_with(tmp_path, "![a](/etc/passwd)\n\n![b](../../../../etc/passwd.png)\n\n"
                                    "![c](underlag/lank.png)\n")
    os.symlink("/etc/passwd", folder / "underlag" / "lank.png")
    found = rule_findings(tmp_path, RULE)
    assert [line_at(tmp_path, f) for f in found] == [
        "![a](/etc/passwd)", "![b](../../../../etc/passwd.png)", "![c](underlag/lank.png)"]
    assert all("endast bilder i sammanträdets mapp" in f.message for f in found)


def test_a_missing_file_and_a_wrong_kind(tmp_path):
    folder = meeting_with(tmp_path, "![a](underlag/saknas.png)\n\n![b](underlag/avtal.pdf)\n")
    (folder / "underlag" / "avtal.pdf").write_bytes(b"%PDF-1.7\n")
    first, second = rule_findings(tmp_path, RULE)
    assert first.message == "bilden underlag/saknas.png finns inte i sammanträdets mapp och " \
                            "tas inte med"
    assert "bilden underlag/avtal.pdf tas inte med: bara bilder av typen .png" in second.message


def test_a_reference_image(tmp_path):
    meeting_with(tmp_path, "![karta][k]\n\n[k]: http://127.0.0.1:9/karta.png\n")
    found = only(rule_findings(tmp_path, RULE))
    assert "http://127.0.0.1:9/karta.png" in found.message
    assert line_at(tmp_path, found) == "![karta][k]"


def test_images_in_the_front_matter_are_found_at_their_key(tmp_path):
    meeting_with(tmp_path, "Text.\n", {
        "beslut": "Beslutet ![x](http://example.org/a.png)\n",
        "reservationer": [{"av": "Bertil Berg", "text": "![y](file:///etc/shadow)"}],
    })
    found = rule_findings(tmp_path, RULE)
    assert len(found) == 2
    assert {line_at(tmp_path, f).split(":")[0].strip(" -") for f in found} == {"beslut", "text"}


def test_a_long_data_url_is_shortened_in_the_message(tmp_path):
    meeting_with(tmp_path, "![x](data:image/png;base64," + "A" * 500 + ")\n")
    found = only(rule_findings(tmp_path, RULE))
    assert len(found.message) < 200 and "…" in found.message


def test_check_never_imports_weasyprint(tmp_path):
    meeting_with(tmp_path, "![x](file:///etc/passwd)\n")
    code = ("import sys\nfrom protogen.cli import main\ncode = main(['check'])\n"
            "assert 'weasyprint' not in sys.modules, 'weasyprint imported'\nsys.exit(code)\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "[bild]" in result.stdout and "varning" in result.stdout
