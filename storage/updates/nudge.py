"""The Friday nudge: on the consultant's last working day of the week (and the days after it),
one line per engagement under way, ticked off once its update is sent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from storage.practice import engagements, settings
from storage.practice.engagements import Engagement
from storage.rules.weeks import Week
from storage.updates import sent

WORKING_WEEKDAYS = range(5)  # Monday to Friday


@dataclass(frozen=True)
class ToSend:
    engagement: Engagement
    sent_on: dt.date | None  # None: not sent yet


def last_working_day(db: Database, week: Week) -> dt.date | None:
    """The week's last weekday that is not one of the consultant's days off."""
    off = settings.load_profile(db).days_off
    for day in reversed(week.days):
        if day.weekday() in WORKING_WEEKDAYS and not _is_off(day, off):
            return day
    return None


def _is_off(day: dt.date, off: tuple[tuple[str, str], ...]) -> bool:
    text = day.isoformat()
    return any(first <= text <= last for first, last in off)


def is_due(db: Database, week: Week, today: dt.date) -> bool:
    """Whether the week's nudge shows on `today`: from its last working day to its end."""
    last = last_working_day(db, week)
    return last is not None and last <= today <= week.end


def updates_to_send(db: Database, week: Week) -> list[ToSend]:
    """The engagements under way in the week, by client, each with the day its update went out."""
    done = sent.sent_in_week(db, week.start)
    running = [
        e
        for e in engagements.list_all(db)
        if engagements.is_running(e) and engagements.is_open_between(e, week.start, week.end)
    ]
    running.sort(key=lambda e: (e.client_name.casefold(), e.title.casefold()))
    return [ToSend(e, done.get(e.id or 0)) for e in running]
