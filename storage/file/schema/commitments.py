"""Commitment periods: an engagement's commitment over time instead of one value.

Each engagement's days a week and hours a day become its first period, starting on its start
date, so every past week keeps the commitment it had. A row another tool broke (a start date
`garbage`) gets no period (`OR IGNORE` skips the CHECK); the engagement's own columns stand in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.file.schema import run_statements

if TYPE_CHECKING:
    from sqlite_utils import Database

STATEMENTS = [
    """
    CREATE TABLE commitment_period (
        id            INTEGER PRIMARY KEY,
        engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        starts_on     TEXT NOT NULL CHECK (date(starts_on) IS starts_on),
        days_per_week REAL NOT NULL CHECK (days_per_week BETWEEN 0.5 AND 5),
        hours_per_day REAL NOT NULL CHECK (hours_per_day >= 0.5 AND hours_per_day <= 24),
        UNIQUE (engagement_id, starts_on)
    )
    """,
    # The portfolio reads every period of the practice by date: covering.
    """CREATE INDEX commitment_period_starts
       ON commitment_period(starts_on, engagement_id, days_per_week, hours_per_day)""",
    """
    INSERT OR IGNORE INTO commitment_period (engagement_id, starts_on, days_per_week, hours_per_day)
    SELECT id, start_date, days_per_week, hours_per_day FROM engagement ORDER BY id
    """,
]


def m008_commitment_periods(db: Database) -> None:
    run_statements(db, STATEMENTS)
