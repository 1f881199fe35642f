"""Month-end: the month report, fixed-fee instalments, invoices and their numbers, tax by client,
credit notes, payments, what is owed and what is left to bill.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.rules.lazy_face import lazy_face

if TYPE_CHECKING:  # the names as the type checker sees them; loaded on first use
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

__getattr__, __dir__ = lazy_face(
    __name__,
    {
        "AccountStatement": "storage.billing.account:AccountStatement",
        "account": "storage.billing.account",
        "CreditNote": "storage.billing.credit_notes:CreditNote",
        "credit_notes": "storage.billing.credit_notes",
        "Instalment": "storage.billing.instalments:Instalment",
        "instalments": "storage.billing.instalments",
        "invoice_numbers": "storage.billing.invoice_numbers",
        "Invoice": "storage.billing.invoices:Invoice",
        "STATUS_LABELS": "storage.billing.invoices:STATUS_LABELS",
        "invoices": "storage.billing.invoices",
        "is_overdue": "storage.billing.invoices:is_overdue",
        "NO_RATE": "storage.billing.month_amounts:NO_RATE",
        "MonthDay": "storage.billing.month_days:MonthDay",
        "month_days": "storage.billing.month_days",
        "MonthLine": "storage.billing.month_report:MonthLine",
        "month_report": "storage.billing.month_report",
        "Payment": "storage.billing.payments:Payment",
        "payments": "storage.billing.payments",
        "preferences": "storage.billing.preferences",
        "Receivable": "storage.billing.receivables:Receivable",
        "receivables": "storage.billing.receivables",
        "Reminder": "storage.billing.reminders:Reminder",
        "reminders": "storage.billing.reminders",
        "TaxTreatment": "storage.billing.tax:TaxTreatment",
        "tax": "storage.billing.tax",
        "tax_treatment": "storage.billing.tax:tax_treatment",
        "ToInvoice": "storage.billing.to_invoice:ToInvoice",
        "report": "storage.billing.to_invoice:report",
        "to_invoice": "storage.billing.to_invoice",
    },
)
