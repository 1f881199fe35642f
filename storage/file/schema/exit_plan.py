"""Exit-plan milestones, responsibilities with their successors, and readiness snapshots."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.file.schema import run_statements

if TYPE_CHECKING:
    from sqlite_utils import Database

MILESTONE_STATUSES = ("planned", "in_progress", "done", "at_risk", "dropped")
HANDOVER_STAGES = ("consultant", "shadows", "leads_with_support", "owns")

STATEMENTS = [
    f"""
    CREATE TABLE milestone (
        id            INTEGER PRIMARY KEY,
        engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        position      INTEGER NOT NULL DEFAULT 0,
        title         TEXT NOT NULL CHECK (length(trim(title)) > 0),
        description   TEXT NOT NULL DEFAULT '',
        due_date      TEXT CHECK (due_date IS NULL OR date(due_date) = due_date),
        status        TEXT NOT NULL DEFAULT 'planned'
                      CHECK (status IN ({", ".join(repr(s) for s in MILESTONE_STATUSES)})),
        owner         TEXT NOT NULL DEFAULT '',
        weight        INTEGER NOT NULL DEFAULT 3 CHECK (weight BETWEEN 1 AND 5),
        done_date     TEXT CHECK (done_date IS NULL OR date(done_date) = done_date),
        created_at    TEXT NOT NULL
    )
    """,
    "CREATE INDEX milestone_engagement ON milestone(engagement_id, position)",
    f"""
    CREATE TABLE responsibility (
        id            INTEGER PRIMARY KEY,
        engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        position      INTEGER NOT NULL DEFAULT 0,
        duty          TEXT NOT NULL CHECK (length(trim(duty)) > 0),
        successor     TEXT NOT NULL DEFAULT '',
        stage         TEXT NOT NULL DEFAULT 'consultant'
                      CHECK (stage IN ({", ".join(repr(s) for s in HANDOVER_STAGES)})),
        created_at    TEXT NOT NULL
    )
    """,
    "CREATE INDEX responsibility_engagement ON responsibility(engagement_id, position)",
    """
    CREATE TABLE readiness_snapshot (
        id             INTEGER PRIMARY KEY,
        engagement_id  INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        taken_on       TEXT NOT NULL CHECK (date(taken_on) = taken_on),
        score          INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
        verdict        TEXT NOT NULL CHECK (verdict IN ('ready', 'nearly ready', 'not ready')),
        failing_checks TEXT NOT NULL DEFAULT '[]'
    )
    """,
    "CREATE INDEX readiness_snapshot_engagement ON readiness_snapshot(engagement_id, taken_on)",
]


def m004_exit_plan(db: Database) -> None:
    run_statements(db, STATEMENTS)
