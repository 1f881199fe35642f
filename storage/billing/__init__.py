"""Month-end: the month report, fixed-fee instalments, invoices and their numbers, tax by client,
credit notes, payments, what is owed and what is left to bill.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from storage.billing import (
    account,
    credit_notes,
    instalments,
    invoice_numbers,
    invoices,
    month_days,
    month_report,
    payments,
    preferences,
    receivables,
    reminders,
    tax,
    to_invoice,
)
from storage.billing.account import AccountStatement
from storage.billing.credit_notes import CreditNote
from storage.billing.instalments import Instalment
from storage.billing.invoices import STATUS_LABELS, Invoice, is_overdue
from storage.billing.month_amounts import NO_RATE
from storage.billing.month_days import MonthDay
from storage.billing.month_report import MonthLine
from storage.billing.payments import Payment
from storage.billing.receivables import Receivable
from storage.billing.reminders import Reminder
from storage.billing.tax import TaxTreatment, tax_treatment
from storage.billing.to_invoice import ToInvoice, report

__all__ = [
    "NO_RATE",
    "STATUS_LABELS",
    "AccountStatement",
    "CreditNote",
    "Instalment",
    "Invoice",
    "MonthDay",
    "MonthLine",
    "Payment",
    "Receivable",
    "Reminder",
    "TaxTreatment",
    "ToInvoice",
    "account",
    "credit_notes",
    "instalments",
    "invoice_numbers",
    "invoices",
    "is_overdue",
    "month_days",
    "month_report",
    "payments",
    "preferences",
    "receivables",
    "reminders",
    "report",
    "tax",
    "tax_treatment",
    "to_invoice",
]
