"""The time entry's Note box: Enter adds the entry, Shift+Enter starts a new line, Ctrl+Enter adds
too; the note is stored trimmed, and Tab into a pre-filled box puts the cursor at its end."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.time import time_entries
from storage.time.time_entries import TimeEntry
from widgets.common.text_box import TextBox
from widgets.time.time_tab import TimeTab

SHIFT, CTRL = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def tab(qtbot: QtBot, db: Database) -> TimeTab:
    client = clients.add(db, Client(name="Acme Robotics"))
    engagements.add(db, Engagement(
        client_id=client.id or 0, title="Fractional CTO", start_date=dt.date(2026, 1, 5),
        status="active",
    ))  # fmt: skip
    page = TimeTab(db)
    qtbot.addWidget(page)
    page.grid.setCurrentIndex(page.model.index(1, 1))
    assert page.panel.key is not None
    return page


@pytest.mark.parametrize("modifier", [Qt.KeyboardModifier.NoModifier, CTRL])
def test_enter_in_the_note_adds_the_entry_with_its_note_trimmed(
    qtbot: QtBot, db: Database, tab: TimeTab, modifier: Qt.KeyboardModifier
) -> None:
    qtbot.keyClicks(tab.panel.duration, "1:30")
    note = tab.panel.note
    qtbot.keyClicks(note, "  Architecture review")
    qtbot.keyClick(note, Qt.Key.Key_Return, SHIFT)  # a new line, not the entry
    qtbot.keyClicks(note, "with the team  ")
    assert db["time_entry"].count == 0
    qtbot.keyClick(note, Qt.Key.Key_Return, modifier)
    (stored,) = db["time_entry"].rows
    assert (stored["minutes"], stored["note"]) == (90, "Architecture review\nwith the team")


def test_a_note_is_stored_trimmed_from_every_writer(db: Database, tab: TimeTab) -> None:
    eid, bucket, day = tab.panel.key  # type: ignore[misc]
    added = time_entries.add(db, TimeEntry(eid, day, bucket, 30, "\n  Hiring loop \n\n"))
    assert added.note == "Hiring loop"


def test_tab_into_a_filled_box_puts_the_cursor_at_the_end(qtbot: QtBot) -> None:
    form = QWidget()
    line, box = QLineEdit(form), TextBox(form)
    QVBoxLayout(form).addWidget(line)
    form.layout().addWidget(box)
    qtbot.addWidget(form)
    box.setPlainText("Out of scope")
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    qtbot.waitUntil(box.hasFocus)
    assert box.textCursor().atEnd()
    qtbot.keyClicks(box, "; no sales")
    assert box.toPlainText() == "Out of scope; no sales"  # not "; no salesOut of scope"
