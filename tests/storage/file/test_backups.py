"""Backups: made consistently while writing, counted, rotated, and restored (which can be undone)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from sqlite_utils import Database

from storage.file import backups
from storage.file.connect import connect, is_encrypted
from storage.file.db import database_file
from storage.file.migrations import migrations
from storage.file.practice import open_database
from storage.practice import clients, engagements
from storage.rules.errors import DataFileError, NotADatabaseError
from tests.storage.file.practice_files import open_any
from widgets.common import dialogs

UTC = dt.UTC


def _add_clients(db: Database, *names: str) -> None:
    for name in names:
        clients.add(db, clients.Client(name=name))


def _client_names(path: Path) -> list[str]:
    conn = open_any(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM client ORDER BY name")]
    finally:
        conn.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_holds_everything_and_is_listed_with_counts(db: Database, data_dir: Path) -> None:
    _add_clients(db, "Acme", "Zoë Labs")
    client = clients.list_all(db)[0]
    engagements.add(db, engagements.new_for_client(int(client.id or 0)))
    path = backups.create_backup(db, data_dir)
    assert path.parent == data_dir / "backups"
    assert backups.parse_name(path.name) is not None
    assert _client_names(path) == ["Acme", "Zoë Labs"]
    [listed] = backups.list_backups(data_dir)
    assert listed.path == path
    assert listed.reason == "manual"
    assert listed.contents == backups.Contents(clients=2, engagements=1)
    assert "2 clients, 1 engagements" in listed.contents.describe()
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no -wal, no -shm


def test_backup_to_a_chosen_file(db: Database, data_dir: Path, tmp_path: Path) -> None:
    _add_clients(db, "Acme")
    out = backups.create_backup(db, out=tmp_path / "elsewhere" / "copy.sqlite3")
    assert is_encrypted(out), "a backup of an encrypted practice is encrypted, wherever it goes"
    assert _client_names(out) == ["Acme"]


def test_backup_is_consistent_while_another_connection_holds_a_write(
    db: Database, data_dir: Path
) -> None:
    _add_clients(db, "Committed")
    writer = connect(database_file(data_dir))
    writer.execute("BEGIN IMMEDIATE")
    writer.execute(
        "INSERT INTO client (name, created_at) VALUES ('Not yet committed', '2026-01-01')"
    )
    path = backups.create_backup(db, data_dir)
    writer.rollback()
    writer.close()
    assert _client_names(path) == ["Committed"]


def test_automatic_backup_only_when_the_newest_is_a_day_old(db: Database, data_dir: Path) -> None:
    now = dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert backups.backup_if_due(db, data_dir, now=now) is None  # nothing to keep yet
    _add_clients(db, "Acme")
    first = backups.backup_if_due(db, data_dir, now=now)
    assert first is not None
    assert backups.backup_if_due(db, data_dir, now=now + dt.timedelta(hours=23)) is None
    later = backups.backup_if_due(db, data_dir, now=now + dt.timedelta(hours=25))
    assert later is not None
    assert [b.reason for b in backups.list_backups(data_dir)] == ["automatic", "automatic"]


def test_rotation_keeps_7_daily_8_weekly_12_monthly() -> None:
    start = dt.datetime(2024, 1, 1, 12, 0, tzinfo=UTC)
    stamps = [start + dt.timedelta(hours=12 * i) for i in range(2 * 800)]  # two a day, 800 days
    keep = backups.to_keep(stamps)
    newest = max(stamps)
    assert newest in keep
    days = {s.date() for s in keep}
    last_seven_days = {(newest - dt.timedelta(days=i)).date() for i in range(7)}
    assert last_seven_days <= days
    months = {(s.year, s.month) for s in keep}
    assert len(months) == 12
    weeks = {s.isocalendar()[:2] for s in keep}
    assert len(weeks) >= 8
    assert len(keep) <= 7 + 8 + 12
    for day in last_seven_days:  # one per day: the newest of that day
        assert max(s for s in stamps if s.date() == day) in keep


def test_rotate_deletes_only_what_is_not_kept(data_dir: Path, db: Database) -> None:
    _add_clients(db, "Acme")
    start = dt.datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
    for day in range(40):
        backups.create_backup(db, data_dir, reason="automatic", now=start + dt.timedelta(days=day))
    stray = data_dir / "backups" / "my own copy.sqlite3"
    stray.write_bytes(b"")
    removed = backups.rotate(data_dir)
    remaining = backups.list_backups(data_dir)
    assert len(removed) + len(remaining) == 40
    assert len(remaining) == len(backups.to_keep([b.taken_at for b in remaining]))
    assert remaining[0].taken_at == start + dt.timedelta(days=39)
    assert stray.exists()  # files that are not our backups are never touched


def test_restore_round_trip_and_undo(db: Database, data_dir: Path) -> None:
    _add_clients(db, "Before")
    backup = backups.create_backup(db, data_dir)
    _add_clients(db, "After")
    db.close()
    previous = backups.restore(data_dir, backup)
    assert previous is not None
    assert previous.parent == data_dir / "backups"
    assert _client_names(database_file(data_dir)) == ["Before"]
    assert _client_names(previous) == ["After", "Before"]
    reopened = open_database(database_file(data_dir))
    assert [c.name for c in clients.list_all(reopened)] == ["Before"]
    reopened.close()
    backups.restore(data_dir, previous)  # undo the restore
    assert _client_names(database_file(data_dir)) == ["After", "Before"]
    leftovers = [p.name for p in data_dir.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_restore_refuses_a_damaged_backup_and_changes_nothing(
    db: Database, data_dir: Path, tmp_path: Path
) -> None:
    _add_clients(db, "Keep me")
    db.close()
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    before = _digest(database_file(data_dir))
    with pytest.raises(DataFileError):
        backups.restore(data_dir, damaged)
    assert _digest(database_file(data_dir)) == before
    assert not (data_dir / "backups").exists()
    with pytest.raises(DataFileError, match="does not exist"):
        backups.restore(data_dir, tmp_path / "missing.sqlite3")


def test_restore_sets_an_unreadable_database_aside(
    db: Database, data_dir: Path, tmp_path: Path
) -> None:
    _add_clients(db, "Good")
    backup = backups.create_backup(db, data_dir)
    db.close()
    current = database_file(data_dir)
    current.write_bytes(b"random bytes that are not a database")
    aside = backups.restore(data_dir, backup)
    assert aside is not None
    assert aside.read_bytes() == b"random bytes that are not a database"
    assert _client_names(current) == ["Good"]


def test_a_backup_is_made_before_a_migration(data_dir: Path) -> None:
    path = database_file(data_dir)
    raw = Database(path)
    migrations.apply(raw, stop_before="m002_time")
    raw.execute(
        "INSERT INTO client (name, created_at) VALUES ('Ünïcode Ltd', '2026-01-01T00:00:00+00:00')"
    )
    raw.conn.commit()
    raw.close()
    db = open_database(path)
    db.close()
    [backup] = backups.list_backups(data_dir)
    assert backup.reason == "before-migration"
    assert backup.contents == backups.Contents(clients=1)
    conn = connect(backup.path)
    applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]
    conn.close()
    assert applied == ["m001_core"]


def test_no_backup_for_a_new_database(data_dir: Path) -> None:
    open_database(database_file(data_dir)).close()
    open_database(database_file(data_dir)).close()
    assert backups.list_backups(data_dir) == []


def test_an_unreadable_backup_is_listed_with_its_problem(data_dir: Path) -> None:
    folder = data_dir / "backups"
    folder.mkdir()
    name = backups.backup_name(dt.datetime(2026, 1, 1, tzinfo=UTC), "manual")
    (folder / name).write_bytes(b"not sqlite")
    [listed] = backups.list_backups(data_dir)
    assert listed.contents is None
    assert listed.problem
    with pytest.raises(NotADatabaseError):
        backups.restore(data_dir, listed.path)


# --- File → Back up now / Restore from backup --------------------------------------------


def _window(qtbot, db: Database, data_dir: Path):  # type: ignore[no-untyped-def]
    from desktop.main_window import MainWindow

    window = MainWindow(db, data_dir)
    qtbot.addWidget(window)
    return window


def backup_task(window):  # type: ignore[no-untyped-def]
    return window.tasks


def _trigger(window, name: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAction

    action = window.findChild(QAction, name)
    assert action is not None, name
    assert action in window.file_menu.actions()
    action.trigger()


def test_back_up_now_says_where_it_went(qtbot, db: Database, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    _add_clients(db, "Acme")
    window = _window(qtbot, db, data_dir)
    with qtbot.waitSignal(backup_task(window).done, timeout=10_000):
        _trigger(window, "backUpNowAction")
    [backup] = backups.list_backups(data_dir)
    assert backup.contents == backups.Contents(clients=1)
    assert str(backup.path) in window.statusBar().currentMessage()


def test_restore_from_backup_reloads_the_window_and_can_be_undone(
    qtbot, db: Database, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QUndoCommand

    from widgets.shell.restore_dialog import RestoreDialog

    _add_clients(db, "Before")
    backups.create_backup(db, data_dir, now=dt.datetime(2026, 1, 1, tzinfo=UTC))
    _add_clients(db, "After")
    window = _window(qtbot, db, data_dir)
    window.pages[0].undo_stack.push(QUndoCommand("Edit that belongs to the replaced data"))
    questions: list[str] = []

    def answer_yes(_parent: object, _title: str, text: str, **_kw: object) -> bool:
        questions.append(text)
        return True

    monkeypatch.setattr(dialogs, "confirm", answer_yes)

    class ChooseOldest(RestoreDialog):
        def exec(self) -> int:
            self.select_row(self.proxy.rowCount() - 1)
            qtbot.mouseClick(self.restore_button, Qt.MouseButton.LeftButton)
            return int(self.result())

    monkeypatch.setattr("widgets.shell.restore_dialog.RestoreDialog", ChooseOldest)
    with qtbot.waitSignal(backup_task(window).done, timeout=10_000):
        _trigger(window, "restoreFromBackupAction")
    assert len(questions) == 1
    assert "1 clients" in questions[0]
    assert [c.name for c in clients.list_all(window.db)] == ["Before"]  # the same db object
    assert "Restored" in window.statusBar().currentMessage()
    assert window.pages[0].undo_stack.count() == 0
    kinds = {b.reason: b.contents for b in backups.list_backups(data_dir)}
    assert kinds["before-restore"] == backups.Contents(clients=2)
    _add_clients(window.db, "Written after the restore")  # the window keeps working


def test_restore_dialog_asks_before_restoring(
    qtbot, db: Database, data_dir: Path, monkeypatch: pytest.MonkeyPatch, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from widgets.shell import restore_dialog

    _add_clients(db, "Acme")
    backups.create_backup(db, data_dir)
    broken = (
        data_dir / "backups" / backups.backup_name(dt.datetime(2020, 1, 1, tzinfo=UTC), "manual")
    )
    broken.write_bytes(b"junk")
    dialog = restore_dialog.RestoreDialog(backups.list_backups(data_dir))
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert not dialog.restore_button.isEnabled()
    dialog.select_row(1)  # the unreadable one, listed last: it cannot be chosen
    assert not dialog.restore_button.isEnabled()
    monkeypatch.setattr(dialogs, "confirm", lambda *_a, **_k: False)
    dialog.select_row(0)
    assert dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen is None
    assert dialog.result() == 0


# --- fractional-desk backup / restore ---------------------------------------------------------


def test_cli_backup_list_and_restore(
    db: Database, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from desktop.cli import main

    _add_clients(db, "Before")
    db.close()
    assert main(["--data-dir", str(data_dir), "backup"]) == 0
    made = Path(capsys.readouterr().out.strip())
    assert made.parent == data_dir / "backups"
    out = tmp_path / "copy.sqlite3"
    assert main(["--data-dir", str(data_dir), "backup", "--out", str(out)]) == 0
    assert _client_names(out) == ["Before"]
    capsys.readouterr()
    later = open_database(database_file(data_dir))
    _add_clients(later, "After")
    later.close()
    assert main(["--data-dir", str(data_dir), "restore", made.name]) == 0
    said = capsys.readouterr().out
    assert "Restored" in said
    assert "restore it to undo" in said
    assert _client_names(database_file(data_dir)) == ["Before"]
    assert main(["--data-dir", str(data_dir), "backup", "--list", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {row["reason"] for row in listed} == {"manual", "before-restore"}
    assert set(listed[0]) == {
        "path", "taken_at", "reason", "size_bytes", "clients", "engagements",
        "time_entries", "decisions", "problem",
    }  # fmt: skip
    assert next(r for r in listed if r["reason"] == "before-restore")["clients"] == 2


def test_cli_restore_refuses_while_the_app_runs(
    db: Database, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.cli import main
    from storage.file.instance_lock import InstanceLock

    _add_clients(db, "Keep")
    backup = backups.create_backup(db, data_dir)
    db.close()
    before = _digest(database_file(data_dir))
    with InstanceLock(data_dir):
        assert main(["--data-dir", str(data_dir), "restore", str(backup)]) == 1
    err = capsys.readouterr().err
    assert "is running" in err
    assert "Nothing was changed" in err
    assert _digest(database_file(data_dir)) == before


def test_cli_restore_of_a_bad_file_says_which_and_why(
    db: Database, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.cli import main

    db.close()
    bad = tmp_path / "not-a-backup.sqlite3"
    bad.write_text("hello")
    assert main(["--data-dir", str(data_dir), "restore", str(bad)]) == 1
    err = capsys.readouterr().err
    assert str(bad) in err
    assert "not SQLite" in err


def test_restore_of_a_backup_damaged_meanwhile_changes_nothing(
    qtbot, db: Database, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from widgets.shell.restore_dialog import RestoreDialog

    _add_clients(db, "Before")
    made = backups.create_backup(db, data_dir, now=dt.datetime(2026, 1, 1, tzinfo=UTC))
    _add_clients(db, "After")
    window = _window(qtbot, db, data_dir)
    errors: list[str] = []
    monkeypatch.setattr(
        "widgets.common.dialogs.show_error", lambda _p, title, text, *_a: errors.append(text)
    )

    class ChooseThenDamage(RestoreDialog):
        def exec(self) -> int:
            self.chosen = backups.list_backups(data_dir)[0]
            made.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)  # damaged after listing
            return 1

    monkeypatch.setattr("widgets.shell.restore_dialog.RestoreDialog", ChooseThenDamage)
    before = _digest(database_file(data_dir))
    with qtbot.waitSignal(backup_task(window).done, timeout=10_000):
        _trigger(window, "restoreFromBackupAction")
    [error] = errors
    assert "Nothing was changed" in error
    assert [c.name for c in clients.list_all(window.db)] == ["After", "Before"]
    assert _digest(database_file(data_dir)) == before
    assert not list(data_dir.glob(".restore-*"))  # no checked copy left behind
