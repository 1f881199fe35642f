"""One engagement's month day by day: the drill-down behind a line of the month report.

Read from the same sound entries as the timesheet, so a day's minutes are the week report's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storage.rules.months import Month
from storage.rules.vocabulary import BUCKETS
from storage.time.timesheet import entries

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class MonthDay:
    """A day with time: minutes per bucket and the notes written that day, in the order they
    were entered, each once."""

    day: dt.date
    minutes: dict[str, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def total_minutes(self) -> int:
        return sum(self.minutes.values())


def days(db: Database, engagement_id: int, month: Month) -> list[MonthDay]:
    """Every day of `month` with time on the engagement, oldest first."""
    minutes: dict[dt.date, dict[str, int]] = {}
    notes: dict[dt.date, list[str]] = {}
    for entry in entries(db, engagement_id, month.start, month.end):
        per_bucket = minutes.setdefault(entry.day, dict.fromkeys(BUCKETS, 0))
        per_bucket[entry.bucket] += entry.minutes
        written = notes.setdefault(entry.day, [])
        if entry.note and entry.note not in written:  # the same note on two buckets, once
            written.append(entry.note)
    return [
        MonthDay(day, per_bucket, tuple(notes.get(day, ()))) for day, per_bucket in minutes.items()
    ]
