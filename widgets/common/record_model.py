"""The one table model base: dataclass rows from storage, named roles, edits handed to the tab.

Every table (clients, engagements, time entries, milestones, responsibilities, backups) is a
`RecordTableModel`; the decision log, which reads its rows a page at a time, shares `TableModel`.
An edit turns the typed value into a new record (or a ValidationError, reported through
`invalid`), then asks `commit(old, new)` to save it; the tab owns storage and undo.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from storage.rules import ValidationError
from storage.rules import validation as v

RecordRole = Qt.ItemDataRole.UserRole
SortRole = Qt.ItemDataRole.UserRole + 1  # what a sort proxy orders by
IdRole = Qt.ItemDataRole.UserRole + 2
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


class TableModel(QAbstractTableModel):
    """Columns named by `headers` (with `header_tips`), rows in `_rows`: what every table shares."""

    headers: tuple[str, ...] = ()
    header_tips: dict[int, str] = {}  # noqa: RUF012 - read-only, set per subclass

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tips.get(section)
        return None


class RecordTableModel(TableModel, Generic[T]):
    """Rows are frozen dataclasses with an id; `fields[i]` names what column i shows.

    Subclasses say how a field is shown (`display`), sorted (`sort_key`, for a proxy's
    SortRole) and styled (`styled`); an editable one also how a typed value changes the record.
    """

    fields: tuple[str, ...] = ()
    editable = True
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

    def record_id(self, row: T) -> int | None:
        return getattr(row, "id", None)

    def row_of(self, record_id: int | None) -> int | None:
        """The row holding the record with this id, if one does."""
        for position, row in enumerate(self._rows):
            if self.record_id(row) == record_id:
                return position
        return None

    def replace(self, record: T) -> None:
        """Show the stored version of one record (after an edit) without resetting the view."""
        row = self.row_of(self.record_id(record))
        if row is None:
            return
        self._rows[row] = record
        last = self.index(row, self.columnCount() - 1)
        self.dataChanged.emit(self.index(row, 0), last)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if not self.editable:
            return super().flags(index)
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        field = self.fields[index.column()]
        if role == RecordRole:
            return self.record_value(record)
        if role == IdRole:
            return self.record_id(record)
        if role == SortRole:
            return self.sort_key(record, field)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(record, field)
        if role == Qt.ItemDataRole.EditRole:
            return self.edit_value(record, field) if self.editable else None
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
    def record_value(self, record: T) -> Any:
        """What RecordRole gives: the row itself, unless it wraps a record."""
        return record

    def sort_key(self, record: T, field: str) -> Any:
        return self.display(record, field)

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
