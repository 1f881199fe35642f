"""What every main-window tab offers the shell: an undo stack, refresh, find and new."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget
from sqlite_utils import Database


class TabPage(QWidget):
    """Base of the four tabs. The shell calls `refresh()` when the tab is shown."""

    title = ""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_stack = QUndoStack(self)

    def refresh(self) -> None:
        """Re-read what other tabs may have changed."""

    def flush(self) -> None:
        """Write an edit still waiting for its save delay (before a restore replaces the data)."""

    def focus_search(self) -> None:
        """Ctrl+F: put the cursor in this tab's filter or search box."""

    def add_new(self) -> None:
        """Ctrl+N: add this tab's kind of record."""
