"""Every change to timesheet cells goes through here, so the grid, the side panel and undo agree.

A change is recorded as the cells' entries before and after; undo and redo put one side or the
other back with `time_entries.replace_cells`, which applies the same rules as typing to all the
cells at once. Undo and redo may run while another week is shown, so they do not patch the grid:
they report `restored`, and the tab brings the changed week into view and re-reads it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlite_utils import Database

from storage import time_entries
from storage.errors import ValidationError
from storage.time_entries import CellKey, TimeEntry

Cells = dict[CellKey, list[TimeEntry]]


@dataclass(frozen=True)
class Restored:
    """What an undo or redo did to which cells: `refused` when the rules stopped it."""

    keys: list[CellKey]
    message: str
    refused: bool = False


class CellEdits(QObject):
    """Writes cells and entries; `cell_changed(key)` tells the grid and panel to re-read one cell."""

    cell_changed = Signal(object)  # CellKey, after a new change in the week shown
    restored = Signal(object)  # Restored, after an undo or redo (or its refusal)

    def __init__(self, db: Database, undo_stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_stack = undo_stack

    def entries(self, key: CellKey) -> list[TimeEntry]:
        return time_entries.list_cell(self.db, *key)

    def cell(self, key: CellKey) -> time_entries.Cell:
        found = self.entries(key)
        return time_entries.Cell(sum(e.minutes for e in found), len(found))

    def set_minutes(self, changes: list[tuple[CellKey, int]], text: str = "Edit time") -> None:
        """Replace each cell with one entry (0 clears it), as one undo step.

        Raises ValidationError, writing nothing, when any of the cells is refused.
        """
        keys = [key for key, _minutes in changes]
        self._change(keys, text, time_entries.set_cells, self.db, changes)

    def add_entry(self, entry: TimeEntry) -> None:
        self._change([_key(entry)], "Add time entry", time_entries.add, self.db, entry)

    def update_entry(self, entry: TimeEntry) -> None:
        self._change([_key(entry)], "Edit time entry", time_entries.update, self.db, entry)

    def delete_entry(self, entry: TimeEntry) -> None:
        self._change([_key(entry)], "Delete time entry", time_entries.delete, self.db, entry.id)

    def _change(
        self, keys: list[CellKey], text: str, write: Callable[..., object], *args: object
    ) -> None:
        before = {key: self.entries(key) for key in keys}
        write(*args)
        after = {key: self.entries(key) for key in keys}
        self.undo_stack.push(CellsChange(self, before, after, text))
        for key in keys:
            self.cell_changed.emit(key)

    def restore(self, cells: Cells, text: str, *, undoing: bool) -> bool:
        """Undo/redo: make the cells hold these entries again, all or none; False if refused."""
        keys = list(cells)
        day = keys[0][2]
        on = f"{day:%A} {day.day} {day:%b}"
        try:
            time_entries.replace_cells(self.db, cells)
        except ValidationError as error:
            verb = "undo" if undoing else "redo"
            message = f"Could not {verb} “{text}” ({on}): {error.message}. Nothing was changed."
            self.restored.emit(Restored(keys, message, refused=True))
            return False
        self.restored.emit(Restored(keys, f"{'Undone' if undoing else 'Redone'}: {text}, {on}."))
        return True


class CellsChange(QUndoCommand):
    """Some cells' entries before and after a change; the change itself is already written.

    A step the rules no longer allow (the day has filled up, the engagement has ended) writes
    nothing and is made obsolete, so QUndoStack drops it instead of pretending it was replayed.
    """

    def __init__(self, edits: CellEdits, before: Cells, after: Cells, text: str) -> None:
        super().__init__(text)
        self.edits, self.before, self.after = edits, before, after
        self._written = True

    def redo(self) -> None:
        if self._written:  # pushed after the write: nothing to do the first time
            self._written = False
            return
        self._restore(self.after, undoing=False)

    def undo(self) -> None:
        self._restore(self.before, undoing=True)

    def _restore(self, cells: Cells, *, undoing: bool) -> None:
        if not self.edits.restore(cells, self.text(), undoing=undoing):
            self.setObsolete(True)


def _key(entry: TimeEntry) -> CellKey:
    return (entry.engagement_id, entry.bucket, entry.day)
