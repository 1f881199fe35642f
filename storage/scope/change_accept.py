"""Accepting a change request changes the engagement, in one transaction.

Accepting writes, or writes nothing: the commitment periods for the extra days a week (the days
in force plus the extra, from the first day of the period to its last, then back to what was in
force), the deliverables added (in due-date order), the phases added or changed (a phase named like an existing one
replaces it), and the billing: on a retainer, its price is its own line on the next draft
invoice (the first month from the day it is accepted that the client has no invoice for in
that currency); on a fixed fee, an added instalment, due on the first day of that month, on a
line of its own; hourly and daily work is billed as it is worked. `issue` (the scope of work's
next version, written by the exporter) runs last, inside the same transaction: if it fails,
nothing is accepted. An ended engagement takes no change.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from storage.billing import instalments
from storage.billing.instalments import Instalment
from storage.file import rows
from storage.practice import commitments, deliverables, engagements, phases
from storage.practice.commitments import CommitmentPeriod
from storage.practice.deliverables import Deliverable
from storage.practice.engagements import Engagement
from storage.rules import clock
from storage.rules.errors import ValidationError
from storage.rules.months import Month, month_of
from storage.rules.vocabulary import DAYS_PER_WEEK
from storage.scope.change_requests import ChangeRequest, check_proposed, get

if TYPE_CHECKING:
    from sqlite_utils import Database

Issue = Callable[["Database", ChangeRequest], object]
LINE_MODELS = ("monthly_retainer", "fixed_fee")  # billed as a line of its own


def accept(
    db: Database, change_id: int, on: dt.date | None = None, issue: Issue | None = None
) -> ChangeRequest:
    """Accept a proposed change on `on` (today) and change the engagement with it."""
    day = on or clock.today()
    with db.atomic():
        c = get(db, change_id)
        check_proposed(c)
        e = engagements.get(db, c.engagement_id)
        _check_open(e, c)
        _commitment(db, e, c)
        _deliverables(db, e, c)
        _phases(db, e, c)
        month, instalment_id = _billing(db, e, c, day)
        rows.update(
            db,
            "change_request",
            change_id,
            {
                "status": "accepted",
                "status_on": day.isoformat(),
                "bill_month": month,
                "instalment_id": instalment_id,
            },
        )
        accepted = get(db, change_id)
        if issue is not None:
            issue(db, accepted)
    return accepted


def _check_open(e: Engagement, c: ChangeRequest) -> None:
    if engagements.ended_by(e) is not None:
        raise ValidationError(
            "engagement_id", f"{e.label} has ended: {c.label} cannot be accepted on it"
        )


def _commitment(db: Database, e: Engagement, c: ChangeRequest) -> None:
    if not (c.extra_days_per_week and c.period_from and c.period_to):
        return
    if c.period_from <= e.start_date:
        raise ValidationError(
            "period_from", f"must be after the engagement's start ({e.start_date.isoformat()})"
        )
    history = commitments.of(db, e)
    after = c.period_to + dt.timedelta(days=1)
    back = commitments.in_force(history, after)
    starts = [
        c.period_from,
        *(p.starts_on for p in history if c.period_from < p.starts_on <= c.period_to),
    ]
    for start in starts:
        was = commitments.in_force(history, start)
        days = was.days_per_week + c.extra_days_per_week
        if days > DAYS_PER_WEEK[1]:
            raise ValidationError(
                "extra_days_per_week",
                f"{was.days_per_week:g} + {c.extra_days_per_week:g} days a week is more than a "
                f"week holds ({DAYS_PER_WEEK[1]:g})",
            )
        commitments.write_period(db, CommitmentPeriod(e.id or 0, start, days, was.hours_per_day))
    if not any(p.starts_on == after for p in history):
        period = CommitmentPeriod(e.id or 0, after, back.days_per_week, back.hours_per_day)
        commitments.write_period(db, period)


def _deliverables(db: Database, e: Engagement, c: ChangeRequest) -> None:
    if not c.deliverables:
        return
    found = deliverables.list_for(db, e.id or 0)
    for d in c.deliverables:
        added = dataclasses.replace(d, engagement_id=e.id or 0, id=None)
        found.insert(_place(found, added), added)
    deliverables.replace_for(db, e.id or 0, found)


def _place(found: list[Deliverable], added: Deliverable) -> int:
    """Where an added deliverable goes: before the first due after it (the handoff stays
    last); at the end when it has no due date."""
    if added.due_on is None:
        return len(found)
    return next(
        (n for n, d in enumerate(found) if d.due_on is not None and d.due_on > added.due_on),
        len(found),
    )


def _phases(db: Database, e: Engagement, c: ChangeRequest) -> None:
    if not c.phases:
        return
    found = phases.list_for(db, e.id or 0)
    changed = {p.name.casefold(): p for p in c.phases}
    kept = [
        dataclasses.replace(changed.pop(p.name.casefold()), engagement_id=e.id or 0, id=None,
                            created_at=p.created_at)
        if p.name.casefold() in changed else p
        for p in found
    ]  # fmt: skip
    added = [dataclasses.replace(p, engagement_id=e.id or 0, id=None) for p in changed.values()]
    phases.replace_for(db, e.id or 0, [*kept, *added])


def next_unbilled_month(db: Database, e: Engagement, day: dt.date) -> Month:
    """The first month from `day` on that has no invoice (not void) for the client in the
    engagement's currency: the next draft invoice."""
    month = month_of(day)
    sql = (
        "SELECT 1 FROM invoice WHERE client_id = ? AND month = ? AND currency = ? "
        "AND status != 'void'"
    )
    while db.execute(sql, [e.client_id, month.label, e.currency]).fetchone():
        month = month_of(month.end + dt.timedelta(days=1))
    return month


def _billing(
    db: Database, e: Engagement, c: ChangeRequest, day: dt.date
) -> tuple[str | None, int | None]:
    if e.billing_model not in LINE_MODELS or c.price_minor <= 0:
        return None, None
    month = next_unbilled_month(db, e, day)
    if e.billing_model != "fixed_fee":
        return month.label, None
    item = Instalment(e.id or 0, month.start, c.price_minor, c.label[:200])
    row = instalments.validate(item)
    return month.label, rows.insert(db, "instalment", row)
