"""The undo base announces what a command touched when it is pushed (the write it stands for)
and after each undo and redo that ran, through storage, on a real file; a refused step writes
nothing and announces nothing."""

from __future__ import annotations

import datetime as dt
from functools import partial

from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.file import kinds
from storage.time import TimeEntry, cell_changes, time_entries
from widgets.common.undo import DoneCommand

MONDAY = dt.date(2026, 3, 30)


def test_push_undo_and_redo_announce_the_kinds_of_the_change(
    qtbot: QtBot, db: Database, acme: int
) -> None:
    del qtbot  # a QApplication for the undo stack
    key = (acme, "strategy", MONDAY)
    change = cell_changes.set_cells(db, [(key, 60)])
    heard: list[frozenset[str]] = []
    problems: list[str] = []
    stack = QUndoStack()
    assert change.before is not None
    assert change.after is not None
    stack.push(DoneCommand(
        "Edit time", partial(cell_changes.restore, db, change.after),
        partial(cell_changes.restore, db, change.before), lambda: None, problems.append,
        kinds=kinds("time_entry"), announce=heard.append,
    ))  # fmt: skip
    stack.undo()
    assert time_entries.list_cell(db, *key) == []
    time_entries.add(db, TimeEntry(acme, MONDAY, "team", 24 * 60))  # the day is full now
    stack.redo()
    assert heard == [frozenset({"time_entry"})] * 2
    assert len(problems) == 1
    assert time_entries.list_cell(db, *key) == []
