"""Time entries and the running timer."""

from __future__ import annotations

from sqlite_utils import Database

from storage.schema import run_statements

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
    # The weekly grid and every per-engagement sum: covering, so sums never touch the table.
    "CREATE INDEX time_entry_engagement_day ON time_entry(engagement_id, day, bucket, minutes)",
    # The 24-hours-a-day rule across engagements, and the week's totals.
    "CREATE INDEX time_entry_day ON time_entry(day, minutes)",
    """
    CREATE TABLE running_timer (
        id            INTEGER PRIMARY KEY CHECK (id = 1),
        engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        bucket        TEXT NOT NULL CHECK (bucket IN ('strategy', 'team', 'leadership')),
        note          TEXT NOT NULL DEFAULT '',
        started_at    TEXT NOT NULL
    )
    """,
]


def m002_time(db: Database) -> None:
    run_statements(db, STATEMENTS)
