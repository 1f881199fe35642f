"""The practice's connection once sqlite-utils is loaded: an `AppDatabase` becomes one on its
first call that needs sqlite-utils (`AppDatabase._become_full`), keeping its identity."""

from __future__ import annotations

from sqlite_utils import Database

from storage.file.durability import AppDatabase


class FullDatabase(AppDatabase, Database):
    """An `AppDatabase` with sqlite-utils' own `execute`, `query` and tables."""

    execute = Database.execute
    query = Database.query
    __getitem__ = Database.__getitem__

    @staticmethod
    def start(db: AppDatabase) -> None:
        """What `Database.__init__` sets on a connection, on the one `db` already holds."""
        Database.__init__(db, db.conn, execute_plugins=False)
