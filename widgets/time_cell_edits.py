"""Every change to a timesheet cell goes through here, so the grid, the side panel and undo agree.

A change is recorded as the cell's entries before and after; undo and redo put one or the other
back with `time_entries.replace_cell`, which applies the same rules as typing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlite_utils import Database

from storage import time_entries
from storage.errors import ValidationError
from storage.time_entries import CellKey, TimeEntry


class CellEdits(QObject):
    """Writes cells and entries; `cell_changed(key)` tells the grid and panel to re-read one cell."""

    cell_changed = Signal(object)  # CellKey
    refused = Signal(str)  # an undo or redo the rules no longer allow

    def __init__(self, db: Database, undo_stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_stack = undo_stack

    def entries(self, key: CellKey) -> list[TimeEntry]:
        eid, bucket, day = key
        return time_entries.list_cell(self.db, eid, bucket, day)

    def cell(self, key: CellKey) -> time_entries.Cell:
        found = self.entries(key)
        return time_entries.Cell(sum(e.minutes for e in found), len(found))

    def set_minutes(self, key: CellKey, minutes: int, text: str = "Edit time") -> None:
        """Replace the cell with one entry (0 clears it). Raises ValidationError, writing nothing."""
        eid, bucket, day = key
        self._change(key, text, time_entries.set_cell, self.db, eid, bucket, day, minutes)

    def add_entry(self, entry: TimeEntry) -> None:
        self._change(_key(entry), "Add time entry", time_entries.add, self.db, entry)

    def update_entry(self, entry: TimeEntry) -> None:
        self._change(_key(entry), "Edit time entry", time_entries.update, self.db, entry)

    def delete_entry(self, entry: TimeEntry) -> None:
        self._change(_key(entry), "Delete time entry", time_entries.delete, self.db, entry.id)

    def _change(self, key: CellKey, text: str, write: Callable[..., object], *args: object) -> None:
        before = self.entries(key)
        write(*args)
        after = self.entries(key)
        self.undo_stack.push(CellChange(self, key, before, after, text))
        self.cell_changed.emit(key)

    def restore(self, key: CellKey, entries: list[TimeEntry]) -> None:
        """Undo/redo: make the cell hold `entries` again, or say why it cannot."""
        eid, bucket, day = key
        try:
            time_entries.replace_cell(self.db, eid, bucket, day, entries)
        except ValidationError as error:
            self.refused.emit(f"Cannot restore that cell: {error.message}.")
            return
        self.cell_changed.emit(key)


class CellChange(QUndoCommand):
    """One cell's entries before and after a change; the change itself is already written."""

    def __init__(
        self,
        edits: CellEdits,
        key: CellKey,
        before: list[TimeEntry],
        after: list[TimeEntry],
        text: str,
    ) -> None:
        super().__init__(text)
        self.edits, self.key, self.before, self.after = edits, key, before, after
        self._written = True

    def redo(self) -> None:
        if self._written:  # pushed after the write: nothing to do the first time
            self._written = False
            return
        self.edits.restore(self.key, self.after)

    def undo(self) -> None:
        self.edits.restore(self.key, self.before)


def _key(entry: TimeEntry) -> CellKey:
    return (entry.engagement_id, entry.bucket, entry.day)
