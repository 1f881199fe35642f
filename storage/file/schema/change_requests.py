"""Scope creep seen and priced: the eleventh schema step.

- A time entry the consultant marked "out of scope" (`out_of_scope` 1): kept marked whatever
  becomes of a change request made from it.
- Change requests: one per ask, on an engagement, with who asked and when, the effect (extra days
  a week for a period, a one-off number of days, deliverables and phases added or changed, as
  JSON lists), the price and how it was reached, the status with the day it was reached, the
  evidence it was made from, and, once accepted, the month its price is billed in and the
  instalment it added to a fixed fee.
"""

from __future__ import annotations

from sqlite_utils import Database

from storage.file.schema import run_statements

CHANGE_STATUSES = ("proposed", "accepted", "declined", "withdrawn")
_DATE = "CHECK ({col} IS NULL OR date({col}) IS {col})"


def _date(col: str) -> str:
    return _DATE.format(col=col)


STATEMENTS = [
    """ALTER TABLE time_entry ADD COLUMN out_of_scope INTEGER NOT NULL DEFAULT 0
       CHECK (out_of_scope IN (0, 1))""",
    f"""
    CREATE TABLE change_request (
        id                  INTEGER PRIMARY KEY,
        engagement_id       INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        number              INTEGER NOT NULL CHECK (number >= 1),
        title               TEXT NOT NULL CHECK (length(trim(title)) > 0),
        request             TEXT NOT NULL DEFAULT '',
        asked_by            TEXT NOT NULL DEFAULT '',
        asked_on            TEXT NOT NULL {_date("asked_on")},
        extra_days_per_week REAL CHECK (extra_days_per_week IS NULL OR extra_days_per_week > 0),
        period_from         TEXT {_date("period_from")},
        period_to           TEXT {_date("period_to")},
        one_off_days        REAL CHECK (one_off_days IS NULL OR one_off_days > 0),
        deliverables        TEXT NOT NULL DEFAULT '[]',
        phases              TEXT NOT NULL DEFAULT '[]',
        price_minor         INTEGER NOT NULL DEFAULT 0 CHECK (price_minor >= 0),
        price_basis         TEXT NOT NULL DEFAULT '',
        price_override      INTEGER NOT NULL DEFAULT 0 CHECK (price_override IN (0, 1)),
        status              TEXT NOT NULL DEFAULT 'proposed'
                            CHECK (status IN {CHANGE_STATUSES!r}),
        status_on           TEXT NOT NULL {_date("status_on")},
        evidence            TEXT NOT NULL DEFAULT '',
        bill_month          TEXT CHECK (bill_month IS NULL
                                        OR bill_month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
        instalment_id       INTEGER REFERENCES instalment(id) ON DELETE SET NULL,
        created_at          TEXT NOT NULL DEFAULT '',
        UNIQUE (engagement_id, number),
        CHECK (period_to IS NULL OR period_from IS NULL OR period_to >= period_from)
    )
    """,
    "CREATE INDEX change_request_status ON change_request(status, bill_month)",
]


def m013_change_requests(db: Database) -> None:
    run_statements(db, STATEMENTS)
