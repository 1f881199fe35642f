"""The cost of a decision going wrong against about three months of the engagement's fees.

The domain's rule of thumb with founders: compare the two. Three months is 13 weeks.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from storage.practice.engagements import Engagement
from storage.rules.money import Money, half_up
from storage.rules.money import parse as parse_money

WEEKS = 13
MONTHS = 3
DAYS_PER_MONTH = 365.25 / 12


def three_months_of_fees_minor(e: Engagement) -> int | None:
    """Fees for three months under the engagement's billing model; None when there is no fee."""
    if e.fee_minor <= 0:
        return None
    factor: Fraction
    if e.billing_model == "monthly_retainer":
        factor = Fraction(MONTHS)
    elif e.billing_model == "daily":
        factor = Fraction(e.days_per_week) * WEEKS
    elif e.billing_model == "hourly":
        factor = Fraction(e.days_per_week) * Fraction(e.hours_per_day) * WEEKS
    else:  # fixed fee: pro-rated over the planned term
        if e.planned_end_date is None:
            return None
        term_months = max(_months_between(e.start_date, e.planned_end_date), 1 / DAYS_PER_MONTH)
        factor = MONTHS / Fraction(term_months)
    return half_up(e.fee_minor * factor)


def _months_between(start: dt.date, end: dt.date) -> float:
    """Calendar months, so a term from 1 January to 1 January is exactly twelve."""
    whole = (end.year - start.year) * 12 + end.month - start.month
    return whole + (end.day - start.day) / DAYS_PER_MONTH


def ratio(cost_minor: int | None, e: Engagement) -> float | None:
    fees = three_months_of_fees_minor(e)
    if cost_minor is None or not fees:
        return None
    return cost_minor / fees


def describe(cost_minor: int | None, e: Engagement) -> str:
    """`about 0.8x three months of fees`, or '' when either side is unknown."""
    value = ratio(cost_minor, e)
    if value is None:
        return ""
    if value >= 10:
        shown = f"{value:,.0f}"
    elif value >= 0.1 or value == 0:
        shown = f"{value:.1f}"
    else:
        shown = f"{value:.2f}"
    return f"about {shown}x three months of fees"


def parse_amount(text: str, currency: str, field: str = "cost_if_wrong_minor") -> int | None:
    """`25,000`, `25000.50`, `£25 000`, `25k` in the engagement's currency -> minor units;
    empty -> None; anything else is refused (see `storage.rules.money.parse`)."""
    return parse_money(field, text, currency)


def format_amount(minor: int | None, currency: str) -> str:
    """Minor units as typed back into the field: `25,000`, `25,000.50`, `JPY` `100,000`."""
    if minor is None:
        return ""
    return Money(minor, currency).grouped(whole=True)
