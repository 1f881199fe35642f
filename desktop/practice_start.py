"""Opening the practice at start, with its encryption: a new practice is encrypted when the
keyring works (its recovery key shown once), the user chooses when it does not, a practice
whose key this machine lacks (or whose key file is lost) asks for its recovery key instead of
failing, and a locked keyring asks to be unlocked, never for the recovery key."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from storage.file import AppDatabase, Practice, database_file, keys, settle_folder
from storage.rules import (
    DataFileError,
    KeyFileMissingError,
    KeyMissingError,
    KeyringLockedError,
    NoKeyringError,
)
from widgets.common import dialogs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

Opened = tuple[AppDatabase, bytes | None] | DataFileError | int  # db and a new key, or a refusal


def open_practice(data_dir: Path, self_test: bool, require_encryption: bool) -> Opened:
    """The database (and the key of a practice created now), a file error to show, or the exit
    status when the user chose to quit."""
    path = database_file(data_dir)
    settle_folder(data_dir, sweep=True)  # before `new` is judged: a killed swap may hide the file
    new = not path.exists()
    encrypt = _new_practice_encryption(data_dir, self_test, require_encryption) if new else None
    if type(encrypt) is int:  # an exit status (a bool is an int too, but not this)
        return encrypt
    while True:
        try:
            db = Practice.at(path, encrypt=encrypt).open()
        except KeyringLockedError as exc:
            if self_test or not _ask_to_unlock(str(exc)):
                return _locked(str(exc))
            continue
        except NoKeyringError as exc:
            return _refuse_without_keyring(str(exc), self_test)
        except KeyMissingError as exc:
            if self_test or not _ask_recovery_key(data_dir, exc):
                return exc
            continue
        except DataFileError as exc:
            return exc
        return db, db.practice.key if new else None


def _new_practice_encryption(
    data_dir: Path, self_test: bool, require_encryption: bool
) -> bool | int | None:
    """True/None/False for `Practice.at`, or an exit status when the user quits."""
    if require_encryption:
        return True
    if keys.keyring_works():
        return None
    print(f"fractional-desk: no working keyring on this machine, so the new practice in {data_dir} "
          "is not encrypted.", file=sys.stderr)  # fmt: skip
    if self_test:
        return False
    plain = dialogs.ask(
        None, "No keyring to keep the key in",
        "Fractional Desk encrypts your practice and keeps its key in this computer's keyring, "
        "but no keyring works here (a locked or missing Secret Service). You can create the "
        "practice unencrypted now and encrypt it later (File → Security…) once the keyring "
        "works, or quit.", yes="Create it unencrypted", no="Quit",
    )  # fmt: skip
    return False if plain else 1


def _refuse_without_keyring(problem: str, self_test: bool) -> int:
    text = f"The practice was not created: {problem}."
    print(f"fractional-desk: {text}", file=sys.stderr)
    if not self_test:
        dialogs.show_error(None, "Encryption required", text)
    return 1


def _ask_to_unlock(problem: str) -> bool:
    """The keyring is locked: Retry once it is unlocked (the key is not lost), or Quit."""
    return dialogs.ask(
        None, "The keyring is locked",
        f"Fractional Desk keeps your practice's key in this computer's keyring, and {problem} "
        "(Retry once it is unlocked).", yes="Retry", no="Quit",
    )  # fmt: skip


def _locked(problem: str) -> int:
    print(f"fractional-desk: {problem}.", file=sys.stderr)
    return 1


def _ask_recovery_key(data_dir: Path, missing: KeyMissingError) -> bool:
    from widgets.shell.recovery_prompt import RecoveryPrompt  # rarely needed

    key_file_lost = isinstance(missing, KeyFileMissingError)
    return bool(RecoveryPrompt(data_dir, key_file_lost=key_file_lost).exec())


def show_new_recovery_key(parent: QWidget, key: bytes) -> None:
    """Once, when the practice was just created encrypted: the only time it is shown unasked."""
    from widgets.shell.recovery_key_dialog import RecoveryKeyDialog

    RecoveryKeyDialog(keys.recovery_key(key), parent).exec()
