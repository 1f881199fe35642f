"""The Portfolio tab's table and "this week" strip: one row per engagement under way.

Logged time comes from the week report's aggregates (committed by the periods in force each
day), the flags and milestones from one count each over their indexes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storage.decisions.records import FLAG_SQL, flag_params
from storage.exit_plan import readiness
from storage.practice import commitments, engagements, settings
from storage.practice.engagements import Engagement
from storage.rules import clock
from storage.rules.weeks import Week, week_of
from storage.time import week_report
from storage.time.week_report import Commitment

if TYPE_CHECKING:
    from sqlite_utils import Database

MILESTONES_DUE_DAYS = 14
OPEN_MILESTONE = "status NOT IN ('done', 'dropped')"


@dataclass(frozen=True)
class EngagementRow:
    engagement: Engagement
    days_now: float
    week: Commitment
    recent: Commitment
    readiness_score: int
    days_to_exit: int | None
    next_milestone: str
    next_milestone_due: dt.date | None

    @property
    def id(self) -> int | None:
        return self.engagement.id


@dataclass(frozen=True)
class ThisWeek:
    logged_minutes: int
    committed_minutes: int
    flagged_decisions: int
    milestones_due: int
    over: tuple[str, ...]  # engagement labels
    under: tuple[str, ...]


def running(db: Database) -> list[Engagement]:
    return [e for e in engagements.list_all(db) if engagements.is_running(e)]


def current_week(db: Database, as_of: dt.date | None = None) -> Week:
    return week_of(as_of or clock.today(), settings.load_profile(db).week_start)


def rows(db: Database, as_of: dt.date | None = None) -> list[EngagementRow]:
    on = as_of or clock.today()
    shown = running(db)
    week = current_week(db, on)
    weekly = week_report.week_commitments(db, shown, week)
    recent = week_report.recent_commitments(db, shown, week)
    nexts = next_milestones(db, [e.id or 0 for e in shown])
    history = commitments.periods_by_engagement(db)
    found = []
    for e, now, last4 in zip(shown, weekly, recent, strict=True):
        periods = commitments.history(history, e)
        title, due = nexts.get(e.id or 0, ("", None))
        review = readiness.review(db, e.id or 0, on=on)
        days = commitments.in_force(periods, on).days_per_week
        found.append(EngagementRow(e, days, now, last4, review.score, review.days_left, title, due))
    return found


def next_milestones(db: Database, ids: Sequence[int]) -> dict[int, tuple[str, dt.date | None]]:
    """The open milestone due first of each engagement (one read of the engagement index)."""
    marks = ", ".join("?" for _ in ids)
    sql = (
        f"SELECT engagement_id, title, min(due_date) FROM milestone WHERE engagement_id IN "
        f"({marks}) AND {OPEN_MILESTONE} AND date(due_date) IS due_date GROUP BY engagement_id"
    )
    return {
        int(eid): (title, dt.date.fromisoformat(due)) for eid, title, due in db.execute(sql, ids)
    }


def this_week(
    db: Database, found: Sequence[EngagementRow], as_of: dt.date | None = None
) -> ThisWeek:
    on = as_of or clock.today()
    ids = [r.id or 0 for r in found]
    return ThisWeek(
        logged_minutes=sum(r.week.so_far_minutes for r in found),
        committed_minutes=sum(r.week.committed_minutes for r in found),
        flagged_decisions=flagged_decisions(db, ids, on),
        milestones_due=milestones_due(db, ids, on),
        over=tuple(r.engagement.label for r in found if r.recent.flag == "over"),
        under=tuple(r.engagement.label for r in found if r.recent.flag == "under"),
    )


def flagged_decisions(db: Database, ids: Sequence[int], on: dt.date) -> int:
    """Decisions of these engagements with any review flag (the Decisions tab's flags)."""
    flags = " OR ".join(FLAG_SQL.values())
    params = flag_params(on)
    named = {f"e{i}": eid for i, eid in enumerate(ids)}
    marks = ", ".join(f":{key}" for key in named)
    sql = f"SELECT count(*) FROM decision d WHERE d.engagement_id IN ({marks}) AND ({flags})"
    row = db.execute(sql, {**params, **named}).fetchone()
    return int(row[0])


def milestones_due(db: Database, ids: Sequence[int], on: dt.date) -> int:
    """Open milestones due from today to 14 days ahead."""
    marks = ", ".join("?" for _ in ids)
    last = on + dt.timedelta(days=MILESTONES_DUE_DAYS)
    sql = (
        f"SELECT count(*) FROM milestone WHERE engagement_id IN ({marks}) AND {OPEN_MILESTONE} "
        "AND due_date BETWEEN ? AND ?"
    )
    row = db.execute(sql, [*ids, on.isoformat(), last.isoformat()]).fetchone()
    return int(row[0])
