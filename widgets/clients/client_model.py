"""The Clients table: one row per client, sorted and filtered by a proxy."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from storage.clients import STATUS_LABELS, Client
from widgets.common import palette

RecordRole = Qt.ItemDataRole.UserRole
SortRole = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex
_HAS_FILTER_CHANGE = hasattr(QSortFilterProxyModel, "beginFilterChange")
VERDICT_SHORT = {0: "Not a fit", 1: "Not a fit", 2: "Advisory", 3: "Strong fit", 4: "Strong fit"}


@dataclass(frozen=True)
class ClientRow:
    """A client and the number of its engagements under way (active or exiting)."""

    client: Client
    running_engagements: int = 0


COLUMNS = ("Name", "Contact", "Status", "Fit", "Engagements")
NAME, CONTACT, STATUS, FIT, ENGAGEMENTS = range(len(COLUMNS))


class ClientTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ClientRow] = []

    def set_rows(self, rows: list[ClientRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def replace(self, row: ClientRow) -> None:
        """Show the stored version of one client (after an edit) without resetting the view."""
        position = self.row_of(row.client.id)
        if position is None:
            return
        self._rows[position] = row
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(COLUMNS) - 1))

    def row_of(self, client_id: int | None) -> int | None:
        for position, row in enumerate(self._rows):
            if row.client.id == client_id:
                return position
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        if horizontal and role == Qt.ItemDataRole.ToolTipRole and section == ENGAGEMENTS:
            return "Engagements under way (active or exiting)"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, index.column())
        if role == RecordRole:
            return row.client
        if role == SortRole:
            return _sort_key(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == FIT:
            return row.client.fit_verdict
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == ENGAGEMENTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return _archived_look(row.client, role)


def _display(row: ClientRow, column: int) -> str:
    client = row.client
    values = {
        NAME: client.name + (" (archived)" if client.archived else ""),
        CONTACT: client.contact_name,
        STATUS: STATUS_LABELS[client.status],
        FIT: f"{VERDICT_SHORT[client.fit_score]} ({client.fit_score}/4)",
        ENGAGEMENTS: str(row.running_engagements),
    }
    return values.get(column, "")


def _sort_key(row: ClientRow, column: int) -> Any:
    if column == FIT:
        return row.client.fit_score
    if column == ENGAGEMENTS:
        return row.running_engagements
    return sort_text(_display(row, column))


def sort_text(text: str) -> str:
    """Ōkami sorts with Okami, Élodie with Elodie."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _archived_look(client: Client, role: int) -> Any:
    """Archived clients (shown only on request) look dimmed."""
    if not client.archived:
        return None
    if role == Qt.ItemDataRole.ForegroundRole:
        return palette.colours().muted
    if role == Qt.ItemDataRole.FontRole:
        font = QFont()
        font.setItalic(True)
        return font
    return None


class ClientFilterProxy(QSortFilterProxyModel):
    """Filters by words (name, contact, email, role; "cafe" finds "Café"), by status, and hides
    archived clients unless asked."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._status = ""
        self._show_archived = False
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)

    def set_text(self, text: str) -> None:
        with self._filter_change():
            self._words = sort_text(text).split()

    def set_status(self, status: str) -> None:
        """'' shows every status."""
        with self._filter_change():
            self._status = status

    def set_show_archived(self, show: bool) -> None:
        with self._filter_change():
            self._show_archived = show

    @contextmanager
    def _filter_change(self) -> Iterator[None]:
        """Qt 6.10's begin/endFilterChange; older Qt has only invalidateRowsFilter."""
        if not _HAS_FILTER_CHANGE:
            yield
            self.invalidateRowsFilter()
            return
        self.beginFilterChange()
        yield
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        client = self.sourceModel().index(source_row, 0, source_parent).data(RecordRole)
        if not isinstance(client, Client):
            return False
        if client.archived and not self._show_archived:
            return False
        if self._status and client.status != self._status:
            return False
        haystack = sort_text(
            " ".join((client.name, client.contact_name, client.email, client.role))
        )
        return all(word in haystack for word in self._words)
