"""Keys a practice used before, kept beside it while a backup may still need one.

A conversion (or an import over an earlier practice) changes the practice's key; its backups are
converted after the swap, one by one. Until every backup is converted, the old key is named in
`fractional-desk.key.previous` (a list of markers, no key in it) and stays in the keyring, so no
backup is ever left under a key that no file names. A key no backup uses any more is forgotten.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path

from storage.file import keys
from storage.file.backup_names import named_backups
from storage.file.connect import connect, plain_content
from storage.file.private_files import write_private_json
from storage.sqlite import sqlite3

KEPT_FILENAME = "fractional-desk.key.previous"

THIS_PRACTICE = "this practice's"
PREVIOUS = "a previous one kept for it"
UNKNOWN = "unknown"
NONE = "none (plain text)"


@dataclass(frozen=True)
class BackupKey:
    """Which key opens a backup: THIS_PRACTICE, PREVIOUS, UNKNOWN or NONE."""

    path: Path
    key: str


def kept_file(folder: Path) -> Path:
    return Path(folder) / KEPT_FILENAME


def kept(folder: Path) -> list[keys.Marker]:
    """The previous markers named beside the practice (an unreadable list names none)."""
    try:
        data = json.loads(kept_file(folder).read_text(encoding="utf-8"))
        return [keys.Marker(str(m["key_id"]), str(m["key_check"]), str(m["cipher"])) for m in data]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def keep(folder: Path, marker: keys.Marker) -> None:
    """Name `marker` among the kept keys (written atomically, owner-only)."""
    found = kept(folder)
    if marker not in found:
        _write(folder, [*found, marker])


def _write(folder: Path, markers: list[keys.Marker]) -> None:
    target = kept_file(folder)
    if not markers:
        target.unlink(missing_ok=True)
        return
    data = [{"key_id": m.key_id, "key_check": m.key_check, "cipher": m.cipher} for m in markers]
    write_private_json(target, data)


def candidate_keys(folder: Path) -> list[tuple[str, bytes]]:
    """Every key at hand for this practice's files: its own first, then the kept ones."""
    found: list[tuple[str, bytes]] = []
    current = keys.read_marker(folder)
    if current is not None and (key := keys.known_key(current)) is not None:
        found.append((THIS_PRACTICE, key))
    for marker in kept(folder):
        key = keys.known_key(marker)
        if key is not None and (current is None or marker.key_id != current.key_id):
            found.append((PREVIOUS, key))
    return found


def key_of(path: Path, folder: Path) -> tuple[str, bytes | None]:
    """Which of the practice's keys opens the file at `path`: (NONE, None) for plain text,
    (UNKNOWN, None) when no key at hand opens it."""
    if plain_content(path) is not False:
        return NONE, None
    for kind, key in candidate_keys(folder):
        if opens(path, key):
            return kind, key
    return UNKNOWN, None


def backup_keys(folder: Path) -> list[BackupKey]:
    """Each backup with the key that opens it, newest first."""
    return [BackupKey(b.path, key_of(b.path, folder)[0]) for b in named_backups(Path(folder))]


def opens(path: Path, key: bytes) -> bool:
    """The file opens with `key` (read-only, nothing written beside it)."""
    try:
        conn = connect(path, read_only=True, immutable=True, key=key)
    except sqlite3.DatabaseError:
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()
    return True


def prune(folder: Path) -> None:
    """Forget each kept key no backup needs any more (from the list and the keyring); a key
    this machine does not hold cannot be tested, so it stays named."""
    current = keys.read_marker(folder)
    still: list[keys.Marker] = []
    encrypted = [b.path for b in named_backups(Path(folder)) if plain_content(b.path) is False]
    for marker in kept(folder):
        if current is not None and marker.key_id == current.key_id:
            continue  # the practice's own key is never a previous one
        key = keys.known_key(marker)
        if key is None or any(opens(path, key) for path in encrypted):
            still.append(marker)
            continue
        with contextlib.suppress(Exception):
            keys.forget_key(marker)
    if still != kept(folder):
        _write(folder, still)
