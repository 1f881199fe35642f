"""`log`, `log list|edit|delete`: a time entry as JSON."""

from __future__ import annotations

from typing import TypedDict

from storage.time import TimeEntry


class TimeEntryJson(TypedDict):
    id: int
    engagement_id: int
    date: str
    bucket: str
    minutes: int
    note: str
    out_of_scope: bool
    ask: bool


def entry_json(e: TimeEntry) -> TimeEntryJson:
    return TimeEntryJson(
        id=e.id or 0,
        engagement_id=e.engagement_id,
        date=e.day.isoformat(),
        bucket=e.bucket,
        minutes=e.minutes,
        note=e.note,
        out_of_scope=e.out_of_scope,
        ask=e.ask,
    )
