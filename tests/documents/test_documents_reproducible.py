"""Rebuilding the same files gives the same bytes: every document of the build."""

from __future__ import annotations

import datetime as dt

from docread import attachment_pdf, organ_data, png, project

from protogen.build import build_all


def snapshot(root):
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted((root / "build").rglob("*")) if p.is_file()}


def test_every_document_is_byte_identical_when_rebuilt(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    plan = [{"datum": dt.date(2024, 3, 13), "tid": "09:00", "plats": "Kommunhuset"}]
    folder = project(tmp_path, organ=organ_data(sammanträdesplan=plan), items=[
        {"rubrik": "Budget", "förslag_till_beslut": "Antas.", "beslut": "Antas.",
         "omedelbart_justerad": True,
         "beslutsunderlag": [{"titel": "Budget", "fil": "underlag/budget.pdf"},
                             {"titel": "Bild", "fil": "underlag/bild.png"}]},
        {"rubrik": "Avtal", "beslut": "Godkänns.", "expedieras": ["Kommunstyrelsen"]},
    ])
    (folder / "underlag").mkdir()
    (folder / "underlag" / "budget.pdf").write_bytes(attachment_pdf("BUDGET", 2))
    (folder / "underlag" / "bild.png").write_bytes(png())
    assert build_all(tmp_path).ok
    first = snapshot(tmp_path)
    assert {"build/tn/2024-03-13/kallelse.pdf", "build/tn/2024-03-13/anslag.pdf",
            "build/tn/2024-03-13/utdrag/1.pdf", "build/tn/2024-03-13/utdrag/2.pdf",
            "build/tn/sammanträdesplan-2024.pdf"} <= set(first)
    assert build_all(tmp_path, always=True).ok  # rendered again, not taken from the cache
    assert snapshot(tmp_path) == first
