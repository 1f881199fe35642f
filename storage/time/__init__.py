"""Time: entries, the timer, the timesheet and the week report.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.rules.lazy_face import lazy_face

if TYPE_CHECKING:  # the names as the type checker sees them; loaded on first use
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

__getattr__, __dir__ = lazy_face(
    __name__,
    {
        "cell_changes": "storage.time.cell_changes",
        "Cell": "storage.time.time_entries:Cell",
        "CellKey": "storage.time.time_entries:CellKey",
        "TimeEntry": "storage.time.time_entries:TimeEntry",
        "time_entries": "storage.time.time_entries",
        "week_cells": "storage.time.time_entries:week_cells",
        "timer": "storage.time.timer",
        "EntryRow": "storage.time.timesheet:EntryRow",
        "WeekRow": "storage.time.timesheet:WeekRow",
        "timesheet": "storage.time.timesheet",
        "Commitment": "storage.time.week_report:Commitment",
        "committed_words": "storage.time.week_report:committed_words",
        "copy_rows_from_last_week": "storage.time.week_report:copy_rows_from_last_week",
        "counted_span": "storage.time.week_report:counted_span",
        "recent_commitments": "storage.time.week_report:recent_commitments",
        "report": "storage.time.week_report:report",
        "week_commitments": "storage.time.week_report:week_commitments",
        "week_engagements": "storage.time.week_report:week_engagements",
    },
)
