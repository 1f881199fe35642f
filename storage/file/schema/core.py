"""Clients, engagements and settings: the first schema step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.file.schema import run_statements

if TYPE_CHECKING:
    from sqlite_utils import Database

STATEMENTS = [
    """
    CREATE TABLE setting (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE client (
        id           INTEGER PRIMARY KEY,
        name         TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
        contact_name TEXT NOT NULL DEFAULT '',
        email        TEXT NOT NULL DEFAULT '',
        role         TEXT NOT NULL DEFAULT '',
        notes        TEXT NOT NULL DEFAULT '',
        status       TEXT NOT NULL DEFAULT 'prospect'
                     CHECK (status IN ('prospect', 'active', 'paused', 'former')),
        fit_critical             INTEGER NOT NULL DEFAULT 0 CHECK (fit_critical IN (0, 1)),
        fit_engineers_not_strategic INTEGER NOT NULL DEFAULT 0
                     CHECK (fit_engineers_not_strategic IN (0, 1)),
        fit_not_ready_full_time  INTEGER NOT NULL DEFAULT 0 CHECK (fit_not_ready_full_time IN (0, 1)),
        fit_decisions_blocking   INTEGER NOT NULL DEFAULT 0 CHECK (fit_decisions_blocking IN (0, 1)),
        archived     INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
        created_at   TEXT NOT NULL
    )
    """,
    "CREATE INDEX client_status ON client(status, archived)",
    """
    CREATE TABLE engagement (
        id               INTEGER PRIMARY KEY,
        client_id        INTEGER NOT NULL REFERENCES client(id) ON DELETE CASCADE,
        title            TEXT NOT NULL CHECK (length(trim(title)) > 0),
        role             TEXT NOT NULL DEFAULT 'fractional_cto'
                         CHECK (role IN ('fractional_cto', 'fractional_ai_cto',
                                         'fractional_ai_officer', 'advisor')),
        start_date       TEXT NOT NULL CHECK (date(start_date) = start_date),
        planned_end_date TEXT CHECK (planned_end_date IS NULL
                                     OR date(planned_end_date) = planned_end_date),
        days_per_week    REAL NOT NULL DEFAULT 2 CHECK (days_per_week BETWEEN 0.5 AND 5),
        hours_per_day    REAL NOT NULL DEFAULT 8 CHECK (hours_per_day > 0 AND hours_per_day <= 24),
        split_strategy   INTEGER NOT NULL DEFAULT 50 CHECK (split_strategy BETWEEN 0 AND 100),
        split_team       INTEGER NOT NULL DEFAULT 30 CHECK (split_team BETWEEN 0 AND 100),
        split_leadership INTEGER NOT NULL DEFAULT 20 CHECK (split_leadership BETWEEN 0 AND 100),
        billing_model    TEXT NOT NULL DEFAULT 'monthly_retainer'
                         CHECK (billing_model IN ('hourly', 'daily', 'monthly_retainer', 'fixed_fee')),
        fee_minor        INTEGER NOT NULL DEFAULT 0 CHECK (fee_minor >= 0),
        currency         TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3),
        objectives       TEXT NOT NULL DEFAULT '',
        deliverables     TEXT NOT NULL DEFAULT '',
        out_of_scope     TEXT NOT NULL DEFAULT '',
        assumptions      TEXT NOT NULL DEFAULT '',
        status           TEXT NOT NULL DEFAULT 'proposed'
                         CHECK (status IN ('proposed', 'active', 'exiting', 'ended')),
        ended_on         TEXT CHECK (ended_on IS NULL OR date(ended_on) = ended_on),
        next_decision_number INTEGER NOT NULL DEFAULT 1 CHECK (next_decision_number >= 1),
        created_at       TEXT NOT NULL,
        CHECK (split_strategy + split_team + split_leadership = 100),
        CHECK (planned_end_date IS NULL OR planned_end_date >= start_date)
    )
    """,
    "CREATE INDEX engagement_client ON engagement(client_id)",
    "CREATE INDEX engagement_status ON engagement(status)",
]


def m001_core(db: Database) -> None:
    run_statements(db, STATEMENTS)
