"""Failures outside the app's control (full disk, read-only file) turned into plain words.

Every write goes through `with db.atomic():`, so the connection's `atomic()` is the one place
that sees both a failing statement and a failing COMMIT. SQLite has already rolled the
transaction back by then: what was saved before is still there, only the last change is lost.

An `AppDatabase` runs `execute`, `query` and `atomic` (every read and write the app makes: its
rows are written with plain SQL, `storage.file.rows`) through the driver alone, with sqlite-utils'
rules for them, and becomes a sqlite-utils `Database` the first time it is asked for anything
else (a table object, a migration, a table listing): the same object, so whatever holds it sees
the change. Loading sqlite-utils (and the click, pluggy and dateutil it pulls in) takes longer
than opening the practice, and neither the window nor a command waits for it unless it needs it.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import itertools
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from storage.file.failure_words import refusal, translate
from storage.rules.errors import (
    ReadOnlyDataError,
    StorageWriteError,
)
from storage.sqlite import sqlite3

if TYPE_CHECKING:
    from types import TracebackType

    from sqlite_utils import Database

    _Connection = Database  # what the type checker sees: every Database attribute is reachable
else:
    _Connection = object  # at run time sqlite-utils joins on first need (`become_full`)


class OpenedOn(Protocol):
    """The practice a connection was opened on (`storage.file.practice.Practice`), named here by
    what a connection asks of it, so that this module stays below the one that opens files."""

    @property
    def folder(self) -> Path: ...

    @property
    def file(self) -> Path: ...

    def worker(self, refused: str = "") -> AppDatabase: ...


_SAVEPOINT_NUMBERS = itertools.count(1)  # a name of its own for each nested transaction
# Statements that open or close a transaction themselves: sqlite-utils leaves those as they are.
_TRANSACTION_WORDS = frozenset({"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"})


def _first_word(sql: str) -> str | None:
    """The statement's first word, upper-cased (None when it opens with a comment or a `;`,
    which sqlite-utils reads past: such a statement is handed to it)."""
    text = sql.lstrip()
    if text.startswith(("--", "/*", ";", "\ufeff")):
        return None
    end = 0
    while end < len(text) and (text[end].isalpha() or text[end] == "_"):
        end += 1
    return text[:end].upper()


class AppDatabase(_Connection):
    """A sqlite-utils Database whose transactions raise the app's plain-words storage errors.

    Every transaction takes the write lock at its start (`BEGIN IMMEDIATE`), so the checks a
    write makes against other rows (the 24-hour day, a unique name, the next decision number)
    see the file as it will be written, and another process writing at the same moment waits
    for the busy timeout instead of failing at once. Writes are refused before they start when
    the file is read-only or when a full check found it damaged.

    It knows the practice it was opened on (its folder, file and key), so a worker thread opens
    its own connection without reading the key again. sqlite-utils plugins are never loaded:
    finding them scans every installed package at each start, and code from another package has
    no business on a connection to client data.
    """

    memory = False  # a practice's connection is to its file (sqlite-utils' own attribute)

    def __init__(
        self, conn: sqlite3.Connection, *, practice: OpenedOn, read_only_reason: str = ""
    ) -> None:
        self.conn = conn
        self.practice = practice
        self.read_only_reason = read_only_reason
        self._stopped = ""
        conn.execute("PRAGMA recursive_triggers = on")  # as sqlite-utils sets it, from the start

    def execute(
        self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None
    ) -> sqlite3.Cursor:
        """`Database.execute` by the driver, with its rule: a statement that opened a transaction
        of its own (a write outside `atomic()`) is committed, or rolled back when it fails."""
        word = _first_word(sql)
        if word is None:
            self.become_full()
            return self.execute(sql, parameters)
        was_in_transaction = self.conn.in_transaction
        try:
            if parameters is None:
                cursor = self.conn.execute(sql)
            else:
                cursor = self.conn.execute(sql, parameters)
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        if (
            not was_in_transaction
            and self.conn.in_transaction
            and cursor.description is None
            and word not in _TRANSACTION_WORDS
        ):
            self.conn.execute("COMMIT")
        return cursor

    def query(
        self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None
    ) -> Generator[dict[str, Any], None, None]:
        """`Database.query`: each row of a SELECT as a dict of its columns, by the driver alone
        when the names are distinct (sqlite-utils renames repeated names, and takes the rest)."""
        if _first_word(sql) == "SELECT":
            cursor = self.conn.execute(sql, params or ())
            names = [column[0] for column in cursor.description]
            if len(set(names)) == len(names):
                return (dict(zip(names, row, strict=True)) for row in cursor)
        self.become_full()
        return self.query(sql, params)

    def rollback(self) -> None:
        """`Database.rollback`: nothing when no transaction is open."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> AppDatabase:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __getattr__(self, name: str) -> Any:
        """Only for a name not found: sqlite-utils' own, which makes this a full Database."""
        if name.startswith("__") or "conn" not in self.__dict__ or not self.become_full():
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return getattr(self, name)

    def __getitem__(self, table_name: str) -> Any:
        self.become_full()
        return self[table_name]

    def become_full(self) -> bool:
        """Make this object the sqlite-utils Database on its connection (False: it was one).

        The window calls it after its first paint, so that the first write does not wait for
        sqlite-utils to load; anything else calls it by asking for what sqlite-utils has."""
        from sqlite_utils import Database  # loaded here, once

        if isinstance(self, Database):
            return False
        self.__class__ = _full_class()
        Database.__init__(self, self.conn, execute_plugins=False)  # what it sets on a connection
        return True

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
                with self._savepoint():  # inside the open transaction
                    yield self
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
    def _savepoint(self) -> Iterator[None]:
        """`Database.atomic` nested in a transaction: undone alone when it fails, unless the
        failure already ended the whole transaction (a trigger's RAISE(ROLLBACK))."""
        name = f"fd_{next(_SAVEPOINT_NUMBERS)}"
        self.conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                self.conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        self.conn.execute(f"RELEASE SAVEPOINT {name}")

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


@functools.cache
def _full_class() -> type[AppDatabase]:
    """The class an `AppDatabase` becomes: itself with sqlite-utils' `Database` behind it, and
    sqlite-utils' own `execute`, `query` and tables."""
    from sqlite_utils import Database

    class FullDatabase(AppDatabase, Database):
        execute = Database.execute
        query = Database.query
        __getitem__ = Database.__getitem__

    return FullDatabase
