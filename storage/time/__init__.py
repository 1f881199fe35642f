"""Time: entries, the timer, the timesheet and the week report.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from storage.time import cell_changes, time_entries, timer, timesheet
from storage.time.time_entries import Cell, CellKey, TimeEntry, week_cells
from storage.time.timesheet import EntryRow, WeekRow
from storage.time.week_report import (
    Commitment,
    committed_words,
    copy_rows_from_last_week,
    counted_span,
    recent_commitments,
    report,
    week_commitments,
    week_engagements,
)

__all__ = [
    "Cell",
    "CellKey",
    "Commitment",
    "EntryRow",
    "TimeEntry",
    "WeekRow",
    "cell_changes",
    "committed_words",
    "copy_rows_from_last_week",
    "counted_span",
    "recent_commitments",
    "report",
    "time_entries",
    "timer",
    "timesheet",
    "week_cells",
    "week_commitments",
    "week_engagements",
]
