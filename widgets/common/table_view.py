"""The one table view of the app's lists: Tab and Shift+Tab leave it, even while a cell is being
edited (the cell is saved first), so a stray key never lands in the next row's title; arrows
move between cells; Enter stays in the table (it edits or commits a cell, or activates the row)
and never reaches a dialog's default button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QTableView, QWidget

EditHint = QAbstractItemDelegate.EndEditHint


class TableView(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabKeyNavigation(False)

    def list_rows(self) -> None:
        """A read-only list: whole rows, one selected at a time, no editing, no row numbers."""
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()

    def closeEditor(self, editor: QWidget, hint: EditHint) -> None:
        """Tab in an editor saves the cell and moves focus on, instead of opening the next."""
        if hint in (EditHint.EditNextItem, EditHint.EditPreviousItem):
            super().closeEditor(editor, EditHint.SubmitModelCache)
            self.focusNextPrevChild(hint == EditHint.EditNextItem)
            return
        super().closeEditor(editor, hint)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # an Enter the table did not use is not the dialog's Save
