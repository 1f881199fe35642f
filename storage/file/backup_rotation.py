"""Which backups count, and which the rotation keeps.

A file counts as a backup when it is named like one, is not dated more than a day ahead, and
SQLite reads it as sound (`PRAGMA quick_check`) and ours. Anything else in backups/ is left
alone: it never pushes a good backup out, never stops the automatic backup, and is never deleted.
Copies made before a restore or a migration are kept for `KEEP_PROTECTIVE_DAYS` whatever else is
backed up; after that they are rotated like any other backup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from storage.file.backup_copy import backup_problem
from storage.file.backup_names import PROTECTIVE, NamedBackup, named_backups, utc_now

KEEP_DAILY = 7
KEEP_WEEKLY = 8
KEEP_MONTHLY = 12
KEEP_PROTECTIVE_DAYS = 30
# A backup dated later than this after now was named by a wrong clock: it does not count.
CLOCK_SKEW = dt.timedelta(days=1)


def counts(backup: NamedBackup, now: dt.datetime) -> bool:
    """Whether the file may stand for the data at its time: not from the future, and sound."""
    return backup.taken_at <= now + CLOCK_SKEW and not backup_problem(backup.path)


def is_protected(backup: NamedBackup, now: dt.datetime) -> bool:
    """A copy made before a restore or a migration, younger than the protective period."""
    age = now - backup.taken_at
    return backup.reason in PROTECTIVE and age < dt.timedelta(days=KEEP_PROTECTIVE_DAYS)


def to_keep(stamps: Iterable[dt.datetime]) -> set[dt.datetime]:
    """Grandfather-father-son: the newest backup of each of the last 7 days with a backup,
    of the last 8 weeks and of the last 12 months; the newest of all is always kept."""
    ordered = sorted(stamps, reverse=True)
    keep: set[dt.datetime] = set(ordered[:1])
    periods = (
        (KEEP_DAILY, lambda t: t.date()),
        (KEEP_WEEKLY, lambda t: t.isocalendar()[:2]),
        (KEEP_MONTHLY, lambda t: (t.year, t.month)),
    )
    for limit, period_of in periods:
        seen: list[object] = []
        for stamp in ordered:
            period = period_of(stamp)
            if period in seen:
                continue
            if len(seen) == limit:
                break
            seen.append(period)
            keep.add(stamp)
    return keep


def rotate(data_dir: Path, *, now: dt.datetime | None = None) -> list[Path]:
    """Delete the backups the rotation no longer keeps; return what was deleted.

    Run it only after a backup was made and checked: the newest backup dated up to `now` (the
    one just made) is always kept, as is the newest of all. A file that cannot be deleted stays.
    """
    now = now or utc_now()
    pool = [b for b in named_backups(data_dir) if not is_protected(b, now) and counts(b, now)]
    keep = to_keep(b.taken_at for b in pool)
    keep.update(next(([b.taken_at] for b in pool if b.taken_at <= now), []))
    return [b.path for b in pool if b.taken_at not in keep and _deleted(b.path)]


def _deleted(path: Path) -> bool:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        return False
    return True
