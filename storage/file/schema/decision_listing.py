"""The decision list read from an index alone: the nineteenth schema step.

`decisions list` and the Decisions tab's unfiltered list show each decision's date, number,
title, category, status, owner, review date and supersede links, newest first. Read from the
table, that is every page of it, with each decision's context, options and outcome (the bulk of
the file's decision pages), which an encrypted practice decrypts one page at a time. This index
holds the listed columns in the listed order, so the list reads about an eighth of the pages and
sorts nothing. It starts with the former `decision_decided` index's columns, which it replaces.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.file.schema import run_statements

if TYPE_CHECKING:
    from sqlite_utils import Database

STATEMENTS = [
    "CREATE INDEX decision_listing ON decision(decided_on, id, engagement_id, number, "
    "date_unknown, title, category, status, owner, review_by, supersedes_id, superseded_by_id)",
    "DROP INDEX IF EXISTS decision_decided",
]


def m019_decision_listing(db: Database) -> None:
    run_statements(db, STATEMENTS)
