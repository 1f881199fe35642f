"""Failures outside the app's control (full disk, read-only file) turned into plain words.

Every write goes through `with db.atomic():`, so the connection's `atomic()` is the one place
that sees both a failing statement and a failing COMMIT. SQLite has already rolled the
transaction back by then: what was saved before is still there, only the last change is lost.
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from sqlite_utils import Database

from storage.file.failure_words import refusal, translate
from storage.rules.errors import (
    ReadOnlyDataError,
    StorageWriteError,
)
from storage.sqlite import sqlite3


class OpenedOn(Protocol):
    """The practice a connection was opened on (`storage.file.practice.Practice`), named here by
    what a connection asks of it, so that this module stays below the one that opens files."""

    @property
    def folder(self) -> Path: ...

    @property
    def file(self) -> Path: ...

    def worker(self, refused: str = "") -> AppDatabase: ...


class AppDatabase(Database):
    """A sqlite-utils Database whose transactions raise the app's plain-words storage errors.

    Every transaction takes the write lock at its start (`BEGIN IMMEDIATE`), so the checks a
    write makes against other rows (the 24-hour day, a unique name, the next decision number)
    see the file as it will be written, and another process writing at the same moment waits
    for the busy timeout instead of failing at once. Writes are refused before they start when
    the file is read-only or when a full check found it damaged.

    It knows the practice it was opened on (its folder, file and key), so a worker thread opens
    its own connection without reading the key again. sqlite-utils plugins are never loaded: finding them scans every installed package at each
    start, and code from another package has no business on a connection to client data.
    """

    def __init__(
        self, conn: sqlite3.Connection, *, practice: OpenedOn, read_only_reason: str = ""
    ) -> None:
        super().__init__(conn, execute_plugins=False)
        self.practice = practice
        self.read_only_reason = read_only_reason
        self._stopped = ""

    @property
    def path(self) -> Path:
        """The practice's database file."""
        return self.practice.file

    def stop_writes(self, reason: str) -> None:
        """Refuse every later write on this connection (the file was found damaged)."""
        self._stopped = reason

    def writes_refused_because(self) -> str:
        return self._stopped or self.read_only_reason

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        try:
            if self.conn.in_transaction:
                with super().atomic() as db:  # a savepoint inside the open transaction
                    yield db
            else:
                self._refuse_if_stopped()
                with self._immediate():
                    yield self
        except sqlite3.OperationalError as exc:
            plain = translate(self.file_path(), exc)
            if plain is None:
                raise
            raise plain from exc
        except sqlite3.IntegrityError as exc:
            refused = refusal(exc)
            if refused is None:
                raise
            raise refused from exc

    @contextlib.contextmanager
    def _immediate(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise

    def _refuse_if_stopped(self) -> None:
        if self._stopped:
            raise StorageWriteError(
                self.file_path(),
                f"is damaged ({self._stopped}), so changes are stopped to keep what is there. "
                "Restore a backup (File → Restore from backup…); nothing was changed",
            )
        if self.read_only_reason:
            raise ReadOnlyDataError(
                self.file_path(),
                f"is open read-only ({self.read_only_reason}), so changes cannot be saved. You "
                "can still browse, report and export; nothing was changed",
                errno.EROFS,
            )

    def file_path(self) -> Path:
        try:
            row = self.conn.execute("PRAGMA database_list").fetchone()
        except sqlite3.Error:
            return Path("(database)")
        return Path(row[2]) if row and row[2] else Path("(in memory)")
