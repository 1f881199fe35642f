"""The one connection factory: checks the file, applies migrations, sets the pragmas.

A file that is not ours, is damaged, or is newer than this build is refused before it is
opened for writing, so it is never modified (`storage.file.file_check` judges it the way SQLite
reads it). A file or folder that cannot be written opens read-only: reading, reports and
exports work, and every write is refused in plain words before it starts.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path

from sqlite_utils import Database

from storage.file import keys
from storage.file.connect import connect
from storage.file.durability import AppDatabase, translate
from storage.file.file_check import inspect_existing, read_only, wal_file
from storage.file.migrations import migrations
from storage.file.private_files import create_private_file, private_folder, tighten
from storage.rules.errors import DataFileError, NoKeyringError, ReadOnlyDataError, StorageWriteError
from storage.sqlite import sqlite3

__all__ = ["database_file", "database_path", "inspect_existing", "open_database"]

DB_FILENAME = "fractional-desk.sqlite3"
BUSY_TIMEOUT_MS = 5000
FULL_BELOW_BYTES = 1 << 20


def database_file(data_dir: Path) -> Path:
    return Path(data_dir) / DB_FILENAME


def open_database(path: Path, *, migrate: bool = True, encrypt: bool | None = None) -> AppDatabase:
    """Open (creating if needed) the app's database at `path`, migrated to the current schema.

    A new practice is encrypted when `encrypt` is True (NoKeyringError without a working
    keyring), plain when False, and by default encrypted whenever this machine's keyring works.
    """
    path = Path(path)
    if path.exists():
        inspect_existing(path)
    else:
        _create(path, encrypt)
    read_only = read_only_reason(path)
    try:
        if read_only:
            return _open_read_only(path, read_only, migrate=migrate)
        try:
            return _open_writable(path, migrate=migrate)
        except sqlite3.OperationalError as exc:
            plain = translate(path, exc)
            if not isinstance(plain, StorageWriteError) or not _disk_is_full(path):
                raise
            return _open_read_only(path, "the disk is full", migrate=migrate)
    except sqlite3.DatabaseError as exc:
        plain = translate(path, exc)
        raise plain or DataFileError(path, f"could not be opened: {exc}") from exc


def _disk_is_full(path: Path) -> bool:
    """Too little room left for WAL's shared-memory file: reading is all that can be done."""
    try:
        return shutil.disk_usage(path.parent).free < FULL_BELOW_BYTES
    except OSError:
        return False


def _create(path: Path, encrypt: bool | None) -> None:
    try:
        private_folder(path.parent)
        if keys.read_marker(path.parent) is None:
            new_practice_key(path.parent, encrypt)
        create_private_file(path)
    except FileExistsError:
        pass  # another process created it a moment ago
    except OSError as exc:
        raise DataFileError(path, f"cannot be created: {exc.strerror}") from exc


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


def new_practice_key(folder: Path, encrypt: bool | None) -> bool:
    """Make, keep and name the key of a new practice in `folder`; True when it is encrypted."""
    if encrypt is False or (encrypt is None and not keys.keyring_works()):
        return False
    key = keys.new_key()
    marker = keys.marker_for(key)
    try:
        keys.store_key(marker, key)
    except NoKeyringError:
        if encrypt:
            raise
        return False  # a locked or refusing keyring: the caller says the practice is plain
    keys.remember_for_session(marker, key)
    keys.write_marker(folder, marker)
    return True


def _open_writable(path: Path, *, migrate: bool) -> AppDatabase:
    conn = connect(path)
    try:
        db = AppDatabase(conn)
        configure(db)
        if migrate:
            _backup_before_migration(db, path)
            migrations.apply(db)
    except BaseException:
        conn.close()
        raise
    tighten(path, wal_file(path), Path(f"{path}-shm"))
    return db


def _open_read_only(path: Path, reason: str, *, migrate: bool) -> AppDatabase:
    try:
        return _read_only(path, read_only(path), reason, migrate=migrate)
    except sqlite3.OperationalError:
        wal = wal_file(path)
        if wal.exists() and wal.stat().st_size:
            raise  # its -wal holds saves that can only be read with a -shm beside it
        # No room (or no right) for the -shm, and nothing in the -wal: read the file as it is.
        conn = connect(path, read_only=True, immutable=True)
        return _read_only(path, conn, reason, migrate=migrate)


def _read_only(path: Path, conn: sqlite3.Connection, reason: str, *, migrate: bool) -> AppDatabase:
    db = AppDatabase(conn, read_only_reason=reason)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if migrate and migrations.pending(db):
            raise ReadOnlyDataError(
                path,
                f"cannot be updated to this version's layout because {reason}. Nothing was "
                "changed; make the folder writable or start the version that wrote it",
            )
    except BaseException:
        conn.close()
        raise
    return db


def _backup_before_migration(db: Database, path: Path) -> None:
    """A file that already holds data is backed up before its schema changes."""
    if migrations.applied(db) and migrations.pending(db):
        from storage.file import backups  # backups builds on this module

        backups.create_backup(db, path.parent, reason="before-migration")


def configure(db: Database) -> None:
    """Pragmas every connection needs: WAL, full fsync on commit, foreign keys, a busy wait."""
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not db.memory:
        db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")


def open_worker_connection(db: Database) -> AppDatabase:
    """A second connection to the same file, for a worker thread (connections are per thread)."""
    return worker_opener(db)()


def worker_opener(db: Database) -> Callable[[], AppDatabase]:
    """Read on the thread that owns `db`: what a worker thread calls to open its own connection,
    with writes refused there too when they are refused on `db`."""
    refused = db.writes_refused_because() if isinstance(db, AppDatabase) else ""
    return partial(_open_worker, database_path(db), refused)


def _open_worker(path: Path, refused: str) -> AppDatabase:
    worker = open_database(path, migrate=False)
    if refused:
        worker.stop_writes(refused)
    return worker


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
    return [m.name for m in migrations.applied(db)]
