"""The change-request document, and accepting a change into the scope of work's next version."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlite_utils import Database

from exporters import change_request, scope_of_work
from exporters.errors import ExportError
from storage.practice import commitments, document_versions, engagements
from storage.scope import ChangeRequest, change_requests
from tests.export_support import body_text, headings, open_document
from tests.sow_sample import agreed_engagement

FIRST, ACCEPTED = dt.date(2026, 1, 2), dt.date(2026, 3, 4)


def _change(db: Database) -> ChangeRequest:
    e = agreed_engagement(db)
    ask = ChangeRequest(
        e.id or 0, "Hiring loop", dt.date(2026, 3, 2), "Could you run the interviews too?",
        "Maya Okafor", extra_days_per_week=1.0, period_from=dt.date(2026, 3, 9),
        period_to=dt.date(2026, 3, 29), evidence="2026-W09: 24:00 logged against 16:00 committed",
    )  # fmt: skip
    return change_requests.add(db, ask)


def test_the_document_is_ready_to_send_before_it_is_accepted(db: Database, tmp_path: Path) -> None:
    c = _change(db)
    path = change_request.export(db, c.id or 0, tmp_path / "cr.docx", on=ACCEPTED)
    document = open_document(path)
    titles = [text for _, text in headings(document)]
    for wanted in ("The request", "Effect on the scope", "Price and payment", "If it is declined",
                   "Agreement"):  # fmt: skip
        assert wanted in titles
    text = body_text(document)
    assert "Could you run the interviews too?" in text
    assert "2026-W09: 24:00 logged against 16:00 committed" in text
    assert "2 → 3 days a week (+1)" in text
    assert change_requests.get(db, c.id or 0).status == "proposed"


def test_accepting_writes_the_next_version_naming_the_change(db: Database, tmp_path: Path) -> None:
    c = _change(db)
    eid = c.engagement_id
    scope_of_work.export(db, eid, tmp_path / "v1.docx", on=FIRST)
    accepted, path = change_request.accept(db, c.id or 0, tmp_path / "v2.docx", on=ACCEPTED)
    assert accepted.status == "accepted"
    latest = document_versions.latest(db, eid, "sow")
    assert latest is not None
    assert latest.version == 2
    text = body_text(open_document(path))
    assert "Agreed in Change request 1: Hiring loop (accepted 4 March 2026)" in text
    history = commitments.of(db, engagements.get(db, eid))
    assert [p.days_per_week for p in history][-2:] == [3.0, 2.0]


def test_a_document_that_cannot_be_written_accepts_nothing(db: Database, tmp_path: Path) -> None:
    c = _change(db)
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    with pytest.raises(ExportError):
        change_request.accept(db, c.id or 0, blocked / "v2.docx", on=ACCEPTED)
    assert change_requests.get(db, c.id or 0).status == "proposed"
    assert document_versions.latest(db, c.engagement_id, "sow") is None
    assert len(commitments.of(db, engagements.get(db, c.engagement_id))) == 1
