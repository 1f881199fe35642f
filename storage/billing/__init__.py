"""Month-end: the month report, fixed-fee instalments, invoices and their numbers.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from storage.billing import (
    instalments,
    invoice_numbers,
    invoices,
    month_days,
    month_report,
    preferences,
)
from storage.billing.instalments import Instalment
from storage.billing.invoices import STATUS_LABELS, Invoice, is_overdue
from storage.billing.month_amounts import NO_RATE
from storage.billing.month_days import MonthDay
from storage.billing.month_report import MonthLine, report

__all__ = [
    "NO_RATE",
    "STATUS_LABELS",
    "Instalment",
    "Invoice",
    "MonthDay",
    "MonthLine",
    "instalments",
    "invoice_numbers",
    "invoices",
    "is_overdue",
    "month_days",
    "month_report",
    "preferences",
    "report",
]
