"""One line for every error storage raises on purpose: one rule, one error type, one message,
whichever command met it. A refusal that needs an id names the list command that shows them."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from storage.rules import (
    BrokenRecordError,
    DataFileError,
    NoKeyringError,
    NotFoundError,
    ValidationError,
)

LISTS = {
    "client": "clients list",
    "engagement": "engagements list",
    "decision": "decisions list",
    "time entry": "log list --week WEEK",
    "milestone": "exit plan --engagement ID",
    "responsibility": "exit plan --engagement ID",
    "risk": "exit plan --engagement ID",
    "recommendation": "exit plan --engagement ID",
    "access_item": "exit plan --engagement ID",
    "invoice": "invoice list",
    "change request": "changes list --engagement ID",
    "import": "import list",
}
CAUSES = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the disk is read-only",
    errno.ENOSPC: "the disk is full",
    errno.ENOENT: "it does not exist",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EEXIST: "it already exists",
}


def plain_refusal(error: Exception) -> str | None:
    """The line to print for `error`, or None when it is not a refusal (a bug: logged)."""
    if isinstance(error, DataFileError):  # a damaged, foreign or unwritable file
        return f"Cannot use {error.path}: it {error.problem}."
    if isinstance(error, BrokenRecordError):  # a row written by another tool that breaks a rule
        return f"{error}."
    if isinstance(error, NoKeyringError):  # a locked keyring, or none: the way out is the keyring's
        return f"{error}. Nothing was changed."
    if isinstance(error, ValidationError):
        return f"{error.field}: {error.message}"
    if isinstance(error, NotFoundError):
        return not_found(error.kind, error.record_id)
    if isinstance(error, OSError) and error.errno in CAUSES:
        return path_error(error)
    return None


def not_found(kind: str, record_id: int) -> str:
    shown = kind.replace("_", " ")
    listing = LISTS.get(kind)
    where = f" (`fractional-desk {listing}` shows them)" if listing else ""
    return f"There is no {shown} {record_id}{where}."


def path_error(error: OSError) -> str:
    """The path and the cause in plain words; a temporary file beside the target is named by
    its folder, never by its own name."""
    cause = CAUSES.get(error.errno or 0, "it cannot be used")
    if error.filename is None:
        return f"A file cannot be written: {cause}."
    path = Path(os.fsdecode(error.filename))
    if path.name.startswith(".") and path.name.endswith(".tmp"):
        return f"Cannot write into the folder {path.parent}: {cause}."
    return f"Cannot use {path}: {cause}."
