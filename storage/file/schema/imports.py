"""Time imported from other trackers: each import, and a fingerprint of every source row.

The fingerprint outlives the entry (a later edit in the grid replaces entries), so importing the
same file again adds nothing even after the imported time was changed by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.file.schema import run_statements

if TYPE_CHECKING:
    from sqlite_utils import Database

STATEMENTS = [
    """
    CREATE TABLE time_import (
        id          INTEGER PRIMARY KEY,
        format      TEXT NOT NULL CHECK (format IN ('toggl', 'harvest', 'clockify')),
        file_name   TEXT NOT NULL DEFAULT '',
        imported_at TEXT NOT NULL,
        entries     INTEGER NOT NULL DEFAULT 0 CHECK (entries >= 0),
        made        TEXT NOT NULL DEFAULT '{}'  -- {"clients": [ids], "engagements": [ids]}
    )
    """,
    """
    CREATE TABLE time_import_row (
        fingerprint TEXT PRIMARY KEY,
        import_id   INTEGER NOT NULL REFERENCES time_import(id) ON DELETE CASCADE,
        entry_id    INTEGER REFERENCES time_entry(id) ON DELETE SET NULL
    )
    """,
    "CREATE INDEX time_import_row_import ON time_import_row(import_id)",
    "CREATE INDEX time_import_row_entry ON time_import_row(entry_id)",
]


def m006_time_imports(db: Database) -> None:
    run_statements(db, STATEMENTS)
