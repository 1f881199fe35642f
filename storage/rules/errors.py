"""The error types the rest of the app catches: one for bad input, a few for bad files."""

from __future__ import annotations

import errno
from pathlib import Path


class ValidationError(ValueError):
    """A value a user typed cannot be stored. Raised before anything is written.

    `field` names the record field (the UI shows the message beside it); `message` says what is
    wrong in plain words.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class DataFileError(Exception):
    """The database file cannot be used; the file is left exactly as it was."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class NotADatabaseError(DataFileError):
    """The file is damaged, is not SQLite at all, or belongs to another application."""


class SchemaTooNewError(DataFileError):
    """The file was written by a newer Fractional Desk with migrations this build does not know."""


class StorageWriteError(DataFileError, OSError):
    """A save failed because of the disk or the folder, not the data; nothing saved earlier is lost.

    It is also an OSError, so the app's error dialog says "could not write a file" in plain words.
    """

    def __init__(self, path: Path, problem: str, code: int = errno.EIO) -> None:
        OSError.__init__(self, code, problem, str(path))
        self.path = path
        self.problem = problem

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


class StorageFullError(StorageWriteError):
    """The disk (or the database's size limit) is full: the last change was not saved."""


class ReadOnlyDataError(StorageWriteError):
    """The database file or its folder cannot be written to."""


class EncryptionKeyError(DataFileError):
    """The practice is encrypted and the key at hand does not open it (missing or wrong)."""


class KeyMissingError(EncryptionKeyError):
    """This machine's keyring does not hold the practice's key: the recovery key brings it back."""


class WrongKeyError(EncryptionKeyError):
    """A key (from the keyring, typed or from a file) that is not the one this file was made with."""


class KeyFileMissingError(KeyMissingError, NotADatabaseError):
    """The file is not plain SQLite and no key file is beside it: an encrypted practice whose
    `fractional-desk.key` was lost (its recovery key tells, and brings it back), or not a
    database at all. Both, since nothing but the recovery key can tell them apart."""


class NoKeyringError(Exception):
    """No working OS keyring (a headless machine, no Secret Service): nothing to keep a key in."""


KEYRING_LOCKED = "the keyring is locked: unlock it (log in again) and retry"


class KeyringLockedError(NoKeyringError):
    """The keyring is there but locked (the login keyring not unlocked, an unlock prompt
    dismissed): the key is not lost, so the way out is to unlock it, never the recovery key."""

    def __init__(self, message: str = KEYRING_LOCKED) -> None:
        super().__init__(message)


class NotFoundError(LookupError):
    """A record asked for by id does not exist (any more)."""

    def __init__(self, kind: str, record_id: int) -> None:
        super().__init__(f"{kind} {record_id} does not exist")
        self.kind = kind
        self.record_id = record_id


class BrokenRecordError(ValueError):
    """A stored row breaks a rule of the domain (written by another tool, a sync conflict or a
    disk error), so it cannot be used; `fractional-desk check` lists what is wrong with it."""

    def __init__(self, kind: str, record_id: int) -> None:
        super().__init__(
            f"{kind} {record_id} holds values that break the rules "
            "(`fractional-desk check` says which)"
        )
        self.kind = kind
        self.record_id = record_id
