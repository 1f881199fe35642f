"""Capacity: the days a week the consultant sells, against the days committed week by week.

An engagement counts on the days `storage.practice.calendar` says it is committed: from its
start to the day it ended (so past weeks keep the engagements that have ended since), else its
planned exit, so the days it frees show as the exit lands. A week's
capacity loses each weekday of a day off (holidays, from Preferences). Days are kept to two
decimals per engagement, and a week's total is the sum of those, so the numbers add up.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storage.file import device
from storage.practice import calendar, commitments, engagements, settings
from storage.practice.commitments import CommitmentPeriod
from storage.practice.engagements import Engagement
from storage.rules import clock
from storage.rules.weeks import Week, week_of

if TYPE_CHECKING:
    from sqlite_utils import Database

    from storage.file.health_check import Problem

CHECK_WEEKS = 52  # how far ahead saving a commitment looks for an over-committed week

History = Sequence[CommitmentPeriod]


@dataclass(frozen=True)
class WeekLoad:
    """One week: its capacity and the days committed to each engagement (by id)."""

    week: Week
    capacity_days: float
    committed: Mapping[int, float] = field(default_factory=dict)
    committed_minutes: Mapping[int, int] = field(default_factory=dict)  # the same, in minutes

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


def days_in_week(e: Engagement, history: History, week: Week, today: dt.date) -> float:
    """Days committed for the week (all of it), pro rata for a week it starts or ends in."""
    return round(calendar.days(e, history, week.start, week.end, today), 2)


def minutes_in_week(e: Engagement, history: History, week: Week, today: dt.date) -> int:
    """Minutes committed for the week (all of it), as `days_in_week` counts its days."""
    return calendar.minutes(e, history, week.start, week.end, today)


Plan = dict[int, tuple[Engagement, History]]


def plan(db: Database) -> Plan:
    """Every engagement with its periods: `calendar.span` says which days each one commits
    (an ended one, the weeks it ran; a proposal, none)."""
    stored = commitments.periods_by_engagement(db)
    return {e.id or 0: (e, commitments.history(stored, e)) for e in engagements.list_all(db)}


def loads(db: Database, weeks: Sequence[Week], counted: Plan | None = None) -> list[WeekLoad]:
    profile = settings.load_profile(db)
    counted = plan(db) if counted is None else counted
    today = clock.today()
    return [_load(week, week_capacity(profile, week), counted, today) for week in weeks]


def _load(week: Week, capacity_days: float, counted: Plan, today: dt.date) -> WeekLoad:
    days = {eid: d for eid, (e, h) in counted.items() if (d := days_in_week(e, h, week, today))}
    found = {eid: minutes_in_week(*counted[eid], week, today) for eid in days}
    return WeekLoad(week, capacity_days, days, found)


def weeks_from(first: Week, count: int) -> list[Week]:
    return [first.shifted(i) for i in range(count)]


def weeks_over(
    db: Database, changed: Engagement, history: History, *, as_of: dt.date | None = None
) -> list[WeekLoad]:
    """The weeks from this one on that the change takes over capacity (or further over).

    `changed` with `history` replaces what is stored for it (a new engagement has no id yet);
    an ended engagement adds nothing after the day it ended.
    """
    week_start = settings.load_profile(db).week_start
    weeks = weeks_from(week_of(as_of or clock.today(), week_start), CHECK_WEEKS)
    before = plan(db)
    after = {k: v for k, v in before.items() if k != changed.id}
    after[changed.id or -1] = (_as_agreed(changed), history)
    pairs = zip(loads(db, weeks, before), loads(db, weeks, after), strict=True)
    return [
        new for old, new in pairs if new.over_by > 0 and new.committed_days > old.committed_days
    ]


def _as_agreed(e: Engagement) -> Engagement:
    """A proposal is checked as if agreed: the warning is about taking it on."""
    return dataclasses.replace(e, status="active") if e.status == "proposed" else e


def warning(over: Sequence[WeekLoad], capacity: float) -> str:
    """`Over your capacity of 4 days a week in 3 weeks: 2026-W48 by 0.5 days, ...`"""
    shown = ", ".join(f"{w.week.label} by {w.over_by:g} days" for w in over[:6])
    more = f" and {len(over) - 6} more" if len(over) > 6 else ""
    weeks = "week" if len(over) == 1 else "weeks"
    return f"Over your capacity of {capacity:g} days a week in {len(over)} {weeks}: {shown}{more}."


def merged_over(db: Database, *, as_of: dt.date | None = None) -> list[Problem]:
    """In a synced practice, the weeks from this one on (a year ahead) committed beyond capacity,
    for `check`: commitments made on two devices can merge past it, where saving one on one
    device would have warned. Reported, never repaired. A practice that does not sync: none."""
    if device.this_device(db) is None:
        return []
    from storage.file.health_check import Problem  # `check`'s own, loaded when it runs

    week_start = settings.load_profile(db).week_start
    weeks = weeks_from(week_of(as_of or clock.today(), week_start), CHECK_WEEKS)
    return [
        Problem(
            "week",
            w.week.label,
            "committed_days",
            f"commits {w.committed_days:g} days against a capacity of {w.capacity_days:g}: "
            f"over by {w.over_by:g} days (change a commitment or the capacity)",
        )
        for w in loads(db, weeks)
        if w.over_by > 0
    ]
