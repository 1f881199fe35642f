"""The selected client's engagements: one row per engagement."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from storage.practice import Engagement
from storage.rules import ENGAGEMENT_STATUS_LABELS as STATUS_LABELS
from storage.rules import ROLES
from widgets.clients.client_model import sort_text
from widgets.common.record_model import RecordTableModel

COLUMNS = ("Title", "Role", "Status", "Start", "Planned end", "Days", "Split")
TITLE, ROLE, STATUS, START, END, DAYS, SPLIT = range(len(COLUMNS))
HEADER_TIPS = {DAYS: "Days per week committed", SPLIT: "Target split: strategy / team / leadership"}
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class EngagementTableModel(RecordTableModel[Engagement]):
    headers = COLUMNS
    header_tips = HEADER_TIPS
    fields = ("title", "role", "status", "start", "end", "days", "split")
    editable = False

    def display(self, e: Engagement, field: str) -> str:
        values = {
            "title": e.title,
            "role": ROLES.get(e.role, e.role),
            "status": STATUS_LABELS[e.status],
            "start": e.start_date.isoformat(),
            "end": e.planned_end_date.isoformat() if e.planned_end_date else "Open",
            "days": f"{e.days_per_week:g}",
            "split": f"{e.split_strategy}/{e.split_team}/{e.split_leadership}",
        }
        return values[field]

    def sort_key(self, e: Engagement, field: str) -> Any:
        if field == "days":
            return e.days_per_week
        if field == "end":
            return e.planned_end_date.isoformat() if e.planned_end_date else "9999"
        return sort_text(self.display(e, field))

    def styled(self, e: Engagement, field: str, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and field in ("days", "split"):
            return RIGHT
        return None
