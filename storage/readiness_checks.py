"""The exit-readiness checks: each one indexed query, a pass or fail, a detail in plain words,
and a target (kind, id) that tells the screen where the failure is.

Target kinds: "engagement" (its record), "milestone", "responsibility", "decision", and "time"
(the engagement's time, id = engagement id).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from sqlite_utils import Database

from storage import commitments, decisions, time_entries
from storage.decisions import Decision, ReviewFlags
from storage.engagements import Engagement

PROPOSAL_MAX_AGE_DAYS = decisions.STALE_PROPOSED_DAYS
TIME_WINDOW_DAYS = 28  # the last four weeks
TIME_LOW, TIME_HIGH = 0.5, 1.1  # logged time within 50%-110% of the commitment


@dataclass(frozen=True)
class Check:
    name: str  # stable identifier (the CLI's JSON)
    label: str  # what the screen says
    passed: bool
    detail: str
    target_kind: str = ""
    target_id: int = 0
    critical: bool = False


@dataclass(frozen=True)
class Context:
    db: Database
    engagement: Engagement
    as_of: dt.date

    @property
    def engagement_id(self) -> int:
        return int(self.engagement.id or 0)

    @cached_property
    def has_milestones(self) -> bool:
        """An exit plan exists: without one, the milestone checks fail rather than pass empty."""
        found = self.db.execute(
            "SELECT 1 FROM milestone WHERE engagement_id = ? AND status != 'dropped' LIMIT 1",
            [self.engagement_id],
        ).fetchone()
        return found is not None

    @cached_property
    def decision_flags(self) -> ReviewFlags:
        """The decision log's own review flags (one query each), shared by three checks."""
        return decisions.review_flags(self.db, self.engagement_id, self.as_of)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _day(day: dt.date | str) -> str:
    value = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return f"{value.day} {value:%b %Y}"


def planned_end_date(ctx: Context) -> Check:
    end = ctx.engagement.planned_end_date
    detail = (
        f"Planned end: {_day(end)}" if end else "No planned end date: set one on the engagement"
    )
    return Check(
        "planned_end_date", "Planned end date set", end is not None, detail,
        "engagement", ctx.engagement_id,
    )  # fmt: skip


NO_PLAN = "No exit milestones yet: add the standard exit plan"


def owners(ctx: Context) -> Check:
    label = "Every milestone and responsibility has an owner"
    if not ctx.has_milestones:
        return Check("owners", label, False, NO_PLAN, critical=True)
    found = ctx.db.execute(
        """
        SELECT 'milestone', id, position FROM milestone
         WHERE engagement_id = :e AND trim(owner) = '' AND status != 'dropped'
        UNION ALL
        SELECT 'responsibility', id, 1000000 + position FROM responsibility
         WHERE engagement_id = :e AND trim(successor) = ''
        ORDER BY 3
        """,
        {"e": ctx.engagement_id},
    ).fetchall()
    milestones = sum(1 for kind, _, _ in found if kind == "milestone")
    duties = len(found) - milestones
    parts = [
        _plural(milestones, "milestone") + " without an owner" if milestones else "",
        _plural(duties, "responsibility", "responsibilities") + " without a successor"
        if duties
        else "",
    ]
    detail = "; ".join(p for p in parts if p) or "Every milestone and responsibility has an owner"
    kind, target = (found[0][0], found[0][1]) if found else ("", 0)
    return Check(
        "owners", "Every milestone and responsibility has an owner", not found, detail,
        kind, target, critical=True,
    )  # fmt: skip


def no_overdue_milestone(ctx: Context) -> Check:
    if not ctx.has_milestones:
        return Check("no_overdue_milestone", "No overdue milestone", False, NO_PLAN)
    found = ctx.db.execute(
        "SELECT id, title, due_date FROM milestone WHERE engagement_id = ? AND due_date < ? "
        "AND status NOT IN ('done', 'dropped') ORDER BY due_date, position",
        [ctx.engagement_id, ctx.as_of.isoformat()],
    ).fetchall()
    if not found:
        return Check("no_overdue_milestone", "No overdue milestone", True, "Nothing is late")
    first_id, title, due = found[0]
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    return Check(
        "no_overdue_milestone", "No overdue milestone", False,
        f"“{title}” was due {_day(due)}{more}", "milestone", first_id,
    )  # fmt: skip


def _decision_check(
    name: str, label: str, found: list[Decision], problem: str, ok: str, *, critical: bool = False
) -> Check:
    if not found:
        return Check(name, label, True, ok)
    first = found[0]
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    detail = f"Decision {first.number_label} “{first.title}” {problem}{more}"
    return Check(name, label, False, detail, "decision", int(first.id or 0), critical=critical)


def decision_owners(ctx: Context) -> Check:
    return _decision_check(
        "decision_owners", "Every accepted decision has an owner",
        ctx.decision_flags.accepted_without_owner, "has no client-side owner",
        "Every accepted decision has an owner", critical=True,
    )  # fmt: skip


def decisions_reviewed(ctx: Context) -> Check:
    return _decision_check(
        "decisions_reviewed", "No decision past its review date", ctx.decision_flags.overdue,
        "is past its review date", "No decision is past its review date",
    )  # fmt: skip


def proposals_decided(ctx: Context) -> Check:
    return _decision_check(
        "proposals_decided", f"No proposed decision older than {PROPOSAL_MAX_AGE_DAYS} days",
        ctx.decision_flags.stale_proposed,
        f"has been proposed for more than {PROPOSAL_MAX_AGE_DAYS} days",
        f"No proposal is waiting more than {PROPOSAL_MAX_AGE_DAYS} days",
    )  # fmt: skip


def time_within_commitment(ctx: Context) -> Check:
    """The last four weeks (up to the end, once ended) against the commitment, pro rata."""
    e = ctx.engagement
    end = min(ctx.as_of, e.ended_on) if e.ended_on else ctx.as_of
    start = max(end - dt.timedelta(days=TIME_WINDOW_DAYS - 1), e.start_date)
    label = "Time in the last four weeks within the commitment"
    if start > end:
        return Check("time_within_commitment", label, True, "The engagement has not started yet")
    totals = time_entries.bucket_minutes(ctx.db, start, end, [ctx.engagement_id])
    logged = sum(totals.get(ctx.engagement_id, {}).values())
    expected = commitments.minutes_between(commitments.of(ctx.db, e), start, end)
    low, high = round(expected * TIME_LOW), round(expected * TIME_HIGH)
    passed = low <= logged <= high
    detail = (
        f"{logged / 60:.0f} h logged against {expected / 60:.0f} h committed "
        f"(within {TIME_LOW:.0%}-{TIME_HIGH:.0%} passes)"
    )
    return Check(
        "time_within_commitment", label, passed, detail, "" if passed else "time",
        0 if passed else ctx.engagement_id,
    )  # fmt: skip


CHECKS: tuple[Callable[[Context], Check], ...] = (
    planned_end_date,
    owners,
    no_overdue_milestone,
    decision_owners,
    decisions_reviewed,
    proposals_decided,
    time_within_commitment,
)
