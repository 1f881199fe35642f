"""`time_entries.between`: the entries of a span with their ids, by day then as entered (what
`log list` shows, and `log edit` and `log delete` take ids from)."""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from storage.practice import clients, engagements
from storage.time import time_entries
from storage.time.time_entries import TimeEntry

MONDAY = dt.date(2026, 1, 5)


def test_entries_in_the_span_only_by_day_then_as_entered(db: Database, acme: int) -> None:
    later = time_entries.add(db, TimeEntry(acme, MONDAY + dt.timedelta(days=2), "team", 30))
    first = time_entries.add(db, TimeEntry(acme, MONDAY, "strategy", 60, "Roadmap"))
    second = time_entries.add(db, TimeEntry(acme, MONDAY, "team", 45))
    time_entries.add(db, TimeEntry(acme, MONDAY + dt.timedelta(days=7), "team", 15))
    found = time_entries.between(db, MONDAY, MONDAY + dt.timedelta(days=6))
    assert found == [first, second, later]


def test_one_engagement_s_entries(db: Database, acme: int) -> None:

    client = clients.add(db, clients.Client("Brightwave"))
    other = engagements.add(
        db, engagements.Engagement(client.id or 0, "Advisory", MONDAY, status="active")
    )
    mine = time_entries.add(db, TimeEntry(acme, MONDAY, "team", 30))
    time_entries.add(db, TimeEntry(other.id or 0, MONDAY, "team", 30))
    assert time_entries.between(db, MONDAY, MONDAY, engagement_id=acme) == [mine]
    assert len(time_entries.between(db, MONDAY, MONDAY)) == 2
