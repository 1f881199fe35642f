"""The drill-down under the Month table: each day of the selected engagement with time, and a
total row equal to the engagement's line above."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt

from storage.billing import MonthDay
from storage.rules import BUCKETS
from widgets.common.record_model import RecordTableModel
from widgets.month import month_hours
from widgets.month.summary import right_aligned, summary_style

HEADERS = {"day": "Date", "strategy": "Strategy", "team": "Team", "leadership": "Leadership",
           "total": "Total", "notes": "Notes"}  # fmt: skip
HOURS = (*BUCKETS, "total")


@dataclass(frozen=True)
class DayRow:
    """A day (None on the total row) and its figures in `month_hours` units."""

    day: dt.date | None
    hours: tuple[int, ...]
    notes: str = ""

    @property
    def id(self) -> int | None:
        return self.day.toordinal() if self.day else None


def day_rows(days: list[MonthDay], total: int | None = None) -> list[DayRow]:
    """The days and their total; `total` is the line's printed total, which the days share."""
    units = month_hours.share([[d.minutes[b] for b in BUCKETS] for d in days], total)
    found = [
        DayRow(d.day, (*shown, sum(shown)), " · ".join(d.notes))
        for d, shown in zip(days, units, strict=True)
    ]
    sums = tuple(sum(r.hours[i] for r in found) for i in range(len(HOURS)))
    return [*found, DayRow(None, sums)] if found else []


class DaysTableModel(RecordTableModel[DayRow]):
    fields = tuple(HEADERS)
    headers = tuple(HEADERS.values())
    editable = False

    def display(self, record: DayRow, field: str) -> Any:
        if field in HOURS:
            index = HOURS.index(field)
            return month_hours.text(record.hours[index], blank_zero=field != "total")
        if field == "day":
            return f"{record.day:%a} {record.day.day} {record.day:%b}" if record.day else "Total"
        return record.notes

    def styled(self, record: DayRow, field: str, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and field in HOURS:
            return right_aligned()
        if role == Qt.ItemDataRole.ToolTipRole and field == "notes" and record.notes:
            return record.notes
        return summary_style(role) if record.day is None else None
