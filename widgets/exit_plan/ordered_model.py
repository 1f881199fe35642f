"""A record table whose rows the consultant orders by drag and drop (milestones, risks,
recommendations, the access inventory): the drop is handed to `reorder(id, position)`, which
saves it and reloads, so the model never moves rows itself."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt

from widgets.common.record_model import AnyIndex, RecordTableModel

T = TypeVar("T")


class OrderedRecordModel(RecordTableModel[T]):
    mime_type = "application/x-fractional-desk-row"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.reorder: Callable[[int, int], None] | None = None  # (record id, new position)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [self.mime_type]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            record_id = self.record_id(self.record(rows[0]))
            data.setData(self.mime_type, QByteArray(str(record_id).encode()))
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        if (
            action != Qt.DropAction.MoveAction
            or not data.hasFormat(self.mime_type)
            or not self.reorder
        ):
            return False
        moved = self.row_of(int(bytes(data.data(self.mime_type).data()).decode()))
        if moved is None:
            return False
        before = row if row >= 0 else (parent.row() if parent.isValid() else self.rowCount())
        target = before - 1 if before > moved else before  # the gap it leaves closes first
        if target != moved:
            self.reorder(int(self.record_id(self.record(moved)) or 0), target)
        return False  # already moved and reloaded: the view must not remove the source row
