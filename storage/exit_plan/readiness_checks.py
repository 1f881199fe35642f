"""The exit-readiness checks: each one indexed query, a pass or fail, a detail in plain words,
and a target (kind, id) that tells the screen where the failure is.

Target kinds: "engagement" (its record), "milestone", "responsibility", "decision", "access"
(an access item), and "time" (the engagement's time, id = engagement id).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from sqlite_utils import Database

from storage.decisions import records as decisions
from storage.decisions.records import Decision, ReviewFlags
from storage.practice import calendar, commitments
from storage.practice.engagements import Engagement, ended_by
from storage.rules.months import add_months
from storage.time import time_entries

PROPOSAL_MAX_AGE_DAYS = decisions.STALE_PROPOSED_DAYS
TIME_LOW, TIME_HIGH = 0.5, 1.1  # logged time within 50%-110% of the commitment
TENURE_MONTHS = 18  # good engagements end within 12-18 months; past that, a dependency
# A duty that makes its successor the client's technical owner: who owns production.
TECHNICAL_DUTY = re.compile(
    r"\b(production|technical (owner|ownership|lead|leadership)|tech lead|cto"
    r"|head of (engineering|technology)|engineering lead)\b",
    re.IGNORECASE,
)
# A successor that is not one named person: a group, two people or a placeholder.
NOT_ONE_PERSON = re.compile(r"[,/;&+]|\b(and|or|team|tbd|tbc|everyone|all)\b", re.IGNORECASE)


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
    """The last four weeks (`calendar.recent_window`, as the Time and Portfolio tabs read
    them), up to today or the day it ended, against the commitment periods in force on those
    days, pro rata: a planned taper lowers what is expected, so it passes."""
    e = ctx.engagement
    start, end = calendar.recent_window(calendar.judged_day(e, ctx.as_of))
    label = "Time in the last four weeks within the commitment"
    if max(start, e.start_date) > end:
        return Check("time_within_commitment", label, True, "The engagement has not started yet")
    totals = time_entries.bucket_minutes(ctx.db, start, end, [ctx.engagement_id])
    logged = sum(totals.get(ctx.engagement_id, {}).values())
    history = commitments.of(ctx.db, e)
    expected = calendar.minutes(e, history, start, end, ctx.as_of)
    low, high = round(expected * TIME_LOW), round(expected * TIME_HIGH)
    passed = low <= logged <= high
    latest = commitments.in_force(history, end)
    since = (
        f", {latest.days_per_week:g} days a week since {_day(latest.starts_on)}"
        if latest is not history[0]
        else ""
    )
    detail = (
        f"{logged / 60:.0f} h logged against {expected / 60:.0f} h committed{since} "
        f"(within {TIME_LOW:.0%}-{TIME_HIGH:.0%} passes)"
    )
    return Check(
        "time_within_commitment", label, passed, detail, "" if passed else "time",
        0 if passed else ctx.engagement_id,
    )  # fmt: skip


def _whole_months(start: dt.date, day: dt.date) -> int:
    months = (day.year - start.year) * 12 + day.month - start.month
    return months - 1 if add_months(start, months) > day else months


def tenure(ctx: Context) -> Check:
    """Past 18 months (so far, or by the planned end) the consultant may have become a
    dependency: good engagements end within 12-18 months."""
    e = ctx.engagement
    label = f"Within {TENURE_MONTHS} months"
    limit = add_months(e.start_date, TENURE_MONTHS)
    last = calendar.judged_day(e, ctx.as_of)
    so_far = max(_whole_months(e.start_date, last), 0)
    planned = e.planned_end_date if ended_by(e) is None else None
    if last > limit:
        detail = (
            f"{so_far} months in: past {TENURE_MONTHS}, ask whether the team has come to "
            "depend on you"
        )
    elif planned is not None and planned > limit:
        months = _whole_months(e.start_date, planned)
        detail = f"Planned to run {months} months: past {TENURE_MONTHS}, plan the exit sooner"
    else:
        end = f", planned end {_day(planned)}" if planned else ""
        detail = f"{_plural(so_far, 'month')} in{end} (good engagements end within 12-18)"
        return Check("tenure", label, True, detail)
    return Check("tenure", label, False, detail, "engagement", ctx.engagement_id)


def technical_owner(ctx: Context) -> Check:
    """One named person owns production: every responsibility whose duty is technical ownership
    (production, technical lead, CTO, head of engineering…) has the same single successor, not
    a group, and that person owns it (the last handover stage)."""
    label = "One named technical owner"
    found = ctx.db.execute(
        "SELECT id, duty, successor, stage FROM responsibility WHERE engagement_id = ? "
        "ORDER BY position, id",
        [ctx.engagement_id],
    ).fetchall()
    duties = [row for row in found if TECHNICAL_DUTY.search(row[1])]
    if not duties:
        detail = (
            "No responsibility says who owns production: add one such as "
            "“Technical ownership of production” with its successor"
        )
        return Check("technical_owner", label, False, detail, critical=True)
    for rid, duty, successor, stage in duties:
        problem = _not_one_owner(duty, successor, stage)
        if problem:
            return Check("technical_owner", label, False, problem, "responsibility", rid, True)
    people = {" ".join(row[2].split()).casefold() for row in duties}
    if len(people) > 1:
        names = " and ".join(sorted({row[2] for row in duties}))
        detail = f"Production is split between {names}: name one technical owner"
        return Check("technical_owner", label, False, detail, "responsibility", duties[1][0], True)
    detail = f"{duties[0][2]} owns production (“{duties[0][1]}”)"
    return Check("technical_owner", label, True, detail, critical=True)


def _not_one_owner(duty: str, successor: str, stage: str) -> str:
    """What stops this technical duty's successor being the one owner, or ""."""
    if not successor.strip():
        return f"“{duty}” has no successor: name the person who will own it"
    if NOT_ONE_PERSON.search(successor):
        return f"“{duty}” goes to “{successor}”: name one person"
    if stage != "owns":
        return f"{successor} does not own “{duty}” yet"
    return ""


def access_handed_over(ctx: Context) -> Check:
    """Every access the consultant holds is handed over (transferred or closed): an exit
    with the consultant still holding the keys is not an exit. Names the systems still held."""
    label = "Every access handed over"
    found = ctx.db.execute(
        "SELECT id, system FROM access_item WHERE engagement_id = ? AND done = 0 "
        "ORDER BY position, id",
        [ctx.engagement_id],
    ).fetchall()
    if not found:
        return Check("access_handed_over", label, True, "No access is still held", critical=True)
    names = ", ".join(system for _, system in found)
    detail = f"{_plural(len(found), 'access', 'accesses')} not handed over: {names}"
    return Check("access_handed_over", label, False, detail, "access", found[0][0], True)


CHECKS: tuple[Callable[[Context], Check], ...] = (
    planned_end_date,
    owners,
    no_overdue_milestone,
    decision_owners,
    decisions_reviewed,
    proposals_decided,
    time_within_commitment,
    tenure,
    technical_owner,
    access_handed_over,
)
