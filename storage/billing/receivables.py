"""What is owed: every sent invoice with something left to pay, its days overdue and its age
band (0-30, 31-60, 61-90, 90+ days past due; not yet due counts as 0), and the totals per
currency and band. The Month tab, `invoice list --unpaid` and the status line read this."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from storage.billing import invoices
from storage.billing.invoices import Invoice
from storage.rules import clock
from storage.rules.money import Money

BANDS = ("0-30", "31-60", "61-90", "90+")


@dataclass(frozen=True)
class Receivable:
    invoice: Invoice
    days_overdue: int  # 0 while not yet due
    ageing: str  # one of BANDS

    @property
    def balance(self) -> Money:
        return Money(self.invoice.balance_minor, self.invoice.currency)


def band(days_overdue: int) -> str:
    if days_overdue <= 30:
        return BANDS[0]
    if days_overdue <= 60:
        return BANDS[1]
    return BANDS[2] if days_overdue <= 90 else BANDS[3]


def of(invoice: Invoice, today: dt.date) -> Receivable:
    days = max((today - invoice.due_on).days, 0)
    return Receivable(invoice, days, band(days))


def unpaid(
    db: Database, client_id: int | None = None, today: dt.date | None = None
) -> list[Receivable]:
    """Sent invoices with a balance, the most overdue first."""
    day = today or clock.today()
    found = [of(i, day) for i in invoices.list_invoices(db, "sent", client_id) if i.balance_minor]
    return sorted(found, key=lambda r: (-r.days_overdue, r.invoice.issued_on, r.invoice.number))


def totals(found: Iterable[Receivable]) -> dict[str, dict[str, int]]:
    """Per currency: the amount owed in each band and in all (`total`), in minor units."""
    sums: dict[str, dict[str, int]] = {}
    for r in found:
        entry = sums.setdefault(r.invoice.currency, {**dict.fromkeys(BANDS, 0), "total": 0})
        entry[r.ageing] += r.invoice.balance_minor
        entry["total"] += r.invoice.balance_minor
    return dict(sorted(sums.items()))


def overdue_summary(db: Database, today: dt.date | None = None) -> str:
    """One line for the status bar when anything is overdue ("" otherwise):
    `Overdue: £7,200.00 on 1 invoice`."""
    day = today or clock.today()
    late = [r for r in unpaid(db, today=day) if invoices.is_overdue(r.invoice, day)]
    if not late:
        return ""
    amounts = ", ".join(str(Money(t["total"], code)) for code, t in totals(late).items())
    count = len(late)
    return f"Overdue: {amounts} on {count} invoice{'s' if count != 1 else ''}"
