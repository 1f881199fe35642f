"""A practice's database as a command that reads it sees it: the driver's connection, with the
two calls every query makes (`execute`, `query`) answered by the driver itself.

A read command used to load sqlite-utils (and what it pulls in: click, pluggy, dateutil) for a
connection it only ran SELECTs on. Everything else a `Reader` is asked for (a write, a table,
`atomic()`, the practice's errors in plain words) is handed to the `AppDatabase` on the same
connection, made the first time it is needed: a command that writes behaves exactly as before.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

from storage.sqlite import sqlite3

if TYPE_CHECKING:
    from storage.file.durability import AppDatabase, OpenedOn


class Reader:
    """A practice's connection that reads through the driver; the rest through an AppDatabase."""

    def __init__(
        self, conn: sqlite3.Connection, practice: OpenedOn, full: AppDatabase | None = None
    ) -> None:
        self.conn = conn
        self.practice = practice
        self._full = full

    @classmethod
    def over(cls, db: AppDatabase) -> Reader:
        """A Reader for a database already opened in full (migrated, or read-only)."""
        return cls(db.conn, db.practice, db)

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> Any:
        """`Database.execute`: the driver's cursor."""
        if parameters is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, parameters)

    def query(
        self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None
    ) -> Iterator[dict[str, Any]]:
        """`Database.query`: each row as a dict of its columns."""
        cursor = self.execute(sql, params or ())
        names = [column[0] for column in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))

    def full(self) -> AppDatabase:
        """The AppDatabase on this connection (sqlite-utils loaded now, once)."""
        if self._full is None:
            from storage.file.durability import AppDatabase

            self._full = AppDatabase(self.conn, practice=self.practice)
        return self._full

    def __getattr__(self, name: str) -> Any:
        return getattr(self.full(), name)

    def __getitem__(self, table_name: str) -> Any:
        return self.full()[table_name]

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Reader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
