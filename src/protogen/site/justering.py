"""The justering on the site: a digitally signed protocol says so, in words, and every public
copy of a justerat protocol carries its Dokument-id.

The signed original itself is never published: it holds sekretess items in full and, often,
personnummer in its signers' certificates. What the site shows comes from verifying it
(protogen.justering.verify_meeting): a signed original that does not verify is not claimed.
"""

from __future__ import annotations

from typing import Any

from protogen.fingerprint import meeting_fingerprint
from protogen.justering import Verification, justering_text, verify_meeting
from protogen.site.content import Site
from protogen.view import DigitalAdjustmentView, SignerView


def attach_justering(site: Site, warnings: list[str]) -> None:
    """Give each published page its Dokument-id and, when its signed original verifies, the
    digital justering as text. A signed original that fails is a warning, not a claim."""
    for board in site.organ_pages:
        for page in board.published:
            meeting = page.meeting
            if meeting.status == "justerat":
                page.view.document_id = meeting_fingerprint(meeting).short
            if meeting.signed is None:
                continue
            verification = verify_meeting(meeting)
            if verification.ok:
                page.view.digital_adjustment = adjustment_view(verification)
            else:
                warnings.append(
                    f"{meeting.signed.path}: verifieras inte ({verification.summary()}); "
                    "webbplatsen visar inte att protokollet är justerat digitalt")


def adjustment_view(verification: Verification) -> DigitalAdjustmentView:
    signed = [s for s in verification.signed_by if s.slot is not None]
    days = [s.time.date() for s in signed if s.time is not None]
    return DigitalAdjustmentView(
        date=max(days) if days else None,
        signers=[SignerView(s.slot.name, s.slot.role, s.time.date() if s.time else None)
                 for s in signed if s.slot is not None],
        text=justering_text(signed),
    )


SEAL_FIELD = "sigill"


def seal_pdfs(files: dict[str, bytes], credentials: Any) -> dict[str, bytes]:
    """Every public PDF signed with the organisation's e-sigill: an invisible signature in a
    field of its own, after the document's own (empty) fields."""
    from protogen.justering import sign_pdf

    return {path: sign_pdf(data, SEAL_FIELD, credentials, None, new_field=True,
                           reason="Offentlig kopia, e-sigill")
            for path, data in sorted(files.items()) if path.endswith(".pdf")}
