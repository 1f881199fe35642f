"""Capacity: the days a week the consultant sells, against the days committed week by week.

An engagement counts while it is under way (active or exiting) from its start to its end: the
day it ended, else its planned exit, so the days it frees show as the exit lands. A week's
capacity loses each weekday of a day off (holidays, from Preferences). Days are kept to two
decimals per engagement, and a week's total is the sum of those, so the numbers add up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlite_utils import Database

from storage.practice import commitments, engagements, settings
from storage.practice.commitments import CommitmentPeriod
from storage.practice.engagements import Engagement
from storage.rules import clock
from storage.rules.weeks import Week, week_of

CHECK_WEEKS = 52  # how far ahead saving a commitment looks for an over-committed week

History = Sequence[CommitmentPeriod]


@dataclass(frozen=True)
class WeekLoad:
    """One week: its capacity and the days committed to each engagement (by id)."""

    week: Week
    capacity_days: float
    committed: Mapping[int, float] = field(default_factory=dict)

    @property
    def committed_days(self) -> float:
        return round(sum(self.committed.values()), 2)

    @property
    def free_days(self) -> float:
        return round(self.capacity_days - self.committed_days, 2)

    @property
    def over_by(self) -> float:
        return max(0.0, -self.free_days)


def weekdays_off(ranges: Sequence[tuple[dt.date, dt.date]], week: Week) -> int:
    """Weekdays (Monday to Friday) of the week inside any range of days off."""
    return sum(
        1 for day in week.days if day.weekday() < 5 and any(a <= day <= b for a, b in ranges)
    )


def week_capacity(profile: settings.Profile, week: Week) -> float:
    off = weekdays_off(settings.days_off_dates(profile), week)
    return max(0.0, profile.capacity_days_per_week - off)


def last_day(e: Engagement) -> dt.date | None:
    """The last day an engagement takes days: the day it ended, else its planned exit."""
    return e.ended_on if e.status == "ended" else e.planned_end_date


def days_in_week(e: Engagement, history: History, week: Week) -> float:
    """Days committed in a week, pro rata for a week the engagement starts or ends in."""
    first = max(week.start, e.start_date)
    end = last_day(e)
    last = week.end if end is None else min(week.end, end)
    if first > last:
        return 0.0
    return round(commitments.days_between(history, first, last), 2)


Plan = dict[int, tuple[Engagement, History]]


def plan(db: Database) -> Plan:
    """The engagements under way with their periods: what capacity counts."""
    stored = commitments.periods_by_engagement(db)
    return {
        e.id or 0: (e, stored.get(e.id or 0) or [commitments.own_period(e)])
        for e in engagements.list_all(db)
        if engagements.is_running(e)
    }


def loads(db: Database, weeks: Sequence[Week], counted: Plan | None = None) -> list[WeekLoad]:
    profile = settings.load_profile(db)
    counted = plan(db) if counted is None else counted
    return [
        WeekLoad(
            week,
            week_capacity(profile, week),
            {eid: d for eid, (e, h) in counted.items() if (d := days_in_week(e, h, week))},
        )
        for week in weeks
    ]


def weeks_from(first: Week, count: int) -> list[Week]:
    return [first.shifted(i) for i in range(count)]


def weeks_over(
    db: Database, changed: Engagement, history: History, *, as_of: dt.date | None = None
) -> list[WeekLoad]:
    """The weeks from this one on that the change takes over capacity (or further over).

    `changed` with `history` replaces what is stored for it (a new engagement has no id yet);
    an ended engagement adds nothing.
    """
    week_start = settings.load_profile(db).week_start
    weeks = weeks_from(week_of(as_of or clock.today(), week_start), CHECK_WEEKS)
    before = plan(db)
    after = {k: v for k, v in before.items() if k != changed.id}
    if changed.status != "ended":
        after[changed.id or -1] = (changed, history)
    pairs = zip(loads(db, weeks, before), loads(db, weeks, after), strict=True)
    return [
        new for old, new in pairs if new.over_by > 0 and new.committed_days > old.committed_days
    ]


def warning(over: Sequence[WeekLoad], capacity: float) -> str:
    """`Over your capacity of 4 days a week in 3 weeks: 2026-W48 by 0.5 days, ...`"""
    shown = ", ".join(f"{w.week.label} by {w.over_by:g} days" for w in over[:6])
    more = f" and {len(over) - 6} more" if len(over) > 6 else ""
    weeks = "week" if len(over) == 1 else "weeks"
    return f"Over your capacity of {capacity:g} days a week in {len(over)} {weeks}: {shown}{more}."
