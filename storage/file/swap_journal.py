"""The journal of an operation that replaces the database file: which step it reached, and which
files it owns, so that a kill at any step is finished or undone at the next open.

The journal is one small JSON file in the data folder, written atomically and fsync'd before
each step begins. Without it (the usual case) opening costs one `stat`.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from storage.file import keys
from storage.file.backup_copy import fsync_folder
from storage.file.db import SWAP_JOURNAL_FILENAME
from storage.file.private_files import write_private_json

JOURNAL_FILENAME = SWAP_JOURNAL_FILENAME

PREPARED = "prepared"  # the new file is being written beside the old one: undo
MOVING = "moving"  # the old file is going aside: undo while the new one is not in place
SWAPPED = "swapped"  # the new file is in place: finish (remove what was set aside)
BACKUPS = "backups"  # backups are being given the practice's key: finish converting them
STEPS = (PREPARED, MOVING, SWAPPED, BACKUPS)


@dataclass(frozen=True)
class Journal:
    """One operation's record: what it is, how far it got, and every file it owns."""

    operation: str  # restore, encrypt, decrypt, import, demo
    step: str
    candidate: str  # the new database file, beside the old one until it is renamed in
    aside: str  # where the old file (with its -wal and -shm) goes before the new one comes in
    keep_aside: bool = False  # an unreadable file set aside is kept, never removed
    owned: tuple[str, ...] = ()  # temporary files and folders to remove when it ends
    old_marker: keys.Marker | None = None  # the key file before the operation
    new_marker: keys.Marker | None = None  # the key file after it
    convert_backups: bool = False  # backups are given the practice's new key (or none)
    pid: int = 0

    def at(self, step: str) -> Journal:
        return replace(self, step=step)


def journal_file(folder: Path) -> Path:
    return Path(folder) / JOURNAL_FILENAME


def write(folder: Path, journal: Journal) -> None:
    """Record the step durably before it is taken."""
    target = journal_file(folder)
    data = asdict(journal)
    write_private_json(target, data)
    fsync_folder(Path(folder))


def read(folder: Path) -> Journal | None:
    """The journal in `folder`; None when there is none (or it was cut short before its rename,
    which cannot happen: it is written under another name first)."""
    try:
        data = json.loads(journal_file(folder).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return None  # unreadable: nothing can be resumed from it, the sweep cleans up
    try:
        return Journal(
            operation=str(data["operation"]),
            step=str(data["step"]) if data["step"] in STEPS else PREPARED,
            candidate=str(data["candidate"]),
            aside=str(data["aside"]),
            keep_aside=bool(data.get("keep_aside", False)),
            owned=tuple(str(p) for p in data.get("owned", ())),
            old_marker=_marker(data.get("old_marker")),
            new_marker=_marker(data.get("new_marker")),
            convert_backups=bool(data.get("convert_backups", False)),
            pid=int(data.get("pid", 0)),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _marker(data: object) -> keys.Marker | None:
    if not isinstance(data, dict):
        return None
    return keys.Marker(str(data["key_id"]), str(data["key_check"]), str(data["cipher"]))


def remove(folder: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        journal_file(folder).unlink()
        fsync_folder(Path(folder))


def exists(folder: Path) -> bool:
    """One `stat`: what every open pays when no operation was cut short."""
    return journal_file(folder).exists()
