"""`invoice list|credit|pay`: an invoice as JSON, with its lines and whether it is overdue on
the day; what is owed on one (`list --unpaid`), a credit note, a payment."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from desktop.contracts.dates import iso
from storage.billing import CreditNote, Invoice, invoices, receivables


class InvoiceLineJson(TypedDict):
    description: str
    quantity: str
    amount_minor: int
    engagement_id: int | None


class InvoiceJson(TypedDict):
    number: str
    client_id: int
    client: str
    month: str
    currency: str
    issued_on: str | None
    due_on: str | None
    sent_on: str | None
    paid_on: str | None
    voided_on: str | None
    status: str
    overdue: bool
    paid_minor: int
    credited_minor: int
    balance_minor: int
    subtotal_minor: int
    tax_rate_bp: int
    tax_minor: int
    total_minor: int
    lines: list[InvoiceLineJson]


def invoice_json(i: Invoice, day: dt.date) -> InvoiceJson:
    return InvoiceJson(
        number=i.number,
        client_id=i.client_id,
        client=i.client_name,
        month=i.month,
        currency=i.currency,
        issued_on=iso(i.issued_on),
        due_on=iso(i.due_on),
        sent_on=iso(i.sent_on),
        paid_on=iso(i.paid_on),
        voided_on=iso(i.voided_on),
        status=i.status,
        overdue=invoices.is_overdue(i, day),
        paid_minor=i.paid_minor,
        credited_minor=i.credited_minor,
        balance_minor=i.balance_minor,
        subtotal_minor=i.subtotal_minor,
        tax_rate_bp=i.tax_rate_bp,
        tax_minor=i.tax_minor,
        total_minor=i.total_minor,
        lines=[
            InvoiceLineJson(
                description=x.description,
                quantity=x.quantity,
                amount_minor=x.amount_minor,
                engagement_id=x.engagement_id,
            )
            for x in i.lines
        ],
    )


class UnpaidJson(TypedDict):
    """`invoice list --unpaid`: one invoice with something owed."""

    number: str
    client_id: int
    client: str
    currency: str
    issued_on: str
    due_on: str
    total_minor: int
    paid_minor: int
    credited_minor: int
    balance_minor: int
    days_overdue: int
    ageing: str  # 0-30, 31-60, 61-90, 90+
    overdue: bool


def unpaid_json(r: receivables.Receivable, day: dt.date) -> UnpaidJson:
    i = r.invoice
    return UnpaidJson(
        number=i.number, client_id=i.client_id, client=i.client_name,
        currency=i.currency, issued_on=i.issued_on.isoformat(),
        due_on=i.due_on.isoformat(), total_minor=i.total_minor,
        paid_minor=i.paid_minor, credited_minor=i.credited_minor,
        balance_minor=i.balance_minor, days_overdue=r.days_overdue, ageing=r.ageing,
        overdue=invoices.is_overdue(i, day),
    )  # fmt: skip


class CreditNoteJson(TypedDict):
    """`invoice credit`: the credit note issued."""

    number: str
    invoice: str
    issued_on: str
    currency: str
    subtotal_minor: int
    tax_minor: int
    total_minor: int
    lines: list[int | None]  # the invoice lines credited


def credit_note_json(note: CreditNote) -> CreditNoteJson:
    return CreditNoteJson(
        number=note.number, invoice=note.invoice_number,
        issued_on=note.issued_on.isoformat(), currency=note.currency,
        subtotal_minor=note.subtotal_minor, tax_minor=note.tax_minor,
        total_minor=note.total_minor, lines=[x.invoice_line_id for x in note.lines],
    )  # fmt: skip


class PaymentJson(TypedDict):
    """`invoice pay`: the invoice after the payment."""

    number: str
    currency: str
    paid_on: str
    amount_minor: int
    balance_minor: int
    status: str


def payment_json(after: Invoice, amount_minor: int, day: dt.date) -> PaymentJson:
    return PaymentJson(
        number=after.number, currency=after.currency, paid_on=day.isoformat(),
        amount_minor=amount_minor, balance_minor=after.balance_minor, status=after.status,
    )  # fmt: skip
