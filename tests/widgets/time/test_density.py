"""Density: empty buckets fold into their engagement until unfolded, the totals row is pinned,
today's column is marked, the bars show every engagement on one line each, one hours format,
the decision log's columns fit, and Preferences shows its fields whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.decisions.records import Decision
from storage.practice import clients, engagements, settings
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules import clock, durations
from storage.time import time_entries
from storage.time.time_entries import TimeEntry
from widgets.decisions.decision_model import CATEGORY, ENGAGEMENT, FLAGS, OWNER, STATUS
from widgets.decisions.decisions_tab import DecisionsTab
from widgets.shell.preferences_dialog import PreferencesDialog
from widgets.time import split_bars
from widgets.time.time_grid_model import FIRST_DAY_COLUMN, TOTAL_COLUMN
from widgets.time.time_tab import TimeTab

TODAY = dt.date(2026, 4, 1)  # a Wednesday


@pytest.fixture
def tab(qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch) -> TimeTab:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    from widgets.time import time_tab

    monkeypatch.setattr(time_tab, "today", lambda: TODAY)
    for name in ("Acme Robotics", "Verde Fintech"):
        client = clients.add(db, Client(name=name))
        e = engagements.add(db, Engagement(
            client_id=client.id or 0, title="Fractional CTO", start_date=dt.date(2026, 1, 5),
            status="active",
        ))  # fmt: skip
        if name == "Acme Robotics":
            time_entries.add(db, TimeEntry(e.id or 0, TODAY, "strategy", 90))
    tab = TimeTab(db)
    qtbot.addWidget(tab)
    return tab


def _visible_labels(tab: TimeTab) -> list[str]:
    return [
        str(tab.model.index(row, 0).data()).strip()
        for row in range(tab.model.rowCount())
        if not tab.grid.isRowHidden(row)
    ]


def test_empty_buckets_fold_and_one_key_unfolds_them(qtbot: QtBot, tab: TimeTab) -> None:
    assert _visible_labels(tab) == [
        "▸ Acme Robotics · Fractional CTO", "Strategy", "▸ Verde Fintech · Fractional CTO",
    ]  # fmt: skip
    verde = next(
        r for r in range(tab.model.rowCount()) if "Verde" in str(tab.model.index(r, 0).data())
    )
    tab.grid.setCurrentIndex(tab.model.index(verde, 1))
    qtbot.keyClick(tab.grid, Qt.Key.Key_Return)
    assert _visible_labels(tab)[-4:] == [
        "▾ Verde Fintech · Fractional CTO", "Strategy", "Team", "Leadership",
    ]  # fmt: skip
    assert tab.grid.currentIndex().row() == verde + 1  # ready to type into its first bucket


def test_the_totals_row_is_pinned_below_the_grid(tab: TimeTab) -> None:
    last = tab.model.rowCount() - 1
    assert tab.grid.isRowHidden(last)
    assert not tab.totals.isRowHidden(last)
    assert tab.model.index(last, TOTAL_COLUMN).data() == "1:30"


def test_todays_column_is_marked(tab: TimeTab) -> None:
    column = FIRST_DAY_COLUMN + 2  # Wednesday in a Monday week
    header = tab.model.headerData(column, Qt.Orientation.Horizontal)
    assert header == "• Wed 1"
    assert "(today)" in tab.model.headerData(
        column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )


def test_the_bars_give_every_engagement_one_line(tab: TimeTab) -> None:
    lines = len(tab.bars.week)
    assert lines == 2
    assert tab.bars.sizeHint().height() <= 2 * split_bars.MARGIN + split_bars.HEADER_HEIGHT + (
        lines * split_bars.LINE_HEIGHT
    )


def test_hours_follow_the_format_chosen_in_preferences(
    qtbot: QtBot, db: Database, data_dir: Path, tab: TimeTab
) -> None:
    from desktop.main_window import MainWindow

    settings.save_profile(db, settings.Profile(hours_format="decimal"))
    try:
        window = MainWindow(db, data_dir)
        qtbot.addWidget(window)
        tab.refresh()
        assert tab.model.index(tab.model.rowCount() - 1, TOTAL_COLUMN).data() == "1.5"
    finally:
        durations.use_style("h:mm")


def test_the_decision_log_shows_status_owner_and_flags(qtbot: QtBot, db: Database) -> None:
    client = clients.add(db, Client(name="Acme Robotics"))
    e = engagements.add(db, Engagement(
        client_id=client.id or 0, title="CTO", start_date=dt.date(2026, 1, 5), status="active",
    ))  # fmt: skip
    from storage.decisions import records as decisions

    decisions.add(db, Decision(e.id or 0, "Buy a feature-flag service", dt.date(2026, 2, 1)))
    page = DecisionsTab(db)
    qtbot.addWidget(page)
    for column in (STATUS, OWNER, FLAGS):
        assert not page.table.isColumnHidden(column)
    assert page.table.isColumnHidden(CATEGORY)  # the filter above says it
    assert not page.table.isColumnHidden(ENGAGEMENT)  # all engagements
    page.engagement.setCurrentIndex(page.engagement.findData(e.id))
    assert page.table.isColumnHidden(ENGAGEMENT)
    assert "review overdue" in page.legend.text()


def test_preferences_show_a_business_name_whole(qtbot: QtBot, db: Database) -> None:
    dialog = PreferencesDialog(db)
    qtbot.addWidget(dialog)
    text = "Morgan Technical Leadership Ltd"
    assert dialog.business_name.minimumWidth() > dialog.fontMetrics().horizontalAdvance(text)
    assert dialog.sizeHint().width() > 400
