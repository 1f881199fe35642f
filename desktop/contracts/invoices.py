"""`invoice list`: an invoice as JSON, with its lines and whether it is overdue on the day."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from desktop.contracts.dates import iso
from storage.billing import Invoice, invoices


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
