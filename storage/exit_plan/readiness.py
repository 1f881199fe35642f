"""The exit-readiness review: a score, a verdict, and checks that each point at what fails.

The score (0-100) is 50% the weighted share of done milestones (dropped ones left out), 30% the
share of responsibilities the successor owns, and 20% the share of checks passed. An engagement
with no milestones or no responsibilities scores 0 on that part: nothing planned is not readiness.

Verdict: "ready" at READY_AT or more with no critical check failing; "nearly ready" at
NEARLY_READY_AT or more (or a ready score held back by a critical check); otherwise "not ready".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from storage.exit_plan.readiness_checks import CHECKS, Check, Context
from storage.practice import engagements
from storage.practice.engagements import Engagement
from storage.rules import clock

READY_AT = 80
NEARLY_READY_AT = 60
MILESTONE_POINTS, RESPONSIBILITY_POINTS, CHECK_POINTS = 50, 30, 20
VERDICTS = ("ready", "nearly ready", "not ready")
THRESHOLDS_TEXT = (
    f"Ready: {READY_AT} or more with no critical check failing · "
    f"Nearly ready: {NEARLY_READY_AT} or more · Not ready: below {NEARLY_READY_AT}"
)
SCORE_TEXT = (
    f"Score: {MILESTONE_POINTS}% milestones done, by weight (dropped ones not counted), "
    f"{RESPONSIBILITY_POINTS}% responsibilities the successor owns, {CHECK_POINTS}% checks passed"
)


@dataclass(frozen=True)
class Review:
    engagement_id: int
    as_of: dt.date
    score: int
    verdict: str
    checks: tuple[Check, ...]
    milestone_share: float
    responsibility_share: float
    days_left: int | None
    projected_finish: dt.date | None
    milestones_done: int = 0
    milestones_counted: int = 0

    @property
    def failing(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.passed)

    @property
    def ready(self) -> bool:
        return self.verdict == "ready"

    def as_json(self) -> dict[str, Any]:
        """The stable shape of `fractional-desk exit review --format json`: never rename keys."""
        return {
            "engagement_id": self.engagement_id,
            "score": self.score,
            "verdict": self.verdict,
            "checks": [
                {"name": c.name, "passed": c.passed, "detail": c.detail} for c in self.checks
            ],
            "days_left": self.days_left,
            "projected_finish": self.projected_finish.isoformat()
            if self.projected_finish
            else None,
        }


def verdict_for(score: int, *, critical_failed: bool = False) -> str:
    if score >= READY_AT and not critical_failed:
        return "ready"
    if score >= NEARLY_READY_AT:
        return "nearly ready"
    return "not ready"


def review(db: Database, engagement_id: int, *, on: dt.date | None = None) -> Review:
    """Review one engagement as of `on` (today): a handful of indexed queries, nothing more."""
    engagement = engagements.get(db, engagement_id)
    as_of = on or clock.today()
    done_weight, total_weight, done, counted, last_done = _milestone_progress(db, engagement_id)
    owned, duties = _responsibility_progress(db, engagement_id)
    context = Context(db, engagement, as_of)
    checks = tuple(check(context) for check in CHECKS)
    milestone_share = done_weight / total_weight if total_weight else 0.0
    responsibility_share = owned / duties if duties else 0.0
    check_share = sum(c.passed for c in checks) / len(checks)
    score = round(
        MILESTONE_POINTS * milestone_share
        + RESPONSIBILITY_POINTS * responsibility_share
        + CHECK_POINTS * check_share
    )
    critical_failed = any(c.critical and not c.passed for c in checks)
    return Review(
        engagement_id=engagement_id,
        as_of=as_of,
        score=score,
        verdict=verdict_for(score, critical_failed=critical_failed),
        checks=checks,
        milestone_share=milestone_share,
        responsibility_share=responsibility_share,
        days_left=days_left(engagement, as_of),
        projected_finish=projected_finish(
            engagement.start_date, as_of, done_weight, total_weight, last_done
        ),
        milestones_done=done,
        milestones_counted=counted,
    )


def _milestone_progress(
    db: Database, engagement_id: int
) -> tuple[int, int, int, int, dt.date | None]:
    """(done weight, total weight, done count, counted, last done date), dropped left out."""
    row = db.execute(
        """
        SELECT coalesce(sum(CASE WHEN status = 'done' THEN weight END), 0),
               coalesce(sum(weight), 0),
               count(CASE WHEN status = 'done' THEN 1 END),
               count(*),
               max(CASE WHEN status = 'done' THEN done_date END)
        FROM milestone WHERE engagement_id = ? AND status != 'dropped'
        """,
        [engagement_id],
    ).fetchone()
    last_done = dt.date.fromisoformat(row[4]) if row[4] else None
    return int(row[0]), int(row[1]), int(row[2]), int(row[3]), last_done


def _responsibility_progress(db: Database, engagement_id: int) -> tuple[int, int]:
    row = db.execute(
        "SELECT count(CASE WHEN stage = 'owns' THEN 1 END), count(*) "
        "FROM responsibility WHERE engagement_id = ?",
        [engagement_id],
    ).fetchone()
    return int(row[0]), int(row[1])


def days_left(engagement: Engagement, as_of: dt.date) -> int | None:
    """Days from `as_of` to the planned end (negative once it has passed); None without one."""
    if engagement.planned_end_date is None:
        return None
    return (engagement.planned_end_date - as_of).days


def projected_finish(
    start: dt.date,
    as_of: dt.date,
    done_weight: int,
    total_weight: int,
    last_done: dt.date | None = None,
) -> dt.date | None:
    """When the plan finishes at the pace so far: linear over weight from the engagement start.

    None when nothing is done yet (there is no pace); the last done date when everything is.
    """
    if done_weight <= 0 or total_weight <= 0:
        return None
    if done_weight >= total_weight:
        return last_done or as_of
    elapsed = max((as_of - start).days, 1)
    return start + dt.timedelta(days=round(elapsed * total_weight / done_weight))
