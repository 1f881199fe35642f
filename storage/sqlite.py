"""The SQLite driver: SQLCipher 4 through `sqlcipher3`, under the name sqlite-utils looks for.

sqlite-utils binds its exception classes to `pysqlite3` when that module can be imported, else to
the standard library's `sqlite3`. The aliases below must be in place before sqlite-utils is first
imported, so that it, storage and the app all raise and catch the same classes; every package
of the app imports this module first (see their `__init__`). Storage code writes
`from storage.sqlite import sqlite3` and never imports the standard library's module.
"""

from __future__ import annotations

import sys

import sqlcipher3
from sqlcipher3 import dbapi2 as sqlite3

__all__ = ["sqlite3"]

sys.modules.setdefault("pysqlite3", sqlcipher3)
sys.modules.setdefault("pysqlite3.dbapi2", sqlite3)


def _check_sqlite_utils() -> None:
    """Fail loudly if sqlite-utils was imported first and bound the standard library's classes."""
    utils = sys.modules.get("sqlite_utils.utils")
    if utils is not None and getattr(utils, "dbapi2", sqlite3) is not sqlite3:
        raise ImportError("sqlite_utils was imported before storage.sqlite: import storage first")


_check_sqlite_utils()


def cipher_version() -> str:
    """SQLCipher's version, or "" from a SQLite without it: a bundle that lost the driver would
    still open plain files, so `--self-test` asks."""
    connection = sqlite3.connect(":memory:")
    try:
        row = connection.execute("PRAGMA cipher_version").fetchone()
    finally:
        connection.close()
    return str(row[0]) if row else ""
