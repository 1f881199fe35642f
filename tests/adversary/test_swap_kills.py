"""Kill every operation that replaces the database file at each step its journal names: restore,
`encryption disable|enable` and `import practice`, each a real child process killed by SIGKILL
where `FRACTIONAL_DESK_KILL_AT` names the step. After the next open: every client written before
is there, every backup opens with a key the practice holds, no plain copy of an encrypted
practice is anywhere in the folder, every file is owner-only and no temporary file is left."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from storage.file import backups, kept_keys, keys
from storage.file.connect import SQLITE_HEADER, is_encrypted
from storage.file.db import database_file
from storage.file.file_swap import KILL_AT_ENV
from storage.file.practice import open_database
from storage.file.swap_journal import journal_file
from storage.practice import clients

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("Acme Robotics", "Zebra Confidential Holdings", "Quokka Corp")
STEPS = ("prepared", "moving", "set-aside", "swapped")
TEMPORARY = (".convert-", ".restore-", ".partial-", ".swap-aside-", ".building-")


def _practice(data_dir: Path, *, encrypt: bool) -> None:
    with open_database(database_file(data_dir), encrypt=encrypt) as db:
        for name in NAMES:
            clients.add(db, clients.Client(name=name))
        backups.create_backup(db, data_dir, reason="manual")
        backups.create_backup(db, data_dir, reason="automatic")


def _killed(step: str, *argv: str) -> None:
    """Run the command line in a child process that kills itself at `step`."""
    child = subprocess.run(
        [sys.executable, "-m", "desktop", *argv],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), KILL_AT_ENV: step},
        capture_output=True,
        text=True,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr


def _names(data_dir: Path) -> set[str]:
    with open_database(database_file(data_dir)) as db:  # the next open finishes or undoes
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {c.name for c in clients.list_all(db)}


def _check_folder(data_dir: Path) -> None:
    encrypted = is_encrypted(database_file(data_dir))
    assert not journal_file(data_dir).exists()
    for path in [data_dir, *data_dir.rglob("*")]:
        assert not path.name.startswith(TEMPORARY), f"{path.name} was left behind"
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, f"{path.name} is not 0600"
            if encrypted and "sqlite3" in path.name:
                assert not path.read_bytes().startswith(SQLITE_HEADER), f"{path.name} is plain"
    for backup in backups.list_backups(data_dir):
        assert kept_keys.key_of(backup.path, data_dir)[0] != kept_keys.UNKNOWN, backup.path.name
        assert backup.contents is not None, backup.problem


@pytest.mark.parametrize("step", [*STEPS, "backups"])
def test_a_disable_killed_at_any_step_is_finished_or_undone(data_dir: Path, step: str) -> None:
    _practice(data_dir, encrypt=True)
    _killed(step, "--data-dir", str(data_dir), "encryption", "disable", "--yes")
    keys.forget_session_keys()
    assert _names(data_dir) == set(NAMES)
    _check_folder(data_dir)
    assert main(["--data-dir", str(data_dir), "encryption", "disable", "--yes"]) == 0
    assert not is_encrypted(database_file(data_dir))
    assert all(b.key == kept_keys.NONE for b in kept_keys.backup_keys(data_dir))
    _check_folder(data_dir)


@pytest.mark.parametrize("step", [*STEPS, "backups"])
def test_an_enable_killed_at_any_step_is_finished_or_undone(data_dir: Path, step: str) -> None:
    _practice(data_dir, encrypt=False)
    _killed(step, "--data-dir", str(data_dir), "encryption", "enable")
    keys.forget_session_keys()
    assert _names(data_dir) == set(NAMES)
    _check_folder(data_dir)
    if step in STEPS[3:]:  # the encrypted file was in place: encrypted, and so are its backups
        assert is_encrypted(database_file(data_dir))
        assert all(b.key == kept_keys.THIS_PRACTICE for b in kept_keys.backup_keys(data_dir))


@pytest.mark.parametrize("step", STEPS)
def test_a_restore_killed_at_any_step_is_finished_or_undone(data_dir: Path, step: str) -> None:
    _practice(data_dir, encrypt=True)
    oldest = backups.list_backups(data_dir)[-1].path
    with open_database(database_file(data_dir)) as db:
        clients.add(db, clients.Client(name="Written after the backup"))
    _killed(step, "--data-dir", str(data_dir), "restore", str(oldest))
    keys.forget_session_keys()
    names = _names(data_dir)
    assert names in (set(NAMES), {*NAMES, "Written after the backup"})
    _check_folder(data_dir)
    if names == set(NAMES):  # restored: what was there before is in a backup
        kept = [b for b in backups.list_backups(data_dir) if b.reason == "before-restore"]
        assert kept
        assert kept[0].contents is not None
        assert kept[0].contents.clients == 4


@pytest.mark.parametrize("step", STEPS)
def test_an_import_killed_at_any_step_leaves_the_folder_or_the_whole_practice(
    tmp_path: Path, data_dir: Path, step: str
) -> None:
    _practice(data_dir, encrypt=True)
    exported = tmp_path / "practice.json"
    assert main(["--data-dir", str(data_dir), "export", "practice", "--out", str(exported)]) == 0
    target = tmp_path / "new"
    target.mkdir()
    _killed(step, "import", "practice", str(exported), "--data-dir", str(target))
    keys.forget_session_keys()
    if database_file(target).exists() or step in STEPS[3:]:
        assert _names(target) == set(NAMES)
        _check_folder(target)
    else:
        assert main(["import", "practice", str(exported), "--data-dir", str(target)]) == 0
        assert _names(target) == set(NAMES)
    leftover = [p.name for p in tmp_path.iterdir() if ".building-" in p.name]
    assert not leftover


def test_a_disable_killed_before_the_backups_keeps_their_key(data_dir: Path) -> None:
    """Until the backups are converted, the old key is kept beside the practice: they read
    (never "damaged") and `encryption status` names their key."""
    _practice(data_dir, encrypt=True)
    _killed("backups", "--data-dir", str(data_dir), "encryption", "disable", "--yes")
    keys.forget_session_keys()
    assert not is_encrypted(database_file(data_dir))  # swapped, backups not converted yet
    from storage.file import encryption

    found = encryption.status(data_dir)
    assert {b.key for b in found.backups} == {kept_keys.PREVIOUS}
    assert all(b.contents is not None for b in backups.list_backups(data_dir))


def test_a_backup_under_an_unknown_key_is_left_listed_and_not_called_damaged(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    _practice(other, encrypt=True)
    _practice(data_dir, encrypt=True)
    foreign = backups.list_backups(other)[0].path
    stranger = (
        backups.backups_folder(data_dir) / "fractional-desk-20200101-000000-000000-manual.sqlite3"
    )
    stranger.write_bytes(foreign.read_bytes())
    stranger.chmod(0o600)
    assert main(["--data-dir", str(data_dir), "encryption", "disable", "--yes"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "encryption", "status", "--format", "json"]) == 0
    listed = {b["file"]: b["key"] for b in json.loads(capsys.readouterr().out)["backups"]}
    assert listed.pop(stranger.name) == kept_keys.UNKNOWN
    assert set(listed.values()) == {kept_keys.NONE}
    assert main(["--data-dir", str(data_dir), "backup", "--list", "--format", "json"]) == 0
    problems = {Path(b["path"]).name: b["problem"] for b in json.loads(capsys.readouterr().out)}
    assert "damaged" not in problems[stranger.name]
    assert "key this practice does not hold" in problems[stranger.name]
    for path in data_dir.rglob("*.sqlite3"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


HOLD_THE_FOLDER = """
import sys, time
from storage.file import InstanceLock
from storage.file.db import database_file
from storage.file.practice import open_database
lock = InstanceLock(sys.argv[1]); lock.acquire()
db = open_database(database_file(sys.argv[1]))
db.execute("INSERT INTO setting (key, value) VALUES ('left', 'in the wal')"); db.conn.commit()
print("ready", flush=True)
time.sleep(600)
"""


def _holding_child(folder: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_FOLDER, str(folder)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    return child


def _end(child: subprocess.Popen[str]) -> None:
    child.kill()
    child.wait()
    assert child.stdout is not None
    child.stdout.close()


def _exported(tmp_path: Path, data_dir: Path) -> Path:
    _practice(data_dir, encrypt=True)
    exported = tmp_path / "practice.json"
    assert main(["--data-dir", str(data_dir), "export", "practice", "--out", str(exported)]) == 0
    return exported


def test_import_practice_while_the_app_holds_the_folder_is_refused_naming_it(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = _exported(tmp_path, data_dir)
    target = tmp_path / "open"
    child = _holding_child(target)
    try:
        capsys.readouterr()
        assert main(["import", "practice", str(exported), "--data-dir", str(target)]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert f"process {child.pid}" in err
        assert "Nothing was changed" in err
    finally:
        _end(child)
    assert _names(target) == set()


def test_import_practice_over_a_killed_apps_wal_opens_cleanly(
    tmp_path: Path, data_dir: Path
) -> None:
    """The old practice's -wal and -shm go aside with it: SQLite never replays them onto the
    imported file ("database disk image is malformed")."""
    exported = _exported(tmp_path, data_dir)
    target = tmp_path / "killed"
    _end(_holding_child(target))
    assert Path(f"{database_file(target)}-wal").stat().st_size > 0
    assert main(["import", "practice", str(exported), "--data-dir", str(target)]) == 0
    assert _names(target) == set(NAMES)
    assert main(["--data-dir", str(target), "check"]) == 0
    _check_folder(target)
