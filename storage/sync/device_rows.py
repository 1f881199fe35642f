"""This device's own rows in the practice, read and written through the sync process's
connection (APSW): who it is, how far it has taken each other device's changes, the schema it
is at, and a copy of the practice without them for a snapshot.

`storage.file.device` says the same through the app's driver; the rules (number range, series
code) are checked there, once, and applied here as plain SQL.
"""

from __future__ import annotations

from pathlib import Path

import apsw

from storage.file.device import validate
from storage.sync import apsw_db, hlc, tables

LOCAL_TABLES = ("sync_device", "sync_id_high", "sync_applied", "sync_row_clock",
                "sync_conflict", "sync_applying")  # fmt: skip


def become_device(
    conn: apsw.Connection, device_id: str, number: int, series_code: str, name: str
) -> None:
    device = validate(device_id, number, series_code, name)
    with conn:
        conn.execute("DELETE FROM sync_device")
        conn.execute(
            "INSERT INTO sync_device (device_id, number, series_code, name) VALUES (?, ?, ?, ?)",
            (device.device_id, device.number, device.series_code, device.name),
        )


def device_number(conn: apsw.Connection) -> tuple[int, str]:
    row = conn.execute("SELECT number, series_code FROM sync_device LIMIT 1").fetchone()
    return (int(row[0]), str(row[1])) if row else (0, "")


def schema(conn: apsw.Connection) -> str:
    """The last schema step applied: a device at an older step cannot take newer changes."""
    row = conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id DESC LIMIT 1").fetchone()
    return str(row[0]) if row else ""


def knows_schema(conn: apsw.Connection, name: str) -> bool:
    if not name:
        return True
    row = conn.execute("SELECT 1 FROM _sqlite_migrations WHERE name = ?", (name,)).fetchone()
    return row is not None


def set_applied(conn: apsw.Connection, vector: dict[str, int]) -> None:
    """Where a new device starts: each device's changes up to the snapshot it started from."""
    with conn:
        conn.execute("DELETE FROM sync_applied")
        for device_id, seq in vector.items():
            conn.execute(
                "INSERT INTO sync_applied (device_id, seq) VALUES (?, ?)", (device_id, int(seq))
            )


def hlc_now(conn: apsw.Connection) -> int:
    row = conn.execute("SELECT max(hlc) FROM sync_row_clock").fetchone()
    return hlc.tick(int(row[0]) if row and row[0] is not None else 0)


def copy_for_snapshot(conn: apsw.Connection, target: Path, key: bytes | None) -> None:
    """A copy of the practice for a new device: encrypted with the practice's key as it is,
    without this device's own rows and without the row-clock triggers (the new device
    installs its own)."""
    conn.execute("VACUUM INTO ?", (str(target),))
    copy = apsw_db.connect(target, key)
    try:
        with copy:
            tables.drop_row_clocks(copy)
            for name in LOCAL_TABLES:
                copy.execute(f"DELETE FROM [{name}]")
        copy.execute("VACUUM")
    finally:
        copy.close()
