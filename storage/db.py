"""The one connection factory: checks the file, applies migrations, sets the pragmas.

A file that is not ours, is damaged, or is newer than this build is refused before it is
opened for writing, so it is never modified.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from storage.durability import AppDatabase, translate
from storage.errors import DataFileError, NotADatabaseError, SchemaTooNewError
from storage.migrations import MIGRATION_SET, migrations

DB_FILENAME = "fractional-desk.sqlite3"
SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_SIZE = 100
BUSY_TIMEOUT_MS = 5000


def database_file(data_dir: Path) -> Path:
    return Path(data_dir) / DB_FILENAME


def open_database(path: Path, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the app's database at `path`, migrated to the current schema."""
    path = Path(path)
    if path.exists():
        inspect_existing(path)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
        db = AppDatabase(conn)
        configure(db)
        if migrate:
            _backup_before_migration(db, path)
            migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        plain = translate(path, exc)
        raise plain or DataFileError(path, f"could not be opened: {exc}") from exc
    return db


def _backup_before_migration(db: Database, path: Path) -> None:
    """A file that already holds data is backed up before its schema changes."""
    if migrations.applied(db) and migrations.pending(db):
        from storage import backups  # backups builds on this module

        backups.create_backup(db, path.parent, reason="before-migration")


def configure(db: Database) -> None:
    """Pragmas every connection needs: WAL, full fsync on commit, foreign keys, a busy wait."""
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not db.memory:
        db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")


def open_worker_connection(source: Database | Path) -> Database:
    """A second connection to the same file, for a worker thread (connections are per thread).

    On the worker thread, pass the path (`database_path(db)`, read on the thread that owns `db`).
    """
    path = source if isinstance(source, Path) else database_path(source)
    return open_database(path, migrate=False)


def database_path(db: Database) -> Path:
    row = db.execute("PRAGMA database_list").fetchone()
    return Path(row[2])


def inspect_existing(path: Path) -> None:
    """Refuse a file that is not one of ours, read-only, without touching it."""
    if path.is_dir():
        raise NotADatabaseError(path, "is a folder, not a database file")
    try:
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
    except OSError as exc:
        raise DataFileError(path, f"cannot be read: {exc.strerror}") from exc
    if not header:
        return  # an empty file is a new database
    if not header.startswith(SQLITE_HEADER):
        raise NotADatabaseError(path, "is not a Fractional Desk database (it is not SQLite at all)")
    _check_size(path, header)
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            _check_schema(path, conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise NotADatabaseError(path, f"is damaged and cannot be read ({exc})") from exc


def _check_size(path: Path, header: bytes) -> None:
    """A truncated file is caught from its header alone: the full integrity check reads every
    page (a quarter of a second on a ten-year practice), too slow for every start."""
    if len(header) < HEADER_SIZE:
        raise NotADatabaseError(path, "is damaged (it is cut short)")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise NotADatabaseError(path, "is damaged (its header is not valid)")
    size = path.stat().st_size
    pages = int.from_bytes(header[28:32], "big")
    header_size_valid = header[24:28] == header[92:96] and pages > 0
    if size % page_size or (header_size_valid and size < pages * page_size):
        raise NotADatabaseError(path, "is damaged (it is cut short)")


def _read_only_uri(path: Path) -> str:
    """Read-only; also immutable unless a -wal file holds recent changes, so a WAL-mode file
    that turns out to be damaged does not get -wal/-shm files created beside it."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not Path(f"{path}-wal").exists():
        uri += "&immutable=1"
    return uri


def _check_schema(path: Path, conn: sqlite3.Connection) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables:
        return
    if "_sqlite_migrations" not in tables:
        raise NotADatabaseError(path, "belongs to another application (no Fractional Desk tables)")
    applied = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
        )
    ]
    if not applied:
        raise NotADatabaseError(path, "belongs to another application (no Fractional Desk tables)")
    known = {m.name for m in migrations._migrations}
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise SchemaTooNewError(
            path,
            "was written by a newer version of Fractional Desk "
            f"(it has changes this version does not know: {', '.join(unknown)})",
        )


def schema_version(db: Database) -> list[str]:
    return [m.name for m in migrations.applied(db)]
