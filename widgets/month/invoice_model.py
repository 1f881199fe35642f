"""The invoice list: number, client, month, dates, total, status and an "Overdue" flag in red."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from exporters.formatting import money, month_label, short_date
from storage.billing import STATUS_LABELS, Invoice, is_overdue
from storage.rules import clock
from widgets.common import palette
from widgets.common.record_model import RecordTableModel
from widgets.month.summary import right_aligned

HEADERS = {"number": "Number", "client": "Client", "month": "Month", "issued": "Issued",
           "due": "Due", "total": "Total", "status": "Status", "overdue": ""}  # fmt: skip


def month_text(label: str) -> str:
    """`2026-11` as `November 2026`."""
    return month_label(int(label[:4]), int(label[5:7]))


def status_text(invoice: Invoice) -> str:
    """`Paid 3 Dec 2026`: the status and the day it was reached; `Credited` for a sent invoice a
    credit note cancelled, `Part paid` for one with payments short of its total."""
    if invoice.credited_in_full:
        return "Credited"
    label = STATUS_LABELS.get(invoice.status, invoice.status)
    if invoice.status == "sent" and invoice.paid_minor:
        label = "Part paid"
    return f"{label} {short_date(invoice.status_on)}".strip()


class InvoiceTableModel(RecordTableModel[Invoice]):
    fields = tuple(HEADERS)
    headers = tuple(HEADERS.values())
    editable = False

    def display(self, record: Invoice, field: str) -> Any:
        texts = {
            "number": record.number,
            "client": record.client_name,
            "month": month_text(record.month),
            "issued": short_date(record.issued_on),
            "due": short_date(record.due_on),
            "total": money(record.total_minor, record.currency),
            "status": status_text(record),
            "overdue": "Overdue" if is_overdue(record, clock.today()) else "",
        }
        return texts[field]

    def styled(self, record: Invoice, field: str, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and field == "total":
            return right_aligned()
        if field != "overdue" or not is_overdue(record, clock.today()):
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return palette.colours().accent("error")
        if role == Qt.ItemDataRole.ToolTipRole:
            days = (clock.today() - record.due_on).days
            return f"Sent and not paid: due on {short_date(record.due_on)}, {days} days ago."
        return None
