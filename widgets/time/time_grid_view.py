"""The timesheet's table view: spreadsheet keys on top of QTableView's arrows, Tab and typing.

Delete (or Backspace) clears the selected cells, Ctrl+C copies them, Ctrl+V pastes; the tab does
the work, so the view only says what was asked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from widgets.time.time_grid_model import LABEL_COLUMN, TOTAL_COLUMN


class TimeGridView(QTableView):
    clear_requested = Signal()
    copy_requested = Signal()
    paste_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeGrid")
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(26)
        self.setCornerButtonEnabled(False)

    def size_columns(self) -> None:
        header = self.horizontalHeader()
        header.setSectionResizeMode(LABEL_COLUMN, QHeaderView.ResizeMode.Stretch)
        for column in range(LABEL_COLUMN + 1, TOTAL_COLUMN + 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, 64)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_requested.emit()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste_requested.emit()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_requested.emit()
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._start_editing(event):
                return
        super().keyPressEvent(event)

    def _start_editing(self, event: QKeyEvent) -> bool:
        """Enter on a cell starts editing it, as in a spreadsheet (Enter again commits)."""
        index = self.currentIndex()
        if not index.isValid() or not index.flags() & Qt.ItemFlag.ItemIsEditable:
            return False
        return bool(self.edit(index, QAbstractItemView.EditTrigger.EditKeyPressed, event))
