"""Ids two devices of one practice can both make: a range of ids per device.

A synced practice gives each device a number n (`sync_device`); every row it inserts takes the
next id of [n * 2**40, (n + 1) * 2**40) after both the largest id there and the highest the
device ever gave (`sync_id_high`), so rows made offline on two devices never collide when their
changes meet, and an id whose row was deleted here is never given to another record (the other
device may still bring the deleted row back). The device that set sync up is number 0, so the ids a
practice already has keep their values and its new ones follow on. A practice that does not
sync (no `sync_device` row) leaves every id to SQLite, exactly as before.

The device is read from the file on each insert (one query of a one-row table), so a device
set up or joined by another process is seen at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.sqlite import sqlite3

if TYPE_CHECKING:
    from sqlite_utils import Database

RANGE_BITS = 40
RANGE = 2**RANGE_BITS
MAX_DEVICE_NUMBER = 2**20 - 1

_integer_id: dict[str, bool] = {}  # table -> whether its key is an INTEGER PRIMARY KEY `id`


def device_number(db: Database) -> int | None:
    """This device's number in a synced practice, None when the practice does not sync."""
    try:
        row = db.execute("SELECT number FROM sync_device LIMIT 1").fetchone()
    except sqlite3.OperationalError as exc:  # a file not yet migrated to the sync step
        if "no such table" in str(exc):
            return None
        raise
    return None if row is None else int(row[0])


def device_range(number: int) -> tuple[int, int]:
    """[low, high): the ids the device numbered `number` gives."""
    return number * RANGE, (number + 1) * RANGE


def has_integer_id(db: Database, table: str) -> bool:
    """Whether `table`'s rows are named by an INTEGER PRIMARY KEY `id` (the tables the
    allocator serves); a key/value or composite-key table is left alone."""
    known = _integer_id.get(table)
    if known is None:
        info = db.execute(f"PRAGMA table_info([{table}])").fetchall()
        known = any(c[1] == "id" and c[5] == 1 and str(c[2]).upper() == "INTEGER" for c in info)
        if info:  # a table not made yet is asked about again
            _integer_id[table] = known
    return known


def first_in_range(db: Database, table: str, number: int, count: int = 1) -> int:
    """The first of `count` ids the device numbered `number` gives next in `table`, past every
    id in its range and every id it gave before; they are recorded as given (the caller's
    transaction holds the insert)."""
    low, high = device_range(number)
    row = db.execute(
        f"SELECT max(coalesce((SELECT max(id) FROM [{table}] WHERE id >= ? AND id < ?), ?), "
        "coalesce((SELECT high FROM sync_id_high WHERE tbl = ?), ?))",
        [low, high, low, table, low],
    ).fetchone()
    first = int(row[0]) + 1
    db.execute(
        "INSERT INTO sync_id_high (tbl, high) VALUES (?, ?) "
        "ON CONFLICT (tbl) DO UPDATE SET high = max(high, excluded.high)",
        [table, first + count - 1],
    )
    return first


def chosen_id(db: Database, table: str, count: int = 1) -> int | None:
    """The id the next row of `table` takes (the first of `count`) in a synced practice; None
    where SQLite chooses (a practice that does not sync, or a table without an integer id)."""
    if not has_integer_id(db, table):
        return None
    number = device_number(db)
    return None if number is None else first_in_range(db, table, number, count)


def next_id(db: Database, table: str, count: int = 1) -> int:
    """The first of the next `count` ids of `table`, for a writer that numbers a batch itself
    (ids `next_id`, `next_id + 1`, ... inside one transaction): the device's range when synced,
    else after the largest id, as SQLite would."""
    chosen = chosen_id(db, table, count)
    if chosen is not None:
        return chosen
    row = db.execute(f"SELECT max(id) FROM [{table}]").fetchone()
    return int(row[0]) + 1 if row and row[0] is not None else 1
