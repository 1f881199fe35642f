"""The selected client's engagements: one row per engagement."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from storage.engagements import ROLES, STATUS_LABELS, Engagement
from widgets.clients.client_model import sort_text

RecordRole = Qt.ItemDataRole.UserRole
SortRole = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Title", "Role", "Status", "Start", "Planned end", "Days", "Split")
TITLE, ROLE, STATUS, START, END, DAYS, SPLIT = range(len(COLUMNS))
HEADER_TIPS = {DAYS: "Days per week committed", SPLIT: "Target split: strategy / team / leadership"}


class EngagementTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Engagement] = []

    def set_rows(self, rows: list[Engagement]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_of(self, engagement_id: int | None) -> int | None:
        for position, engagement in enumerate(self._rows):
            if engagement.id == engagement_id:
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
        if horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        engagement = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(engagement, index.column())
        if role == RecordRole:
            return engagement
        if role == SortRole:
            return _sort_key(engagement, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (DAYS, SPLIT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _display(e: Engagement, column: int) -> str:
    values = {
        TITLE: e.title,
        ROLE: ROLES.get(e.role, e.role),
        STATUS: STATUS_LABELS[e.status],
        START: e.start_date.isoformat(),
        END: e.planned_end_date.isoformat() if e.planned_end_date else "Open",
        DAYS: f"{e.days_per_week:g}",
        SPLIT: f"{e.split_strategy}/{e.split_team}/{e.split_leadership}",
    }
    return values.get(column, "")


def _sort_key(e: Engagement, column: int) -> Any:
    if column == DAYS:
        return e.days_per_week
    if column == END:
        return e.planned_end_date.isoformat() if e.planned_end_date else "9999"
    return sort_text(_display(e, column))
