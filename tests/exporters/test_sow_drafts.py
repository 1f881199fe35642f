"""Drafts are drafts: a scope of work with a section still to be agreed says DRAFT in its header
and on its cover, is recorded as a draft, and never becomes the active version; the active one
is the last exported complete, or the one signed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlite_utils import Database

from exporters import scope_of_work
from storage.practice import document_versions, engagements
from storage.rules import ValidationError
from tests.export_support import body_text, make_engagement, open_document
from tests.sow_sample import agreed_engagement

DAY = dt.date(2026, 3, 2)


def _export(db: Database, eid: int, tmp_path: Path, name: str) -> object:
    return open_document(scope_of_work.export(db, eid, tmp_path / f"{name}.docx", on=DAY))


def _header(document: object) -> str:
    return "\n".join(p.text for p in document.sections[0].header.paragraphs)  # type: ignore[attr-defined]


def test_a_scope_with_to_be_agreed_is_a_draft(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    document = _export(db, e.id or 0, tmp_path, "draft")
    text = body_text(document)
    assert "DRAFT" in _header(document)
    assert document.paragraphs[0].text == "Scope of work (DRAFT)"  # type: ignore[attr-defined]
    assert "1 (draft)" in text
    assert "Still to be agreed: Parties" in text
    assert "(active)" not in text
    (version,) = document_versions.list_for(db, e.id or 0)
    assert version.draft
    assert document_versions.active([version]) is None
    assert document_versions.state(version, [version]) == "draft"


def test_a_complete_scope_is_for_signature_and_active(db: Database, tmp_path: Path) -> None:
    e = agreed_engagement(db)
    document = _export(db, e.id or 0, tmp_path, "complete")
    assert "DRAFT" not in _header(document) + body_text(document)
    assert "1 (for signature)" in body_text(document)
    (version,) = document_versions.list_for(db, e.id or 0)
    assert not version.draft
    assert document_versions.state(version, [version]) == "active"


def test_a_later_draft_never_replaces_the_active_version(db: Database, tmp_path: Path) -> None:
    e = agreed_engagement(db)
    _export(db, e.id or 0, tmp_path, "v1")
    engagements.update(db, dataclasses.replace(engagements.get(db, e.id or 0), notice_days=None))
    _export(db, e.id or 0, tmp_path, "v2")
    found = document_versions.list_for(db, e.id or 0)
    assert [document_versions.state(v, found) for v in found] == ["active", "draft"]


def test_the_signed_version_is_active(db: Database, tmp_path: Path) -> None:
    e = agreed_engagement(db)
    _export(db, e.id or 0, tmp_path, "v1")
    _export(db, e.id or 0, tmp_path, "v2")
    document_versions.mark_signed(db, e.id or 0, "sow", 1, DAY)
    found = document_versions.list_for(db, e.id or 0)
    assert [document_versions.state(v, found) for v in found] == ["active", "superseded"]
    assert found[0].signed_on == DAY.isoformat()


def test_a_draft_cannot_be_signed(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    _export(db, e.id or 0, tmp_path, "draft")
    with pytest.raises(ValidationError, match="draft"):
        document_versions.mark_signed(db, e.id or 0, "sow", 1, DAY)
    assert document_versions.list_for(db, e.id or 0)[0].signed_on is None
    with pytest.raises(ValidationError, match="no version 2"):
        document_versions.mark_signed(db, e.id or 0, "sow", 2, DAY)
