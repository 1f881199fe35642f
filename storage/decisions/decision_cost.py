"""The cost of a decision going wrong against about three months of the engagement's fees.

The domain's rule of thumb with founders: compare the two. Three months is 13 weeks.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from storage.practice.engagements import Engagement
from storage.rules.errors import ValidationError

WEEKS = 13
MONTHS = 3
DAYS_PER_MONTH = 365.25 / 12
MAX_AMOUNT_MINOR = 10**13


def three_months_of_fees_minor(e: Engagement) -> int | None:
    """Fees for three months under the engagement's billing model; None when there is no fee."""
    if e.fee_minor <= 0:
        return None
    amount: float
    if e.billing_model == "monthly_retainer":
        amount = e.fee_minor * MONTHS
    elif e.billing_model == "daily":
        amount = e.fee_minor * e.days_per_week * WEEKS
    elif e.billing_model == "hourly":
        amount = e.fee_minor * e.days_per_week * e.hours_per_day * WEEKS
    else:  # fixed fee: pro-rated over the planned term
        if e.planned_end_date is None:
            return None
        term_months = max(_months_between(e.start_date, e.planned_end_date), 1 / DAYS_PER_MONTH)
        amount = e.fee_minor * MONTHS / term_months
    return round(amount)


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


def parse_amount(text: str, field: str = "cost_if_wrong_minor") -> int | None:
    """`25,000`, `25000.50`, `£25 000` → minor units; empty → None; anything else is refused."""
    cleaned = "".join(ch for ch in text if ch not in " ,_'\u00a0\u202f").strip()
    cleaned = cleaned.lstrip("£$€¥").removesuffix("k").removesuffix("K") if cleaned else ""
    if not cleaned:
        return None
    factor = 1000 if text.strip().lower().endswith("k") else 1
    try:
        value = Decimal(cleaned) * factor
    except InvalidOperation:
        raise ValidationError(field, "must be an amount like 25,000 or 25k") from None
    if not value.is_finite() or value < 0:
        raise ValidationError(field, "must be an amount of zero or more")
    minor = int((value * 100).to_integral_value(rounding=ROUND_HALF_UP))
    if minor > MAX_AMOUNT_MINOR:
        raise ValidationError(field, "is too large")
    return minor


def format_amount(minor: int | None) -> str:
    """Minor units as `25,000` or `25,000.50`."""
    if minor is None:
        return ""
    whole, cents = divmod(minor, 100)
    return f"{whole:,}" if cents == 0 else f"{whole:,}.{cents:02d}"
