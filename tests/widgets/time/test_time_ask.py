"""The side panel's "ask" box: a note marked as something needed from the client."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.time import time_entries
from widgets.time import time_tab
from widgets.time.time_tab import TimeTab

TUESDAY = dt.date(2026, 3, 10)


def test_the_side_panel_marks_a_note_as_an_ask(
    qtbot: QtBot, db: Database, acme: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(time_tab, "today", lambda: TUESDAY)
    tab = TimeTab(db)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    tab.grid.setCurrentIndex(tab.model.index_of((acme, "leadership", TUESDAY)))
    panel = tab.panel
    qtbot.keyClicks(panel.duration, "0:30")
    panel.note.setPlainText("Budget for two hires")
    panel.ask.setChecked(True)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    [entry] = time_entries.list_cell(db, acme, "leadership", TUESDAY)
    assert entry.ask
    panel.table.selectRow(0)
    assert panel.ask.isChecked()
    panel.ask.setChecked(False)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert not time_entries.list_cell(db, acme, "leadership", TUESDAY)[0].ask
