"""Only an ended engagement stops on `ended_on` (`engagements.ended_by`): one reopened with the
date left over runs on in the exit review's tenure, the handoff's summary, the timesheet's and
the export dialog's default range; one ended stops there in all of them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from exporters import handoff
from exporters import timesheet as timesheet_document
from storage.exit_plan import readiness
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules import clock
from widgets.export.export_options import ExportOptionsDialog

TODAY = dt.date(2026, 12, 9)
START = dt.date(2025, 1, 6)  # 23 months before today: past the 18 of a good engagement
LEFT_OVER = dt.date(2026, 3, 31)  # 14 months in


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture(params=["active", "ended"])
def engagement(request: pytest.FixtureRequest, db: Database) -> Engagement:
    """Ended on 31 March 2026, or reopened since with that date left in the record."""
    client = clients.add(db, Client(name="Acme Robotics", status="active"))
    made = engagements.add(db, Engagement(
        client_id=client.id or 0, title="Fractional CTO", start_date=START,
        planned_end_date=dt.date(2027, 3, 31), status="active", days_per_week=2,
    ))  # fmt: skip
    changed = engagements.with_changes(made, status=request.param, ended_on=LEFT_OVER)
    return engagements.update(db, changed)


def _last_day(e: Engagement) -> dt.date:
    return LEFT_OVER if e.status == "ended" else TODAY


def test_the_tenure_check_runs_to_today_unless_ended(db: Database, engagement: Engagement) -> None:
    check = next(c for c in readiness.review(db, engagement.id or 0, on=TODAY).checks
                 if c.name == "tenure")  # fmt: skip
    if engagement.status == "ended":
        assert check.passed, check.detail
        assert check.detail == "14 months in (good engagements end within 12-18)"
    else:
        assert not check.passed
        assert check.detail.startswith("23 months in: past 18")


def test_the_handoff_summary_says_ended_only_when_ended(
    db: Database, engagement: Engagement, tmp_path: Path
) -> None:
    target = handoff.export(db, engagement.id or 0, tmp_path / "handoff.docx")
    summary = next(p.text for p in docx.Document(str(target)).paragraphs
                   if p.text.startswith("Started 6 January 2025."))  # fmt: skip
    if engagement.status == "ended":
        assert "Ended: 31 March 2026." in summary
    else:
        assert "Planned end: 31 March 2027." in summary
        assert "Ended" not in summary


def test_the_default_ranges_end_the_day_it_ended_or_today(
    db: Database, engagement: Engagement, qtbot: QtBot
) -> None:
    sheet = timesheet_document.load(db, engagement.id or 0)
    assert (sheet.start, sheet.end) == (START, _last_day(engagement))
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = ExportOptionsDialog(db, "timesheet", "Timesheet", engagement.id, parent)
    shown = (dialog.start.date().toPython(), dialog.end.date().toPython())
    assert shown == (START, _last_day(engagement))
