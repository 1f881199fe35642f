"""The main engagement's weekly updates: three weeks sent (each kept with its Friday), asks made
last week and answered since, and this week's records filling every section of the draft.

Written through the storage API (what the consultant would do in the app), after the time,
decisions and exit plan the draft reads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlite_utils import Database

from storage.decisions import records as decisions
from storage.exit_plan import milestones, risks
from storage.practice import deliverables
from storage.practice.engagements import Engagement
from storage.rules.weeks import Week, week_of
from storage.time import time_entries
from storage.updates import draft, sent, text

SENT_WEEKS = 3
LAST_WEEK_ASK = "The board deck's technology slides by Thursday"
THIS_WEEK_ASK = "Sign-off on the senior engineer offer level"


def populate(db: Database, engagements: list[Engagement], *, as_of: dt.date, **_: object) -> None:
    """The main engagement (the first one under way) gets its update history."""
    main = next((e for e in engagements if e.status == "active" and e.id), None)
    if main is None:
        return
    eid = main.id or 0
    this_week = week_of(as_of)
    last_week = this_week.shifted(-1)
    _log(db, eid, _quiet_day(db, last_week, as_of), LAST_WEEK_ASK)
    asked = _decision(db, eid, "Adopt a managed vector database", last_week.start)
    for back in range(SENT_WEEKS, 0, -1):
        week = this_week.shifted(-back)
        update = draft.draft(db, eid, week)
        sent.keep(db, update, text.markdown(update), _friday(week))
    _decide(db, asked, "accepted", this_week.start)
    _this_week(db, main, this_week, as_of)


def _quiet_day(db: Database, week: Week, as_of: dt.date) -> dt.date:
    """The weekday of `week` up to `as_of` with the least time logged: an ask of half an hour
    keeps the sample's days within a working day."""
    days = [d for d in week.days if d <= as_of and d.weekday() < 5] or [week.start]
    return min(days, key=lambda d: (time_entries.day_minutes(db, d), d))


def _friday(week: Week) -> dt.date:
    return next((d for d in reversed(week.days) if d.weekday() == 4), week.end)


def _log(db: Database, eid: int, day: dt.date, note: str) -> None:
    entry = time_entries.TimeEntry(eid, day, "leadership", 30, note, ask=True)
    time_entries.add(db, dataclasses.replace(entry, created_at=f"{day.isoformat()}T17:00:00+00:00"))


def _decision(
    db: Database, eid: int, title: str, day: dt.date, review_by: dt.date | None = None
) -> decisions.Decision:
    category = "hiring_team" if review_by else "vendor"
    proposed = decisions.Decision(eid, title, day, category, review_by=review_by, ask=True)
    made = decisions.add(db, proposed)
    db.execute(
        "UPDATE decision_status_change SET changed_on = ? WHERE decision_id = ?",
        [day.isoformat(), made.id],
    )
    return made


def _decide(db: Database, d: decisions.Decision, status: str, day: dt.date) -> None:
    outcome = "Managed service for the first year; revisit at 50 million vectors."
    decisions.update(db, dataclasses.replace(d, status=status, outcome=outcome))
    db.execute(
        "UPDATE decision_status_change SET changed_on = ? WHERE decision_id = ? AND status = ?",
        [day.isoformat(), d.id, status],
    )


def _this_week(db: Database, main: Engagement, week: Week, as_of: dt.date) -> None:
    eid = main.id or 0
    day = max(week.start, min(as_of, week.start + dt.timedelta(days=2)))
    _log(db, eid, _quiet_day(db, week, as_of), THIS_WEEK_ASK)
    hire = "Hire a staff engineer before a second team lead"
    _decision(db, eid, hire, day, review_by=as_of + dt.timedelta(days=10))
    plan = deliverables.list_for(db, eid)
    extra = deliverables.Deliverable(
        eid,
        "Hiring plan for the senior engineering roles",
        "Roles, levels and interview loops the CEO signs off",
        due_on=as_of + dt.timedelta(days=9),
    )
    deliverables.replace_for(db, eid, [*plan[:-1], extra, *plan[-1:]])  # the handoff stays last
    late = milestones.Milestone(
        eid, "Internal technical lead named by the CEO", due_date=week.start - dt.timedelta(days=4),
        owner=_ceo(db, main), status="in_progress",
    )  # fmt: skip
    milestones.add(db, late)
    raised = risks.add(
        db,
        risks.Risk(
            eid, "The only engineer who knows the billing system has resigned", "high", "high",
            mitigation="Pair two engineers on billing before the notice period ends",
        ),
    )  # fmt: skip
    db.execute(
        "UPDATE risk SET created_at = ? WHERE id = ?",
        [f"{day.isoformat()}T10:00:00+00:00", raised.id],
    )


def _ceo(db: Database, main: Engagement) -> str:
    row = db.execute("SELECT contact_name FROM client WHERE id = ?", [main.client_id]).fetchone()
    return str(row[0]) if row and row[0] else "The client"
