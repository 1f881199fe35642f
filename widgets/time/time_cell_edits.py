"""Every change to timesheet cells goes through here, so the grid, the side panel and undo agree.

Each write returns the `Change` storage made: the cells' entries before and after, read under the
write's own lock. Undo and redo put one side or the other back with `cell_changes.restore`, which
applies the same rules as typing to all the cells at once, in one transaction; a refusal follows
the undo base's one policy. Undo and redo may run while another week is shown, so they do not
patch the grid: they report `restored`, and the tab brings the changed week into view and
re-reads it. Every write, undo and redo is also reported as `wrote`, for the other tabs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from storage.rules import ValidationError
from storage.time import Cell, CellKey, TimeEntry, cell_changes, time_entries
from widgets.common.undo import WrittenCommand

if TYPE_CHECKING:
    from sqlite_utils import Database

Cells = Mapping[CellKey, tuple[TimeEntry, ...]]


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
    wrote = Signal(object)  # the storage Change of a write, an undo or a redo

    def __init__(self, db: Database, undo_stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_stack = undo_stack

    def entries(self, key: CellKey) -> list[TimeEntry]:
        return time_entries.list_cell(self.db, *key)

    def cell(self, key: CellKey) -> time_entries.Cell:
        found = self.entries(key)
        return time_entries.Cell(sum(e.minutes for e in found), len(found))

    def set_minutes(
        self,
        changes: list[tuple[CellKey, int]],
        text: str = "Edit time",
        *,
        expected: Mapping[CellKey, Cell] | None = None,
    ) -> None:
        """Replace each cell with one entry (0 clears it), as one undo step.

        Raises ChangedElsewhereError when a cell no longer holds what `expected` says (what the
        grid showed), ValidationError when any cell is refused; either way nothing is written.
        """
        self._change(text, partial(cell_changes.set_cells, self.db, changes, expected=expected))

    def add_entry(self, entry: TimeEntry) -> None:
        self._change("Add time entry", partial(cell_changes.add, self.db, entry))

    def update_entry(self, entry: TimeEntry) -> None:
        self._change("Edit time entry", partial(cell_changes.update, self.db, entry))

    def delete_entry(self, entry: TimeEntry) -> None:
        self._change("Delete time entry", partial(cell_changes.delete, self.db, entry))

    def _change(self, text: str, write: Callable[[], cell_changes.CellsChange]) -> None:
        change = write()
        self.undo_stack.push(CellsChange(self, change, text))
        for key in change.after or {}:
            self.cell_changed.emit(key)
        self.wrote.emit(change)

    def restore(self, cells: Cells, text: str, *, undoing: bool) -> None:
        """Undo/redo: make the cells hold these entries again, all or none.

        Raises ValidationError, writing nothing, when the rules refuse it.
        """
        keys = list(cells)
        change = cell_changes.restore(self.db, cells)
        done = "Undone" if undoing else "Redone"
        self.restored.emit(Restored(keys, f"{done}: {text}, {_day_text(keys)}."))
        self.wrote.emit(change)

    def refused(self, keys: list[CellKey], message: str) -> None:
        self.restored.emit(Restored(keys, message, refused=True))


class CellsChange(WrittenCommand[None]):
    """The Change a write made to some cells; the change itself is already written.

    A step the rules no longer allow (the day has filled up, the engagement has ended) is refused
    by the undo base: nothing is written, the tab says why under the grid, and the step is dropped.
    """

    def __init__(self, edits: CellEdits, change: cell_changes.CellsChange, text: str) -> None:
        self.before: Cells = change.before or {}
        self.after: Cells = change.after or {}
        super().__init__(text, partial(edits.refused, list(self.before)))
        self.edits = edits

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
