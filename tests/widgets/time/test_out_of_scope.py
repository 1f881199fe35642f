"""The entry panel's "Out of scope" mark: saved with the entry, shown in its list, undone with
it, and shown as a signal under the week."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.practice.engagements import Engagement
from storage.time import time_entries
from tests.widgets.time.test_time_tab import MONDAY, _fill, _index, practice, tab
from widgets.time.time_tab import TimeTab

__all__ = ["practice", "tab"]


def test_an_entry_marked_out_of_scope_is_a_signal(
    qtbot: QtBot, tab: TimeTab, db: Database, practice: dict[str, Engagement]
) -> None:
    acme = practice["acme"]
    tab.grid.setCurrentIndex(_index(tab, acme, "team", MONDAY))
    panel = tab.panel
    _fill(qtbot, panel.duration, "2:00")
    panel.note.setPlainText("Wrote the migration myself")
    panel.out_of_scope.setChecked(True)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    (entry,) = time_entries.list_cell(db, acme.id or 0, "team", MONDAY)
    assert entry.out_of_scope
    assert not panel.out_of_scope.isChecked()  # the form is cleared for the next entry
    assert panel.model.index(0, 1).data() == "[out of scope] Wrote the migration myself"
    assert not tab.signals_view.isHidden()
    assert "Marked out of scope" not in tab.signals_view.text()  # the summary, not the label
    assert "2:00 marked out of scope in 1 entries" in tab.signals_view.text()
    panel.table.selectRow(0)
    assert panel.out_of_scope.isChecked()
    panel.out_of_scope.setChecked(False)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert not time_entries.list_cell(db, acme.id or 0, "team", MONDAY)[0].out_of_scope
    assert tab.signals_view.isHidden()
    tab.undo_stack.undo()
    assert time_entries.list_cell(db, acme.id or 0, "team", MONDAY)[0].out_of_scope
