"""The Clients table: one row per client, sorted and filtered by a proxy."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont

from storage.practice import Client
from storage.rules import CLIENT_STATUS_LABELS as STATUS_LABELS
from widgets.common import palette
from widgets.common.record_model import RecordRole, RecordTableModel, SortRole

Index = QModelIndex | QPersistentModelIndex
_HAS_FILTER_CHANGE = hasattr(QSortFilterProxyModel, "beginFilterChange")
VERDICT_SHORT = {0: "Not a fit", 1: "Not a fit", 2: "Advisory", 3: "Strong fit", 4: "Strong fit"}
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class ClientRow:
    """A client and the number of its engagements under way (active or exiting)."""

    client: Client
    running_engagements: int = 0


COLUMNS = ("Name", "Contact", "Status", "Fit", "Engagements")
NAME, CONTACT, STATUS, FIT, ENGAGEMENTS = range(len(COLUMNS))


class ClientTableModel(RecordTableModel[ClientRow]):
    headers = COLUMNS
    header_tips = {ENGAGEMENTS: "Engagements under way (active or exiting)"}  # noqa: RUF012
    fields = ("name", "contact", "status", "fit", "engagements")
    editable = False

    def record_id(self, row: ClientRow) -> int | None:
        return row.client.id

    def record_value(self, row: ClientRow) -> Client:
        return row.client

    def display(self, row: ClientRow, field: str) -> str:
        client = row.client
        values = {
            "name": client.name + (" (archived)" if client.archived else ""),
            "contact": client.contact_name,
            "status": STATUS_LABELS[client.status],
            "fit": f"{VERDICT_SHORT[client.fit_score]} ({client.fit_score}/4)",
            "engagements": str(row.running_engagements),
        }
        return values[field]

    def sort_key(self, row: ClientRow, field: str) -> Any:
        if field == "fit":
            return row.client.fit_score
        if field == "engagements":
            return row.running_engagements
        return sort_text(self.display(row, field))

    def styled(self, row: ClientRow, field: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and field == "fit":
            return row.client.fit_verdict
        if role == Qt.ItemDataRole.TextAlignmentRole and field == "engagements":
            return RIGHT
        return _archived_look(row.client, role)


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
