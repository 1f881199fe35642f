"""The responsibilities table: each duty, its successor and how far the handover has got."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from storage.exit_plan import Responsibility, responsibilities
from widgets.common import palette
from widgets.common.record_model import RecordTableModel


class ResponsibilityModel(RecordTableModel[Responsibility]):
    headers = ("Responsibility", "Successor", "Handover stage")
    fields = ("duty", "successor", "stage")

    def display(self, record: Responsibility, field: str) -> Any:
        if field == "stage":
            return record.stage_label
        if field == "successor" and not record.successor:
            return "(no successor yet)"
        return super().display(record, field)

    def styled(self, record: Responsibility, field: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if field == "stage" and record.stage == responsibilities.HANDED_OVER:
                return QBrush(palette.colour_named("handed_over"))
            if field == "successor" and not record.successor:
                return QBrush(palette.colour_named("error"))
        if role == Qt.ItemDataRole.ToolTipRole and field == "stage":
            stages = " → ".join(responsibilities.STAGE_LABELS.values())
            return f"Handover: {stages}"
        return None

    def with_value(self, record: Responsibility, field: str, value: Any) -> Responsibility:
        return responsibilities.with_changes(record, **{field: value})
