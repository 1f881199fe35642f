"""The weekly update in the window: the Time tab carries the Friday nudge, whose "Draft…" opens
the editor, and File → Weekly update… opens the current engagement's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop.main_window import MainWindow
from storage.rules import clock
from widgets.time import time_tab

FRIDAY = dt.date(2026, 3, 13)


@pytest.fixture
def window(
    qtbot: QtBot, db: Database, data_dir: Path, acme: int, monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    monkeypatch.setattr(clock, "today", lambda: FRIDAY)
    monkeypatch.setattr(time_tab, "today", lambda: FRIDAY)
    found = MainWindow(db, data_dir)
    qtbot.addWidget(found)
    found.show()
    qtbot.waitExposed(found)
    return found


def test_the_time_tab_has_the_nudge_and_draft_opens_the_editor(
    qtbot: QtBot, window: MainWindow, acme: int
) -> None:
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: bool(window.updates.nudges))
    nudge = window.updates.nudges[0]
    assert nudge.isVisible()
    nudge.draft_buttons[acme].click()
    editor = window.updates.editor
    assert editor is not None
    qtbot.waitExposed(editor)
    assert editor.update_shown.engagement_id == acme
    editor.mark_sent()
    assert nudge.ticks[acme].isChecked()
    editor.close()


def test_file_weekly_update_opens_the_editor_of_the_engagement_shown(
    qtbot: QtBot, window: MainWindow, acme: int
) -> None:
    window.tabs.setCurrentIndex(1)
    assert window.updates.action is not None
    assert window.updates.action.shortcut().toString() == "Ctrl+Shift+U"
    window.updates.action.trigger()
    editor = window.updates.editor
    assert editor is not None
    assert editor.update_shown.engagement_id == acme
    editor.close()
