"""The tables of what the successor inherits: risks, recommendations with their horizon, and
the access inventory (its Done column a check box)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from storage.exit_plan import (
    LEVEL_LABELS,
    AccessItem,
    Recommendation,
    Risk,
    access_items,
    recommendations,
    risks,
)
from widgets.common import palette
from widgets.common.record_model import AnyIndex
from widgets.exit_plan.ordered_model import OrderedRecordModel

# The horizon as the combo box edits it: a code per stretch of the roadmap, "" for later.
HORIZON_CHOICES = {
    "" if days is None else str(days): label
    for days, label in recommendations.HORIZON_LABELS.items()
}
NO_OWNER, NOT_NAMED = "(no owner yet)", "(not named yet)"


def _missing(text: str) -> QBrush:
    return QBrush(palette.colour_named("error" if text == NO_OWNER else "muted"))


class RiskModel(OrderedRecordModel[Risk]):
    mime_type = "application/x-fractional-desk-risk"
    headers = ("Risk", "Likelihood", "Impact", "Mitigation", "Owner")
    fields = ("risk", "likelihood", "impact", "mitigation", "owner")

    def display(self, record: Risk, field: str) -> Any:
        if field in ("likelihood", "impact"):
            return LEVEL_LABELS[getattr(record, field)]
        if field == "owner" and not record.owner:
            return NO_OWNER
        return super().display(record, field)

    def styled(self, record: Risk, field: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if field == "owner" and not record.owner:
                return _missing(NO_OWNER)
            if field in ("likelihood", "impact") and getattr(record, field) == "high":
                return QBrush(palette.colour_named("fail"))
        if role == Qt.ItemDataRole.ToolTipRole and field in ("risk", "mitigation"):
            return getattr(record, field) or None
        return None

    def with_value(self, record: Risk, field: str, value: Any) -> Risk:
        return risks.with_changes(record, **{field: value})


class RecommendationModel(OrderedRecordModel[Recommendation]):
    mime_type = "application/x-fractional-desk-recommendation"
    headers = ("Recommendation", "Horizon")
    fields = ("text", "horizon_days")
    header_tips = {1: "When the successor should do it: the roadmap of their first 90 days"}  # noqa: RUF012

    def display(self, record: Recommendation, field: str) -> Any:
        if field == "horizon_days":
            return record.horizon_label
        return super().display(record, field)

    def edit_value(self, record: Recommendation, field: str) -> Any:
        if field == "horizon_days":
            return "" if record.horizon_days is None else str(record.horizon_days)
        return super().edit_value(record, field)

    def styled(self, record: Recommendation, field: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and record.horizon_days is None:
            return QBrush(palette.colours().muted) if field == "horizon_days" else None
        return None

    def with_value(self, record: Recommendation, field: str, value: Any) -> Recommendation:
        if field == "horizon_days":
            text = str(value or "").strip()
            value = int(text) if text.isdigit() else (None if not text else -1)
        return recommendations.with_changes(record, **{field: value})


class AccessModel(OrderedRecordModel[AccessItem]):
    mime_type = "application/x-fractional-desk-access"
    headers = ("System", "Access", "Holder", "Transferred to", "Done")
    fields = ("system", "access", "holder", "transferred_to", "done")
    header_tips = {  # noqa: RUF012
        0: "Names only, never passwords, keys or tokens",
        4: "Tick once the access is transferred (or removed)",
    }

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        found = super().flags(index)
        if index.isValid() and self.fields[index.column()] == "done":
            return (found | Qt.ItemFlag.ItemIsUserCheckable) & ~Qt.ItemFlag.ItemIsEditable
        return found

    def display(self, record: AccessItem, field: str) -> Any:
        if field == "done":
            return "Done" if record.done else "Not yet"
        if field == "transferred_to" and not record.transferred_to:
            return NOT_NAMED
        return super().display(record, field)

    def styled(self, record: AccessItem, field: str, role: int) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and field == "done":
            return Qt.CheckState.Checked if record.done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole:
            if field == "transferred_to" and not record.transferred_to:
                return _missing(NOT_NAMED)
            if field == "done" and record.done:
                return QBrush(palette.colour_named("handed_over"))
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.CheckStateRole and index.isValid():
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            return super().setData(index, checked, Qt.ItemDataRole.EditRole)
        return super().setData(index, value, role)

    def with_value(self, record: AccessItem, field: str, value: Any) -> AccessItem:
        return access_items.with_changes(record, **{field: value})
