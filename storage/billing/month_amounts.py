"""What a month bills, by billing model, in integer minor units of the engagement's currency.

Each amount is rounded once, per line (one engagement, one month), half up to the minor unit,
from exact fractions: rounding every day or every entry first would make the invoice disagree
with the statement by a cent or two.

- hourly: minutes × hourly rate ÷ 60.
- daily: day-equivalents × daily rate, where day-equivalents are each day's minutes ÷ the hours
  a day of the commitment in force that day, summed exactly (a 4-hour day of an 8-hour commitment
  is half a day); only the product is rounded.
- monthly retainer: the monthly fee, pro rata by calendar day for a month the engagement starts
  or ends in (fee × days inside the engagement ÷ days in the month).
- fixed fee: the instalments due in the month (`storage.billing.instalments`), summed; a month with
  none due bills nothing and says so.

No rate (a fee of 0) bills nothing and is flagged when time was logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

NO_INSTALMENT = "fixed fee: no instalment due this month"
NO_RATE = "no rate"


@dataclass(frozen=True)
class Billing:
    """The month's amount (None when there is none to bill) and why, when there is none."""

    amount_minor: int | None
    note: str = ""


def half_up(value: Fraction) -> int:
    """The nearest whole number, halves away from zero (amounts are never negative)."""
    return (2 * value.numerator + value.denominator) // (2 * value.denominator)


def hourly(rate_minor: int, minutes: int) -> int:
    return half_up(Fraction(minutes * rate_minor, 60))


def daily(rate_minor: int, day_equivalents: Fraction) -> int:
    return half_up(day_equivalents * rate_minor)


def retainer(fee_minor: int, covered_days: int, month_days: int) -> int:
    """The monthly fee, pro rata for the days of the month inside the engagement's dates."""
    if covered_days >= month_days:
        return fee_minor
    return half_up(Fraction(fee_minor * max(covered_days, 0), month_days))


def bill(
    model: str,
    rate_minor: int,
    minutes: int,
    day_equivalents: Fraction,
    covered: tuple[int, int],
    instalments_minor: int = 0,
) -> Billing:
    """The amount by billing model; `covered` is (days inside the engagement, days in month),
    `instalments_minor` the sum of a fixed fee's instalments due in the month."""
    if model == "fixed_fee":
        return Billing(instalments_minor) if instalments_minor > 0 else Billing(None, NO_INSTALMENT)
    if rate_minor <= 0:
        return Billing(None, NO_RATE)
    if model == "hourly":
        return Billing(hourly(rate_minor, minutes))
    if model == "daily":
        return Billing(daily(rate_minor, day_equivalents))
    return Billing(retainer(rate_minor, *covered))
