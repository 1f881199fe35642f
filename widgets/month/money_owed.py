"""What is owed and what is left to bill, on the Month tab: every unpaid sent invoice with its
days overdue and age band, the totals per currency and band, and the month's engagements and
instalments with no invoice yet. Both come from storage (`receivables`, `to_invoice`), the
figures `invoice list --unpaid` and `report month` print."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from exporters.formatting import money, month_label, short_date
from storage.billing import Receivable, invoices, receivables, to_invoice
from storage.rules import Month, clock
from widgets.common import palette
from widgets.common.record_model import RecordTableModel
from widgets.common.table_view import TableView
from widgets.month.summary import right_aligned

if TYPE_CHECKING:
    from sqlite_utils import Database

HEADERS = {"number": "Invoice", "client": "Client", "due": "Due", "days": "Days overdue",
           "age": "Age", "owed": "Owed"}  # fmt: skip
NOTHING_OWED = "Nothing is owed: every sent invoice is paid or credited."


class ReceivableTableModel(RecordTableModel[Receivable]):
    fields = tuple(HEADERS)
    headers = tuple(HEADERS.values())
    editable = False

    def display(self, record: Receivable, field: str) -> Any:
        i = record.invoice
        texts = {
            "number": i.number,
            "client": i.client_name,
            "due": short_date(i.due_on),
            "days": str(record.days_overdue) if record.days_overdue else "",
            "age": f"{record.ageing} days",
            "owed": money(i.balance_minor, i.currency),
        }
        return texts[field]

    def styled(self, record: Receivable, field: str, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and field in ("days", "owed"):
            return right_aligned()
        late = invoices.is_overdue(record.invoice, clock.today())
        if role == Qt.ItemDataRole.ForegroundRole and field == "days" and late:
            return palette.colours().accent("error")
        return None


def owed_text(found: list[Receivable]) -> str:
    """`Owed: £13,400.00 (0-30 days £7,400.00, 31-60 days £6,000.00)`, one currency a line."""
    if not found:
        return NOTHING_OWED
    lines = []
    for code, sums in receivables.totals(found).items():
        bands = ", ".join(f"{band} days {money(sums[band], code)}"
                          for band in receivables.BANDS if sums[band])  # fmt: skip
        lines.append(f"Owed: {money(sums['total'], code)} ({bands})")
    return "\n".join(lines)


def left_to_bill_text(db: Database, month: Month) -> str:
    """`To invoice for December 2026: Acme Robotics £9,000.00; Café Lumière £12,000.00
    (instalment due 25 Dec 2026)`, or that nothing is left."""
    words = month_label(month.year, month.number)
    items = to_invoice.for_month(db, month)
    if not items:
        return f"Nothing is left to invoice for {words}."
    parts = []
    for item in items:
        text = f"{item.line.engagement.client_name} {item.amount.format()}"
        if item.kind == "instalment":
            due = ", ".join(short_date(i.due_on) for i in item.line.instalments)
            text += f" (instalment due {due})"
        parts.append(text)
    return f"To invoice for {words}: " + "; ".join(parts)


class MoneyOwedPanel(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.to_invoice = QLabel(self)
        self.to_invoice.setWordWrap(True)
        self.totals = QLabel(self)
        self.totals.setWordWrap(True)
        self.model = ReceivableTableModel(self)
        self.table = TableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(list(HEADERS).index("client"), QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.to_invoice)
        layout.addWidget(self.totals)
        layout.addWidget(self.table, 1)

    def refresh(self, month: Month) -> None:
        found = receivables.unpaid(self.db, today=clock.today())
        self.model.set_rows(found)
        self.table.setVisible(bool(found))
        self.totals.setText(owed_text(found))
        self.to_invoice.setText(left_to_bill_text(self.db, month))
