"""The one way a database file is replaced (`file_swap`): leftovers nobody owns are removed at
the next open, a building folder's key is forgotten with it, and an operation's files are left
alone while it holds the folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlite_utils import Database

from storage.file import keys, settle_folder
from storage.file.backup_names import backups_folder
from storage.file.practice import Practice
from storage.file.private_files import private_folder

LEFTOVERS = (".convert-ab12.sqlite3", ".restore-cd34.sqlite3", ".swap-aside-ef56.sqlite3-wal")


def _leave_leftovers(data_dir: Path) -> keys.Marker:
    for name in LEFTOVERS:
        (data_dir / name).write_bytes(b"SQLite format 3\x00 a plain copy")
    (private_folder(backups_folder(data_dir)) / ".partial-0001.sqlite3").write_bytes(b"x")
    building = data_dir / ".building-9f"
    with Practice.in_folder(building, encrypt=True).open() as db:
        db.execute("SELECT 1")
    marker = keys.read_marker(building)
    assert marker is not None
    assert keys.load_key(marker) is not None
    (data_dir.parent / f".{data_dir.name}.building-old").mkdir()
    return marker


def test_leftovers_nobody_owns_go_at_the_next_open_with_a_building_key(
    db: Database, data_dir: Path
) -> None:
    marker = _leave_leftovers(data_dir)
    assert settle_folder(data_dir, sweep=True) is False  # nothing to resume, only to clean
    names = [p.name for p in [*data_dir.iterdir(), *backups_folder(data_dir).iterdir()]]
    assert not [n for n in names if n.startswith((".convert-", ".restore-", ".swap-", ".partial-"))]
    assert not [n for n in names if ".building-" in n]
    assert not [p for p in data_dir.parent.iterdir() if ".building-" in p.name]
    assert keys.load_key(marker) is None  # the building practice's key left the keyring too
    own = keys.read_marker(data_dir)
    assert own is not None
    assert keys.load_key(own) is not None


HOLDER = """
import sys, time
from storage.file import InstanceLock
InstanceLock(sys.argv[1]).acquire()
print("ready", flush=True)
time.sleep(600)
"""


def test_an_operations_files_are_left_while_another_process_holds_the_folder(
    db: Database, data_dir: Path
) -> None:
    """An operation in progress holds the lock: what it made is not garbage."""
    (data_dir / LEFTOVERS[0]).write_bytes(b"in progress")
    root = Path(__file__).resolve().parents[3]
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir)],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    try:
        assert child.stdout.readline().strip() == "ready"
        settle_folder(data_dir, sweep=True)
        assert (data_dir / LEFTOVERS[0]).exists()
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
    settle_folder(data_dir, sweep=True)
    assert not (data_dir / LEFTOVERS[0]).exists()
