"""The running timer: one at a time, kept in the database so a crash or restart keeps it running.

Stopping it logs an entry on the day it started, rounded up to the profile's increment.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.file import rows
from storage.rules import validation as v
from storage.rules.durations import MAX_MINUTES
from storage.rules.vocabulary import BUCKETS

if TYPE_CHECKING:
    from sqlite_utils import Database

    from storage.time.time_entries import TimeEntry


@dataclass(frozen=True)
class RunningTimer:
    engagement_id: int
    bucket: str
    note: str
    started_at: dt.datetime  # aware

    def elapsed_seconds(self, now: dt.datetime | None = None) -> int:
        return max(0, int(((now or _now()) - self.started_at).total_seconds()))

    @property
    def day(self) -> dt.date:
        """The entry goes on the local day the timer started."""
        return self.started_at.astimezone().date()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def round_up(seconds: int, increment: int) -> int:
    """Minutes for `seconds`, rounded up to the increment (0: to the whole minute), at least 1."""
    minutes = max(1, math.ceil(seconds / 60))
    if increment:
        minutes = math.ceil(minutes / increment) * increment
    return min(minutes, MAX_MINUTES)


def current(db: Database) -> RunningTimer | None:
    row = db.execute(
        "SELECT engagement_id, bucket, note, started_at FROM running_timer WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    return RunningTimer(row[0], row[1], row[2], dt.datetime.fromisoformat(row[3]))


def start(
    db: Database, engagement_id: int, bucket: str, note: str = "", *, now: dt.datetime | None = None
) -> tuple[RunningTimer, TimeEntry | None]:
    """Start timing; a timer already running is stopped first and its entry returned."""
    now = now or _now()
    row = _validate(db, engagement_id, bucket, note, now)
    stopped = stop(db, now=now) if current(db) else None
    with db.atomic():
        db.execute(
            "INSERT OR REPLACE INTO running_timer (id, engagement_id, bucket, note, started_at) "
            "VALUES (1, :engagement_id, :bucket, :note, :started_at)",
            row,
        )
    timer = current(db)
    assert timer is not None
    return timer, stopped


def _validate(
    db: Database, engagement_id: int, bucket: str, note: str, now: dt.datetime
) -> dict[str, Any]:
    from storage.time import time_entries  # the entry's rules, when a timer starts

    row = {
        "engagement_id": v.int_between("engagement_id", engagement_id, 1, 2**62),
        "bucket": v.one_of("bucket", bucket, BUCKETS),
        "note": v.note_text("note", note, max_len=10_000),
        "started_at": now.astimezone(dt.UTC).isoformat(timespec="seconds"),
    }
    time_entries.check_engagement_open(db, engagement_id, now.astimezone().date())
    return row


def stop(db: Database, *, now: dt.datetime | None = None) -> TimeEntry | None:
    """Log the running timer as an entry and clear it; None if nothing was running.

    If the entry is refused (the day is full), the timer keeps running and the error is raised.
    """
    from storage.practice.settings import load_profile
    from storage.time import time_entries
    from storage.time.time_entries import TimeEntry

    timer = current(db)
    if timer is None:
        return None
    increment = load_profile(db).timer_rounding_minutes
    minutes = round_up(timer.elapsed_seconds(now), increment)
    entry = TimeEntry(timer.engagement_id, timer.day, timer.bucket, minutes, timer.note)
    row = time_entries.validate(entry)
    with db.atomic():
        time_entries.check_fits(db, row)
        new_id = rows.insert(db, "time_entry", {**row, "created_at": _iso(now)})
        db.execute("DELETE FROM running_timer WHERE id = 1")
    return time_entries.get(db, new_id)


def is_short(db: Database, *, now: dt.datetime | None = None) -> bool:
    """Whether the running timer has run less than the minimum set in Preferences: stopping it
    then asks whether to log it (a start and an immediate stop would log a rounded 0:15)."""
    from storage.practice.settings import load_profile

    timer = current(db)
    minimum = load_profile(db).timer_minimum_minutes * 60
    return timer is not None and timer.elapsed_seconds(now) < minimum


def discard(db: Database) -> None:
    """Throw the running timer away without logging it."""
    with db.atomic():
        db.execute("DELETE FROM running_timer WHERE id = 1")


def _iso(now: dt.datetime | None) -> str:
    return (now or _now()).astimezone(dt.UTC).isoformat(timespec="seconds")


def format_elapsed(seconds: int) -> str:
    """`1:05:09` for the status bar and the window title."""
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
