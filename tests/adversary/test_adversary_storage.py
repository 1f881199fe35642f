"""The durability promise tried the way an adversary would: kills during checkpoints that grow the
file, a full disk, a zero-byte file, a damaged page, and several processes writing at once.

Each test names the promise it checks; each works on real files and, where it matters, real
processes."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.file.connect import connect
from storage.file.db import database_file
from storage.file.file_check import integrity_problems
from storage.file.practice import open_database
from storage.practice import clients, engagements
from storage.rules.errors import NotADatabaseError, StorageWriteError
from storage.sqlite import sqlite3
from storage.time import time_entries
from tests.damage import damage_a_table_page

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("adversary_writer.py")
CHECKPOINT_KILLS = 20


def _prepare(data_dir: Path) -> int:
    db = open_database(database_file(data_dir))
    client = clients.add(db, clients.Client(name="Adversary Ltd"))
    engagement = engagements.add(
        db,
        engagements.Engagement(
            client_id=int(client.id or 0), title="Tried hard", start_date=dt.date(2000, 1, 1)
        ),
    )
    db.close()
    return int(engagement.id or 0)


def _spawn(*args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), *map(str, args)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )


def _line_within(child: subprocess.Popen[str], seconds: float) -> str:
    """The child's next line; the test fails (and never hangs) when none comes in time."""
    assert child.stdout is not None
    if not select.select([child.stdout], [], [], seconds)[0]:
        child.kill()
        child.wait()
        pytest.fail(f"the child printed nothing within {seconds} s")
    return child.stdout.readline().rstrip("\n")


def _saved(lines: list[str]) -> list[str]:
    return [line.split(" ", 1)[1] for line in lines if line.startswith("saved ")]


def _ids_present(path: Path, table: str) -> set[int]:
    conn = connect(path)
    try:
        return {r[0] for r in conn.execute(f"SELECT id FROM [{table}]")}
    finally:
        conn.close()


def _kill_during_checkpoint(data_dir: Path, engagement_id: int, rng: random.Random) -> list[str]:
    child = _spawn("checkpoint", data_dir, engagement_id)
    assert child.stdout is not None
    lines = []
    for line in child.stdout:
        lines.append(line.rstrip("\n"))
        if line.startswith("checkpointing"):
            break
    time.sleep(rng.uniform(0.0, 0.03))  # somewhere inside the checkpoint that grows the file
    child.kill()
    lines += child.stdout.read().split("\n")[:-1]
    child.stdout.close()
    child.wait()
    return lines


@pytest.mark.slow
def test_a_kill_during_a_checkpoint_that_grows_the_file_never_gets_it_refused(
    tmp_path: Path,
) -> None:
    """Promise: a crash in the middle of a checkpoint (megabytes of -wal copied into a file that
    grows) leaves a file the app opens, SQLite finds sound, and holding every reported save."""
    rng = random.Random(12)
    for trial in range(CHECKPOINT_KILLS):
        data_dir = tmp_path / f"trial-{trial}"
        engagement_id = _prepare(data_dir)
        saved = {int(x) for x in _saved(_kill_during_checkpoint(data_dir, engagement_id, rng))}
        assert len(saved) == 700
        path = database_file(data_dir)
        db = open_database(path)  # never "damaged (it is cut short)"
        try:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            missing = saved - {r[0] for r in db.execute("SELECT id FROM time_entry")}
            assert not missing, f"trial {trial}: {len(missing)} reported saves lost"
        finally:
            db.close()


def _header_pages_beyond_file(path: Path) -> bool:
    header = path.read_bytes()[:100]
    page_size = int.from_bytes(header[16:18], "big")
    return path.stat().st_size < int.from_bytes(header[28:32], "big") * page_size


@contextlib.contextmanager
def _small_disk(tmp_path: Path, size: str) -> Iterator[Path]:
    """A tmpfs of `size` where the machine allows mounting one; skipped elsewhere."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("this machine does not allow mounting a small disk (tmpfs)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder: Path) -> Path:
    """Fill the disk. Unbuffered, so closing the file has nothing left over to write: a buffered
    file would retry the refused bytes on close and raise there, depending on how the free space
    happened to align with the writes."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as handle, contextlib.suppress(OSError):
        while True:
            handle.write(b"\0" * 65536)
    return filler


def test_a_disk_that_fills_during_a_checkpoint_leaves_a_file_that_opens(tmp_path: Path) -> None:
    """Promise: when the disk fills while the -wal is copied into the file, the file is never
    refused afterwards, once space is freed or even before, and every save is there."""
    with _small_disk(tmp_path, "16m") as disk:
        data_dir = disk / "data"
        engagement_id = _prepare(data_dir)
        db = open_database(database_file(data_dir))
        db.execute("PRAGMA wal_autocheckpoint = 0")
        saved = []
        for index in range(600):
            entry = time_entries.TimeEntry(
                engagement_id, dt.date(2003, 1, 1) + dt.timedelta(days=index), "team", 5, "y" * 3000
            )
            saved.append(time_entries.add(db, entry).id)
        filler = _fill(disk)
        with contextlib.suppress(sqlite3.DatabaseError):
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.conn.close()
        path = database_file(data_dir)
        assert _header_pages_beyond_file(path), "the checkpoint did not stop part way"
        for _ in range(2):  # with the disk still full, then after space is freed
            reopened = open_database(path)
            try:
                present = {r[0] for r in reopened.execute("SELECT id FROM time_entry")}
                assert set(saved) <= present
            finally:
                reopened.conn.close()
            filler.unlink(missing_ok=True)
        assert integrity_problems(path) == []


def test_a_disk_that_is_full_fails_writes_in_plain_words_and_loses_nothing(tmp_path: Path) -> None:
    """Promise: on a full disk each change fails with a plain message; after space is freed the
    file opens with every change reported as saved."""
    with _small_disk(tmp_path, "3m") as disk:
        data_dir = disk / "data"
        engagement_id = _prepare(data_dir)
        db = open_database(database_file(data_dir))
        saved, problems = [], []
        filler = _fill(disk)
        filler.unlink()
        filler = _fill(disk)  # nearly nothing left
        for index in range(400):
            entry = time_entries.TimeEntry(
                engagement_id, dt.date(2004, 1, 1) + dt.timedelta(days=index), "team", 5, "z" * 3000
            )
            try:
                saved.append(time_entries.add(db, entry).id)
            except StorageWriteError as exc:
                problems.append(exc.problem)
        db.close()
        assert problems
        assert all("full" in p or "could not be written" in p for p in problems)
        filler.unlink()
        reopened = open_database(database_file(data_dir))
        present = {r[0] for r in reopened.execute("SELECT id FROM time_entry")}
        reopened.close()
        assert set(saved) <= present


def test_a_zero_byte_file_beside_backups_is_refused_untouched(data_dir: Path) -> None:
    """Promise: a practice cut to zero bytes is never silently replaced by an empty practice."""
    path = database_file(data_dir)
    _prepare(data_dir)
    from storage.file import backups

    with open_database(path) as db:
        backups.create_backup(db, data_dir, reason="manual")
    path.write_bytes(b"")
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with pytest.raises(NotADatabaseError, match="empty"):
        open_database(path)
    assert path.stat().st_size == 0
    assert not Path(f"{path}-wal").exists()


def test_a_zero_byte_file_with_nothing_beside_it_starts_a_practice(data_dir: Path) -> None:
    """Promise: an empty file with no history (a new folder) is simply a new practice."""
    path = database_file(data_dir)
    path.write_bytes(b"")
    with open_database(path) as db:
        assert "client" in db.table_names()


def damaged_practice(data_dir: Path) -> Path:
    """A practice whose file has one table page scribbled over (its header is sound)."""
    engagement_id = _prepare(data_dir)
    path = database_file(data_dir)
    with open_database(path) as db:
        for index in range(300):
            day = dt.date(2005, 1, 1) + dt.timedelta(days=index)
            time_entries.add(db, time_entries.TimeEntry(engagement_id, day, "team", 5, "w" * 500))
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage_a_table_page(path)
    return path


def test_a_damaged_page_inside_a_table_is_found_by_the_full_check(data_dir: Path) -> None:
    """Promise: the check run after start finds damage the quick start does not look for, and
    writes can then be stopped before they go into the damaged file."""
    path = damaged_practice(data_dir)
    assert integrity_problems(path)
    db = open_database(path)
    db.stop_writes(integrity_problems(path)[0])
    before = path.read_bytes()
    with pytest.raises(StorageWriteError, match="damaged"):
        clients.add(db, clients.Client(name="Not into a damaged file"))
    db.close()
    assert path.read_bytes() == before


def test_three_processes_filling_one_day_never_pass_24_hours(data_dir: Path) -> None:
    """Promise: the 24-hour day holds across processes writing at the same moment, and every
    entry a process was told is saved is in the file."""
    engagement_id = _prepare(data_dir)
    children = [_spawn("fill-day", data_dir, engagement_id, "2006-06-06") for _ in range(3)]
    outputs = [child.communicate()[0].split("\n") for child in children]
    saved = {int(x) for lines in outputs for x in _saved(lines)}
    assert all(lines[-2] == "refused" for lines in outputs), outputs
    with open_database(database_file(data_dir)) as db:
        total = db.execute(
            "SELECT sum(minutes) FROM time_entry WHERE day = '2006-06-06'"
        ).fetchone()[0]
    assert total == 24 * 60
    assert saved == _ids_present(database_file(data_dir), "time_entry")
    assert len(saved) == 288


def test_three_processes_adding_the_same_names_never_store_one_twice(data_dir: Path) -> None:
    """Promise: a client name stays unique when two processes add the same names at once, and the
    loser gets the plain refusal, never a raw database error."""
    _prepare(data_dir)
    children = [_spawn("add-clients", data_dir, 150) for _ in range(3)]
    results = [child.communicate() for child in children]
    assert all(child.returncode == 0 for child in children), results
    lines = [line for out, _ in results for line in out.split("\n") if line]
    assert sum(line.startswith("saved") for line in lines) == 150
    assert sum(line == "refused" for line in lines) == 300
    conn = connect(database_file(data_dir))
    names = [r[0] for r in conn.execute("SELECT name FROM client WHERE name LIKE 'Same %'")]
    conn.close()
    assert len(names) == len(set(names)) == 150


@pytest.mark.slow
def test_a_restore_racing_two_log_loops_loses_no_reported_entry(data_dir: Path) -> None:
    """Promise: while `restore` runs, command-line writers wait for it, so every entry `log`
    reported is in the restored database or in a "before a restore" copy: none is in no file."""
    from desktop.cli import main
    from storage.file import backups

    engagement_id = _prepare(data_dir)
    with open_database(database_file(data_dir)) as db:
        first = backups.create_backup(db, data_dir, reason="manual")
    loops = [_spawn("log-loop", data_dir, engagement_id, tag, 60) for tag in ("a", "b")]
    restores = 0
    while any(loop.poll() is None for loop in loops) and restores < 12:
        assert main(["--data-dir", str(data_dir), "restore", str(first)]) == 0
        restores += 1
        time.sleep(0.05)
    reported = {note for loop in loops for note in _saved(loop.communicate()[0].split("\n"))}
    assert restores >= 2
    assert reported
    files = [database_file(data_dir), *backups.backups_folder(data_dir).glob("*before-restore*")]
    kept: set[str] = set()
    for file in files:
        conn = connect(file, read_only=True)
        kept |= {r[0] for r in conn.execute("SELECT note FROM time_entry")}
        conn.close()
    lost = reported - kept
    assert not lost, f"{len(lost)} of {len(reported)} reported entries are in no file: {lost}"


def test_a_command_line_write_during_a_restore_waits_and_lands_in_the_restored_file(
    data_dir: Path,
) -> None:
    """Promise: between the "before a restore" copy and the swap (the app's restore runs them
    apart), a `log` waits at the folder's gate, then writes into the restored database."""
    from storage.file import backups

    engagement_id = _prepare(data_dir)
    with open_database(database_file(data_dir)) as db:
        first = backups.create_backup(db, data_dir, reason="manual")
    prepared = backups.prepare_restore(data_dir, first)
    logged = _spawn("log-at-gate", data_dir, engagement_id)
    assert _line_within(logged, 60) == "waiting at the gate", "the write did not wait"
    assert logged.poll() is None, "the write did not wait for the restore"
    backups.finish_restore(prepared)
    out, _ = logged.communicate(timeout=30)
    assert logged.returncode == 0
    with open_database(database_file(data_dir)) as db:
        assert time_entries.get(db, int(out.strip())).minutes == 9
