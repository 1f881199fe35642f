"""Encryption against the operating system's real keyring (the Secret Service of GNOME Keyring),
as a consultant's machine runs it. `.ci/run` starts a D-Bus session with an unlocked keyring and
runs these with FRACTIONAL_DESK_REAL_KEYRING=1; elsewhere they are skipped with that reason."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest

from storage.file import keys, recovery
from storage.file.connect import is_encrypted
from storage.file.db import database_file
from storage.file.practice import open_database
from storage.practice import clients
from storage.rules.errors import KeyMissingError

ROOT = Path(__file__).resolve().parents[3]
pytestmark = [
    pytest.mark.real_keyring,
    pytest.mark.skipif(
        os.environ.get("FRACTIONAL_DESK_REAL_KEYRING") != "1",
        reason="needs a running Secret Service: .ci/run runs it with FRACTIONAL_DESK_REAL_KEYRING=1",
    ),
]
SECRET = "Zebra Confidential Holdings"


@pytest.fixture
def real_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    from keyring.backends import SecretService

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    keyring.set_keyring(SecretService.Keyring())
    keys.forget_session_keys()
    assert keys.keyring_works()


def _cli(data_dir: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *argv],
        cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        check=False,
    )  # fmt: skip


@pytest.mark.usefixtures("real_keyring")
def test_a_practice_keyed_in_the_secret_service_round_trips(data_dir: Path, tmp_path: Path) -> None:
    """Promise: a new practice is encrypted with its key in the Secret Service; another process
    opens it from there; without the entry it is refused naming the recovery command; the
    recovery key puts the entry back."""
    with open_database(database_file(data_dir)) as db:
        clients.add(db, clients.Client(name=SECRET))
    marker = keys.read_marker(data_dir)
    assert marker is not None
    assert keyring.get_password(keys.SERVICE, marker.key_id)
    assert is_encrypted(database_file(data_dir))
    assert SECRET.encode() not in database_file(data_dir).read_bytes()
    listed = _cli(data_dir, "engagements", "list")
    assert listed.returncode == 0, listed.stderr
    recovery_text = keys.recovery_key(keys.load_key(marker) or b"")
    keys.forget_key(marker)
    keys.forget_session_keys()
    refused = _cli(data_dir, "engagements", "list")
    assert refused.returncode == 1
    assert "encryption recover" in refused.stderr
    with pytest.raises(KeyMissingError):
        open_database(database_file(data_dir))
    recovery.recover(data_dir, recovery_text)
    assert keyring.get_password(keys.SERVICE, marker.key_id)
    assert _cli(data_dir, "engagements", "list").returncode == 0
    keys.forget_key(marker)


LOCK_THEN_LIST = """
import subprocess, sys
import secretstorage
def cli(*argv):
    return subprocess.run([sys.executable, "-m", "desktop", "--data-dir", sys.argv[1], *argv],
                          capture_output=True, text=True, timeout=120)
assert cli("demo").returncode == 0
collection = secretstorage.get_default_collection(secretstorage.dbus_init())
collection.lock()
assert collection.is_locked()
run = cli("engagements", "list")
print(run.returncode)
print(run.stderr, end="")
"""


def test_a_locked_secret_service_is_named_as_locked(tmp_path: Path) -> None:
    """Promise: with the login keyring locked after a practice was made (and no prompt that could unlock it), a command
    says the keyring is locked and how to unlock it, with no advice about recovery keys. Its own
    Secret Service, so that locking it leaves the run's keyring as it was."""
    data_dir = tmp_path / "practice"
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    env["PYTHONPATH"] = str(ROOT)
    made = subprocess.run(
        [str(ROOT / ".ci/with-secret-service"), sys.executable, "-c", LOCK_THEN_LIST,
         str(data_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=240,
    )  # fmt: skip
    lines = made.stdout.splitlines()
    assert lines[0] == "1", made.stdout + made.stderr
    assert lines[1:] == [
        "fractional-desk: the keyring is locked: unlock it (log in again) and retry. "
        "Nothing was changed."
    ]
