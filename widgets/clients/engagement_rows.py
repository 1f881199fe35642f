"""The engagement editor's tables of deliverables and phases: rows edited in the dialog and
written only when the engagement is saved, in its transaction.

A cell that cannot be read (a date such as 31/02) says why under the table and keeps the old
value; a row that breaks a rule (a phase ending before it starts) is refused by storage on Save.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QVBoxLayout, QWidget

from storage.practice import Deliverable, Phase
from storage.rules import ValidationError
from widgets.common.field_errors import error_label
from widgets.common.record_model import AnyIndex, RecordTableModel, parse_day
from widgets.common.table_view import TableView

T = TypeVar("T")


class DraftRowsModel(RecordTableModel[T]):
    """Rows kept in the dialog: an edit changes the row here, nothing is written."""

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        old = self._rows[index.row()]
        try:
            new = self.with_value(old, self.fields[index.column()], value)
        except ValidationError as error:
            self.invalid.emit(error)
            return False
        self._rows[index.row()] = new
        self.dataChanged.emit(index, index)
        return True

    def styled(self, record: T, field: str, role: int) -> Any:
        """A long text in full as the cell's tooltip (the column shows its start)."""
        value = getattr(record, field)
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(value, str) and len(value) > 40:
            return value
        return None

    def insert(self, row: int, record: T) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, record)
        self.endInsertRows()

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

    def move(self, row: int, target: int) -> None:
        """Move one row to `target` (a neighbour's place)."""
        past = target + 1 if target > row else target  # Qt counts the destination before moving
        if not self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), past):
            return
        self._rows.insert(target, self._rows.pop(row))
        self.endMoveRows()


class DeliverablesModel(DraftRowsModel[Deliverable]):
    headers = ("Deliverable", "Accepted when", "Due")
    header_tips = {  # noqa: RUF012
        1: "How the client judges it done (the acceptance criterion)",
        2: "A date such as 2027-03-31, or empty",
    }
    fields = ("title", "acceptance", "due_on")

    def with_value(self, record: Deliverable, field: str, value: Any) -> Deliverable:
        if field == "due_on":
            return dataclasses.replace(record, due_on=parse_day("due_on", value))
        return dataclasses.replace(record, **{field: str(value)})


class PhasesModel(DraftRowsModel[Phase]):
    headers = ("Phase", "Starts", "Ends", "Goals")
    header_tips = {1: "A date such as 2027-01-04", 2: "A date such as 2027-03-26"}  # noqa: RUF012
    fields = ("name", "starts_on", "ends_on", "goals")

    def with_value(self, record: Phase, field: str, value: Any) -> Phase:
        if field in ("starts_on", "ends_on"):
            day = parse_day(field, value)
            if day is None:
                raise ValidationError(field, "is required (a date such as 2027-01-04)")
            return dataclasses.replace(record, **{field: day})
        return dataclasses.replace(record, **{field: str(value)})


class RowsSection(QWidget):
    """A table of draft rows with Add and Remove (and Move up/down when the order matters)."""

    def __init__(
        self, model: DraftRowsModel[Any], noun: str, *, movable: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.view = TableView(self)
        self.view.setModel(model)
        self.view.verticalHeader().setVisible(False)
        self.view.setSelectionBehavior(TableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(TableView.SelectionMode.SingleSelection)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.error = error_label(self)
        self.add_button = QPushButton(f"&Add {noun}", self)
        self.remove_button = QPushButton("&Remove", self)
        self.up_button = QPushButton("Move &up", self)
        self.down_button = QPushButton("Move do&wn", self)
        self.buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setAutoDefault(False)
            self.buttons.addWidget(button)
        self.up_button.setVisible(movable)
        self.down_button.setVisible(movable)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)
        layout.addLayout(self.buttons)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        remove = QAction("Remove", self.view)  # the Delete key in the table, as the button
        remove.setShortcuts(QKeySequence.StandardKey.Delete)
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self._on_remove_clicked)
        self.view.addAction(remove)
        self.up_button.clicked.connect(self._on_up_clicked)
        self.down_button.clicked.connect(self._on_down_clicked)
        model.invalid.connect(self._on_model_invalid)
        model.dataChanged.connect(self._on_model_data_changed)

    def set_widths(self, widths: Sequence[int]) -> None:
        for column, width in enumerate(widths):
            self.view.setColumnWidth(column, width)

    def current_row(self) -> int | None:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else None

    def add(self, record: Any) -> None:
        """Append a row and start typing its first cell."""
        row = self.model.rowCount()
        self.model.insert(row, record)
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view.edit(index)

    def _select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row, 0))

    def _on_remove_clicked(self) -> None:
        row = self.current_row()
        if row is not None:
            self.model.remove(row)
            self._select(min(row, self.model.rowCount() - 1))

    def _on_up_clicked(self) -> None:
        self._move(-1)

    def _on_down_clicked(self) -> None:
        self._move(1)

    def _move(self, step: int) -> None:
        row = self.current_row()
        if row is None or not 0 <= row + step < self.model.rowCount():
            return
        self.model.move(row, row + step)
        self._select(row + step)

    def _on_model_data_changed(self) -> None:
        self.error.hide()

    def _on_model_invalid(self, error: ValidationError) -> None:
        words = {"due_on": "The due date", "starts_on": "The start", "ends_on": "The end"}
        self.error.setText(f"{words.get(error.field, error.field)} {error.message}")
        self.error.show()


def next_phase(rows: Sequence[Phase], start: dt.date, end: dt.date | None) -> Phase:
    """A new phase after the last one (or from the start), to the planned exit or four weeks."""
    first = rows[-1].ends_on + dt.timedelta(days=1) if rows else start
    last = end if end is not None and end >= first else first + dt.timedelta(days=27)
    return Phase(0, "", first, last)
