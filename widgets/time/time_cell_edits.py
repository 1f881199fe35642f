"""Every change to timesheet cells goes through here, so the grid, the side panel and undo agree.

A change is recorded as the cells' entries before and after; undo and redo put one side or the
other back with `time_entries.replace_cells`, which applies the same rules as typing to all the
cells at once, in one transaction; a refusal follows the undo base's one policy. Undo and redo may run while another week is shown, so they do not patch the grid:
they report `restored`, and the tab brings the changed week into view and re-reads it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from sqlite_utils import Database

from storage.rules import ValidationError
from storage.time import CellKey, TimeEntry, time_entries
from widgets.common.undo import WrittenCommand

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

    def restore(self, cells: Cells, text: str, *, undoing: bool) -> None:
        """Undo/redo: make the cells hold these entries again, all or none.

        Raises ValidationError, writing nothing, when the rules refuse it.
        """
        keys = list(cells)
        time_entries.replace_cells(self.db, cells)
        done = "Undone" if undoing else "Redone"
        self.restored.emit(Restored(keys, f"{done}: {text}, {_day_text(keys)}."))

    def refused(self, keys: list[CellKey], message: str) -> None:
        self.restored.emit(Restored(keys, message, refused=True))


class CellsChange(WrittenCommand[None]):
    """Some cells' entries before and after a change; the change itself is already written.

    A step the rules no longer allow (the day has filled up, the engagement has ended) is refused
    by the undo base: nothing is written, the tab says why under the grid, and the step is dropped.
    """

    def __init__(self, edits: CellEdits, before: Cells, after: Cells, text: str) -> None:
        super().__init__(text, partial(edits.refused, list(before)))
        self.edits, self.before, self.after = edits, before, after

    def _apply(self) -> None:
        self.edits.restore(self.after, self.text(), undoing=False)

    def _revert(self) -> None:
        self.edits.restore(self.before, self.text(), undoing=True)

    def _refusal(self, error: Exception, *, undoing: bool) -> str:
        verb = "undo" if undoing else "redo"
        reason = error.message if isinstance(error, ValidationError) else str(error)
        on = _day_text(list(self.before))
        return f"Could not {verb} “{self.text()}” ({on}): {reason}. Nothing was changed."


def _day_text(keys: list[CellKey]) -> str:
    day = keys[0][2]
    return f"{day:%A} {day.day} {day:%b}"


def _key(entry: TimeEntry) -> CellKey:
    return (entry.engagement_id, entry.bucket, entry.day)
