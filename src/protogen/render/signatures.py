"""The signature fields of the documents: their names, and the anchors in the templates that
place them.

A field named `sekreterare` is drawn over the template's element `id="sig-sekreterare"`
(`render/pdf.py` finds the element's box and makes the empty PDF signature field there; `protogen
sign` later fills the field of the signer's role). The protocol has one field per signer:
sekreterare, ordförande and each justerare; an utdrag has one for the bestyrkande; an anslag
has one per page (`render/anslag.py` names them). A public copy of a signed protocol has none:
it says who signed, in words.
"""

from __future__ import annotations

from protogen.view import MeetingView

#: The utdrag's one field: the bestyrkande that the extract agrees with the protocol.
EXTRACT_FIELD = ("utdragsbestyrkande", "sig-utdragsbestyrkande")


def anchor(name: str) -> str:
    """The template element a field named `name` is drawn over."""
    return f"sig-{name}"


def signature_fields(m: MeetingView) -> list[tuple[str, str]]:
    """The protocol's fields, (name, anchor), in signing order."""
    if m.digital_adjustment is not None:
        return []  # a public copy of a signed protocol says who signed, in words
    names = ["sekreterare", "ordforande"] + [f"justerare-{n}" for n in range(1, len(m.adjusters) + 1)]
    return [(name, anchor(name)) for name in names]
