"""Opening the practice at start, with its encryption: a new practice is encrypted when the
keyring works (its recovery key shown once), the user chooses when it does not, and a practice
whose key this machine lacks asks for its recovery key instead of failing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from storage.file import AppDatabase, Practice, database_file, keys, settle_folder
from storage.rules import DataFileError, KeyMissingError, NoKeyringError
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
        except NoKeyringError as exc:
            return _refuse_without_keyring(str(exc), self_test)
        except KeyMissingError as exc:
            if self_test or not _ask_recovery_key(data_dir):
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


def _ask_recovery_key(data_dir: Path) -> bool:
    from widgets.shell.recovery_prompt import RecoveryPrompt  # rarely needed

    return bool(RecoveryPrompt(data_dir).exec())


def show_new_recovery_key(parent: QWidget, key: bytes) -> None:
    """Once, when the practice was just created encrypted: the only time it is shown unasked."""
    from widgets.shell.recovery_key_dialog import RecoveryKeyDialog

    RecoveryKeyDialog(keys.recovery_key(key), parent).exec()
