"""The signature fields of the documents: how a field is placed.

A field named `sekreterare` is drawn over the template's element `id="sig-sekreterare"`
(`render/pdf.py` finds the element's box and makes the empty PDF signature field there;
`protogen sign` later fills the field of the signer's role). Each document names its own
fields: the protocol one per signer (`protokoll.fields`: sekreterare, ordförande, each
justerare), an utdrag one for the bestyrkande (`utdrag.FIELD`), an anslag one per page
(`anslag.AnslagSheet.field`). A public copy of a signed protocol has none: it says who
signed, in words.
"""

from __future__ import annotations


def anchor(name: str) -> str:
    """The template element a field named `name` is drawn over."""
    return f"sig-{name}"


def signature_field(name: str) -> tuple[str, str]:
    """The field `name` as the PDF stage takes it: (name, anchor)."""
    return name, anchor(name)
