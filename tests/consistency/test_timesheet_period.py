"""A timesheet for a period is that period: its weeks clipped to the first and last day, its
committed time the Month tab's (`storage.practice.calendar`, the one rule), and only the
commitment periods in force during it, in plain words ("1 day a week")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from exporters import timesheet
from storage.practice import Client, Engagement, clients, commitments, engagements
from storage.rules import clock
from storage.rules.months import Month
from storage.time import time_entries
from storage.time.time_entries import TimeEntry
from widgets.month.month_tab import MonthTab

TODAY = dt.date(2026, 12, 7)
NOVEMBER = Month(2026, 11)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _engagement(db: Database) -> Engagement:
    client = clients.add(db, Client(name="Acme Robotics", status="active"))
    e = engagements.add(db, Engagement(
        client_id=client.id or 0, title="Fractional CTO", start_date=dt.date(2026, 6, 1),
        planned_end_date=dt.date(2027, 6, 30), status="active", days_per_week=2,
        billing_model="hourly", fee_minor=25_000,
    ))  # fmt: skip
    commitments.add(db, e, dt.date(2026, 9, 1), 3, None)  # before the period
    commitments.add(db, e, dt.date(2027, 1, 4), 1, None)  # after it
    for day in ("2026-10-31", "2026-11-01", "2026-11-02", "2026-11-30", "2026-12-01"):
        time_entries.add(db, TimeEntry(e.id or 0, dt.date.fromisoformat(day), "strategy", 60))
    return e


def test_the_november_timesheet_is_november(db: Database, qtbot: QtBot, tmp_path: Path) -> None:
    e = _engagement(db)
    tab = MonthTab(db)
    qtbot.addWidget(tab)
    tab.picker.go_to(NOVEMBER)
    (line,) = [r.line for r in (tab.model.record(i) for i in range(tab.model.rowCount())) if r.line]
    sheet = timesheet.load(db, e.id or 0, NOVEMBER.start, NOVEMBER.end)
    assert sheet.committed_total == line.committed_minutes
    assert sheet.total == line.total_minutes == 180
    labels = [sheet.week_label(w.week_start) for w in sheet.every_week]
    assert labels[0] == "1 Nov 2026"
    assert labels[-1] == "30 Nov 2026"
    assert labels[1] == "2 Nov 2026"
    assert [p.days_per_week for p in sheet.periods_in_range] == [3]
    target = timesheet.export(db, e.id or 0, tmp_path / "nov.docx", NOVEMBER.start, NOVEMBER.end)
    document = docx.Document(str(target))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Committed: 3 days a week, 24 hours." in text
    assert "2027" not in text
    assert "October" not in text
    assert "December 2026" not in text
    weeks = next(t for t in document.tables if t.rows[0].cells[0].text == "Week")
    total = weeks.rows[-1].cells[-1].text
    hours, minutes = total.split(":")
    assert int(hours.replace(",", "")) * 60 + int(minutes) == line.committed_minutes


def test_one_day_a_week_is_singular() -> None:
    assert timesheet.days_a_week(1) == "1 day a week"
    assert timesheet.days_a_week(0.5) == "0.5 days a week"
    assert timesheet.days_a_week(2) == "2 days a week"
