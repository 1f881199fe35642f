"""A new practice built whole, then put in a data folder's place: `import practice` and `demo`.

The practice is built in a `.building-*` folder inside the data folder while the folder is held
(so the app cannot have it open), checked, and swapped in by `file_swap` with its key file; a
kill at any step leaves the folder as it was or the new practice whole, never the new file beside
the old practice's `-wal`.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from storage.file import file_swap, keys, swap_journal
from storage.file.db import database_file
from storage.file.durability import AppDatabase
from storage.file.file_check import integrity_problems
from storage.file.file_swap import FolderHold
from storage.file.practice import Practice
from storage.file.private_files import private_folder
from storage.file.swap_journal import Journal
from storage.file.writers_gate import GateBusyError
from storage.rules.errors import NotADatabaseError, StorageWriteError

T = TypeVar("T")


def build_practice(
    target: Path,
    fill: Callable[[AppDatabase], T],
    *,
    encrypt: bool | None = None,
    operation: str = "import",
    check: Callable[[], None] | None = None,
) -> T:
    """A new practice filled by `fill`, in `target`'s place once complete; what `fill` returns.
    AlreadyRunningError while the app holds the folder; `check` runs once it is held (the
    folder must still be empty). Encrypted as `Practice.at` decides (`encrypt`)."""
    target = Path(target)
    created = not target.exists()
    hold = FolderHold(private_folder(target))
    try:
        try:
            hold.acquire(file_swap.WAITS_SECONDS)
        except GateBusyError as exc:
            raise StorageWriteError(
                database_file(target), f"cannot be replaced now: {exc}"
            ) from exc
        try:
            file_swap.settle_held(target)
            if check is not None:
                check()
            return _build(target, fill, encrypt, operation)
        finally:
            hold.release()
    except BaseException:
        if created:  # a folder made for this practice goes with it
            shutil.rmtree(target, ignore_errors=True)
        raise


def _build(
    target: Path, fill: Callable[[AppDatabase], T], encrypt: bool | None, operation: str
) -> T:
    building = Path(tempfile.mkdtemp(prefix=".building-", dir=target))
    journal = Journal(
        operation=operation,
        step=swap_journal.PREPARED,
        candidate=str(database_file(building)),
        aside=str(file_swap.temp_name(target, file_swap.ASIDE_PREFIX)),
        owned=(str(building),),
        old_marker=keys.read_marker(target),
    )
    with file_swap.preparing(target, journal) as journal:
        practice = Practice.in_folder(building, encrypt=encrypt)
        with practice.open() as db:
            result = fill(db)
        problems = integrity_problems(practice.file, key=practice.key)
        if problems:
            raise NotADatabaseError(target, f"could not be built ({problems[0]})")
        journal = dataclasses.replace(journal, new_marker=practice.marker)
        swap_journal.write(target, journal)
    file_swap.swap_in(target, journal)
    return result
