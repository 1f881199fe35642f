"""The decision log, its status history and its full-text index."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.file.schema import run_statements

if TYPE_CHECKING:
    from sqlite_utils import Database

CATEGORIES = (
    "architecture", "build_vs_buy", "vendor", "model_provider", "data_privacy",
    "hiring_team", "process", "cost", "other",
)  # fmt: skip
STATUSES = ("proposed", "accepted", "rejected", "superseded", "deprecated")

FTS_COLUMNS = ("title", "context", "options", "outcome", "consequences")

STATEMENTS = [
    f"""
    CREATE TABLE decision (
        id            INTEGER PRIMARY KEY,
        engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        number        INTEGER NOT NULL CHECK (number >= 1),
        title         TEXT NOT NULL CHECK (length(trim(title)) > 0),
        decided_on    TEXT NOT NULL CHECK (date(decided_on) = decided_on),
        category      TEXT NOT NULL DEFAULT 'other'
                      CHECK (category IN ({", ".join(repr(c) for c in CATEGORIES)})),
        status        TEXT NOT NULL DEFAULT 'proposed'
                      CHECK (status IN ({", ".join(repr(s) for s in STATUSES)})),
        context       TEXT NOT NULL DEFAULT '',
        drivers       TEXT NOT NULL DEFAULT '',
        options       TEXT NOT NULL DEFAULT '[]',
        outcome       TEXT NOT NULL DEFAULT '',
        consequences  TEXT NOT NULL DEFAULT '',
        owner         TEXT NOT NULL DEFAULT '',
        consulted     TEXT NOT NULL DEFAULT '',
        reversibility TEXT NOT NULL DEFAULT 'two_way' CHECK (reversibility IN ('one_way', 'two_way')),
        cost_if_wrong_minor INTEGER CHECK (cost_if_wrong_minor IS NULL OR cost_if_wrong_minor >= 0),
        review_by     TEXT CHECK (review_by IS NULL OR date(review_by) = review_by),
        links         TEXT NOT NULL DEFAULT '',
        supersedes_id    INTEGER REFERENCES decision(id) ON DELETE SET NULL,
        superseded_by_id INTEGER REFERENCES decision(id) ON DELETE SET NULL,
        created_at    TEXT NOT NULL,
        UNIQUE (engagement_id, number),
        CHECK (supersedes_id IS NULL OR supersedes_id != id),
        CHECK (superseded_by_id IS NULL OR superseded_by_id != id)
    )
    """,
    "CREATE INDEX decision_engagement_status ON decision(engagement_id, status)",
    # The list, newest first, for one engagement or all of them.
    "CREATE INDEX decision_engagement_decided ON decision(engagement_id, decided_on, id)",
    "CREATE INDEX decision_decided ON decision(decided_on, id)",
    "CREATE INDEX decision_review_by ON decision(review_by)",
    "CREATE INDEX decision_supersedes ON decision(supersedes_id)",
    "CREATE INDEX decision_superseded_by ON decision(superseded_by_id)",
    """
    CREATE TABLE decision_status_change (
        id          INTEGER PRIMARY KEY,
        decision_id INTEGER NOT NULL REFERENCES decision(id) ON DELETE CASCADE,
        status      TEXT NOT NULL,
        changed_on  TEXT NOT NULL CHECK (date(changed_on) = changed_on)
    )
    """,
    "CREATE INDEX decision_status_change_decision ON decision_status_change(decision_id)",
]


def m003_decisions(db: Database) -> None:
    """The tables, then the FTS5 index kept in sync by triggers.

    `table.transform()` drops those triggers (sqlite-utils bug): a later step that transforms
    `decision` must call `enable_fts` again (tests/storage/decisions/test_decision_search.py checks
    new rows are found).
    """
    run_statements(db, STATEMENTS)
    db.table("decision").enable_fts(
        list(FTS_COLUMNS), create_triggers=True, tokenize="unicode61 remove_diacritics 2"
    )
