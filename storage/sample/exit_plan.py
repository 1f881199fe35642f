"""Sample exit plans: milestones, responsibilities, the handoff's risks, recommendations and
access inventory, and review snapshots at every stage.

How far each plan has got follows the engagement: ended ones are handed over, the exiting one is
nearly ready to end, the one started two weeks ago has only just begun, proposals have nothing yet.
Everything is validated by the storage modules and written in one transaction.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from storage.exit_plan import milestones, readiness, readiness_snapshots, responsibilities
from storage.exit_plan.milestones import STANDARD_EXIT_PLAN, Milestone
from storage.exit_plan.readiness import Review
from storage.exit_plan.readiness_checks import Check
from storage.exit_plan.readiness_snapshots import Snapshot
from storage.exit_plan.responsibilities import STAGES, Responsibility
from storage.practice.calendar import judged_day
from storage.practice.engagements import Engagement
from storage.rules.clock import now_iso
from storage.sample import handoff
from storage.sample.clients import people_of

if TYPE_CHECKING:
    from sqlite_utils import Database

DUTIES = (
    "Architecture review",
    "Hiring loop",
    "Vendor management",
    "Board technical updates",
    "Incident review",
    "AI evaluation and cost controls",
)
SNAPSHOT_MONTHS = (1, 3, 6, 9, 12, 15)


def populate(
    db: Database, rng: random.Random, engagements: list[Engagement], *, as_of: dt.date, **_: object
) -> None:
    """Milestones, responsibilities and snapshots for every engagement past the proposal; a
    proposal has the standard exit plan as its exit criteria (the exit is defined from the
    start, in the scope of work the client signs)."""
    started = [e for e in engagements if e.status != "proposed"]
    with db.atomic():
        for proposal in (e for e in engagements if e.status == "proposed"):
            milestones.add_standard_exit_plan(db, proposal.id or 0)
        for engagement in started:
            progress = _progress(engagement, as_of)
            _insert_milestones(db, rng, engagement, progress, as_of)
            _insert_responsibilities(db, rng, engagement, progress)
            handoff.insert(db, engagement, progress)
        snapshots = [s for e in started for s in _snapshots(db, rng, e, as_of)]
        readiness_snapshots.insert_many(db, snapshots)


def _progress(e: Engagement, as_of: dt.date) -> float:
    """How far the exit plan has got, 0 to 1."""
    if e.status == "ended":
        return 1.0
    if e.status == "exiting":
        return 0.85
    end = e.planned_end_date or e.start_date + dt.timedelta(days=365)
    share = (as_of - e.start_date).days / max((end - e.start_date).days, 1)
    return min(max(share * 0.9, 0.0), 0.9)


def _insert_milestones(
    db: Database, rng: random.Random, e: Engagement, progress: float, as_of: dt.date
) -> None:
    plan = list(STANDARD_EXIT_PLAN)
    if rng.random() < 0.6:  # most plans leave one or two typical milestones out
        plan = [p for p in plan if p is not rng.choice(plan[1:-1])]
    dates = milestones.standard_plan_dates(e.start_date, e.planned_end_date, e.start_date)
    dates = [d for d, p in zip(dates, STANDARD_EXIT_PLAN, strict=True) if p in plan]
    done_count = round(len(plan) * progress)
    rows = []
    for position, ((title, weight, _), due) in enumerate(zip(plan, dates, strict=True)):
        status, done_on = _milestone_state(rng, position, done_count, due, as_of, e)
        unowned = e.status == "active" and rng.random() < 0.08  # the exiting one has owners
        owner = "" if unowned else rng.choice(people_of(e.client_name))
        m = Milestone(e.id or 0, title, "", due, status, owner, weight, done_on, position)
        rows.append(milestones.validate(m) | {"position": position, "created_at": now_iso()})
    _executemany(db, "milestone", rows)


def _milestone_state(
    rng: random.Random, position: int, done_count: int, due: dt.date, as_of: dt.date, e: Engagement
) -> tuple[str, dt.date | None]:
    if position < done_count:
        finished = min(due + dt.timedelta(days=rng.randint(-20, 10)), judged_day(e, as_of))
        return "done", max(finished, e.start_date)
    if e.status == "ended":
        return "dropped", None
    if position == done_count:
        return ("at_risk" if due < as_of else "in_progress"), None
    return "planned", None


def _insert_responsibilities(
    db: Database, rng: random.Random, e: Engagement, progress: float
) -> None:
    duties = rng.sample(DUTIES, k=rng.randint(3, 5))
    rows = []
    for position, duty in enumerate(duties):
        step = progress * len(STAGES) + rng.uniform(-0.8, 0.4)
        stage = STAGES[min(max(int(step), 0), len(STAGES) - 1)]
        successor = (
            ""
            if stage == "consultant" and rng.random() < 0.5
            else rng.choice(people_of(e.client_name))
        )
        r = Responsibility(e.id or 0, duty, successor, stage, position)
        values = responsibilities.validate(r) | {"position": position, "created_at": now_iso()}
        rows.append(values)
    _executemany(db, "responsibility", rows)


def _snapshots(db: Database, rng: random.Random, e: Engagement, as_of: dt.date) -> list[Snapshot]:
    """Reviews recorded around months 1, 3, 6, 9, 12 and 15, rising towards today's score."""
    last_day = judged_day(e, as_of)
    current = readiness.review(db, e.id or 0, on=last_day)
    days = [e.start_date + dt.timedelta(days=30 * m) for m in SNAPSHOT_MONTHS]
    days = [d for d in days if d < last_day] + [last_day]
    snapshots = []
    for index, day in enumerate(days):
        share = (index + 1) / len(days)
        score = current.score if day == last_day else round(current.score * share * 0.9)
        score = min(max(score + (rng.randint(-4, 4) if day != last_day else 0), 0), 100)
        failing = _failing_then(current, share) if day != last_day else _names(current.failing)
        verdict = current.verdict if day == last_day else readiness.verdict_for(score)
        snapshots.append(Snapshot(e.id or 0, day, score, verdict, failing))
    return snapshots


def _names(checks: tuple[Check, ...]) -> tuple[str, ...]:
    return tuple(c.name for c in checks)


def _failing_then(current: Review, share: float) -> tuple[str, ...]:
    """Earlier reviews failed what fails now, owners missing, and late milestones early on."""
    earlier = {"owners", *(["no_overdue_milestone"] if share < 0.5 else [])}
    return tuple(c.name for c in current.checks if not c.passed or c.name in earlier)


def _executemany(db: Database, table: str, rows: list[dict[str, object]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    db.conn.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) "
        f"VALUES ({', '.join(':' + c for c in columns)})",
        rows,
    )
