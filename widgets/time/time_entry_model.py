"""One cell's time entries (the side panel's table): duration and note."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from storage.rules import format_minutes
from storage.time import TimeEntry
from widgets.common.record_model import RecordTableModel

HEADERS = ("Time", "Note")
OUT_OF_SCOPE = "[out of scope]"  # the consultant's mark, evidence for a change request
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class TimeEntryModel(RecordTableModel[TimeEntry]):
    headers = HEADERS
    fields = ("minutes", "note")
    editable = False  # entries are edited in the panel's fields, through the tab's undo

    @property
    def entries(self) -> list[TimeEntry]:
        return self.rows()

    def display(self, entry: TimeEntry, field: str) -> str:
        if field == "minutes":
            return format_minutes(entry.minutes)
        note = entry.note.replace("\n", " ")
        return f"{OUT_OF_SCOPE} {note}".strip() if entry.out_of_scope else note

    def styled(self, entry: TimeEntry, field: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return format_minutes(entry.minutes) if field == "minutes" else entry.note
        if role == Qt.ItemDataRole.TextAlignmentRole and field == "minutes":
            return RIGHT
        return None
