"""A retainer's month as consultants sell it: the hours it includes, the unused hours rolled
over from the month before (up to the engagement's limit), and the overage beyond both, billed
at the overage rate on the month's invoice as a line of its own.

The rollover runs from the engagement's first month, so a month's figures never depend on which
month was looked at first: unused hours carry at most one month (a rule "up to N hours into
the next month"), and a month with overage carries nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from storage.billing.month_amounts import hourly
from storage.practice.engagements import Engagement
from storage.rules.months import Month, month_of


@dataclass(frozen=True)
class RetainerUse:
    used_minutes: int
    included_minutes: int
    rolled_over_minutes: int  # unused minutes of the month before, available this month
    overage_minutes: int
    overage_minor: int  # what the overage bills (0 without an overage rate)

    @property
    def carried_minutes(self) -> int:
        """Unused minutes of this month (before the rollover limit)."""
        return max(self.included_minutes + self.rolled_over_minutes - self.used_minutes, 0)


def applies(e: Engagement) -> bool:
    return e.billing_model == "monthly_retainer" and e.included_minutes is not None


def minutes_by_month(db: Database, engagement_id: int, before: Month) -> dict[str, int]:
    """The engagement's minutes per month (`2026-11`) before `before`."""
    sql = (
        "SELECT substr(day, 1, 7), sum(minutes) FROM time_entry WHERE engagement_id = ? "
        "AND day < ? GROUP BY 1"
    )
    rows = db.execute(sql, [engagement_id, before.start.isoformat()]).fetchall()
    return {str(label): int(total) for label, total in rows}


def rolled_over(e: Engagement, earlier: dict[str, int], month: Month) -> int:
    """The unused minutes carried into `month`, month by month from the engagement's start."""
    included = e.included_minutes or 0
    if not e.rollover_minutes:
        return 0
    carry, current = 0, month_of(e.start_date)
    while current.start < month.start:
        unused = max(included + carry - earlier.get(current.label, 0), 0)
        carry = min(unused, e.rollover_minutes)
        current = month_of(current.end + dt.timedelta(days=1))
    return carry


def use(db: Database, e: Engagement, month: Month, used_minutes: int) -> RetainerUse | None:
    """The retainer's month, or None when the engagement sets no included hours."""
    if not applies(e):
        return None
    included = e.included_minutes or 0
    carried = rolled_over(e, minutes_by_month(db, e.id or 0, month), month)
    over = max(used_minutes - included - carried, 0)
    billed = hourly(e.overage_rate_minor, over) if e.overage_rate_minor else 0
    return RetainerUse(used_minutes, included, carried, over, billed)
