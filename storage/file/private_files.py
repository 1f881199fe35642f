"""Owner-only folders and files for client data (POSIX): 0700 folders, 0600 files.

The data folder, the database with its `-wal` and `-shm`, backups, the lock and the logs hold or
name confidential material, so nobody else on the machine may read them. Exported documents are
not made here: they are meant to be shared and keep the normal mode of new files.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def private_folder(folder: Path) -> Path:
    """Create `folder` (and missing parents) if needed; a folder made here is owner-only."""
    folder = Path(folder)
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        _chmod(folder, FOLDER_MODE)
    return folder


def create_private_file(path: Path) -> None:
    """Create an empty owner-only file, so that what SQLite writes into it is never readable by
    others, not even for a moment (its `-wal` and `-shm` take the same mode)."""
    private_folder(Path(path).parent)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    os.close(fd)


def write_private_json(target: Path, data: object) -> None:
    """Write JSON owner-only and atomically (a temporary file, fsync'd, renamed over the target),
    so a crash leaves the old file or the new one, never half of either."""
    target = Path(target)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    fd = os.open(temp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2)
        handle.flush()
        os.fsync(handle.fileno())
    temp.replace(target)


def tighten(*paths: Path) -> None:
    """Make existing files owner-only (files from before this rule, or copied in by hand)."""
    for path in paths:
        with contextlib.suppress(OSError):
            if stat.S_IMODE(Path(path).stat().st_mode) & 0o077:
                _chmod(Path(path), FILE_MODE)


def _chmod(path: Path, mode: int) -> None:
    if os.name == "posix":
        with contextlib.suppress(OSError):
            path.chmod(mode)
