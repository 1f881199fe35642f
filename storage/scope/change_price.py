"""The price of a change request, from the engagement's terms; never a rate of its own.

The days a change adds are the extra days a week over its period (a seventh a day, as every
commitment counts) and its one-off days. Their price follows the billing model:
- daily: days × the day rate (`month_amounts.daily`, the rule a month bills by);
- hourly: days × the hours a day in force × the hourly rate (`month_amounts.hourly`);
- monthly retainer: the increase, the monthly fee for each committed day a month (the days a
  week × 52 ÷ 12, as the scope of work's fee basis counts a month) times the days added;
- fixed fee: an added instalment, days × the heavy-period rate (the terms' day rate for days
  beyond the commitment).
A change that adds no days (deliverables or phases alone), an engagement without the rate its
model needs, or a fixed fee without a heavy-period rate has no price that follows from the
terms: it is refused unless a price is set by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Protocol

from storage.billing.month_amounts import daily, half_up
from storage.practice import commitments
from storage.practice.commitments import CommitmentPeriod
from storage.practice.engagements import Engagement
from storage.rules.errors import ValidationError
from storage.rules.money import Money

WEEKS_PER_YEAR = 52
MONTHS_PER_YEAR = 12
BY_HAND = "set the price by hand"


class Effect(Protocol):
    """What the price reads of a change request."""

    @property
    def extra_days_per_week(self) -> float | None: ...
    @property
    def period_from(self) -> dt.date | None: ...
    @property
    def period_to(self) -> dt.date | None: ...
    @property
    def one_off_days(self) -> float | None: ...


@dataclass(frozen=True)
class Price:
    amount_minor: int
    basis: str  # the sum in words, so the client can check it


class NoPriceError(ValueError):
    """The terms give no price for this change; the message says why."""


def added_days(c: Effect) -> Fraction:
    """The days the change adds, exactly."""
    days = Fraction(str(c.one_off_days or 0))
    if c.extra_days_per_week and c.period_from and c.period_to:
        span = (c.period_to - c.period_from).days + 1
        days += Fraction(str(c.extra_days_per_week)) * span / 7
    return days


def _days_text(days: Fraction) -> str:
    shown = f"{float(days):.2f}".rstrip("0").rstrip(".")
    return f"{shown} day" + ("" if days == 1 else "s")


def compute(c: Effect, e: Engagement, history: Sequence[CommitmentPeriod]) -> Price:
    """The price from the terms; ValidationError (field `price`) when there is none."""
    try:
        return _compute(c, e, history)
    except NoPriceError as error:
        raise ValidationError("price", f"{error}: {BY_HAND}") from None


def _compute(c: Effect, e: Engagement, history: Sequence[CommitmentPeriod]) -> Price:
    days = added_days(c)
    if days <= 0:
        raise NoPriceError("the change adds no days, so its price does not follow from the terms")
    in_force = commitments.in_force(history, c.period_from or history[-1].starts_on)

    def money(minor: int) -> str:
        return Money(minor, e.currency).format()

    if e.billing_model == "fixed_fee":
        if not e.heavy_rate_minor:
            raise NoPriceError(
                "a fixed fee has no day rate for added days without a heavy-period rate"
            )
        amount = daily(e.heavy_rate_minor, days)
        return Price(amount, f"{_days_text(days)} × {money(e.heavy_rate_minor)} heavy-period rate")
    if e.fee_minor <= 0:
        raise NoPriceError("the engagement has no rate")
    if e.billing_model == "daily":
        return Price(daily(e.fee_minor, days), f"{_days_text(days)} × {money(e.fee_minor)} a day")
    if e.billing_model == "hourly":
        minutes = days * Fraction(str(in_force.hours_per_day)) * 60
        amount = half_up(minutes * e.fee_minor / 60)  # as `month_amounts.hourly` bills minutes
        hours = f"{in_force.hours_per_day:g} h a day"
        return Price(amount, f"{_days_text(days)} × {hours} × {money(e.fee_minor)} an hour")
    month_days = Fraction(str(in_force.days_per_week)) * WEEKS_PER_YEAR / MONTHS_PER_YEAR
    amount = half_up(Fraction(e.fee_minor) * days / month_days)
    return Price(
        amount,
        f"{money(e.fee_minor)} a month for {float(month_days):.2f} committed days a month "
        f"({in_force.days_per_week:g} days a week × {WEEKS_PER_YEAR} ÷ {MONTHS_PER_YEAR}) "
        f"× {_days_text(days)}",
    )
