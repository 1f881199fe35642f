"""What every connection to a practice's file shares: the file's name, when it can be written,
the pragmas, a new practice's key, and a few questions asked of an open database.

Opening itself is `storage.file.practice.Practice`, which resolves the folder, the file, its
marker and key once. A file that cannot be written opens read-only there: reading, reports and
exports work, and every write is refused in plain words before it starts.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from storage.file import keys
from storage.file.file_check import wal_file
from storage.file.migrations import applied_names
from storage.rules.errors import KeyringLockedError, NoKeyringError
from storage.sqlite import sqlite3

if TYPE_CHECKING:
    from sqlite_utils import Database

__all__ = ["database_file", "database_path"]

DB_FILENAME = "fractional-desk.sqlite3"
# The journal of a replacement of the database file (`swap_journal`); named here so that every
# open can look for it with one `stat` without loading the swap machinery.
SWAP_JOURNAL_FILENAME = "fractional-desk.swap"
BUSY_TIMEOUT_MS = 5000
FULL_BELOW_BYTES = 1 << 20


def database_file(data_dir: Path) -> Path:
    return Path(data_dir) / DB_FILENAME


def swap_was_cut_short(data_dir: Path) -> bool:
    """One `stat`: a replacement of the file left its journal (a kill cut it short)."""
    return (Path(data_dir) / SWAP_JOURNAL_FILENAME).exists()


def disk_is_full(path: Path) -> bool:
    """Too little room left for WAL's shared-memory file: reading is all that can be done."""
    try:
        import shutil  # only when a write failed: not on every open

        return shutil.disk_usage(path.parent).free < FULL_BELOW_BYTES
    except OSError:
        return False


def read_only_reason(path: Path) -> str:
    """Why the database cannot be written (empty when it can): WAL needs the file and its folder."""
    if not os.access(path, os.W_OK):
        return "the database file is read-only"
    if not os.access(path.parent, os.W_OK):
        return "its folder is read-only"
    wal = wal_file(path)
    if wal.exists() and not os.access(wal, os.W_OK):
        return "its -wal file is read-only"
    return ""


def new_practice_key(folder: Path, encrypt: bool | None) -> keys.Marker | None:
    """Make, keep and name the key of a new practice in `folder`; its marker when it is
    encrypted, None when it is plain. KeyringLockedError when the keyring is locked, whatever
    `encrypt` says: nothing is created then."""
    if encrypt is False or (encrypt is None and not keys.keyring_works()):
        return None
    key = keys.new_key()
    marker = keys.marker_for(key)
    try:
        keys.store_key(marker, key)
    except KeyringLockedError:
        raise  # unlocking it is the way out, never a plain practice made behind the user's back
    except NoKeyringError:
        if encrypt:
            raise
        return None  # a refusing keyring: the caller says the practice is plain
    keys.remember_for_session(marker, key)
    keys.write_marker(folder, marker)
    return marker


def configure(db: Database) -> None:
    """Pragmas every connection needs: WAL, full fsync on commit, foreign keys, a busy wait."""
    configure_connection(db.conn, in_memory=db.memory)


def configure_connection(conn: sqlite3.Connection, *, in_memory: bool = False) -> None:
    """`configure` on the driver's connection (a practice opened to read has no other)."""
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not in_memory:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")


def data_version(db: Database) -> int | None:
    """SQLite's `PRAGMA data_version`: it changes when another connection commits (None when the
    file cannot be read)."""
    try:
        return int(db.execute("PRAGMA data_version").fetchone()[0])
    except sqlite3.Error:
        return None


def database_path(db: Database) -> Path:
    row = db.execute("PRAGMA database_list").fetchone()
    return Path(row[2])


def schema_version(db: Database) -> list[str]:
    return applied_names(db.conn)
