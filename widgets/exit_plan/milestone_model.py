"""The milestones table: title, due date, status, owner, weight and done date; overdue in red."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from storage.exit_plan import Milestone, milestones
from storage.rules import ValidationError, clock
from widgets.common import palette
from widgets.common.record_model import day_text, parse_day
from widgets.exit_plan.ordered_model import OrderedRecordModel

MIME_TYPE = "application/x-fractional-desk-milestone"


class MilestoneModel(OrderedRecordModel[Milestone]):
    mime_type = MIME_TYPE
    headers = ("Milestone", "Due", "Status", "Owner", "Weight", "Done on")
    fields = ("title", "due_date", "status", "owner", "weight", "done_date")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.as_of = clock.today()

    def set_rows(self, rows: Any) -> None:
        self.as_of = clock.today()
        super().set_rows(rows)

    def display(self, record: Milestone, field: str) -> Any:
        if field == "status":
            return milestones.STATUS_LABELS[record.status]
        return super().display(record, field)

    def styled(self, record: Milestone, field: str, role: int) -> Any:
        overdue = record.is_overdue(self.as_of)
        if role == Qt.ItemDataRole.BackgroundRole and overdue:
            return QBrush(palette.colours().overdue_background)
        if role == Qt.ItemDataRole.ForegroundRole:
            if overdue and field in ("title", "due_date"):
                return QBrush(palette.colour_named("error"))
            if record.status in milestones.CLOSED_STATUSES:
                return QBrush(palette.colours().muted)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(record, overdue)
        if role == Qt.ItemDataRole.TextAlignmentRole and field == "weight":
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _tooltip(self, record: Milestone, overdue: bool) -> str:
        lines = [record.title]
        if overdue:
            lines.append(f"Overdue: it was due {day_text(record.due_date)}")
        if record.description:
            lines.append(record.description)
        return "\n".join(lines)

    def with_value(self, record: Milestone, field: str, value: Any) -> Milestone:
        if field == "due_date":
            return milestones.with_changes(record, due_date=parse_day(field, value))
        if field == "done_date":
            return _with_done_date(record, parse_day(field, value))
        if field == "weight":
            return milestones.with_changes(record, weight=_whole_number(value))
        if field == "status" and value != "done":
            return milestones.with_changes(record, status=value, done_date=None)
        return milestones.with_changes(record, **{field: value})


def _with_done_date(record: Milestone, day: dt.date | None) -> Milestone:
    """A done date marks the milestone done; clearing it reopens a done one as in progress."""
    if day is not None:
        return milestones.with_changes(record, status="done", done_date=day)
    status = "in_progress" if record.status == "done" else record.status
    return milestones.with_changes(record, status=status, done_date=None)


def _whole_number(value: Any) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        raise ValidationError("weight", "must be a whole number from 1 to 5") from None
