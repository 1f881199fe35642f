"""The device-local tables of sync (issue 35): the eighteenth schema step.

None of them is ever synced (every `sync_*` table is device-local by rule):
- `sync_applied`: how far this device has applied each other device's change files
  (device id -> last seq), written in the same transaction as the changes themselves;
- `sync_row_clock`: the hybrid-logical-clock time of the last change to each synced row (table,
  primary key as a JSON array, column '') and to each of its fields (column named), kept by
  triggers that sync setup installs, so the later of two edits of one field wins on merge;
- `sync_conflict`: what a merge decided against one side, for the user to review and flip;
- `sync_applying`: one row while a remote change is applied, which keeps the row-clock
  triggers silent (the engine writes the remote clocks itself).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.file.schema import run_statements

if TYPE_CHECKING:
    from sqlite_utils import Database

STATEMENTS = [
    """
    CREATE TABLE IF NOT EXISTS sync_applied (
        device_id TEXT PRIMARY KEY,
        seq       INTEGER NOT NULL CHECK (seq >= 0)
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS sync_row_clock (
        tbl TEXT NOT NULL,
        pk  TEXT NOT NULL,
        col TEXT NOT NULL DEFAULT '',
        hlc INTEGER NOT NULL,
        PRIMARY KEY (tbl, pk, col)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX IF NOT EXISTS sync_row_clock_hlc ON sync_row_clock(hlc)",
    """
    CREATE TABLE IF NOT EXISTS sync_conflict (
        id         INTEGER PRIMARY KEY,
        tbl        TEXT NOT NULL,
        pk         TEXT NOT NULL,
        col        TEXT NOT NULL DEFAULT '',
        kept       TEXT,
        other      TEXT,
        kind       TEXT NOT NULL,
        hlc        INTEGER NOT NULL DEFAULT 0,
        device_id  TEXT NOT NULL DEFAULT '',
        resolved   INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
        flipped    INTEGER NOT NULL DEFAULT 0 CHECK (flipped IN (0, 1))
    )
    """,
    "CREATE INDEX IF NOT EXISTS sync_conflict_open ON sync_conflict(resolved, id)",
    "CREATE TABLE IF NOT EXISTS sync_applying (id INTEGER PRIMARY KEY CHECK (id = 1))",
]


def m018_sync_local(db: Database) -> None:
    run_statements(db, STATEMENTS)
