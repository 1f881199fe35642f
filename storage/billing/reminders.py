"""A payment reminder for an overdue invoice: what is owed, how late, and the statutory
late-payment interest and fixed compensation the consultant chooses to claim.

UK rules (the Late Payment of Commercial Debts (Interest) Act 1998): simple interest at the
Bank of England base rate plus 8% a year on what is owed, per day late; fixed compensation of
£40, £70 or £100 by the size of the debt. The base rate, the margin and the bands are entered in
Preferences, never fetched. The text is a draft the consultant edits before sending.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from sqlite_utils import Database

from storage.billing import invoices
from storage.billing.invoices import Invoice
from storage.billing.month_amounts import half_up
from storage.practice import settings
from storage.practice.settings import Profile, compensation_bands
from storage.rules import clock
from storage.rules.errors import ValidationError
from storage.rules.money import Money, minor_per_major


@dataclass(frozen=True)
class Reminder:
    invoice: Invoice
    day: dt.date
    days_overdue: int
    owed: Money
    rate_bp: int  # a year: the base rate plus the margin
    interest: Money
    compensation: Money
    text: str

    @property
    def claimed(self) -> Money:
        return Money(self.owed.minor + self.interest.minor + self.compensation.minor,
                     self.owed.currency)  # fmt: skip


def interest(owed_minor: int, rate_bp: int, days: int) -> int:
    """Simple interest a year at `rate_bp` for `days` days, rounded once, half up."""
    return half_up(Fraction(owed_minor * rate_bp * max(days, 0), 10_000 * 365))


def compensation(owed: Money, bands: str) -> Money:
    """The fixed sum for the debt's size (in major units of its currency), by the bands."""
    major = Fraction(owed.minor, minor_per_major(owed.currency))
    for below, amount in compensation_bands(bands):
        if below is None or major < below:
            return Money(amount * minor_per_major(owed.currency), owed.currency)
    return Money.zero(owed.currency)


def draft(
    db: Database,
    number: str,
    *,
    claim_interest: bool = True,
    claim_compensation: bool = True,
    today: dt.date | None = None,
) -> Reminder:
    """The reminder for an overdue invoice; refused for one that is not overdue."""
    day = today or clock.today()
    invoice = invoices.get_by_number(db, number)
    if not invoices.is_overdue(invoice, day):
        raise ValidationError("number", f"invoice {invoice.number} is not overdue")
    profile = settings.load_profile(db)
    late = (day - invoice.due_on).days
    owed = Money(invoice.balance_minor, invoice.currency)
    rate = profile.base_rate_bp + profile.late_interest_margin_bp
    extra = Money(interest(owed.minor, rate, late) if claim_interest else 0, owed.currency)
    fixed = compensation(owed, profile.late_compensation) if claim_compensation else Money(
        0, owed.currency)  # fmt: skip
    text = letter(invoice, profile, day, late, owed, rate, extra, fixed)
    return Reminder(invoice, day, late, owed, rate, extra, fixed, text)


def letter(
    invoice: Invoice,
    profile: Profile,
    day: dt.date,
    late: int,
    owed: Money,
    rate_bp: int,
    extra: Money,
    fixed: Money,
) -> str:
    """The reminder as plain text: a letter or an email body."""
    contact = invoice.buyer.get("name", "") or invoice.client_name
    lines = [
        f"Dear {contact},",
        "",
        f"Invoice {invoice.number}, issued on {invoice.issued_on.isoformat()}, was due on "
        f"{invoice.due_on.isoformat()} and is now {late} days overdue. {owed} is still owed.",
    ]
    if extra.minor or fixed.minor:
        lines += ["", "Under the Late Payment of Commercial Debts (Interest) Act 1998 we claim:"]
        if extra.minor:
            lines.append(f"- interest at {rate_bp / 100:g}% a year for {late} days: {extra}")
        if fixed.minor:
            lines.append(f"- fixed compensation for late payment: {fixed}")
        total = Money(owed.minor + extra.minor + fixed.minor, owed.currency)
        lines.append(f"That makes {total} in all, as of {day.isoformat()}.")
    lines += ["", "Please pay by return, quoting the invoice number, to:",
              invoice.seller.get("bank_details", "") or "the account on the invoice", "",
              "Kind regards,", profile.name or invoice.seller.get("name", ""),
              invoice.seller.get("business_name", "")]  # fmt: skip
    return "\n".join(lines).rstrip() + "\n"
