"""Opening files: a new database is migrated; files that are not ours are refused untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from storage.file.connect import connect
from storage.file.db import database_file, schema_version
from storage.file.migrations import migrations
from storage.file.practice import open_database
from storage.rules.errors import NotADatabaseError, SchemaTooNewError
from storage.sqlite import sqlite3


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_has_every_table_and_pragmas(data_dir: Path) -> None:
    db = open_database(database_file(data_dir))
    tables = set(db.table_names())
    assert {"client", "engagement", "time_entry", "decision", "milestone", "setting"} <= tables
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert schema_version(db) == [m.name for m in migrations._migrations]
    db.close()


def test_reopening_applies_nothing_twice(data_dir: Path) -> None:
    open_database(database_file(data_dir)).close()
    db = open_database(database_file(data_dir))
    assert migrations.pending(db) == []
    db.close()


@pytest.mark.parametrize(
    "content",
    [b"not a database at all", b"SQLite format 3\x00" + b"\xff" * 200, bytes(range(256)) * 8],
)
def test_garbage_is_refused_and_untouched(data_dir: Path, content: bytes) -> None:
    path = database_file(data_dir)
    path.write_bytes(content)
    before = _digest(path)
    with pytest.raises(NotADatabaseError):
        open_database(path)
    assert _digest(path) == before
    assert sorted(p.name for p in data_dir.iterdir()) == [path.name]


def test_another_applications_database_is_refused(data_dir: Path) -> None:
    path = database_file(data_dir)
    conn = connect(path, key=None)
    conn.execute("CREATE TABLE songs (id INTEGER PRIMARY KEY, title TEXT)")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(NotADatabaseError, match="another application"):
        open_database(path)
    assert _digest(path) == before


def test_newer_schema_is_refused(data_dir: Path) -> None:
    path = database_file(data_dir)
    open_database(path).close()
    conn = connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('fractional_desk', 'm999_from_the_future', 'x')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(SchemaTooNewError, match="newer version"):
        open_database(path)


def test_no_sqlite_utils_plugin_touches_the_connection(data_dir: Path) -> None:
    """A package that happens to be installed must not run code on client data."""
    from sqlite_utils import hookimpl
    from sqlite_utils.plugins import pm

    touched: list[sqlite3.Connection] = []

    class Plugin:
        @hookimpl
        def prepare_connection(self, conn: sqlite3.Connection) -> None:
            touched.append(conn)

    plugin = Plugin()
    pm.register(plugin, name="test-intruder")
    try:
        from sqlite_utils import Database

        Database(memory=True)  # the library's default does run it: the plugin is live
        assert len(touched) == 1
        open_database(database_file(data_dir))
        assert len(touched) == 1
    finally:
        pm.unregister(plugin)
