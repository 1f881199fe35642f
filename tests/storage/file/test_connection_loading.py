"""The practice's connection answers reads through the driver and becomes sqlite-utils'
`Database` on its first call that needs it: the same object, behaving exactly as sqlite-utils
does, so a window or a command that only reads never waits for sqlite-utils to load."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from storage.file import backups
from storage.file.db import database_file
from storage.file.durability import AppDatabase
from storage.file.migrations import STEP_NAMES, applied_names, migrations, pending_names
from storage.file.practice import Practice, open_database
from storage.practice import clients
from storage.sqlite import sqlite3

ROOT = Path(__file__).resolve().parents[3]
V5 = ROOT / "tests" / "fixtures" / "schema-v5.sqlite3"


def _opened(data_dir: Path) -> AppDatabase:
    path = database_file(data_dir)
    open_database(path).close()
    return Practice.find(path).open()


def test_a_practice_is_read_through_the_driver_until_something_else_is_asked(
    data_dir: Path,
) -> None:
    with open_database(database_file(data_dir)) as db:
        clients.add(db, clients.Client(name="Acme Robotics"))
    with Practice.find(database_file(data_dir)).open() as db:
        assert type(db) is AppDatabase
        assert [c.name for c in clients.list_all(db)] == ["Acme Robotics"]
        assert list(db.query("SELECT name FROM client")) == [{"name": "Acme Robotics"}]
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA recursive_triggers").fetchone()[0] == 1  # as sqlite-utils sets
        assert type(db) is AppDatabase
        holder = [db]
        assert db["client"].count == 1  # a table: sqlite-utils' own
        assert type(db) is not AppDatabase
        assert isinstance(db, Database)
        assert holder[0] is db
        assert db.practice.file == database_file(data_dir)


def test_a_write_goes_through_the_driver_and_is_saved(data_dir: Path) -> None:
    with _opened(data_dir) as db:
        clients.add(db, clients.Client(name="Verde Fintech"))
        assert type(db) is AppDatabase
    with open_database(database_file(data_dir)) as db:
        assert [c.name for c in clients.list_all(db)] == ["Verde Fintech"]


def _insert_then_fail(db: AppDatabase) -> None:
    with db.atomic():
        db.execute("INSERT INTO setting (key, value) VALUES ('undone', '1')")
        raise LookupError("the inner step fails")


def test_a_nested_transaction_that_fails_undoes_itself_alone(data_dir: Path) -> None:
    with _opened(data_dir) as db:
        with db.atomic():
            db.execute("INSERT INTO setting (key, value) VALUES ('kept', '1')")
            with pytest.raises(LookupError):
                _insert_then_fail(db)
        assert type(db) is AppDatabase
    with open_database(database_file(data_dir)) as db:
        keys = [row["key"] for row in db.query("SELECT key FROM setting ORDER BY key")]
        assert "kept" in keys
        assert "undone" not in keys


def test_a_failed_statement_outside_a_transaction_leaves_none_open(data_dir: Path) -> None:
    with _opened(data_dir) as db:
        db.execute("INSERT INTO setting (key, value) VALUES ('once', '1')")
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):  # the key is taken
            db.execute("INSERT INTO setting (key, value) VALUES ('once', '2')")
        assert not db.conn.in_transaction
        db.execute("INSERT INTO setting (key, value) VALUES ('after', '1')")  # not captured
    with open_database(database_file(data_dir)) as db:
        found = {row["key"]: row["value"] for row in db.query("SELECT key, value FROM setting")}
        assert (found["once"], found["after"]) == ("1", "1")


def test_a_statement_that_writes_outside_a_transaction_is_committed_as_sqlite_utils_does(
    data_dir: Path,
) -> None:
    with _opened(data_dir) as db:
        db.execute("INSERT INTO setting (key, value) VALUES ('probe', 'board')")
        assert not db.conn.in_transaction
    with open_database(database_file(data_dir)) as db:
        assert [
            row["value"] for row in db.query("SELECT value FROM setting WHERE key = 'probe'")
        ] == ["board"]


def test_repeated_column_names_are_renamed_as_sqlite_utils_renames_them(data_dir: Path) -> None:
    with _opened(data_dir) as lazy, open_database(database_file(data_dir)) as full:
        sql = "SELECT 1 AS a, 2 AS a, 3 AS b"
        assert list(lazy.query(sql)) == list(Database(full.conn).query(sql))
        assert list(lazy.query(sql)) == [{"a": 1, "a_2": 2, "b": 3}]


def test_a_commented_statement_and_a_query_that_is_not_a_select_go_to_sqlite_utils(
    data_dir: Path,
) -> None:
    with _opened(data_dir) as db:
        assert db.execute("-- the tags\nSELECT count(*) FROM client").fetchone()[0] == 0
        assert isinstance(db, Database)
    with _opened(data_dir) as db:
        assert list(db.query("PRAGMA user_version")) == [{"user_version": 0}]
        assert isinstance(db, Database)


def test_a_practice_with_a_step_to_apply_is_migrated_and_backed_up(data_dir: Path) -> None:
    path = database_file(data_dir)
    shutil.copyfile(V5, path)
    with Practice.find(path).open() as db:
        assert pending_names(db.conn) == []
        assert applied_names(db.conn) == list(STEP_NAMES)
    [backup] = backups.list_backups(data_dir)
    assert backup.reason == "before-migration"


def test_the_steps_read_by_the_driver_are_those_sqlite_utils_reads(data_dir: Path) -> None:
    with open_database(database_file(data_dir)) as db:
        assert applied_names(db.conn) == [m.name for m in migrations.applied(db)]
        assert pending_names(db.conn) == [m.name for m in migrations.pending(db)] == []
    assert list(STEP_NAMES) == [m.name for m in migrations._migrations]


def test_the_steps_names_are_the_step_functions_names_in_order() -> None:
    """`STEP_NAMES` is written out so that reading a file's steps loads no step's module."""
    from storage.file import migrations as schema_steps

    assert tuple(step.__name__ for step in schema_steps.STEPS) == STEP_NAMES


def test_reading_and_writing_a_practice_does_not_load_sqlite_utils(data_dir: Path) -> None:
    path = database_file(data_dir)
    open_database(path).close()
    code = (
        "import sys; from storage.file import Practice; from storage.practice import clients; "
        f"db = Practice.find(__import__('pathlib').Path({str(path)!r})).open(); "
        "clients.add(db, clients.Client(name='Acme Robotics')); clients.list_all(db); "
        "db.execute('SELECT count(*) FROM client').fetchone(); "
        "print('sqlite_utils' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"
