"""The key's way back and its handing over, run as `fractional-desk` is (real child processes on
real files): recovery from the database file alone, the recovery key written by every command
that makes an encrypted practice and written again on request, a kill of `enable` after its
swap, and restoring a backup with another practice's recovery key into a plain or an encrypted
practice."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from storage.file import keys
from storage.file.connect import is_encrypted, is_plain
from storage.file.db import database_file
from storage.file.practice import open_database
from storage.file.recovery import write_recovery_file
from storage.practice import clients

ROOT = Path(__file__).resolve().parents[2]
SECRET = "Zebra Confidential Holdings"
NOT_OURS = "not this practice's file, or not a Fractional Desk file"


def _cli(data_dir: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *argv],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip


def _one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stdout
    assert result.stderr.count("\n") == 1, result.stderr
    assert "unexpected error" not in result.stderr
    return result.stderr


def _practice(data_dir: Path, *, encrypt: bool | None = None, name: str = SECRET) -> bytes | None:
    with open_database(database_file(data_dir), encrypt=encrypt) as db:
        clients.add(db, clients.Client(name=name))
    marker = keys.read_marker(data_dir)
    return keys.known_key(marker) if marker else None


def _recovery_file(folder: Path, key: bytes, name: str = "recovery-key.txt") -> Path:
    path = folder / name
    write_recovery_file(path, keys.recovery_key(key))
    return path


def _names(data_dir: Path) -> list[str]:
    keys.forget_session_keys()
    with open_database(database_file(data_dir)) as db:
        return [c.name for c in clients.list_all(db)]


def _key_from(text: str) -> bytes:
    """The recovery key a command printed or wrote (the line of 8 dashed groups)."""
    line = next(w for w in text.split() if w.count("-") == 7)
    return keys.parse_recovery_key(line)


# --- recovery that always recovers --------------------------------------------------------------


@pytest.mark.parametrize("keyring_entry", ["kept", "lost"])
@pytest.mark.parametrize("where", ["in place, key file deleted", "copied alone to a new folder"])
def test_the_recovery_key_recovers_the_database_file_alone(
    tmp_path: Path, data_dir: Path, where: str, keyring_entry: str
) -> None:
    """Scenario: only `fractional-desk.sqlite3` is left (the key file deleted in place, or the
    file copied alone to a new folder, as "your data is one file" invites). Every command refuses
    it naming `encryption recover`; the recovery key, checked against the file itself, brings
    it back: the key file and the keyring entry are written again and every command works."""
    key = _practice(data_dir)
    assert key is not None
    old_marker = keys.read_marker(data_dir)
    assert old_marker is not None
    if where.startswith("copied"):
        folder = tmp_path / "new-laptop"
        folder.mkdir()
        shutil.copy2(database_file(data_dir), database_file(folder))
    else:
        folder = data_dir
        keys.marker_file(folder).unlink()
    if keyring_entry == "lost":
        keys.forget_key(old_marker)
    refused = _one_line(_cli(folder, "engagements", "list"))
    assert "encryption recover" in refused
    recovered = _cli(folder, "encryption", "recover", "--recovery-key-file",
                     str(_recovery_file(tmp_path, key)))  # fmt: skip
    assert recovered.returncode == 0, recovered.stderr
    marker = keys.read_marker(folder)
    assert marker is not None
    assert keys.load_key(marker) == key
    assert keys.marker_file(folder).stat().st_mode & 0o077 == 0
    assert _cli(folder, "engagements", "list").returncode == 0
    assert _names(folder) == [SECRET]


def test_a_file_the_recovery_key_does_not_open_is_not_this_practice_s_file(
    tmp_path: Path, data_dir: Path
) -> None:
    """Scenario: a file that is not SQLite (or another practice's, its key file lost) with a
    recovery key that does not open it: one line, "not this practice's file, or not a Fractional
    Desk file"; nothing is written beside it. A wrong key for a practice whose key file is there
    is still the wrong key."""
    stranger = tmp_path / "stranger"
    stranger.mkdir()
    database_file(stranger).write_bytes(os.urandom(8192))
    before = database_file(stranger).read_bytes()
    other = tmp_path / "other"
    other_key = _practice(other)
    assert other_key is not None
    keys.marker_file(other).unlink()
    wrong = _recovery_file(tmp_path, keys.new_key())
    for folder in (stranger, other):
        said = _one_line(_cli(folder, "encryption", "recover", "--recovery-key-file", str(wrong)))
        assert NOT_OURS in said
        assert keys.read_marker(folder) is None
    assert database_file(stranger).read_bytes() == before
    assert sorted(p.name for p in stranger.iterdir()) == [database_file(stranger).name]
    _practice(data_dir)
    said = _one_line(_cli(data_dir, "encryption", "recover", "--recovery-key-file", str(wrong)))
    assert "another key" in said


# --- the recovery key is always handed over -----------------------------------------------------


def test_enable_refuses_before_converting_when_the_recovery_key_cannot_be_written(
    tmp_path: Path, data_dir: Path
) -> None:
    """Scenario: `enable --recovery-key-out` to a place that cannot be written (a folder that
    takes no new file, the practice's own folder, an existing file) says "Nothing was changed"
    and nothing was: the practice stays plain, no file is left there, and a retry to a good
    place encrypts it and hands the key over."""
    _practice(data_dir, encrypt=False)
    existing = tmp_path / "existing.txt"
    existing.write_text("kept", encoding="utf-8")
    places = [existing, data_dir / "recovery-key.txt"]
    if Path("/proc/self").is_dir():  # a folder no one can create a file in, even root
        places.append(Path("/proc/recovery-key.txt"))
    for out in places:
        said = _one_line(_cli(data_dir, "encryption", "enable", "--recovery-key-out", str(out)))
        assert "Nothing was changed" in said
        assert is_plain(database_file(data_dir))
        assert keys.read_marker(data_dir) is None
    assert existing.read_text(encoding="utf-8") == "kept"
    assert not (data_dir / "recovery-key.txt").exists()
    assert not list(tmp_path.glob(".recovery-key-*"))
    out = tmp_path / "recovery-key.txt"
    done = _cli(data_dir, "encryption", "enable", "--recovery-key-out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.stat().st_mode & 0o077 == 0
    key = _key_from(out.read_text(encoding="utf-8"))
    assert key == keys.key_for_folder(data_dir)


@pytest.mark.parametrize("command", ["demo", "import practice"])
def test_every_command_making_an_encrypted_practice_hands_its_recovery_key_over(
    tmp_path: Path, command: str
) -> None:
    """Scenario: `demo` and `import practice` make encrypted practices; each prints the recovery
    key (or writes it to --recovery-key-out, owner-only), and that key alone opens the file."""
    source = tmp_path / "source"
    _practice(source)
    exported = tmp_path / "practice.json"
    assert _cli(source, "export", "practice", "--out", str(exported)).returncode == 0
    argv = ["demo"] if command == "demo" else ["import", "practice", str(exported)]
    printed_into = tmp_path / "printed"
    printed = _cli(printed_into, *argv)
    assert printed.returncode == 0, printed.stderr
    written_into = tmp_path / "written"
    out = tmp_path / "key.txt"
    written = _cli(written_into, *argv, "--recovery-key-out", str(out))
    assert written.returncode == 0, written.stderr
    assert str(out) in written.stdout
    assert out.stat().st_mode & 0o077 == 0
    for folder, text in ((printed_into, printed.stdout), (written_into, out.read_text("utf-8"))):
        assert is_encrypted(database_file(folder))
        marker = keys.read_marker(folder)
        assert marker is not None
        keys.forget_key(marker)  # only the recovery key is left
        key = _key_from(text)
        recovered = _cli(folder, "encryption", "recover", "--recovery-key-file",
                         str(_recovery_file(tmp_path, key, f"{folder.name}.txt")))  # fmt: skip
        assert recovered.returncode == 0, recovered.stderr


def test_the_recovery_key_is_written_again_only_where_the_keyring_holds_it(
    tmp_path: Path, data_dir: Path
) -> None:
    """Promise: `encryption recovery-key --out FILE` writes the key again from this machine's
    keyring (owner-only, never over a file); without the key here, or on a plain practice, it is
    one line and no file."""
    key = _practice(data_dir)
    out = tmp_path / "again.txt"
    done = _cli(data_dir, "encryption", "recovery-key", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert _key_from(out.read_text(encoding="utf-8")) == key
    assert out.stat().st_mode & 0o077 == 0
    assert "exists" in _one_line(_cli(data_dir, "encryption", "recovery-key", "--out", str(out)))
    marker = keys.read_marker(data_dir)
    assert marker is not None
    keys.forget_key(marker)
    missing = tmp_path / "missing.txt"
    assert "keyring" in _one_line(
        _cli(data_dir, "encryption", "recovery-key", "--out", str(missing))
    )
    plain = tmp_path / "plain"
    _practice(plain, encrypt=False)
    assert "not encrypted" in _one_line(
        _cli(plain, "encryption", "recovery-key", "--out", str(missing))
    )
    assert not missing.exists()


ENABLE_THEN_KILLED = """
import os, signal, sys
from pathlib import Path
from storage.file import encryption
data_dir = Path(sys.argv[1])
encryption.finish(encryption.prepare_encrypt(data_dir))
print("swapped", flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # before the recovery key is printed or written
"""


def test_a_kill_of_enable_after_the_swap_leaves_the_recovery_key_to_be_written_again(
    tmp_path: Path, data_dir: Path
) -> None:
    """Scenario: `enable` killed after the swap, before it hands the recovery key over. The
    practice is encrypted and nobody has seen its recovery key: `recovery-key --out` writes it,
    and that key alone brings the practice back once the keyring entry is gone."""
    _practice(data_dir, encrypt=False)
    killed = subprocess.run(
        [sys.executable, "-c", ENABLE_THEN_KILLED, str(data_dir)], cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert killed.returncode == -signal.SIGKILL
    assert killed.stdout.strip() == "swapped"
    assert is_encrypted(database_file(data_dir))
    out = tmp_path / "recovery-key.txt"
    assert _cli(data_dir, "encryption", "recovery-key", "--out", str(out)).returncode == 0
    marker = keys.read_marker(data_dir)
    assert marker is not None
    keys.forget_key(marker)
    keys.marker_file(data_dir).unlink()
    assert _cli(data_dir, "encryption", "recover", "--recovery-key-file", str(out)).returncode == 0
    assert _names(data_dir) == [SECRET]


# --- restore with another practice's recovery key -----------------------------------------------


@pytest.mark.parametrize("into", ["plain", "encrypted"])
def test_a_backup_restores_with_its_practice_s_recovery_key_into_any_practice(
    tmp_path: Path, data_dir: Path, into: str
) -> None:
    """Scenario: `restore BACKUP --recovery-key-file RK` of another practice's backup, kept in
    that practice's folder whose key this machine no longer has, into a plain practice (which
    used to fail as "damaged (SQL logic error)") or an encrypted one: the key comes from the
    recovery key, never from where the backup sits; the result takes this practice's key."""
    other = tmp_path / "other"
    other_key = _practice(other)
    assert other_key is not None
    backup = _cli(other, "backup")
    assert backup.returncode == 0, backup.stderr
    backup_path = Path(backup.stdout.strip())
    other_marker = keys.read_marker(other)
    assert other_marker is not None
    keys.forget_key(other_marker)  # the backup's own folder names a key this machine lacks
    _practice(data_dir, encrypt=into == "encrypted", name="Mine")
    refused = _one_line(_cli(data_dir, "restore", str(backup_path)))
    assert "--recovery-key-file" in refused
    rk = _recovery_file(tmp_path, other_key)
    restored = _cli(data_dir, "restore", str(backup_path), "--recovery-key-file", str(rk))
    assert restored.returncode == 0, restored.stderr
    assert _names(data_dir) == [SECRET]
    assert is_encrypted(database_file(data_dir)) == (into == "encrypted")
    assert _cli(data_dir, "check").returncode == 0


@pytest.mark.parametrize(
    "argv", [["encryption", "recover"], ["restore", "backup.db"]], ids=["recover", "restore"]
)
def test_a_pipe_given_as_the_recovery_key_file_is_refused_at_once(
    tmp_path: Path, argv: list[str]
) -> None:
    """Scenario: a FIFO named as the recovery key file would block a plain read for ever; the
    command refuses it in one line and changes nothing (the subprocess timeout catches a hang)."""
    data_dir = tmp_path / "data"
    _practice(data_dir)
    fifo = tmp_path / "key.fifo"
    os.mkfifo(fifo)
    before = _names(data_dir)
    result = _cli(data_dir, *argv, "--recovery-key-file", str(fifo))
    assert "is a pipe (FIFO), not a regular file" in _one_line(result)
    assert _names(data_dir) == before
