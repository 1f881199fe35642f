"""What runs in the background after the app starts: the full integrity check of the file, then
the automatic daily backup (which checks its own copy before it counts).

Both read every page of a large file, so they stay off the start and off the UI thread; each
works on its own connection. A failure is returned in plain words, never raised: the app goes
on, says what happened, and stops writes when the file is damaged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from storage.file import backups
from storage.file.db import database_file
from storage.file.failure_words import translate
from storage.file.file_check import integrity_problems
from storage.file.practice import Practice
from storage.rules.errors import DataFileError
from storage.sqlite import sqlite3


@dataclass(frozen=True)
class StartChecks:
    damage: str = ""  # the integrity check's first problem: writes must stop
    backup_problem: str = ""  # why the automatic backup could not be made
    backup: Path | None = None  # the automatic backup made now, if one was due


def check_and_back_up(data_dir: Path) -> StartChecks:
    """The full check, then the automatic backup if one is due (never over good backups with a
    damaged file, never in a read-only folder)."""
    path = database_file(data_dir)
    try:
        practice = Practice.find(path)
        problems = integrity_problems(path, key=practice.key)
        if problems:
            return StartChecks(damage=problems[0])
        with practice.open(migrate=False) as db:
            if db.read_only_reason:
                return StartChecks()
            return StartChecks(backup=backups.backup_if_due(db, data_dir))
    except backups.BackupRefusedError as exc:
        return StartChecks(damage=exc.problem)
    except DataFileError as exc:
        return StartChecks(backup_problem=exc.problem)
    except sqlite3.DatabaseError as exc:
        plain = translate(path, exc)
        return StartChecks(backup_problem=plain.problem if plain else str(exc))
    except OSError as exc:
        return StartChecks(backup_problem=exc.strerror or str(exc))
