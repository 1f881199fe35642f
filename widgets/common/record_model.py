"""What the Exit plan tab's table models share: dataclass rows, named roles, edits handed to the tab.

An edit turns the typed value into a new record (or a ValidationError, reported through
`invalid`), then asks `commit(old, new)` to save it; the tab owns storage and undo.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from storage import validation as v
from storage.errors import ValidationError

RecordRole = Qt.ItemDataRole.UserRole
IdRole = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex
T = TypeVar("T")
Commit = Callable[[Any, Any], bool]


def day_text(day: dt.date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else ""


def parse_day(field: str, value: object) -> dt.date | None:
    """A typed date (ISO text, or empty for none) as a date; ValidationError otherwise."""
    text = value.strip() if isinstance(value, str) else value
    iso = v.iso_date(field, text, required=False)
    return dt.date.fromisoformat(iso) if iso else None


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """Rows are frozen dataclasses with an `id`; `fields[i]` is the record field of column i."""

    headers: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    invalid = Signal(object)  # a ValidationError from an edit

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []
        self.commit: Commit | None = None

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def record(self, row: int) -> T:
        return self._rows[row]

    def row_of(self, record_id: int) -> int:
        """The row holding the record with this id, or -1."""
        for row, record in enumerate(self._rows):
            if getattr(record, "id", None) == record_id:
                return row
        return -1

    def replace(self, record: T) -> None:
        row = self.row_of(int(getattr(record, "id", 0) or 0))
        if row < 0:
            return
        self._rows[row] = record
        last = self.index(row, self.columnCount() - 1)
        self.dataChanged.emit(self.index(row, 0), last)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        field = self.fields[index.column()]
        if role == RecordRole:
            return record
        if role == IdRole:
            return getattr(record, "id", None)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(record, field)
        if role == Qt.ItemDataRole.EditRole:
            return self.edit_value(record, field)
        return self.styled(record, field, role)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.commit is None:
            return False
        old = self._rows[index.row()]
        try:
            new = self.with_value(old, self.fields[index.column()], value)
        except ValidationError as error:
            self.invalid.emit(error)
            return False
        return new != old and self.commit(old, new)

    # What each table says about its own fields.
    def display(self, record: T, field: str) -> Any:
        value = getattr(record, field)
        return day_text(value) if isinstance(value, dt.date) else value

    def edit_value(self, record: T, field: str) -> Any:
        value = getattr(record, field)
        return value.isoformat() if isinstance(value, dt.date) else value

    def styled(self, record: T, field: str, role: int) -> Any:
        return None

    def with_value(self, record: T, field: str, value: Any) -> T:
        return dataclasses.replace(record, **{field: value})  # type: ignore[type-var]
