"""plain_word's fast way for Latin-1 text gives what the general one gives."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from protogen.model import plain_word


def general(text: str) -> str:
    normal = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in normal if unicodedata.category(ch) != "Cf").strip().casefold()


def test_every_latin1_character() -> None:
    for code in range(0x100):
        assert plain_word(f" a{chr(code)}Ö ") == general(f" a{chr(code)}Ö "), hex(code)


@given(st.text(alphabet=st.characters(max_codepoint=0x2100)))
def test_any_text(text: str) -> None:
    assert plain_word(text) == general(text)


@given(st.text(alphabet=st.characters(max_codepoint=0xFF)))
def test_latin1_text(text: str) -> None:
    assert plain_word(text) == general(text)
