"""Giving every backup the practice's key (or none), after a conversion swapped the database.

Each backup is read with whichever of the practice's keys opens it (its own, or one kept from
before: `kept_keys`), written under a temporary owner-only name, checked, and renamed over the
original; a kill leaves either the old backup or the converted one, never half of one. A backup no
key at hand opens is left as it is and named, so it can be restored with its own recovery key.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from storage.file import kept_keys, keys
from storage.file.backup_copy import export, fsync_folder
from storage.file.backup_names import named_backups
from storage.file.connect import connect
from storage.file.file_check import integrity_problems
from storage.sqlite import sqlite3


@dataclass(frozen=True)
class Converted:
    done: tuple[Path, ...] = ()  # given the practice's key now
    left: tuple[Path, ...] = ()  # no key at hand opens them (or the copy failed): left as they are


def convert_backups(data_dir: Path) -> Converted:
    """Give every backup the key the practice has now (none when it is plain)."""
    data_dir = Path(data_dir)
    marker = keys.read_marker(data_dir)
    target = keys.known_key(marker) if marker is not None else None
    if marker is not None and target is None:
        return Converted()  # the practice's own key is not here: nothing can be converted
    done: list[Path] = []
    left: list[Path] = []
    for backup in named_backups(data_dir):
        kind, source = kept_keys.key_of(backup.path, data_dir)
        if kind == kept_keys.UNKNOWN:
            left.append(backup.path)
        elif source != target:
            (done if convert_file(backup.path, source, target) else left).append(backup.path)
    return Converted(tuple(done), tuple(left))


def convert_file(path: Path, source_key: bytes | None, key: bytes | None) -> bool:
    """Rewrite one file under `key`; False (the file untouched) when the copy is not sound."""
    try:
        temp = temp_beside(path)
    except OSError:
        return False
    try:
        source = connect(path, read_only=True, key=source_key)
        try:
            export(source, temp, key)
        finally:
            source.close()
        if integrity_problems(temp, key=key):
            temp.unlink(missing_ok=True)
            return False
    except (sqlite3.DatabaseError, OSError):
        temp.unlink(missing_ok=True)
        return False
    temp.replace(path)
    fsync_folder(path.parent)
    return True


def temp_beside(path: Path) -> Path:
    """An empty owner-only file beside `path` (mkstemp makes it 0600 from creation)."""
    handle, name = tempfile.mkstemp(prefix=".convert-", suffix=".sqlite3", dir=Path(path).parent)
    os.close(handle)
    return Path(name)
