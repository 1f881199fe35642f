"""Read-only sums for the timesheet: minutes per week per bucket, and the notes, over a range."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storage.file import domain_rules
from storage.rules.vocabulary import BUCKETS
from storage.time.time_entries import SOUND

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class WeekRow:
    """One week of an engagement: minutes per bucket and the notes written that week."""

    week_start: dt.date
    minutes: dict[str, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def total_minutes(self) -> int:
        return sum(self.minutes.values())


def week_start_sql(week_start: str) -> str:
    """SQL for the first day of the week holding `day` (strftime %w: 0 is Sunday)."""
    if week_start == "sunday":
        return "date(day, '-' || strftime('%w', day) || ' days')"
    return "date(day, '-' || ((strftime('%w', day) + 6) % 7) || ' days')"


def weeks(
    db: Database, engagement_id: int, start: dt.date, end: dt.date, *, week_start: str = "monday"
) -> list[WeekRow]:
    """Every week from `start` to `end` (inclusive) that has time logged, oldest first."""
    week = week_start_sql(week_start)
    params = [engagement_id, start.isoformat(), end.isoformat()]
    domain_rules.warn_left_out(
        db, "time_entry", "engagement_id = ? AND day BETWEEN ? AND ?", params
    )
    sums = db.execute(
        f"""
        SELECT {week} AS week, bucket, sum(minutes)
        FROM time_entry WHERE engagement_id = ? AND day BETWEEN ? AND ? AND {SOUND}
        GROUP BY week, bucket ORDER BY week
        """,
        params,
    ).fetchall()
    notes = db.execute(
        f"""
        SELECT {week} AS week, day, note FROM time_entry
        WHERE engagement_id = ? AND day BETWEEN ? AND ? AND note != '' AND {SOUND}
        ORDER BY day, id
        """,
        params,
    ).fetchall()
    by_week: dict[str, dict[str, int]] = {}
    for week_text, bucket, minutes in sums:
        by_week.setdefault(week_text, dict.fromkeys(BUCKETS, 0))[bucket] = int(minutes)
    notes_by_week: dict[str, list[str]] = {}
    for week_text, _day, note in notes:
        notes_by_week.setdefault(week_text, []).append(note)
    return [
        WeekRow(dt.date.fromisoformat(w), m, tuple(notes_by_week.get(w, ())))
        for w, m in by_week.items()
    ]


@dataclass(frozen=True)
class EntryRow:
    """One time entry as the timesheet lists it: the day, bucket, minutes and note."""

    day: dt.date
    bucket: str
    minutes: int
    note: str = ""


def entries(db: Database, engagement_id: int, start: dt.date, end: dt.date) -> list[EntryRow]:
    """Every sound entry from `start` to `end` (inclusive), by day then as entered."""
    rows = db.execute(
        f"""
        SELECT day, bucket, minutes, note FROM time_entry
        WHERE engagement_id = ? AND day BETWEEN ? AND ? AND {SOUND}
        ORDER BY day, id
        """,
        [engagement_id, start.isoformat(), end.isoformat()],
    ).fetchall()
    return [EntryRow(dt.date.fromisoformat(d), b, int(m), n or "") for d, b, m, n in rows]


def week_starts(start: dt.date, end: dt.date, *, week_start: str = "monday") -> list[dt.date]:
    """The first day of every week that overlaps `start` to `end`, oldest first."""
    first_weekday = 6 if week_start == "sunday" else 0
    day = start - dt.timedelta(days=(start.weekday() - first_weekday) % 7)
    found = []
    while day <= end:
        found.append(day)
        day += dt.timedelta(days=7)
    return found


def months(db: Database, engagement_id: int) -> list[tuple[int, int, dict[str, int]]]:
    """(year, month, minutes per bucket) for every month with time logged, oldest first."""
    domain_rules.warn_left_out(db, "time_entry", "engagement_id = ?", [engagement_id])
    rows = db.execute(
        f"""
        SELECT substr(day, 1, 7) AS month, bucket, sum(minutes) FROM time_entry
        WHERE engagement_id = ? AND {SOUND} GROUP BY month, bucket ORDER BY month
        """,
        [engagement_id],
    ).fetchall()
    result: dict[str, dict[str, int]] = {}
    for month, bucket, minutes in rows:
        result.setdefault(month, dict.fromkeys(BUCKETS, 0))[bucket] = int(minutes)
    return [(int(k[:4]), int(k[5:7]), v) for k, v in result.items()]


def range_of(db: Database, engagement_id: int) -> tuple[dt.date, dt.date] | None:
    """The first and last day with time logged, or None when nothing is logged."""
    row = db.execute(
        f"SELECT min(day), max(day) FROM time_entry WHERE engagement_id = ? AND {SOUND}",
        [engagement_id],
    ).fetchone()
    if not row or row[0] is None:
        return None
    return dt.date.fromisoformat(row[0]), dt.date.fromisoformat(row[1])
