"""The README's keyboard-only walkthrough, key by key: a client, an engagement, a week, a
decision found by search, the exit review; no mouse."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop.main_window import MainWindow
from storage.decisions import records as decisions
from storage.exit_plan import readiness_snapshots
from storage.practice import clients, engagements
from storage.rules import clock
from widgets.clients.clients_tab import ClientsTab
from widgets.decisions.decisions_tab import DecisionsTab
from widgets.exit_plan.exit_tab import ExitPlanTab
from widgets.time.time_tab import TimeTab

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def _keys(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = CTRL) -> None:
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def test_keyboard_only_walkthrough(qtbot: QtBot, db: Database, data_dir: Path) -> None:
    window = MainWindow(db, data_dir)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    _keys(qtbot, Qt.Key.Key_1)  # 1. a client
    _keys(qtbot, Qt.Key.Key_N)
    page = window.current_page()
    assert isinstance(page, ClientsTab)
    qtbot.waitUntil(page.form.name.hasFocus)
    qtbot.keyClicks(page.form.name, "Acme Robotics")
    qtbot.keyClick(page.form.name, Qt.Key.Key_Return)
    assert [c.name for c in clients.list_all(db)] == ["Acme Robotics"]

    _keys(qtbot, Qt.Key.Key_N, CTRL_SHIFT)  # 2. an engagement (the editor opens, Save is default)
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.isVisible())
    editor = page.editor
    assert editor is not None
    editor.save_button.setFocus()
    qtbot.keyClick(editor.save_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(engagements.list_all(db)) == 1)
    window.activateWindow()  # the editor has closed: the window has the keyboard again
    qtbot.waitUntil(window.isActiveWindow)
    e = engagements.list_all(db)[0]
    engagements.update(db, engagements.with_changes(e, status="active"))  # started, as agreed

    _keys(qtbot, Qt.Key.Key_2)  # 3. a week: the keyboard is in the grid
    time_page = window.current_page()
    assert isinstance(time_page, TimeTab)
    time_page.refresh()
    qtbot.waitUntil(time_page.grid.hasFocus)
    _keys(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)  # unfold its buckets
    for _ in range(time_page.week.days.index(clock.today())):  # to today, the engagement's start
        _keys(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier)
    _keys(qtbot, Qt.Key.Key_N)  # the side panel's time field for the selected cell
    qtbot.waitUntil(time_page.panel.duration.hasFocus)
    qtbot.keyClicks(time_page.panel.duration, "1:30")
    qtbot.keyClick(time_page.panel.duration, Qt.Key.Key_Return)
    assert [r["minutes"] for r in db["time_entry"].rows] == [90]

    _keys(qtbot, Qt.Key.Key_3)  # 4. a decision, then search for it
    _keys(qtbot, Qt.Key.Key_N)
    decisions_page = window.current_page()
    assert isinstance(decisions_page, DecisionsTab)
    qtbot.waitUntil(decisions_page.editor.title.hasFocus)
    qtbot.keyClicks(decisions_page.editor.title, "Buy a feature-flag service")
    qtbot.keyClick(decisions_page.editor.title, Qt.Key.Key_Return)
    _keys(qtbot, Qt.Key.Key_F)
    qtbot.waitUntil(decisions_page.search.hasFocus)
    qtbot.keyClicks(decisions_page.search, "flag")
    assert decisions_page.model.total() == 1
    assert decisions.get(db, decisions_page.selected().id or 0).title.startswith("Buy")  # type: ignore[union-attr]
    _keys(qtbot, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    assert decisions_page.search.text() == ""

    _keys(qtbot, Qt.Key.Key_4)  # 5. the exit review
    exit_page = window.current_page()
    assert isinstance(exit_page, ExitPlanTab)
    _keys(qtbot, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: bool(readiness_snapshots.list_for(db, e.id or 0)))
