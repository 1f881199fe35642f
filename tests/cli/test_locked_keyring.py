"""A locked keyring (a Secret Service whose login collection was not unlocked) is named as such
by every command, in one line that says to unlock it, never as a missing key, never with advice
about the recovery key, and never as an unexpected error. Real child processes whose keyring is
a locked one (PYTHON_KEYRING_BACKEND)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from storage.file import keys
from storage.file.db import database_file
from storage.file.practice import open_database
from storage.file.recovery import write_recovery_file
from storage.practice import clients
from storage.rules.errors import KEYRING_LOCKED

ROOT = Path(__file__).resolve().parents[2]
LOCKED = {"PYTHON_KEYRING_BACKEND": "tests.file_keyring.LockedKeyring"}


def _locked_cli(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", **LOCKED}
    return subprocess.run(
        [sys.executable, "-m", "desktop", *argv], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=120, check=False,
    )  # fmt: skip


def _says_locked(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 1, result.stdout
    assert KEYRING_LOCKED in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "recovery" not in result.stderr.lower()
    assert "unexpected" not in result.stderr


@pytest.fixture
def encrypted(data_dir: Path, tmp_path: Path) -> Path:
    """An encrypted practice and its recovery key in a file."""
    with open_database(database_file(data_dir)) as db:
        clients.add(db, clients.Client(name="Acme"))
    marker = keys.read_marker(data_dir)
    assert marker is not None
    key = keys.known_key(marker)
    assert key is not None
    recovery_key = tmp_path / "recovery-key.txt"
    write_recovery_file(recovery_key, keys.recovery_key(key))
    return recovery_key


@pytest.mark.parametrize(
    "argv",
    [
        ["engagements", "list"],
        ["backup"],
        ["encryption", "status"],
        ["encryption", "recovery-key", "--out", "OUT/again.txt"],
        ["encryption", "recover", "--recovery-key-file", "RK"],
        ["--self-test"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_every_command_names_a_locked_keyring(
    data_dir: Path, tmp_path: Path, encrypted: Path, argv: list[str]
) -> None:
    """Scenario: the keyring is locked. Each command (the app's start too) says "the keyring is
    locked: unlock it (log in again) and retry" in one line and changes nothing; `recover` with
    the right recovery key no longer ends in an unexpected error."""
    before = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}
    argv = [a.replace("OUT", str(tmp_path)).replace("RK", str(encrypted)) for a in argv]
    _says_locked(_locked_cli("--data-dir", str(data_dir), *argv))
    after = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file() and p.name in before}
    assert after == before
    assert not (tmp_path / "again.txt").exists()


def test_a_new_practice_is_not_made_behind_a_locked_keyring(tmp_path: Path) -> None:
    """Scenario: `demo` (and the app's first start) on a locked keyring: never a plain practice
    made silently because the key could not be kept; one line says to unlock it, nothing is
    written."""
    target = tmp_path / "sample"
    result = _locked_cli("demo", "--data-dir", str(target))
    _says_locked(result)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == []


def test_locked_is_told_from_a_missing_entry_and_from_no_keyring() -> None:
    """Promise: keyring's KeyringLocked and a Secret Service's "failed to unlock" are locked; an
    entry that is not there or a refused write are not."""
    from keyring.errors import InitError, KeyringLocked, PasswordSetError

    assert keys.is_locked(KeyringLocked("Failed to unlock the collection!"))
    assert keys.is_locked(InitError("Failed to unlock the keyring!"))
    assert keys.is_locked(RuntimeError("org.freedesktop.Secret.Error.IsLocked: Cannot read"))
    assert not keys.is_locked(PasswordSetError("Cancelled by user"))
    assert not keys.is_locked(InitError("Failed to create the collection: no D-Bus."))
