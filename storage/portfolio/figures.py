"""The practice across clients, week by week: days committed against capacity, time logged.

`report(...)` is the data behind `fractional-desk portfolio` and the Portfolio tab's chart; its
JSON shape is stable. Logged time comes from one aggregate over the covering day index.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.portfolio import capacity
from storage.portfolio.capacity import WeekLoad
from storage.practice import commitments, settings
from storage.practice.engagements import Engagement
from storage.rules import clock
from storage.rules.vocabulary import DEFAULT_HOURS_PER_DAY
from storage.rules.weeks import Week, week_of
from storage.time.time_entries import SOUND
from storage.time.timesheet import week_start_sql

if TYPE_CHECKING:
    from sqlite_utils import Database

PAST_WEEKS = 4  # the default range: the last four weeks and the next 26
WEEKS = 30


@dataclass(frozen=True)
class PortfolioWeek:
    load: WeekLoad
    logged: dict[int, int]  # minutes per engagement id
    hours_per_day: dict[int, float]  # in force at the week's start, per engagement logged

    @property
    def logged_days(self) -> float:
        """Logged time in days, each engagement's by its hours a day: the chart's overlay."""
        return round(sum(m / 60 / self.hours_per_day[eid] for eid, m in self.logged.items()), 2)

    @property
    def week(self) -> Week:
        return self.load.week

    @property
    def logged_minutes(self) -> int:
        return sum(self.logged.values())


def default_first(db: Database, as_of: dt.date | None = None) -> Week:
    week_start = settings.load_profile(db).week_start
    return week_of(as_of or clock.today(), week_start).shifted(-PAST_WEEKS)


def logged_by_week(
    db: Database, weeks: Sequence[Week], week_start: str
) -> dict[tuple[str, int], int]:
    """Minutes per (week start, engagement) over the range, summed in SQL."""
    if not weeks:
        return {}
    sql = (
        f"SELECT {week_start_sql(week_start)} AS week, engagement_id, sum(minutes) "
        f"FROM time_entry WHERE day BETWEEN ? AND ? AND {SOUND} GROUP BY week, engagement_id"
    )
    span = [weeks[0].start.isoformat(), weeks[-1].end.isoformat()]
    return {(w, int(eid)): int(m) for w, eid, m in db.execute(sql, span)}


def weeks(db: Database, first: Week, count: int) -> list[PortfolioWeek]:
    chosen = capacity.weeks_from(first, count)
    logged = logged_by_week(db, chosen, settings.load_profile(db).week_start)
    counted = capacity.plan(db)
    found = []
    for load in capacity.loads(db, chosen, counted):
        start = load.week.start.isoformat()
        mine = {eid: m for (w, eid), m in logged.items() if w == start}
        hours = {eid: _hours(counted.get(eid), load.week.start) for eid in mine}
        found.append(PortfolioWeek(load, mine, hours))
    return found


def _hours(planned: tuple[Engagement, capacity.History] | None, day: dt.date) -> float:
    """The hours a day in force on `day` (time on an engagement no longer stored: the default)."""
    if planned is None:
        return DEFAULT_HOURS_PER_DAY
    return commitments.in_force(planned[1], day).hours_per_day


def report(db: Database, first: Week, count: int) -> dict[str, Any]:
    """`fractional-desk portfolio --format json`: the stable shape documented in the README."""
    return {
        "capacity_days_per_week": settings.load_profile(db).capacity_days_per_week,
        "weeks": [_week_json(w) for w in weeks(db, first, count)],
    }


def _week_json(w: PortfolioWeek) -> dict[str, Any]:
    ids = sorted(set(w.load.committed) | set(w.logged))
    return {
        "week": w.week.label,
        "start": w.week.start.isoformat(),
        "capacity_days": w.load.capacity_days,
        "committed_days": w.load.committed_days,
        "committed_minutes": sum(w.load.committed_minutes.values()),
        "logged_minutes": w.logged_minutes,
        "free_days": w.load.free_days,
        "engagements": [
            {
                "id": eid,
                "committed_days": w.load.committed.get(eid, 0.0),
                "committed_minutes": w.load.committed_minutes.get(eid, 0),
                "logged_minutes": w.logged.get(eid, 0),
            }
            for eid in ids
        ],
    }
