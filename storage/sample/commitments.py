"""The sample practice's commitments over time, within a capacity of 4.5 days a week.

The current portfolio is three engagements under way: Acme at two days a week with a heavier
period of three (a launch) and one heavy week ahead (the one visible week over capacity), then a
taper to a day a week before its exit; Brightwave exiting, tapered to half a day a week; a new
engagement at two days. Engagements of other clients end before the weeks the Portfolio shows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from storage.practice import commitments, engagements, settings
from storage.practice.engagements import Engagement
from storage.rules.weeks import week_of

if TYPE_CHECKING:
    from sqlite_utils import Database

CAPACITY = 4.5
CURRENT = 3  # the first three clients' engagements are under way (the fourth is proposed)


def populate(db: Database, written: list[Engagement], *, as_of: dt.date) -> list[Engagement]:
    """Set the periods and end the older clients' engagements; the engagements as now stored."""
    profile = settings.load_profile(db)
    settings.save_profile(db, dataclasses.replace(profile, capacity_days_per_week=CAPACITY))
    monday = week_of(as_of).start
    current = [e for e in written[:CURRENT] if engagements.is_running(e)]
    for e in written:
        if engagements.is_running(e) and e not in current:
            _end_early(db, e, as_of)
    if len(current) == CURRENT:
        _acme(db, current[0], monday)
        _exiting(db, current[1], monday)
        engagements.update(db, engagements.with_changes(current[2], days_per_week=2.0))
    return [engagements.get(db, e.id or 0) for e in written]


def _end_early(db: Database, e: Engagement, as_of: dt.date) -> None:
    end = min(e.start_date + dt.timedelta(days=150), as_of - dt.timedelta(days=1))
    end = max(end, e.start_date)
    ended = engagements.with_changes(e, status="ended", planned_end_date=end, ended_on=end)
    engagements.update(db, ended)


def _acme(db: Database, e: Engagement, monday: dt.date) -> None:
    e = engagements.update(db, engagements.with_changes(e, days_per_week=2.0))
    launch = monday - dt.timedelta(weeks=20)
    _period(db, e, launch, 3.0)  # a launch: three days a week for eight weeks
    _period(db, e, launch + dt.timedelta(weeks=8), 2.0)
    heavy = monday + dt.timedelta(weeks=2)
    _period(db, e, heavy, 3.0)  # a fundraise week: the one week over capacity
    _period(db, e, heavy + dt.timedelta(weeks=1), 2.0)
    if e.planned_end_date is not None:
        _period(db, e, e.planned_end_date - dt.timedelta(weeks=4), 1.0)  # the taper


def _exiting(db: Database, e: Engagement, monday: dt.date) -> None:
    e = engagements.update(db, engagements.with_changes(e, days_per_week=1.5))
    _period(db, e, monday - dt.timedelta(weeks=6), 0.5)  # the taper before the exit


def _period(db: Database, e: Engagement, starts_on: dt.date, days: float) -> None:
    if starts_on > e.start_date and (e.planned_end_date is None or starts_on <= e.planned_end_date):
        commitments.add(db, e, starts_on, days, None)
