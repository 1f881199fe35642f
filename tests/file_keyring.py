"""The keyring of the test run: a JSON file in the run's temporary folder, shared with the child
processes the tests start (through PYTHON_KEYRING_BACKEND), so that a practice encrypted in the
test opens in a `fractional-desk` child too. Tests only: the app never keeps a key in a file."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked

ENV_FILE = "FRACTIONAL_DESK_TEST_KEYRING"


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def _path(self) -> Path:
        return Path(os.environ[ENV_FILE])

    def _read(self) -> dict[str, str]:
        try:
            return dict(json.loads(self._path().read_text(encoding="utf-8")))
        except FileNotFoundError:
            return {}

    def _write(self, secrets: dict[str, str]) -> None:
        temp = self._path().with_suffix(f".{os.getpid()}.tmp")
        temp.write_text(json.dumps(secrets), encoding="utf-8")
        temp.replace(self._path())

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        secrets = self._read()
        secrets[f"{service}\n{username}"] = password
        self._write(secrets)

    def delete_password(self, service: str, username: str) -> None:
        secrets = self._read()
        secrets.pop(f"{service}\n{username}", None)
        self._write(secrets)


class LockedKeyring(KeyringBackend):
    """A keyring that is there but locked, as a Secret Service whose login collection was not
    unlocked: every call fails the way keyring's Secret Service backend fails then."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("Failed to unlock the collection!")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("Failed to unlock the collection!")
