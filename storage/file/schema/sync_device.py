"""This device's place in a synced practice: the seventeenth schema step.

`sync_device` holds at most one row, and only once the practice syncs: the device's id, its
number (the id range [number * 2**40, (number + 1) * 2**40) every insert takes from, so two
devices never make the same id), its invoice series code ('' for the device that set sync up,
else 'B', 'C', ...) and its name. Tables named `sync_*` are the device's own and never sync.
No row means the practice does not sync, and every insert and number is exactly as before.
`sync_id_high` remembers the highest id the device gave in each table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.file.schema import run_statements

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_DEVICE_NUMBER = 2**20 - 1

STATEMENTS = [
    f"""
    CREATE TABLE sync_device (
        device_id   TEXT PRIMARY KEY NOT NULL CHECK (length(device_id) BETWEEN 1 AND 64),
        number      INTEGER NOT NULL CHECK (number BETWEEN 0 AND {MAX_DEVICE_NUMBER}),
        series_code TEXT NOT NULL DEFAULT '' CHECK (
            series_code = '' OR series_code GLOB '[A-Z]' OR series_code GLOB '[A-Z][A-Z]'
        ),
        name        TEXT NOT NULL DEFAULT '',
        one_row     INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (one_row = 1)
    )
    """,
    # the highest id this device has given in each table: an id is never given twice, even
    # after its row is deleted here (the other device may bring the row back: edit beats delete)
    """
    CREATE TABLE sync_id_high (
        tbl  TEXT PRIMARY KEY NOT NULL,
        high INTEGER NOT NULL
    )
    """,
]


def m017_sync_device(db: Database) -> None:
    run_statements(db, STATEMENTS)
