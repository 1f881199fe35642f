"""Time entries, the rows kept on a week's timesheet, and the running timer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.file.schema import run_statements

if TYPE_CHECKING:
    from sqlite_utils import Database

STATEMENTS = [
    """
    CREATE TABLE time_entry (
        id            INTEGER PRIMARY KEY,
        engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        day           TEXT NOT NULL CHECK (date(day) = day),
        bucket        TEXT NOT NULL CHECK (bucket IN ('strategy', 'team', 'leadership')),
        minutes       INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
        note          TEXT NOT NULL DEFAULT '',
        created_at    TEXT NOT NULL
    )
    """,
    # One engagement's cells and sums (the side panel, the split over four weeks): covering.
    "CREATE INDEX time_entry_engagement_day ON time_entry(engagement_id, day, bucket, minutes)",
    # The week shown (the grid's one aggregate) and the 24-hours-a-day rule: covering, so a
    # week's numbers are read from the index alone, whatever the size of the history.
    "CREATE INDEX time_entry_day ON time_entry(day, engagement_id, bucket, minutes)",
    # "Copy rows from last week": engagements kept on a week's timesheet even without hours.
    """
    CREATE TABLE time_week_row (
        week_start    TEXT NOT NULL CHECK (date(week_start) = week_start),
        engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        PRIMARY KEY (week_start, engagement_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX time_week_row_engagement ON time_week_row(engagement_id)",
    """
    CREATE TABLE running_timer (
        id            INTEGER PRIMARY KEY CHECK (id = 1),
        engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        bucket        TEXT NOT NULL CHECK (bucket IN ('strategy', 'team', 'leadership')),
        note          TEXT NOT NULL DEFAULT '',
        started_at    TEXT NOT NULL
    )
    """,
    "CREATE INDEX running_timer_engagement ON running_timer(engagement_id)",
]


def m002_time(db: Database) -> None:
    run_statements(db, STATEMENTS)
