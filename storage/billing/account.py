"""The statement of account: what a client was billed, credited and paid, in date order, with
the running balance, the opening balance before the period and the items overdue at its end.

Per currency: money is never added across currencies, so a client billed in EUR and GBP has one
statement per currency. Drafts and void drafts are not on it (they were never sent). The closing
balance is the opening balance plus every line's debit less its credit, by construction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from storage.billing import credit_notes, invoices, payments, receivables
from storage.billing.receivables import Receivable
from storage.practice import clients
from storage.practice.clients import Client
from storage.rules import clock

ORDER = {"invoice": 0, "credit_note": 1, "payment": 2}  # on one day: billed, then credited, paid


@dataclass(frozen=True)
class Entry:
    day: dt.date
    kind: str  # invoice, credit_note or payment
    reference: str  # the invoice's or the credit note's number
    description: str
    debit_minor: int  # what the client owes more
    credit_minor: int  # what the client owes less
    balance_minor: int = 0  # the running balance after this line


@dataclass(frozen=True)
class AccountStatement:
    client: Client
    currency: str
    start: dt.date | None  # None: from the first invoice
    end: dt.date
    opening_minor: int
    entries: tuple[Entry, ...]
    overdue: tuple[Receivable, ...]

    @property
    def closing_minor(self) -> int:
        return self.entries[-1].balance_minor if self.entries else self.opening_minor


def _entries(db: Database, client_id: int, currency: str) -> list[Entry]:
    found: list[Entry] = []
    for i in invoices.list_invoices(db, client_id=client_id):
        if i.currency == currency and i.sent_on is not None:
            found.append(Entry(i.issued_on, "invoice", i.number,
                               f"Invoice {i.number} ({i.month})", i.total_minor, 0))  # fmt: skip
    for n in credit_notes.list_notes(db, client_id=client_id):
        if n.currency == currency:
            text = f"Credit note {n.number} for invoice {n.invoice_number}"
            found.append(Entry(n.issued_on, "credit_note", n.number, text, 0, n.total_minor))
    for p in payments.list_payments(db, client_id=client_id):
        if p.amount.currency == currency:
            text = f"Payment for invoice {p.invoice_number}"
            found.append(Entry(p.paid_on, "payment", p.invoice_number, text, 0, p.amount.minor))
    return sorted(found, key=lambda e: (e.day, ORDER[e.kind], e.reference))


def currencies(db: Database, client_id: int) -> list[str]:
    """The currencies the client was ever invoiced in (sent), in code order."""
    sql = "SELECT DISTINCT currency FROM invoice WHERE client_id = ? AND sent_on IS NOT NULL"
    return sorted(str(c) for (c,) in db.execute(sql, [client_id]).fetchall())


def statement(
    db: Database,
    client_id: int,
    currency: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> AccountStatement:
    """The client's statement in `currency` from `start` (everything when None) to `end`
    (today)."""
    client = clients.get(db, client_id)
    last = end or clock.today()
    every = [e for e in _entries(db, client_id, currency) if e.day <= last]
    before = [e for e in every if start is not None and e.day < start]
    opening = sum(e.debit_minor - e.credit_minor for e in before)
    running, shown = opening, []
    for e in every[len(before) :]:
        running += e.debit_minor - e.credit_minor
        shown.append(Entry(e.day, e.kind, e.reference, e.description, e.debit_minor,
                           e.credit_minor, running))  # fmt: skip
    late = tuple(
        r
        for r in receivables.unpaid(db, client_id, last)
        if r.invoice.currency == currency and invoices.is_overdue(r.invoice, last)
    )
    return AccountStatement(client, currency, start, last, opening, tuple(shown), late)
