"""Undo and redo on the Time tab from whichever week is shown, through the main window's Ctrl+Z
and Ctrl+Shift+Z: the changed week comes back into view with its cells selected, and the grid,
its totals, the side panel and the bars say exactly what the database holds. A step the rules no
longer allow (the 24-hour day, an engagement that has ended) writes nothing and says why."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop.main_window import MainWindow
from storage.practice import engagements
from storage.practice.engagements import Engagement
from storage.time import time_entries
from storage.time.time_entries import TimeEntry
from tests.widgets.time import test_time_tab as sheet
from widgets.time import time_tab
from widgets.time.time_grid_model import FIRST_DAY_COLUMN, TOTAL_COLUMN, MinutesRole
from widgets.time.time_tab import TimeTab

MONDAY, TODAY = sheet.MONDAY, sheet.TODAY
TUESDAY = MONDAY + dt.timedelta(days=1)
practice = sheet.practice  # the fixture: Acme Robotics and Verde Fintech, active since January


@pytest.fixture
def tab(
    qtbot: QtBot,
    db: Database,
    data_dir: Path,
    practice: dict[str, Engagement],
    monkeypatch: pytest.MonkeyPatch,
) -> TimeTab:
    """The Time tab inside the main window, so Ctrl+Z goes through the Edit menu's undo."""
    monkeypatch.setattr(time_tab, "today", lambda: TODAY)
    window = MainWindow(db, data_dir)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert isinstance(page, TimeTab)
    page.grid.setFocus()
    return page


def _undo(qtbot: QtBot, tab: TimeTab) -> None:
    tab.grid.setFocus()
    qtbot.keyClick(tab.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def _redo(qtbot: QtBot, tab: TimeTab) -> None:
    tab.grid.setFocus()
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(tab.grid, Qt.Key.Key_Z, modifiers)


def _next_week(qtbot: QtBot, tab: TimeTab, weeks: int = 1) -> None:
    key = Qt.Key.Key_Right if weeks > 0 else Qt.Key.Key_Left
    for _ in range(abs(weeks)):
        qtbot.keyClick(tab.grid, key, Qt.KeyboardModifier.AltModifier)


def _assert_true_to_the_database(tab: TimeTab, db: Database) -> None:
    """Every cell, row total and the totals row, the bars and the side panel match the file."""
    week = tab.model.week
    assert week is not None
    stored = time_entries.week_cells(db, week.start, week.end)
    shown: dict[int, int] = {}
    for row, line in enumerate(tab.model.rows):
        if line.kind != "bucket":
            continue
        for column in range(FIRST_DAY_COLUMN, TOTAL_COLUMN):
            key = tab.model.cell_key(tab.model.index(row, column))
            assert key is not None
            minutes = stored.get(key, time_entries.Cell()).minutes
            assert tab.model.index(row, column).data(MinutesRole) == minutes, key
            shown[key[0]] = shown.get(key[0], 0) + minutes
    everything = sum(cell.minutes for cell in stored.values())
    assert sum(shown.values()) == everything, "an engagement with time this week is not shown"
    totals = tab.model.index(tab.model.rowCount() - 1, TOTAL_COLUMN)
    assert totals.data(MinutesRole) == everything
    logged = time_entries.bucket_minutes(db, week.start, week.end)
    for commitment in tab.bars.week:
        expected = sum(logged.get(commitment.engagement.id or 0, {}).values())
        assert commitment.total_minutes == expected, commitment.engagement.label
    if tab.panel.key is not None:
        eid, bucket, day = tab.panel.key
        assert tab.panel.model.entries == time_entries.list_cell(db, eid, bucket, day)


def _minutes(db: Database, e: Engagement, bucket: str, day: dt.date) -> list[int]:
    return [entry.minutes for entry in time_entries.list_cell(db, e.id or 0, bucket, day)]


def test_undo_and_redo_in_another_week_bring_the_edited_week_back(
    qtbot: QtBot, tab: TimeTab, db: Database, practice: dict[str, Engagement]
) -> None:
    acme, verde = practice["acme"], practice["verde"]
    sheet._type(qtbot, tab, sheet._index(tab, acme, "strategy", MONDAY), "1:30")
    sheet._type(qtbot, tab, sheet._index(tab, verde, "team", TUESDAY), "2h")
    _next_week(qtbot, tab)
    assert tab.heading.text() == "Week 15 · 6 – 12 Apr 2026"
    _undo(qtbot, tab)
    assert tab.heading.text() == "Week 14 · 30 Mar – 5 Apr 2026"
    assert _minutes(db, verde, "team", TUESDAY) == []
    cell = sheet._index(tab, verde, "team", TUESDAY)
    assert cell.data() == ""
    assert tab.grid.currentIndex() == cell
    assert tab.grid.selectionModel().isSelected(cell)
    assert tab.panel.key == (verde.id, "team", TUESDAY)
    assert sheet._text(tab, sheet._totals_row(tab), TOTAL_COLUMN) == "1:30"
    assert "Undone: Edit time" in tab.message.text()
    _assert_true_to_the_database(tab, db)
    _next_week(qtbot, tab, -1)
    assert tab.heading.text() == "Week 13 · 23 – 29 Mar 2026"
    _redo(qtbot, tab)
    assert tab.heading.text() == "Week 14 · 30 Mar – 5 Apr 2026"
    assert _minutes(db, verde, "team", TUESDAY) == [120]
    assert cell.data() == "2:00"
    assert tab.grid.currentIndex() == cell
    assert sheet._text(tab, sheet._totals_row(tab), TOTAL_COLUMN) == "3:30"
    assert "Redone: Edit time" in tab.message.text()
    _assert_true_to_the_database(tab, db)
    _next_week(qtbot, tab)
    _undo(qtbot, tab)
    _undo(qtbot, tab)
    assert not tab.undo_stack.canUndo()
    assert time_entries.week_cells(db, MONDAY, MONDAY + dt.timedelta(days=6)) == {}
    assert sheet._text(tab, sheet._totals_row(tab), TOTAL_COLUMN) == ""
    assert tab.bars.week[0].total_minutes == 0
    _assert_true_to_the_database(tab, db)


def test_undo_in_the_week_shown_still_updates_cell_totals_and_panel(
    qtbot: QtBot, tab: TimeTab, db: Database, practice: dict[str, Engagement]
) -> None:
    cell = sheet._index(tab, practice["acme"], "leadership", TODAY)
    sheet._type(qtbot, tab, cell, "3h")
    tab.grid.setCurrentIndex(sheet._index(tab, practice["verde"], "team", MONDAY))
    _undo(qtbot, tab)
    cell = sheet._index(tab, practice["acme"], "leadership", TODAY)
    assert cell.data() == ""
    assert tab.grid.currentIndex() == cell
    _assert_true_to_the_database(tab, db)


def test_side_panel_add_edit_and_delete_undo_from_another_week(
    qtbot: QtBot, tab: TimeTab, db: Database, practice: dict[str, Engagement]
) -> None:
    acme = practice["acme"]
    tab.grid.setCurrentIndex(sheet._index(tab, acme, "team", MONDAY))
    panel = tab.panel
    sheet._fill(qtbot, panel.duration, "1:00")
    panel.note.setPlainText("1:1 with the lead engineer")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    panel.table.selectRow(0)
    sheet._fill(qtbot, panel.duration, "1:15")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert _minutes(db, acme, "team", MONDAY) == []
    for expected, note in (([75], "1:1 with the lead engineer"), ([60], None), ([], None)):
        _next_week(qtbot, tab, 3)
        _undo(qtbot, tab)
        assert tab.heading.text() == "Week 14 · 30 Mar – 5 Apr 2026"
        assert _minutes(db, acme, "team", MONDAY) == expected
        assert panel.key == (acme.id, "team", MONDAY)
        assert [e.minutes for e in panel.model.entries] == expected
        if note:
            assert panel.model.entries[0].note == note
        _assert_true_to_the_database(tab, db)
    _next_week(qtbot, tab, -1)
    _redo(qtbot, tab)  # the add again
    assert tab.heading.text() == "Week 14 · 30 Mar – 5 Apr 2026"
    assert [e.note for e in panel.model.entries] == ["1:1 with the lead engineer"]
    assert sheet._index(tab, acme, "team", MONDAY).data() == "1:00"
    _assert_true_to_the_database(tab, db)


def test_a_paste_undoes_from_another_week_as_one_step_with_its_cells_selected(
    qtbot: QtBot, tab: TimeTab, db: Database, practice: dict[str, Engagement]
) -> None:
    verde = practice["verde"]
    QGuiApplication.clipboard().setText("1:30\t0:45\n2:00\t")
    tab.grid.setCurrentIndex(sheet._index(tab, verde, "strategy", MONDAY))
    qtbot.keyClick(tab.grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert sheet._text(tab, sheet._totals_row(tab), TOTAL_COLUMN) == "4:15"
    assert tab.undo_stack.count() == 1
    _next_week(qtbot, tab)
    _undo(qtbot, tab)
    assert tab.heading.text() == "Week 14 · 30 Mar – 5 Apr 2026"
    assert time_entries.week_cells(db, MONDAY, MONDAY + dt.timedelta(days=6)) == {}
    pasted = [
        sheet._index(tab, verde, bucket, day)
        for bucket in ("strategy", "team")
        for day in (MONDAY, TUESDAY)
    ]
    assert tab.grid.currentIndex() == pasted[0]
    changed = pasted[:3]  # the empty fourth value changed nothing
    assert all(tab.grid.selectionModel().isSelected(index) for index in changed)
    _assert_true_to_the_database(tab, db)
    _next_week(qtbot, tab)
    _redo(qtbot, tab)
    assert [index.data() for index in pasted] == ["1:30", "0:45", "2:00", ""]
    assert sheet._text(tab, sheet._totals_row(tab), TOTAL_COLUMN) == "4:15"
    _assert_true_to_the_database(tab, db)


def test_a_paste_the_24_hour_rule_refuses_writes_nothing(
    qtbot: QtBot, tab: TimeTab, db: Database, practice: dict[str, Engagement]
) -> None:
    time_entries.add(db, TimeEntry(practice["verde"].id or 0, TUESDAY, "strategy", 20 * 60))
    tab.refresh()
    QGuiApplication.clipboard().setText("2:00\t5:00")
    tab.grid.setCurrentIndex(sheet._index(tab, practice["acme"], "team", MONDAY))
    qtbot.keyClick(tab.grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "A day has 24 hours" in tab.message.text()
    assert _minutes(db, practice["acme"], "team", MONDAY) == []
    assert tab.undo_stack.count() == 0
    _assert_true_to_the_database(tab, db)


def test_an_undo_the_24_hour_rule_refuses_writes_nothing_and_says_why(
    qtbot: QtBot, tab: TimeTab, db: Database, practice: dict[str, Engagement]
) -> None:
    acme, verde = practice["acme"], practice["verde"]
    QGuiApplication.clipboard().setText("5:00\t6:00")
    first = sheet._index(tab, acme, "strategy", MONDAY)
    tab.grid.setCurrentIndex(first)
    qtbot.keyClick(tab.grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    tab.grid.selectionModel().select(
        tab.model.index(first.row(), first.column() + 1),
        tab.grid.selectionModel().SelectionFlag.Select,
    )
    qtbot.keyClick(tab.grid, Qt.Key.Key_Delete)  # clears both: one step
    assert tab.undo_stack.count() == 2
    # Logged outside this tab's history (the timer, the command line): Tuesday now holds 20 h.
    time_entries.add(db, TimeEntry(verde.id or 0, TUESDAY, "team", 20 * 60))
    _next_week(qtbot, tab)
    _undo(qtbot, tab)
    message = tab.message.text()
    assert "Could not undo “Clear time”" in message
    assert "a day has 24 hours" in message
    assert "Nothing was changed" in message
    assert _minutes(db, acme, "strategy", MONDAY) == []  # Monday alone would fit: not half-done
    assert _minutes(db, acme, "strategy", TUESDAY) == []
    assert tab.heading.text() == "Week 14 · 30 Mar – 5 Apr 2026"
    assert tab.undo_stack.count() == 1  # the step that cannot be replayed is dropped
    assert not tab.undo_stack.canRedo()
    _assert_true_to_the_database(tab, db)
    _undo(qtbot, tab)  # the paste before it still undoes (there is nothing to take away)
    assert tab.undo_stack.count() == 1
    assert tab.undo_stack.index() == 0
    _assert_true_to_the_database(tab, db)


def test_undo_and_redo_on_an_engagement_that_has_since_ended(
    qtbot: QtBot, tab: TimeTab, db: Database, practice: dict[str, Engagement]
) -> None:
    acme = practice["acme"]
    sheet._type(qtbot, tab, sheet._index(tab, acme, "strategy", MONDAY), "2h")
    sheet._type(qtbot, tab, sheet._index(tab, acme, "team", TODAY), "1h")
    _undo(qtbot, tab)  # Thursday's hour is taken away again, ready to redo
    engagements.update(db, engagements.with_changes(acme, status="ended", ended_on=TUESDAY))
    _next_week(qtbot, tab)
    assert "Acme Robotics · Fractional CTO" not in sheet._labels(tab)
    _redo(qtbot, tab)  # Thursday is after the end
    assert "Could not redo “Edit time”" in tab.message.text()
    assert "the engagement has ended" in tab.message.text()
    assert _minutes(db, acme, "team", TODAY) == []
    assert tab.heading.text() == "Week 14 · 30 Mar – 5 Apr 2026"
    _assert_true_to_the_database(tab, db)
    _next_week(qtbot, tab)
    _undo(qtbot, tab)  # Monday was within the engagement: taking its time away is allowed
    assert _minutes(db, acme, "strategy", MONDAY) == []
    assert tab.heading.text() == "Week 14 · 30 Mar – 5 Apr 2026"
    assert "Acme Robotics · Fractional CTO" not in sheet._labels(tab)  # ended, nothing logged
    _assert_true_to_the_database(tab, db)
    _next_week(qtbot, tab, -1)
    _redo(qtbot, tab)  # and putting it back brings the ended engagement's row back with it
    assert _minutes(db, acme, "strategy", MONDAY) == [120]
    cell = sheet._index(tab, acme, "strategy", MONDAY)
    assert cell.data() == "2:00"
    assert tab.grid.currentIndex() == cell
    _assert_true_to_the_database(tab, db)
