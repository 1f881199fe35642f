"""Month-end: the month report, fixed-fee instalments, invoices and their numbers.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.rules.lazy_face import lazy_face

if TYPE_CHECKING:  # the names as the type checker sees them; loaded on first use
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

__getattr__, __dir__ = lazy_face(
    __name__,
    {
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
        "report": "storage.billing.month_report:report",
        "preferences": "storage.billing.preferences",
    },
)
