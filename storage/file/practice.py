"""A practice on disk: its folder, its database file, the encryption marker beside it and its
key, resolved once, and every connection to it opened from there.

Opening an encrypted practice reads its marker once and asks for its key once; the file check
and the schema check share the connection the app keeps (a file whose size looks wrong, or with
a `-wal` holding saves, is read once more, read-only, before it is opened for writing). A file
that is not ours, is damaged, or is newer than this build is refused before anything is written
to it. A practice whose schema is older is backed up before it is migrated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from storage.file import keys
from storage.file import migrations as schema_steps
from storage.file.connect import connect, plain_content
from storage.file.db import (
    BUSY_TIMEOUT_MS,
    configure,
    database_file,
    disk_is_full,
    new_practice_key,
    read_only_reason,
)
from storage.file.durability import AppDatabase
from storage.file.failure_words import translate
from storage.file.file_check import (
    NOT_OURS_OR_NO_KEY_FILE,
    check_opened,
    inspect_practice_file,
    read_only,
    wal_file,
)
from storage.file.private_files import create_private_file, private_folder, tighten
from storage.file.settle import settle
from storage.rules.errors import (
    DataFileError,
    KeyFileMissingError,
    ReadOnlyDataError,
    StorageWriteError,
)
from storage.sqlite import sqlite3

if TYPE_CHECKING:
    from storage.file.backups import PreparedRestore

__all__ = ["Practice", "open_database", "reopen", "restore_in_place", "worker_opener"]


@dataclass(frozen=True)
class Practice:
    """The folder, the database file, its marker (None: a plain practice) and its key."""

    folder: Path
    file: Path
    marker: keys.Marker | None
    key: bytes | None

    @classmethod
    def find(cls, file: Path) -> Practice:
        """The practice `file` belongs to (KeyMissingError when its key is not on this machine)."""
        file = Path(file)
        folder = keys.folder_of(file)
        settle(folder)  # an operation a kill cut short is finished or undone first
        return cls._resolved(folder, file, keys.read_marker(folder))

    @classmethod
    def at(cls, file: Path, *, encrypt: bool | None = None) -> Practice:
        """`find`, creating a new practice when there is no file yet: encrypted when `encrypt`
        is True (NoKeyringError without a working keyring), plain when False, and by default
        encrypted whenever this machine's keyring works."""
        file = Path(file)
        settle(file.parent)  # a file set aside by a killed swap comes back first
        if file.exists():
            return cls.find(file)
        try:
            private_folder(file.parent)
            marker = keys.read_marker(file.parent) or new_practice_key(file.parent, encrypt)
            create_private_file(file)
        except FileExistsError:
            return cls.find(file)  # another process created it a moment ago
        except OSError as exc:
            raise DataFileError(file, f"cannot be created: {exc.strerror}") from exc
        return cls._resolved(keys.folder_of(file), file, marker)

    @classmethod
    def in_folder(cls, folder: Path, *, encrypt: bool | None = None) -> Practice:
        """The practice in a data folder, created there when there is none yet."""
        return cls.at(database_file(folder), encrypt=encrypt)

    @classmethod
    def _resolved(cls, folder: Path, file: Path, marker: keys.Marker | None) -> Practice:
        plain = plain_content(file)
        if plain is False and marker is None:  # encrypted with its key file lost, or not ours
            raise KeyFileMissingError(file, NOT_OURS_OR_NO_KEY_FILE)
        key = None if plain else keys.key_named_by(folder, marker)
        return cls(folder, file, marker, key)

    def connect(self, *, read_only: bool = False, immutable: bool = False) -> sqlite3.Connection:
        """A bare connection to the file, with the practice's key."""
        return connect(self.file, read_only=read_only, immutable=immutable, key=self.key)

    def open(self, *, migrate: bool = True) -> AppDatabase:
        """The database, checked, configured and (with `migrate`) at the current schema; read-only
        when the file, its folder or the disk cannot take a write."""
        try:
            reason = read_only_reason(self.file)
            if reason:
                inspect_practice_file(self.file, self.marker, self.key, full=True)
                return self._open_read_only(reason, migrate=migrate)
            unchecked = inspect_practice_file(self.file, self.marker, self.key)
            try:
                return self._open_writable(unchecked, migrate=migrate)
            except sqlite3.OperationalError as exc:
                plain = translate(self.file, exc)
                if not isinstance(plain, StorageWriteError) or not disk_is_full(self.file):
                    raise
                return self._open_read_only("the disk is full", migrate=migrate)
        except sqlite3.DatabaseError as exc:
            plain = translate(self.file, exc)
            raise plain or DataFileError(self.file, f"could not be opened: {exc}") from exc

    def worker(self, refused: str = "") -> AppDatabase:
        """What a worker thread calls to open its own connection (connections are per thread),
        with every write refused when `refused` says why."""
        db = self.open(migrate=False)
        if refused:
            db.stop_writes(refused)
        return db

    def _open_writable(self, unchecked: bool, *, migrate: bool) -> AppDatabase:
        conn = self.connect()
        try:
            if unchecked:
                check_opened(self.file, conn, encrypted=self.key is not None)
            db = AppDatabase(conn, practice=self)
            configure(db)
            if migrate and schema_steps.pending_names(conn):
                self._back_up_before_migration(db)
                schema_steps.migrations.apply(db)  # sqlite-utils loads for a migration only
        except BaseException:
            conn.close()
            raise
        tighten(self.file, wal_file(self.file), Path(f"{self.file}-shm"))
        return db

    def _back_up_before_migration(self, db: AppDatabase) -> None:
        """A file that already holds data is backed up before its schema changes."""
        if schema_steps.applied_names(db.conn) and schema_steps.pending_names(db.conn):
            from storage.file import backups  # only before a migration: an open needs no backups

            backups.create_backup(db, self.file.parent, reason="before-migration")

    def _open_read_only(self, reason: str, *, migrate: bool) -> AppDatabase:
        try:
            return self._read_only(read_only(self.file, key=self.key), reason, migrate=migrate)
        except sqlite3.OperationalError:
            wal = wal_file(self.file)
            if wal.exists() and wal.stat().st_size:
                raise  # its -wal holds saves that can only be read with a -shm beside it
            # No room (or no right) for the -shm, and nothing in the -wal: read the file as it is.
            conn = self.connect(read_only=True, immutable=True)
            return self._read_only(conn, reason, migrate=migrate)

    def _read_only(self, conn: sqlite3.Connection, reason: str, *, migrate: bool) -> AppDatabase:
        db = AppDatabase(conn, practice=self, read_only_reason=reason)
        try:
            db.execute("PRAGMA foreign_keys = ON")
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if migrate and schema_steps.pending_names(db.conn):
                raise ReadOnlyDataError(
                    self.file,
                    f"cannot be updated to this version's layout because {reason}. Nothing was "
                    "changed; make the folder writable or start the version that wrote it",
                )
        except BaseException:
            conn.close()
            raise
        return db


def open_database(path: Path, *, migrate: bool = True, encrypt: bool | None = None) -> AppDatabase:
    """`Practice.at(path, encrypt=...).open(migrate=...)`: the database at `path`, created when
    missing."""
    return Practice.at(path, encrypt=encrypt).open(migrate=migrate)


def worker_opener(db: AppDatabase) -> Callable[[], AppDatabase]:
    """Read on the thread that owns `db`: what a worker thread calls to open its own connection,
    with writes refused there too when they are refused on `db`."""
    return partial(db.practice.worker, db.writes_refused_because())


def reopen(db: AppDatabase) -> None:
    """Point `db` at its file again, after the file was replaced under it (a restore, a change
    of encryption): the practice is resolved anew, so a new key is found."""
    fresh = Practice.at(db.path).open()
    db.conn = fresh.conn
    db.practice = fresh.practice
    db.read_only_reason = fresh.read_only_reason


def restore_in_place(db: AppDatabase, backup: Path | PreparedRestore) -> Path | None:
    """Restore under an open connection: close it, restore, and point `db` at the result.

    Everything holding this `db` (tabs, models) keeps working on the restored data; if the
    restore is refused, `db` is reopened on the untouched file and the error raised. Given a
    `PreparedRestore`, only the quick swap happens here.
    """
    from storage.file import backups  # a restore's own modules, loaded when one happens

    if not isinstance(backup, backups.PreparedRestore):
        backup = backups.prepare_restore(db.path.parent, backup)
    db.conn.close()
    try:
        return backups.finish_restore(backup)
    finally:
        reopen(db)
