"""Backups you can trust, tried as a hostile tester would: real SQLite files, damaged pages,
junk and future-dated files named like backups, and the restore that used to lose a day's work.

Each test's docstring states the promise it checks.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.cli import main
from storage.file import backups
from storage.file.connect import connect
from storage.file.db import database_file
from storage.file.practice import open_database
from storage.practice import clients, engagements
from storage.rules.errors import NotADatabaseError
from storage.sqlite import sqlite3
from tests.damage import damage_a_table_page

UTC = dt.UTC
NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
DAY = dt.timedelta(days=1)


# --- helpers: real files, damaged the way a failing disk damages them ---------------------------


def _practice(path: Path, count: int = 150) -> None:
    """A database whose client table spans many pages, checkpointed into the one file."""
    db = open_database(path)
    for n in range(count):
        client = clients.add(db, clients.Client(name=f"Client {n:03}", notes="x" * 300))
        if n == 0:
            engagements.add(db, engagements.new_for_client(int(client.id or 0)))
    db.close()


def _damage_a_table_page(path: Path, table: str = "client") -> None:
    damage_a_table_page(path, table)
    assert _integrity(path) != ["ok"], "the damage must be one SQLite itself reports"


def _integrity(path: Path) -> list[str]:
    conn = connect(path, read_only=True, immutable=True)
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()


def _raw(path: Path) -> Database:
    """A plain connection, so the damaged file reaches the backup code whatever `open_database`
    decides about it."""
    return Database(connect(path))


def _folder_state(folder: Path) -> dict[str, str]:
    """Every file in `folder` with the digest of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def _backup_at(db: Database, data_dir: Path, when: dt.datetime, reason: str) -> Path:
    return backups.create_backup(db, data_dir, reason=reason, now=when)


def _named(data_dir: Path, when: dt.datetime, reason: str, content: bytes) -> Path:
    path = backups.backups_folder(data_dir) / backups.backup_name(when, reason)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def _daily_backups(db: Database, data_dir: Path, newest: dt.datetime, days: int) -> list[Path]:
    """An automatic backup on each of `days` days up to `newest`, plus an older one on that last
    day that the rotation would thin out."""
    made = [_backup_at(db, data_dir, newest - n * DAY, "automatic") for n in range(days)]
    made.append(_backup_at(db, data_dir, newest - dt.timedelta(hours=1), "manual"))
    return made


# --- a damaged live database is never backed up over good copies ------------------------------


def test_cli_backup_of_a_damaged_database_exits_1_and_keeps_every_backup(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`fractional-desk backup` (and `--out`) of a database with a damaged page exits 1 with one
    line that says why, writes no file, and leaves every existing backup byte-identical."""
    path = database_file(data_dir)
    _practice(path)
    with open_database(path) as db:
        _daily_backups(db, data_dir, dt.datetime.now(UTC) - dt.timedelta(hours=2), days=12)
    _damage_a_table_page(path)
    before = _folder_state(backups.backups_folder(data_dir))
    out = tmp_path / "elsewhere" / "copy.sqlite3"
    out.parent.mkdir()  # `backup --out` writes into a folder that exists, as `export --out` does

    assert main(["--data-dir", str(data_dir), "backup"]) == 1
    assert main(["--data-dir", str(data_dir), "backup", "--out", str(out)]) == 1

    said = capsys.readouterr()
    assert said.out == ""
    lines = said.err.strip().splitlines()
    assert len(lines) == 2  # one line per refused command
    assert all("damaged" in line and str(path) in line for line in lines)
    assert _folder_state(backups.backups_folder(data_dir)) == before
    assert not out.exists()
    assert not out.parent.exists() or not list(out.parent.iterdir())


def test_a_damaged_database_is_refused_and_nothing_is_written(data_dir: Path) -> None:
    """Backing up a live database that fails `integrity_check` raises a plain-words error saying it
    was not backed up and that the existing backups are kept; no file is added or left behind."""
    path = database_file(data_dir)
    _practice(path)
    with open_database(path) as db:
        _backup_at(db, data_dir, NOW - DAY, "automatic")
    _damage_a_table_page(path)
    before = _folder_state(backups.backups_folder(data_dir))
    damaged = _raw(path)
    try:
        with pytest.raises(NotADatabaseError) as raised:
            backups.create_backup(damaged, data_dir, reason="manual", now=NOW)
    finally:
        damaged.close()
    assert raised.value.path == path
    assert "is damaged (the integrity check found problems), so it was not backed up" in str(
        raised.value
    )
    assert "your existing backups are kept" in raised.value.problem
    assert _folder_state(backups.backups_folder(data_dir)) == before  # no .partial left either


def test_rotation_never_runs_when_the_new_backup_failed(data_dir: Path) -> None:
    """The automatic backup of a damaged database raises so the app can say so, and the rotation
    that a good backup would have run deletes nothing."""
    path = database_file(data_dir)
    _practice(path)
    with open_database(path) as db:
        _daily_backups(db, data_dir, NOW - 2 * DAY, days=40)
    _damage_a_table_page(path)
    before = _folder_state(backups.backups_folder(data_dir))
    damaged = _raw(path)
    try:
        with pytest.raises(NotADatabaseError, match="not backed up"):
            backups.backup_if_due(damaged, data_dir, now=NOW)
    finally:
        damaged.close()
    assert _folder_state(backups.backups_folder(data_dir)) == before


# --- protective copies are kept apart ---------------------------------------------------------


def test_the_issue_reproduction_keeps_the_logged_entry(
    db: Database, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """backup, log, restore that backup, backup again: the entry logged between the first backup
    and the restore is still in the "before a restore" copy."""
    client = clients.add(db, clients.Client(name="Acme"))
    engagement = engagements.add(db, engagements.new_for_client(int(client.id or 0)))
    db.close()
    folder = ["--data-dir", str(data_dir)]

    assert main([*folder, "backup"]) == 0
    first = Path(capsys.readouterr().out.strip())
    log = ["log", "--engagement", str(engagement.id), "--bucket", "strategy", "--minutes", "45"]
    assert main([*folder, *log, "--note", "Board prep after the backup"]) == 0
    assert main([*folder, "restore", first.name]) == 0
    assert main([*folder, "backup"]) == 0
    capsys.readouterr()

    assert main([*folder, "backup", "--list", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    [before_restore] = [row for row in listed if row["reason"] == "before-restore"]
    assert before_restore["time_entries"] == 1
    conn = connect(before_restore["path"])
    notes = [row[0] for row in conn.execute("SELECT note FROM time_entry")]
    conn.close()
    assert notes == ["Board prep after the backup"]


@pytest.mark.parametrize("reason", ["before-restore", "before-migration"])
def test_a_protective_copy_survives_later_backups_and_goes_only_after_30_days(
    db: Database, data_dir: Path, reason: str
) -> None:
    """A "before a restore" or "before a migration" copy survives 20 later backups the same day and
    every backup for 30 days; only after that does the ordinary rotation thin it out."""
    clients.add(db, clients.Client(name="Acme"))
    protective = _backup_at(db, data_dir, NOW, reason)
    for minutes in range(1, 21):
        last_manual = _backup_at(db, data_dir, NOW + dt.timedelta(minutes=minutes), "manual")
        backups.rotate(data_dir, now=NOW + dt.timedelta(minutes=minutes))
        assert protective.exists(), f"removed by backup {minutes} of the same day"
    for day in range(1, 30):
        when = NOW + day * DAY
        _backup_at(db, data_dir, when, "automatic")
        backups.rotate(data_dir, now=when)
        assert protective.exists(), f"removed {day} days later"
    assert not last_manual.exists()  # the ordinary rotation went on around it
    when = NOW + backups.KEEP_PROTECTIVE_DAYS * DAY + dt.timedelta(hours=1)
    _backup_at(db, data_dir, when, "automatic")
    backups.rotate(data_dir, now=when)
    assert not protective.exists()


# --- unreadable and future-dated files are left alone -----------------------------------------


def _other_application_file(path: Path) -> None:
    conn = connect(path)
    conn.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY, caption TEXT)")
    conn.commit()
    conn.close()


def test_unreadable_and_future_dated_files_never_count_toward_rotation(
    db: Database, data_dir: Path
) -> None:
    """Junk, a cut-short copy, another application's file and a copy named 30 days ahead, all
    named like backups and newer than good ones: the automatic backup is still made, every good
    backup the rotation keeps is still there, and those files are left exactly as they were."""
    clients.add(db, clients.Client(name="Acme"))
    good = [_backup_at(db, data_dir, NOW - n * DAY - dt.timedelta(hours=2), "automatic") for n in (1, 2, 3)]  # fmt: skip
    strangers = [
        _named(data_dir, NOW - DAY - dt.timedelta(hours=1), "manual", random.Random(1).randbytes(8192)),
        _named(data_dir, NOW - 2 * DAY - dt.timedelta(hours=1), "automatic", good[1].read_bytes()[:4096]),
        _named(data_dir, NOW + 30 * DAY, "automatic", good[0].read_bytes()),
        _named(data_dir, NOW + 400 * DAY, "manual", good[0].read_bytes()),
    ]  # fmt: skip
    foreign = backups.backups_folder(data_dir) / backups.backup_name(NOW - 3 * DAY, "manual")
    _other_application_file(foreign)
    strangers.append(foreign)
    untouched = {p.name: p.read_bytes() for p in strangers}

    made = backups.backup_if_due(db, data_dir, now=NOW)

    assert made is not None
    assert made.exists()
    assert all(path.exists() for path in good)
    assert {p.name: p.read_bytes() for p in strangers} == untouched
    assert backups.newest_backup(data_dir, now=NOW) == NOW


def test_an_unreadable_newest_backup_never_blocks_the_automatic_backup(
    db: Database, data_dir: Path
) -> None:
    """A file named like a backup an hour old that cannot be read does not count as today's
    backup: the automatic backup is made anyway."""
    clients.add(db, clients.Client(name="Acme"))
    _named(data_dir, NOW - dt.timedelta(hours=1), "automatic", b"not a database at all")
    assert backups.backup_if_due(db, data_dir, now=NOW) is not None
    assert backups.newest_backup(data_dir, now=NOW) == NOW


def test_rotation_never_deletes_the_backup_just_made(db: Database, data_dir: Path) -> None:
    """A good backup dated a few hours ahead (a clock that was wrong, within the day allowed for
    skew) counts as usual, yet never pushes out the backup that was just made and checked."""
    clients.add(db, clients.Client(name="Acme"))
    ahead = _backup_at(db, data_dir, NOW + dt.timedelta(hours=3), "manual")
    made = backups.create_backup(db, data_dir, reason="manual", now=NOW)
    backups.rotate(data_dir, now=NOW)
    assert made.exists()
    assert ahead.exists()


def test_an_empty_or_foreign_file_named_like_a_backup_is_unreadable_and_never_restored(
    db: Database, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`backup --list --format json` keeps its keys and shows a problem for a zero-byte file and
    another application's database named like backups, and a restore from either is refused
    with the database untouched: restoring one would replace the practice with nothing."""
    clients.add(db, clients.Client(name="Acme"))
    backups.create_backup(db, data_dir)
    db.close()
    empty = _named(data_dir, NOW, "manual", b"")
    foreign = backups.backups_folder(data_dir) / backups.backup_name(NOW - DAY, "manual")
    _other_application_file(foreign)
    before = hashlib.sha256(database_file(data_dir).read_bytes()).hexdigest()

    assert main(["--data-dir", str(data_dir), "backup", "--list", "--format", "json"]) == 0
    listed = {Path(row["path"]).name: row for row in json.loads(capsys.readouterr().out)}
    assert len(listed) == 3
    assert all(set(row) == set(backup_json_keys()) for row in listed.values())
    for path in (empty, foreign):
        assert listed[path.name]["problem"]
        assert listed[path.name]["clients"] is None
        with pytest.raises(NotADatabaseError):
            backups.restore(data_dir, path)
    assert hashlib.sha256(database_file(data_dir).read_bytes()).hexdigest() == before


def backup_json_keys() -> list[str]:
    """The stable keys of `backup --list --format json`, as the README documents them."""
    return [
        "path", "taken_at", "reason", "size_bytes", "clients", "engagements",
        "time_entries", "decisions", "problem",
    ]  # fmt: skip


def test_a_restore_over_a_damaged_database_sets_it_aside_whole(data_dir: Path) -> None:
    """Restoring over a database with a damaged page never files its copy among the backups as
    if it were sound: the file is set aside byte for byte, and only at the swap, once the
    connection that held it is closed (preparing the restore leaves it where it was)."""
    path = database_file(data_dir)
    _practice(path)
    with open_database(path) as db:
        good = _backup_at(db, data_dir, NOW - DAY, "manual")
    _damage_a_table_page(path)
    damaged_bytes = path.read_bytes()

    prepared = backups.prepare_restore(data_dir, good, now=NOW)
    assert path.read_bytes() == damaged_bytes  # still in place while the app could hold it
    kept = backups.finish_restore(prepared)

    assert kept is not None
    assert kept.parent == data_dir
    assert kept.read_bytes() == damaged_bytes
    assert [b.reason for b in backups.list_backups(data_dir)] == ["manual"]
    assert _integrity(path) == ["ok"]


class _FillsTheDisk:
    """A connection whose online backup fails as SQLite does when the disk fills mid-copy."""

    def __init__(self, real: sqlite3.Connection) -> None:
        self.real = real

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)

    def backup(self, target: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("database or disk is full")


def test_a_backup_that_fills_the_disk_says_so_and_keeps_every_backup(
    db: Database, data_dir: Path
) -> None:
    """A backup that runs out of disk space fails as a plain "disk is full" storage error (an
    OSError the app and the command line already say in plain words), leaves no partial file,
    and removes no backup."""
    from storage.rules.errors import StorageFullError

    clients.add(db, clients.Client(name="Acme"))
    _daily_backups(db, data_dir, NOW - 2 * DAY, days=20)
    before = _folder_state(backups.backups_folder(data_dir))
    real = db.conn
    db.conn = _FillsTheDisk(real)  # type: ignore[assignment]
    try:
        with pytest.raises(StorageFullError, match="disk is full"):
            backups.backup_if_due(db, data_dir, now=NOW)
    finally:
        db.conn = real
    assert _folder_state(backups.backups_folder(data_dir)) == before
