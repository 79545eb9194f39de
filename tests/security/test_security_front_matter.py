"""Issue 8, breaks 1 and 2: the front matter ends only at a line that is exactly `---`, and an
item is public only when its front matter was read and says so (no `sekretess` key, or
`sekretess: false`). Anything else is a fel, and the item is secret in the model meanwhile."""

from __future__ import annotations

import pytest
from secproject import checked, fel, items

SECRET_WORD = "Hemligordet"


def _item(front: str, body: str = f"{SECRET_WORD} i texten.\n") -> str:
    return f"---\nrubrik: Ett ärende\n{front}---\n\n{body}"


# -- break 1: what ends the front matter --------------------------------------------------------


@pytest.mark.parametrize("marker", ["  ---", "  ...", "\t---", " ---", "    --- ", "  ---\r"])
def test_an_indented_marker_in_a_block_scalar_does_not_end_the_front_matter(tmp_path, marker):
    text = _item(f"beslut: |\n  Första stycket.\n{marker}\n  Andra stycket.\nsekretess: OSL 26 kap. 1 §\n")
    result = checked(tmp_path, text)
    item = items(result)[0]
    assert item.secret
    if not item.readable:  # a tab or a less indented line breaks the YAML: a fel, still secret
        assert fel(result, "01-arende-1.md")
        return
    assert item.secrecy == "OSL 26 kap. 1 §"
    assert SECRET_WORD in item.body and "sekretess" not in item.body
    assert "Andra stycket" in (item.decision or "")


def test_three_dots_do_not_end_the_front_matter(tmp_path):
    """`...` is YAML's document end, not ours: a key after it is a fel, never body text."""
    text = "---\nrubrik: Ett ärende\n...\nsekretess: OSL 26 kap. 1 §\n---\nText.\n"
    result = checked(tmp_path, text)
    assert items(result)[0].secret
    assert fel(result, "01-arende-1.md")
    assert all("found" not in f.message and "expected" not in f.message for f in result.findings)


def test_three_dots_as_the_only_end_is_a_fel(tmp_path):
    result = checked(tmp_path, "---\nrubrik: Ett ärende\n...\nText.\n")
    [found] = fel(result, "01-arende-1.md")
    assert "avslutas aldrig" in found.message
    assert items(result)[0].secret


@pytest.mark.parametrize("end", ["--- ", "---\t", "----", "--- #slut", " ---"])
def test_an_end_line_that_is_not_exactly_three_dashes_is_a_fel(tmp_path, end):
    result = checked(tmp_path, f"---\nrubrik: Ett ärende\nsekretess: false\n{end}\nText.\n")
    assert fel(result, "01-arende-1.md")
    assert items(result)[0].secret


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0c", "\x1e", "\x0b"])
def test_only_a_newline_ends_a_line(tmp_path, separator):
    """Python's splitlines() breaks at these; YAML does not. A value holding one must not
    fake an end line that hides the sekretess key below it."""
    text = f"---\nrubrik: Ett ärende\nbeslut: a{separator}---{separator}\nsekretess: OSL 26 kap. 1 §\n---\nText.\n"
    result = checked(tmp_path, text)
    assert items(result)[0].secret


def test_a_front_matter_that_never_ends_is_a_fel_and_secret(tmp_path):
    result = checked(tmp_path, "---\nrubrik: Ett ärende\nsekretess: false\nText utan slut.\n")
    [found] = fel(result, "01-arende-1.md")
    assert found.rule == "saknas" and "avslutas aldrig" in found.message
    assert items(result)[0].secret


def test_a_file_without_front_matter_is_secret(tmp_path):
    result = checked(tmp_path, f"rubrik: Ett ärende\n{SECRET_WORD}\n")
    assert fel(result, "01-arende-1.md")
    assert items(result)[0].secret


@pytest.mark.parametrize("eol", ["\r\n", "\n"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_crlf_and_a_bom_are_read_as_usual(tmp_path, eol, bom):
    text = bom + _item("beslut: Bifall.\nsekretess: false\n").replace("\n", eol)
    result = checked(tmp_path, text)
    assert fel(result) == [], [f.format() for f in result.findings]
    item = items(result)[0]
    assert not item.secret and item.title == "Ett ärende" and item.decision == "Bifall."


def test_a_yaml_error_in_the_front_matter_keeps_the_item_secret(tmp_path):
    result = checked(tmp_path, _item("beslut: [\nsekretess: false\n"))
    assert fel(result, "01-arende-1.md")
    assert items(result)[0].secret


def test_front_matter_that_is_not_a_mapping_keeps_the_item_secret(tmp_path):
    result = checked(tmp_path, "---\n- rubrik\n- sekretess\n---\nText.\n")
    assert fel(result, "01-arende-1.md")
    assert items(result)[0].secret


def test_an_unreadable_file_keeps_the_item_secret(tmp_path):
    result = checked(tmp_path, b"---\nrubrik: \xff\xfe\n---\nText.\n")
    assert fel(result, "01-arende-1.md")
    assert items(result)[0].secret


# -- break 2: a sekretess value that is not a ground ----------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["", " ", "~", "null", "Null", "NULL", '""', "''", '"  "', "0", "1", "0.0", ".nan", "1e400",
     '"false"', "'false'", "!!str false", "nej", "Nej", "no", "off", "'no'", "offentlig",
     "[]", "{}", "[OSL 26 kap. 1 §]", "{grund: OSL}", "2024-01-01", "!hemlig OSL 26 kap. 1 §",
     "true", "True", "|\n  \n", ">-\n", "&a\n", "*b"],
)
def test_a_value_that_is_not_a_ground_is_a_fel_and_the_item_stays_secret(tmp_path, value):
    front = f"x: &b null\nsekretess: {value}\n" if value == "*b" else f"sekretess: {value}\n"
    if value == "*b":
        front = front.replace("x:", "dnr:")
    result = checked(tmp_path, _item(front))
    item = items(result)[0]
    assert item.secret, value
    assert item.secrecy and item.secrecy.strip()
    found = fel(result, "01-arende-1.md")
    assert found, value
    assert any(f.rule == "sekretess" or f.rule == "yaml-syntax" for f in found)


@pytest.mark.parametrize("value", ["false", "False", "FALSE", "!!bool false"])
def test_false_makes_the_item_public(tmp_path, value):
    result = checked(tmp_path, _item(f"sekretess: {value}\n"))
    assert not items(result)[0].secret
    assert fel(result) == [], [f.format() for f in result.findings]


def test_no_key_makes_the_item_public(tmp_path):
    result = checked(tmp_path, _item("dnr: KS 2024/1\n"))
    assert not items(result)[0].secret


@pytest.mark.parametrize(
    "key",
    ["Sekretess", "SEKRETESS", "sekretes", "sekretesss", "sekretess\u200b", "se\u00adkretess",
     "\u0455ekretess", "ｓｅｋｒｅｔｅｓｓ", "sekretessgrund", "secrecy", "hemlig_sekretess"],
)
def test_a_key_that_looks_like_sekretess_keeps_the_item_secret(tmp_path, key):
    result = checked(tmp_path, _item(f'"{key}": OSL 26 kap. 1 §\n'))
    assert items(result)[0].secret, key
    assert fel(result, "01-arende-1.md")


def test_sekretess_nested_by_a_wrong_indent_keeps_the_item_secret(tmp_path):
    result = checked(tmp_path, _item("beslutsunderlag:\n  - titel: Utredning\n    sekretess: OSL 26 kap. 1 §\n"))
    assert items(result)[0].secret
    assert any(f.rule == "sekretess" for f in fel(result))


def test_sekretess_through_a_merge_key_counts(tmp_path):
    result = checked(tmp_path, _item("dnr: &d {sekretess: OSL 26 kap. 1 §}\n<<: *d\n"))
    assert items(result)[0].secret


@pytest.mark.parametrize("line", ["sekretess: OSL 26 kap. 1 §", "**Sekretess:** OSL 26 kap. 1 §",
                                  "  sekretess : OSL"])
def test_a_sekretess_line_in_the_body_is_a_fel_and_secret(tmp_path, line):
    result = checked(tmp_path, _item("beslut: Bifall.\n", body=f"Text.\n\n{line}\n"))
    [found] = [f for f in fel(result) if f.rule == "sekretess"]
    assert found.pos.line == 8
    assert items(result)[0].secret


def test_a_body_that_mentions_sekretess_in_prose_is_public(tmp_path):
    result = checked(tmp_path, _item("beslut: Bifall.\n", body="Ärendet omfattas inte av sekretess.\n"))
    assert not items(result)[0].secret


def test_messages_are_swedish_and_name_the_line(tmp_path):
    result = checked(tmp_path, _item("beslut: Bifall.\nsekretess:\n"))
    [found] = fel(result)
    assert found.format().startswith("protokoll/tn/2024-03-13/01-arende-1.md:4:")
    assert "sekretess saknar värde" in found.message and "[sekretess]" in found.format()


def test_a_notice_whose_front_matter_never_ends_is_a_fel(tmp_path):
    from helpers import check, project

    project(tmp_path)
    notice = tmp_path / "anslag" / "2024-03-20-underrattelse.md"
    notice.parent.mkdir()
    notice.write_text("---\nrubrik: Underrättelse\n...\nText.\n", encoding="utf-8")
    found = [f for f in check(tmp_path).findings if f.pos.path == "anslag/2024-03-20-underrattelse.md"]
    assert any("avslutas aldrig" in f.message and f.level.value == "fel" for f in found)
