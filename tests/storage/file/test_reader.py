"""`Practice.read`: a practice at this version's schema is read through the driver alone, and
everything else is handed to the full connection, so a command that writes or a file that needs
a migration behaves as `open` does."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from storage.file import backups
from storage.file.db import database_file
from storage.file.migrations import STEP_NAMES, applied_names, migrations, pending_names
from storage.file.practice import Practice, open_database
from storage.file.reader import Reader
from storage.practice import clients

ROOT = Path(__file__).resolve().parents[3]
V5 = ROOT / "tests" / "fixtures" / "schema-v5.sqlite3"


def test_a_current_practice_is_read_through_the_driver(data_dir: Path) -> None:
    path = database_file(data_dir)
    with open_database(path) as db:
        clients.add(db, clients.Client(name="Acme Robotics"))
    with Practice.find(path).read() as reader:
        assert isinstance(reader, Reader)
        assert reader._full is None  # no AppDatabase made for reading
        assert [c.name for c in clients.list_all(reader)] == ["Acme Robotics"]  # type: ignore[arg-type]
        assert list(reader.query("SELECT name FROM client")) == [{"name": "Acme Robotics"}]
        assert reader.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert reader._full is None


def test_a_write_through_a_reader_goes_through_the_full_connection(data_dir: Path) -> None:
    path = database_file(data_dir)
    open_database(path).close()
    with Practice.find(path).read() as reader:
        clients.add(reader, clients.Client(name="Verde Fintech"))  # type: ignore[arg-type]
        assert reader._full is not None
        assert reader._full.conn is reader.conn
    with open_database(path) as db:
        assert [c.name for c in clients.list_all(db)] == ["Verde Fintech"]


def test_a_practice_with_a_step_to_apply_is_migrated_and_backed_up_as_open_does(
    data_dir: Path,
) -> None:
    path = database_file(data_dir)
    shutil.copyfile(V5, path)
    with Practice.find(path).read() as reader:
        assert pending_names(reader.conn) == []
        assert applied_names(reader.conn) == list(STEP_NAMES)
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


def test_opening_a_practice_to_read_it_does_not_load_sqlite_utils(data_dir: Path) -> None:
    path = database_file(data_dir)
    open_database(path).close()
    code = (
        "import sys; from storage.file import Practice; "
        f"r = Practice.find(__import__('pathlib').Path({str(path)!r})).read(); "
        "r.execute('SELECT count(*) FROM client').fetchone(); "
        "print('sqlite_utils' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"
