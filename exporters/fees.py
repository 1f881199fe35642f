"""The fee arithmetic a scope of work prints, as a basis the client can check by hand.

The term is counted in calendar months (5 January to 31 December is 12 months: a part month of
15 days or more counts as one), so a retainer reads "£12,000 a month for 12 months (£144,000)"
rather than a total over a fractional number of average months that nobody can recompute.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from exporters.formatting import money_whole, number
from storage.practice import Engagement, commitments
from storage.rules import Money, calendar_months

WEEKS_PER_YEAR = 52
MONTHS_PER_YEAR = 12
UNITS = {
    "hourly": "per hour",
    "daily": "per day",
    "monthly_retainer": "per month",
    "fixed_fee": "for the whole engagement",
}


@dataclass(frozen=True)
class FeeBasis:
    """What the client pays and how to recompute it: a sentence, a month and a total."""

    sentence: str
    monthly_minor: int | None
    total_minor: int | None


def term_months(e: Engagement) -> int | None:
    """The planned term in calendar months, or None when the term is open-ended."""
    if e.planned_end_date is None or e.planned_end_date < e.start_date:
        return None
    return calendar_months(e.start_date, e.planned_end_date)


def weekly_hours(e: Engagement) -> float:
    """The agreed week in hours (`commitments.weekly_minutes`, the one product of the two)."""
    return commitments.weekly_minutes(e.days_per_week, e.hours_per_day) / 60


def basis(e: Engagement) -> FeeBasis | None:
    """The fee basis for the engagement's billing model; None when no fee is set."""
    if not e.fee_minor:
        return None
    months = term_months(e)
    if e.billing_model == "fixed_fee":
        return _fixed(e, months)
    if e.billing_model == "monthly_retainer":
        return _with_term(e, e.fee_minor, f"{_money(e, e.fee_minor)} a month", months)
    per_week, unit = (
        (weekly_hours(e), "hours") if e.billing_model == "hourly" else (e.days_per_week, "days")
    )
    monthly = _whole(e, Fraction(per_week) * WEEKS_PER_YEAR / MONTHS_PER_YEAR)
    rate = "an hour" if e.billing_model == "hourly" else "a day"
    sentence = (
        f"{_money(e, e.fee_minor)} {rate} × {number(per_week)} {unit} a week × "
        f"{WEEKS_PER_YEAR} weeks ÷ {MONTHS_PER_YEAR} months = {_money(e, monthly)} a month"
    )
    return _with_term(e, monthly, sentence, months)


def _with_term(e: Engagement, monthly: int, rate: str, months: int | None) -> FeeBasis:
    if months is None:
        return FeeBasis(
            f"{rate}, month to month with no fixed end date, so there is no total: each month "
            "is invoiced as it is worked",
            monthly,
            None,
        )
    total = monthly * months
    plural = "s" if months != 1 else ""
    return FeeBasis(f"{rate} for {months} month{plural} ({_money(e, total)})", monthly, total)


def _fixed(e: Engagement, months: int | None) -> FeeBasis:
    if months is None:
        return FeeBasis(f"{_money(e, e.fee_minor)} for the whole engagement", None, e.fee_minor)
    monthly = _whole(e, Fraction(1, months))
    plural = "s" if months != 1 else ""
    sentence = (
        f"{_money(e, e.fee_minor)} for the whole engagement over {months} month{plural} "
        f"(about {_money(e, monthly)} a month)"
    )
    return FeeBasis(sentence, monthly, e.fee_minor)


def _money(e: Engagement, minor: int) -> str:
    return money_whole(minor, e.currency)


def _whole(e: Engagement, factor: Fraction) -> int:
    """The fee times `factor` in whole units of the currency (no pence, no fils; yen as they
    are), so a monthly figure has no minor units and the total multiplies out."""
    return Money(e.fee_minor, e.currency).times(factor).to_whole_units().minor
