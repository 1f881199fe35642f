"""Where backups live and how they are named: `fractional-desk-<UTC time>-<kind>.sqlite3`.

The name carries the time and the kind, so rotation and the automatic schedule never depend on
file dates, which copying a folder changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from storage.rules.lazy_pattern import lazy_compile
from storage.rules.record import Record

BACKUP_FOLDER = "backups"
REASONS = ("manual", "automatic", "before-migration", "before-restore", "before-import")
# "before-import" is an ordinary copy in the rotation: an import only adds, and can be undone.
# Copies made just before the data is replaced or reshaped: they hold what would otherwise be lost.
PROTECTIVE = frozenset({"before-migration", "before-restore"})
_NAME = lazy_compile(r"^fractional-desk-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z-]+)\.sqlite3$")
STAMP = "%Y%m%d-%H%M%S-%f"


@dataclass(frozen=True, eq=False, repr=False)  # == and repr: `Record`'s
class NamedBackup(Record):
    """A file named like one of our backups; what it holds is not read."""

    path: Path
    taken_at: dt.datetime  # UTC
    reason: str


def backups_folder(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_FOLDER


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def backup_name(taken_at: dt.datetime, reason: str) -> str:
    return f"fractional-desk-{taken_at.astimezone(dt.UTC).strftime(STAMP)}-{reason}.sqlite3"


def parse_name(name: str) -> tuple[dt.datetime, str] | None:
    match = _NAME.match(name)
    if not match:
        return None
    try:
        taken = dt.datetime.strptime(match["stamp"], STAMP).replace(tzinfo=dt.UTC)
    except ValueError:  # named like a backup, but no real time (month 13): not one of ours
        return None
    return taken, match["reason"]


def named_backups(data_dir: Path) -> list[NamedBackup]:
    """The files in backups/ named like a backup of a kind this version makes, newest first."""
    folder = backups_folder(data_dir)
    if not folder.is_dir():
        return []
    found = [
        NamedBackup(path, *parsed)
        for path in folder.iterdir()
        if (parsed := parse_name(path.name)) and parsed[1] in REASONS and path.is_file()
    ]
    return sorted(found, key=lambda b: b.taken_at, reverse=True)
