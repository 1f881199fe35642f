"""The fee arithmetic a scope of work prints: the term, the monthly and the total estimate."""

from __future__ import annotations

import datetime as dt

from storage.engagements import Engagement

WEEKS_PER_MONTH = 52 / 12
DAYS_PER_MONTH = 365.25 / 12
UNITS = {
    "hourly": "per hour",
    "daily": "per day",
    "monthly_retainer": "per month",
    "fixed_fee": "for the whole engagement",
}


def term_months(e: Engagement) -> float | None:
    """The planned term in months, or None when there is no planned end."""
    if e.planned_end_date is None:
        return None
    days = (e.planned_end_date - e.start_date).days + 1
    return max(days / DAYS_PER_MONTH, 0.0)


def monthly_minor(e: Engagement) -> int | None:
    """The estimated cost of an average month, in minor units; None when it cannot be known."""
    if not e.fee_minor:
        return None
    if e.billing_model == "hourly":
        return _whole(e.fee_minor * e.days_per_week * e.hours_per_day * WEEKS_PER_MONTH)
    if e.billing_model == "daily":
        return _whole(e.fee_minor * e.days_per_week * WEEKS_PER_MONTH)
    if e.billing_model == "monthly_retainer":
        return e.fee_minor
    months = term_months(e)
    return _whole(e.fee_minor / months) if months else None


def total_minor(e: Engagement) -> int | None:
    """The estimated cost over the planned term, in minor units; None without a planned end."""
    if not e.fee_minor:
        return None
    if e.billing_model == "fixed_fee":
        return e.fee_minor
    months, monthly = term_months(e), monthly_minor(e)
    if months is None or monthly is None:
        return None
    return _whole(monthly * months)


def _whole(minor: float) -> int:
    """An estimate has no cents: round to whole units of the currency."""
    return round(minor / 100) * 100


def weekly_hours(e: Engagement) -> float:
    return e.days_per_week * e.hours_per_day


def term_end(e: Engagement) -> dt.date | None:
    return e.ended_on or e.planned_end_date
