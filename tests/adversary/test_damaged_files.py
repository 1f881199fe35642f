"""Damaged, foreign and newer files are refused untouched by the app and every command; a full
disk or a read-only file fails one change in plain words and loses nothing saved before."""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.cli import build_parser, main
from storage.file import keys
from storage.file.connect import connect
from storage.file.db import database_file
from storage.file.durability import AppDatabase, translate
from storage.file.instance_lock import LOCK_FILENAME
from storage.file.practice import Practice, open_database
from storage.file.recovery import write_recovery_file
from storage.file.writers_gate import GATE_FILENAME
from storage.practice import clients, engagements
from storage.rules.errors import (
    DataFileError,
    NotADatabaseError,
    ReadOnlyDataError,
    SchemaTooNewError,
    StorageFullError,
    StorageWriteError,
)
from storage.sqlite import sqlite3
from widgets.common import dialogs


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _real_database(path: Path) -> None:
    """A database with enough data to span many pages, checkpointed into the one file."""
    db = open_database(path)
    for n in range(60):
        client = clients.add(db, clients.Client(name=f"Client {n}", notes="ñ ✓ " * 400))
        engagements.add(db, engagements.new_for_client(int(client.id or 0)))
    db.close()


def _truncated_at(fraction: float) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        _real_database(path)
        data = path.read_bytes()
        path.write_bytes(data[: max(1, int(len(data) * fraction))])

    return write


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(3).randbytes(64 * 1024))


def _sqlite_header_then_garbage(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + random.Random(4).randbytes(8192))


def _another_application(path: Path) -> None:
    conn = connect(path, key=None)
    conn.execute("CREATE TABLE songs (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("INSERT INTO songs (title) VALUES ('Blue in green')")
    conn.commit()
    conn.close()


def _newer_schema(path: Path) -> None:
    _real_database(path)
    conn = connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('fractional_desk', 'm999_from_the_future', 'x')"
    )
    conn.commit()
    conn.close()


TRUNCATIONS = {f"truncated at {f:.1%}": _truncated_at(f) for f in (0.003, 0.3, 0.6, 0.97)}
BAD_FILES: dict[str, Callable[[Path], None]] = {
    **TRUNCATIONS,
    "random bytes": _random_bytes,
    "SQLite header then garbage": _sqlite_header_then_garbage,
    "another application's database": _another_application,
    "newer schema": _newer_schema,
}
TRUNCATION_PROBLEMS = ("damaged", "not SQLite", "not a Fractional Desk database")


@pytest.fixture(params=list(BAD_FILES), ids=list(BAD_FILES))
def bad_file(request: pytest.FixtureRequest, data_dir: Path) -> Iterator[Path]:
    path = database_file(data_dir)
    BAD_FILES[request.param](path)
    before = _digest(path)
    names_before = sorted(p.name for p in data_dir.iterdir())
    yield path
    assert _digest(path) == before, "the refused file was modified"
    left = sorted(
        p.name for p in data_dir.iterdir() if p.name not in {"logs", LOCK_FILENAME, GATE_FILENAME}
    )
    assert left == names_before, "files were created beside the refused one"


def test_storage_refuses_every_bad_file(bad_file: Path) -> None:
    with pytest.raises(DataFileError) as caught:
        open_database(bad_file)
    assert caught.value.path == bad_file
    assert caught.value.problem


def test_truncation_is_reported_as_damage(data_dir: Path) -> None:
    for fraction in (0.3, 0.6, 0.97):
        path = data_dir / f"cut-{fraction}.sqlite3"
        _truncated_at(fraction)(path)
        with pytest.raises(NotADatabaseError) as caught:
            open_database(path)
        assert any(word in caught.value.problem for word in TRUNCATION_PROBLEMS)


def test_newer_schema_says_so(data_dir: Path) -> None:
    _newer_schema(database_file(data_dir))
    with pytest.raises(SchemaTooNewError, match="newer version"):
        open_database(database_file(data_dir))


def _leaf_commands(parser: argparse.ArgumentParser, prefix: list[str]) -> Iterator[list[str]]:
    subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subparsers:
        yield prefix + _required_arguments(parser)
        return
    seen: set[int] = set()
    for name, child in subparsers[0].choices.items():
        if id(child) not in seen:  # aliases point at the same parser
            seen.add(id(child))
            yield from _leaf_commands(child, [*prefix, name])


OUT = "{out}"  # replaced by a path in the test's folder
RECOVERY_KEY = "{recovery-key}"  # replaced by a file holding a recovery key (of no practice here)
PLAUSIBLE = {"out": OUT, "recovery_key_file": RECOVERY_KEY, "date": "2026-04-02", "start": "2026-01-01", "end": "2026-12-31",
             "week": "2026-W14", "month": "2026-03", "as_of": "2026-04-02"}  # fmt: skip


def _required_arguments(parser: argparse.ArgumentParser) -> list[str]:
    """A plausible value for every required argument, so only the database can be the problem."""
    argv: list[str] = []
    for action in parser._actions:
        positional = not action.option_strings
        if action.help == argparse.SUPPRESS or not (positional or action.required):
            continue
        if positional and action.nargs in ("?", "*"):
            continue
        if action.choices:
            value = str(next(iter(action.choices)))
        else:
            value = PLAUSIBLE.get(action.dest, "1")
        argv += [value] if positional else [action.option_strings[0], value]
    return argv


COMMANDS = list(_leaf_commands(build_parser(), []))


def test_every_command_refuses_a_bad_file_in_plain_words(
    bad_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert ["backup"] in COMMANDS
    assert ["restore", "1"] in COMMANDS
    target = str(bad_file.parent.parent / "out.docx")
    recovery_key = bad_file.parent.parent / "recovery-key.txt"
    write_recovery_file(recovery_key, keys.recovery_key(keys.new_key()))
    for command in COMMANDS:
        argv = [a.replace(OUT, target).replace(RECOVERY_KEY, str(recovery_key)) for a in command]
        code = main(["--data-dir", str(bad_file.parent), *argv])
        out, err = capsys.readouterr()
        assert code == 1, f"{command}: exit {code}"
        assert "Traceback" not in err + out
        if command[0] != "restore":  # restore names the backup it could not find instead
            assert str(bad_file) in err, f"{command} did not name the file: {err!r}"


def test_the_app_refuses_a_bad_file_and_names_it(
    bad_file: Path, qapp: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.app import run_app

    assert run_app(bad_file.parent, self_test=True) == 1
    err = capsys.readouterr().err
    assert str(bad_file) in err
    assert "has not been changed" in err
    assert "restore a backup" in err
    assert "another data folder" in err


def _client_names(db: Database) -> list[str]:
    return [c.name for c in clients.list_all(db)]


def _add_until_full(db: Database) -> None:
    for n in range(100):
        clients.add(db, clients.Client(name=f"Too much {n}", notes="x" * 50_000))


def _open_and_write(path: Path) -> None:
    reopened = open_database(path)
    try:
        clients.add(reopened, clients.Client(name="Not saved"))
    finally:
        reopened.close()


def test_a_full_disk_fails_the_change_in_plain_words_and_keeps_the_rest(db: Database) -> None:
    for n in range(5):
        clients.add(db, clients.Client(name=f"Saved {n}", notes="ü" * 2000))
    saved = {c.name: c for c in clients.list_all(db)}
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + 3}")
    with pytest.raises(StorageFullError) as caught:
        _add_until_full(db)
    assert "disk is full" in str(caught.value)
    assert "still there" in str(caught.value)
    assert isinstance(caught.value, OSError)
    assert not db.conn.in_transaction
    stored = {c.name: c for c in clients.list_all(db)}
    assert {name: stored[name] for name in saved} == saved
    db.execute("PRAGMA max_page_count = 1073741823")
    clients.add(db, clients.Client(name="After space was freed"))  # the file still works
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_read_only_database_fails_the_change_in_plain_words(db: Database) -> None:
    clients.add(db, clients.Client(name="Saved before"))
    db.execute("PRAGMA query_only = ON")
    with pytest.raises(ReadOnlyDataError, match="read-only") as caught:
        clients.add(db, clients.Client(name="Not saved"))
    assert "still there" in caught.value.problem
    db.execute("PRAGMA query_only = OFF")
    assert _client_names(db) == ["Saved before"]


def test_a_file_opened_read_only_fails_the_change_in_plain_words(
    db: Database, data_dir: Path
) -> None:
    clients.add(db, clients.Client(name="Saved before"))
    db.close()
    path = database_file(data_dir)
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        if not os.access(path, os.W_OK):  # not root: the permission itself stops writes
            with pytest.raises(ReadOnlyDataError):
                _open_and_write(path)
        practice = Practice.find(path)
        read_only = AppDatabase(practice.connect(read_only=True), practice=practice)
        with pytest.raises(ReadOnlyDataError, match="read-only"):
            clients.add(read_only, clients.Client(name="Not saved"))
        assert _client_names(read_only) == ["Saved before"]
        read_only.close()
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def _problem_dialog_choosing(choice: str) -> type:
    from widgets.shell.restore_dialog import DataFileProblemDialog

    class Choosing(DataFileProblemDialog):
        offered_restore: bool | None = None

        def exec(self) -> int:
            type(self).offered_restore = self.restore_button.isEnabled()
            button = {
                self.RESTORE: self.restore_button,
                self.OTHER_FOLDER: self.other_folder_button,
                self.QUIT: self.quit_button,
            }[choice]
            button.click()
            return int(self.result())

    return Choosing


def _refused(path: Path) -> DataFileError:
    try:
        open_database(path)
    except DataFileError as error:
        return error
    raise AssertionError("the file was accepted")


def test_the_app_offers_to_restore_a_backup_and_keeps_the_bad_file(
    qtbot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from desktop import app
    from storage.file import backups
    from widgets.shell import restore_dialog

    good = open_database(database_file(data_dir))
    clients.add(good, clients.Client(name="Saved in the backup"))
    backups.create_backup(good, data_dir)
    good.close()
    path = database_file(data_dir)
    _random_bytes(path)
    damaged = path.read_bytes()
    problem = _problem_dialog_choosing(restore_dialog.DataFileProblemDialog.RESTORE)
    monkeypatch.setattr(restore_dialog, "DataFileProblemDialog", problem)

    class ChooseNewest(restore_dialog.RestoreDialog):
        def exec(self) -> int:
            self.select_row(0)
            self.restore_button.click()
            return int(self.result())

    monkeypatch.setattr(restore_dialog, "RestoreDialog", ChooseNewest)
    monkeypatch.setattr(dialogs, "confirm", lambda *_a, **_k: True)
    outcome = app._refuse_file(_refused(path), self_test=False, data_dir=data_dir)
    assert outcome == data_dir  # open the same folder again, now restored
    assert problem.offered_restore
    reopened = open_database(path)
    assert [c.name for c in clients.list_all(reopened)] == ["Saved in the backup"]
    reopened.close()
    [kept] = [p for p in data_dir.iterdir() if ".unreadable-" in p.name]
    assert kept.read_bytes() == damaged


def test_the_app_offers_another_data_folder(
    qtbot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from desktop import app
    from widgets.shell import restore_dialog
    from widgets.shell.restore_dialog import DataFileProblemDialog

    path = database_file(data_dir)
    _another_application(path)
    before = _digest(path)
    problem = _problem_dialog_choosing(DataFileProblemDialog.OTHER_FOLDER)
    monkeypatch.setattr(restore_dialog, "DataFileProblemDialog", problem)
    monkeypatch.setattr(app, "choose_data_folder", lambda _current: tmp_path / "elsewhere")
    outcome = app._refuse_file(_refused(path), self_test=False, data_dir=data_dir)
    assert outcome == tmp_path / "elsewhere"
    assert problem.offered_restore is False  # there are no backups in this folder
    assert _digest(path) == before


def test_quitting_from_the_ways_out_exits_1(
    qtbot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from desktop import app
    from widgets.shell import restore_dialog
    from widgets.shell.restore_dialog import DataFileProblemDialog

    path = database_file(data_dir)
    _newer_schema(path)
    monkeypatch.setattr(
        restore_dialog,
        "DataFileProblemDialog",
        _problem_dialog_choosing(DataFileProblemDialog.QUIT),
    )
    assert app._refuse_file(_refused(path), self_test=False, data_dir=data_dir) == 1


@pytest.mark.parametrize(
    ("sqlite_message", "kind", "words"),
    [
        ("database or disk is full", StorageFullError, "disk is full"),
        ("attempt to write a readonly database", ReadOnlyDataError, "read-only"),
        ("unable to open database file", StorageWriteError, "folder may be read-only"),
        ("disk I/O error", StorageWriteError, "disk reported an error"),
        ("database is locked", StorageWriteError, "busy in another program"),
    ],
)
def test_failures_outside_the_app_are_named_in_plain_words(
    data_dir: Path, sqlite_message: str, kind: type[Exception], words: str
) -> None:
    error = translate(data_dir / "x.sqlite3", sqlite3.OperationalError(sqlite_message))
    assert isinstance(error, kind)
    assert isinstance(error, OSError)  # the app's error dialog words OSErrors plainly
    assert words in str(error)
    assert str(data_dir / "x.sqlite3") in str(error)
    assert translate(data_dir, sqlite3.OperationalError("no such table: client")) is None
