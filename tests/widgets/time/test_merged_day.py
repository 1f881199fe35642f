"""A day over 24 hours, as time kept from two devices can merge into: the timesheet's total for
the day says so (in the "over" colour, with a tooltip), and nothing is dropped."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.file import health_check
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules import clock
from storage.time import time_entries
from storage.time.time_entries import TimeEntry
from widgets.time.time_grid_model import FIRST_DAY_COLUMN
from widgets.time.time_tab import TimeTab

TODAY = dt.date(2026, 4, 1)  # a Wednesday


def test_a_merged_day_over_24_hours_is_shown_and_kept(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    from widgets.time import time_tab

    monkeypatch.setattr(time_tab, "today", lambda: TODAY)
    made = []
    for name in ("Acme Robotics", "Verde Fintech"):
        client = clients.add(db, Client(name=name))
        made.append(engagements.add(db, Engagement(
            client_id=client.id or 0, title="Fractional CTO", start_date=dt.date(2026, 1, 5),
            status="active",
        )).id or 0)  # fmt: skip
    time_entries.add(db, TimeEntry(made[0], TODAY, "strategy", 13 * 60))
    time_entries.add(db, TimeEntry(made[1], TODAY - dt.timedelta(days=1), "team", 60))
    # the other device's entry, as a merge applies it: the 24-hour rule of one device's writes
    # does not run on a changeset
    db.execute(
        "INSERT INTO time_entry (id, engagement_id, day, bucket, minutes, note, created_at) "
        "VALUES (?, ?, ?, 'team', ?, '', '')",
        [5 * 2**40 + 1, made[1], TODAY.isoformat(), 12 * 60],
    )
    tab = TimeTab(db)
    qtbot.addWidget(tab)
    model = tab.model
    total = model.rowCount() - 1
    column = next(
        c for c in range(FIRST_DAY_COLUMN, FIRST_DAY_COLUMN + 7) if model.day_of(c) == TODAY
    )
    cell = model.index(total, column)
    assert cell.data() == "25:00"
    assert "more than its 24 hours" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert cell.data(Qt.ItemDataRole.ForegroundRole) == model.brushes.over_text
    yesterday = model.index(total, column - 1)
    assert yesterday.data(Qt.ItemDataRole.ForegroundRole) is None
    assert yesterday.data(Qt.ItemDataRole.ToolTipRole) is None
    problems = health_check.check(db)
    assert [(p.table, p.column) for p in problems] == [("time_entry", "minutes")]
    assert "2026-04-01 totals 25:00" in problems[0].problem
