"""Payments: each with its day and amount, against one sent invoice; the invoice is paid when
they reach what its credit notes leave owing (`invoices.record_payment`).

A payment is a new row, never an edit of the sealed invoice: only the invoice's move to paid
(status and day) touches it, and the triggers allow exactly that move.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from storage.billing import invoices
from storage.rules import clock
from storage.rules import validation as v
from storage.rules.errors import ValidationError
from storage.rules.money import MAX_MONEY_MINOR, Money


@dataclass(frozen=True)
class Payment:
    invoice_id: int
    invoice_number: str
    paid_on: dt.date
    amount: Money
    id: int | None = None


def list_payments(
    db: Database, invoice_id: int | None = None, client_id: int | None = None
) -> list[Payment]:
    """Payments oldest first, of one invoice or one client when given."""
    where, params = ["1"], []
    if invoice_id is not None:
        where.append("p.invoice_id = ?")
        params.append(invoice_id)
    if client_id is not None:
        where.append("i.client_id = ?")
        params.append(client_id)
    sql = (
        "SELECT p.*, i.number, i.currency FROM payment p JOIN invoice i ON i.id = p.invoice_id "
        f"WHERE {' AND '.join(where)} ORDER BY p.paid_on, p.id"
    )
    return [
        Payment(r["invoice_id"], r["number"], dt.date.fromisoformat(r["paid_on"]),
                Money(r["amount_minor"], r["currency"]), r["id"])
        for r in db.query(sql, params)
    ]  # fmt: skip


def record(
    db: Database, number: str, amount_minor: int, on: dt.date | None = None
) -> invoices.Invoice:
    """Record a payment against a sent invoice; the invoice as it stands after it.

    Refused, before anything is written: an amount that is not positive or is over what the
    invoice still owes, an invoice not sent, a day before it was sent or in the future."""
    amount = v.int_between("amount", amount_minor, -MAX_MONEY_MINOR, MAX_MONEY_MINOR)
    if amount <= 0:
        raise ValidationError("amount", "a payment is more than zero")
    day = invoices.not_in_future("date", on or clock.today())
    with db.atomic():
        invoice = invoices.get_by_number(db, number)
        if invoice.status != "sent":
            state = {"draft": "a draft: mark it sent first", "paid": "paid already",
                     "void": "void"}[invoice.status]  # fmt: skip
            raise ValidationError("number", f"invoice {invoice.number} is {state}")
        if invoice.sent_on and day < invoice.sent_on.isoformat():
            raise ValidationError(
                "date", f"must not be before {invoice.sent_on.isoformat()}, when it was sent"
            )
        owed = Money(invoice.balance_minor, invoice.currency)
        if amount > owed.minor:
            paid = Money(amount, invoice.currency)
            raise ValidationError(
                "amount", f"{paid} is over what invoice {invoice.number} still owes ({owed})"
            )
        invoices.record_payment(db, invoice, amount, dt.date.fromisoformat(day))
    return invoices.get_by_number(db, number)
