"""A calendar month per client and engagement: time, days, commitment and what it bills.

`report(...)` is the data behind `fractional-desk report month`; its JSON shape is stable. The
time is one SQL aggregate over the day index (`time_entry_day`, covering); the commitment is the
commitment periods in force on each day of the month inside the engagement's dates (the whole
month, also for the month under way: it is what the month will bill). Amounts follow
`storage.billing.month_amounts`; money is summed per currency and never across currencies.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from sqlite_utils import Database

from storage.billing import change_lines, instalments, retainer
from storage.billing.instalments import Instalment
from storage.billing.month_amounts import Billing, bill, half_up
from storage.billing.retainer import RetainerUse
from storage.billing.tax import TaxTreatment, tax_treatment
from storage.practice import calendar, clients, commitments, engagements, settings
from storage.practice.commitments import CommitmentPeriod
from storage.practice.engagements import Engagement
from storage.rules import clock
from storage.rules.money import Money, totals_by_currency
from storage.rules.months import Month
from storage.rules.vocabulary import BUCKETS
from storage.time.time_entries import week_cells

BILLED_STATUSES = ("active", "exiting", "ended")  # a proposal bills nothing until it has time
DayMinutes = dict[int, dict[dt.date, int]]


@dataclass(frozen=True)
class MonthLine:
    """One engagement's month."""

    engagement: Engagement
    minutes: dict[str, int]  # per bucket
    days_worked: int  # days with any time
    day_equivalents: Fraction  # each day's hours ÷ the hours a day in force that day
    committed_minutes: int
    committed_days: float
    covered_days: int  # days of the month inside the engagement's dates
    billing: Billing
    instalments: tuple[Instalment, ...] = ()  # a fixed fee's instalments due in the month
    retainer: RetainerUse | None = None  # included hours, rollover and overage, when set
    changes_minor: int = 0  # a retainer's accepted change requests billed this month

    @property
    def total_minutes(self) -> int:
        return sum(self.minutes.values())

    @property
    def billed(self) -> Money:
        """What the month bills, in the engagement's currency (zero when nothing is billed)."""
        return Money(self.billing.amount_minor or 0, self.engagement.currency)

    @property
    def retainer_use_percent(self) -> int | None:
        """How much of a retainer's committed hours were used, in whole percent."""
        if self.engagement.billing_model != "monthly_retainer" or not self.committed_minutes:
            return None
        return half_up(Fraction(self.total_minutes * 100, self.committed_minutes))

    @property
    def flags(self) -> list[str]:
        """What to look at before billing: over the retainer's hours, more days worked than
        committed, time without a rate.

        Days are judged by day-equivalents (hours ÷ the hours a day), not by the days with any
        time: three short days of a one-day-a-week commitment are not three days worked."""
        e, found = self.engagement, []
        if self.retainer is not None:
            if self.retainer.overage_minutes:
                found.append("over_retainer")
        elif e.billing_model == "monthly_retainer" and self.total_minutes > self.committed_minutes:
            found.append("over_retainer")
        if self.day_equivalents > Fraction(self.committed_days) + Fraction(1, 10**6):
            found.append("days_over_commitment")
        if self.total_minutes and e.fee_minor <= 0:
            found.append("no_rate")
        return found


def month_engagements(db: Database, month: Month, with_time: Iterable[int]) -> list[Engagement]:
    """Engagements with time in the month, and those under way or ended whose dates reach it."""
    ids = set(with_time)
    found = [
        e
        for e in engagements.list_all(db)
        if e.id in ids or (e.status in BILLED_STATUSES and _reaches(e, month))
    ]
    return sorted(found, key=lambda e: (e.client_name.casefold(), e.title.casefold(), e.id or 0))


def _reaches(e: Engagement, month: Month) -> bool:
    return calendar.span(e, month.start, month.end, clock.today()) is not None


def day_minutes(db: Database, month: Month) -> tuple[dict[int, dict[str, int]], DayMinutes]:
    """Minutes per engagement and bucket, and per engagement and day, from one aggregate."""
    buckets: dict[int, dict[str, int]] = {}
    days: DayMinutes = {}
    for (eid, bucket, day), cell in week_cells(db, month.start, month.end).items():
        per_bucket = buckets.setdefault(eid, dict.fromkeys(BUCKETS, 0))
        per_bucket[bucket] += cell.minutes
        per_day = days.setdefault(eid, {})
        per_day[day] = per_day.get(day, 0) + cell.minutes
    return buckets, days


def day_equivalents(history: Sequence[CommitmentPeriod], per_day: dict[dt.date, int]) -> Fraction:
    """Each day's minutes ÷ the minutes of a day of the commitment in force that day, exactly."""
    total = Fraction(0)
    for day, minutes in per_day.items():
        hours = Fraction(str(commitments.in_force(history, day).hours_per_day))
        total += Fraction(minutes) / (hours * 60)
    return total


def lines(db: Database, month: Month, client_id: int | None = None) -> list[MonthLine]:
    """The month's lines by client and title (one client's when `client_id` is given)."""
    buckets, days = day_minutes(db, month)
    stored = commitments.periods_by_engagement(db)
    due = instalments.due_in(db, month)
    shown = month_engagements(db, month, [*buckets, *due])
    if client_id is not None:
        shown = [e for e in shown if e.client_id == client_id]
    found = [
        _line(e, month, buckets.get(e.id or 0), days.get(e.id or 0, {}),
              commitments.history(stored, e), tuple(due.get(e.id or 0, ())))
        for e in shown
    ]  # fmt: skip
    found = [_with_retainer(db, month, x) if retainer.applies(x.engagement) else x for x in found]
    prices = change_lines.retainer_prices(db, month)
    return [_with_changes(x, prices.get(x.engagement.id or 0, 0)) for x in found]


def _with_changes(line: MonthLine, price_minor: int) -> MonthLine:
    """A retainer's accepted change requests billed this month, added to what it bills (the
    draft invoice shows each on a line of its own)."""
    amount = line.billing.amount_minor
    if not price_minor or amount is None:
        return line
    billing = Billing(amount + price_minor, line.billing.note)
    return dataclasses.replace(line, billing=billing, changes_minor=price_minor)


def _with_retainer(db: Database, month: Month, line: MonthLine) -> MonthLine:
    """A retainer with included hours: its use of them, and the overage added to what it bills."""
    found = retainer.use(db, line.engagement, month, line.total_minutes)
    amount = line.billing.amount_minor
    if found is None or amount is None:
        return dataclasses.replace(line, retainer=found)
    billing = Billing(amount + found.overage_minor, line.billing.note)
    return dataclasses.replace(line, billing=billing, retainer=found)


def _line(
    e: Engagement,
    month: Month,
    minutes: dict[str, int] | None,
    per_day: dict[dt.date, int],
    history: Sequence[CommitmentPeriod],
    due: tuple[Instalment, ...] = (),
) -> MonthLine:
    today = clock.today()
    covered = calendar.covered_days(e, month.start, month.end, today)
    logged = minutes or dict.fromkeys(BUCKETS, 0)
    equivalents = day_equivalents(history, per_day)
    billing = bill(
        e.billing_model,
        e.fee_minor,
        sum(logged.values()),
        equivalents,
        (covered, month.length),
        instalments.total(due) if e.billing_model == "fixed_fee" else 0,
    )
    return MonthLine(
        e,
        logged,
        len(per_day),
        equivalents,
        calendar.minutes(e, history, month.start, month.end, today),
        calendar.days(e, history, month.start, month.end, today),
        covered,
        billing,
        due,
    )


def totals(found: Iterable[MonthLine]) -> dict[str, dict[str, int]]:
    """Minutes and amounts per currency, by currency code; never one sum across currencies."""
    found = list(found)
    return {
        currency: {
            "total_minutes": sum(x.total_minutes for x in found if x.billed.currency == currency),
            "amount_minor": amount.minor,
        }
        for currency, amount in totals_by_currency(x.billed for x in found).items()
    }


def report(db: Database, month: Month, client_id: int | None = None) -> dict[str, Any]:
    """`report month --format json`: the stable shape documented in the README."""
    found = lines(db, month, client_id)
    by_client: dict[int, list[MonthLine]] = {}
    for line in found:
        by_client.setdefault(line.engagement.client_id, []).append(line)
    profile = settings.load_profile(db)
    return {
        "month": month.label,
        "start": month.start.isoformat(),
        "end": month.end.isoformat(),
        "clients": [
            _client_json(cid, client_lines, tax_treatment(clients.get(db, cid), profile))
            for cid, client_lines in by_client.items()
        ],
        "totals": totals(found),
    }


def _client_json(client_id: int, found: list[MonthLine], tax: TaxTreatment) -> dict[str, Any]:
    return {
        "id": client_id,
        "name": found[0].engagement.client_name,
        "engagements": [line_json(line) for line in found],
        "totals": totals(found),
        "tax": {"kind": tax.kind, "rate_bp": tax.rate_bp, "note": tax.note},
    }


def line_json(line: MonthLine) -> dict[str, Any]:
    e = line.engagement
    return {
        "id": e.id,
        "title": e.title,
        "billing_model": e.billing_model,
        "currency": e.currency,
        "rate_minor": e.fee_minor,
        "minutes": dict(line.minutes),
        "total_minutes": line.total_minutes,
        "days_worked": line.days_worked,
        "day_equivalents": round(float(line.day_equivalents), 2),
        "committed_minutes": line.committed_minutes,
        "committed_days": round(line.committed_days, 2),
        "amount_minor": line.billing.amount_minor,
        "retainer_use_percent": line.retainer_use_percent,
        "note": line.billing.note,
        "flags": line.flags,
        "retainer": dataclasses.asdict(line.retainer) if line.retainer else None,
    }
