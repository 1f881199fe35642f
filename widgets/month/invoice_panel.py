"""The invoices on the Month tab: the list with its status filter, and what can be done to one.

"Create invoice…" bills the client selected above for the month shown (a draft numbered from
the sequence). "Mark sent…" asks first (a sent invoice is final: no undo), then offers to save
the final document (without "Draft"). A sent invoice takes payments (it is paid when they reach
its total) and is corrected only by a credit note, which has its own document; a draft is voided
(its number kept) or deleted. An overdue invoice gets a reminder, copied to the clipboard and
offered as a Word document. The client's time report and statement of account are saved from
here too. Refusals from storage are shown below the buttons in plain words.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from exporters.formatting import money, month_label
from storage.billing import STATUS_LABELS, Invoice, credit_notes, invoices, payments, reminders
from storage.rules import Month, ValidationError, clock
from widgets.common import dialogs, ui_settings
from widgets.common.field_errors import error_label
from widgets.common.record_model import RecordRole
from widgets.common.row_menu import RowMenu
from widgets.common.table_view import TableView
from widgets.month.invoice_dialogs import CreditDialog, DayDialog, PaymentDialog, ask_day
from widgets.month.invoice_documents import (
    account_request,
    credit_note_request,
    invoice_request,
    reminder_request,
    time_report_request,
)
from widgets.month.invoice_model import InvoiceTableModel

if TYPE_CHECKING:
    from sqlite_utils import Database

ACTIONS = {  # button text, the statuses it acts on (None: needs a client, not an invoice)
    "create": ("Create invoice…", None),
    "time_report": ("Time report…", None),
    "statement": ("Statement of account…", None),
    "sent": ("Mark sent…", ("draft",)),
    "paid": ("Record payment…", ("sent",)),
    "credit": ("Credit note…", ("sent",)),
    "void": ("Void draft…", ("draft",)),
    "delete": ("Delete draft", ("draft",)),
    "save": ("Save as Word…", ("draft", "sent", "paid", "void")),
    "remind": ("Reminder…", ("sent",)),
}
CLIENT_ACTIONS = ("create", "time_report", "statement")


class InvoicePanel(QWidget):
    """`document_requested(DocumentRequest)`: a document to save through the export flow;
    `refreshed()`: the list was read again (after a change here or elsewhere); `wrote()`: an
    action here changed invoices, credit notes or payments."""

    document_requested = Signal(object)
    refreshed = Signal()
    wrote = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.client: tuple[int, str] | None = None  # (id, name) selected above
        self.month: Month | None = None
        self.status = QComboBox(self)
        self.status.setObjectName("invoiceStatusFilter")
        self.status.addItem("All invoices", None)
        for status, label in STATUS_LABELS.items():
            self.status.addItem(label, status)
        self.status.setCurrentIndex(max(self.status.findData(ui_settings.read(
            ui_settings.INVOICE_FILTER) or None), 0))  # fmt: skip
        self.model = InvoiceTableModel(self)
        self.table = TableView(self)  # Tab leaves it; arrows move between invoices
        self.table.setObjectName("invoiceTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = error_label(self)
        self.message.setObjectName("invoiceMessage")
        self.buttons = {key: QPushButton(text, self) for key, (text, _) in ACTIONS.items()}
        self._build_layout()
        self.status.currentIndexChanged.connect(self._on_status_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.row_actions: dict[str, QAction] = {}
        for key, button in self.buttons.items():
            button.setObjectName(f"invoice_{key}_button")
            button.clicked.connect(partial(self._on_button_clicked, key))
            action = QAction(button.text(), self)
            action.triggered.connect(button.click)
            self.row_actions[key] = action
        self.row_menu = RowMenu(self.table, self.row_actions.values())
        self.refresh()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("Invoices", self))
        top.addWidget(self.status)
        top.addStretch(1)
        actions = QHBoxLayout()
        actions.addStretch(1)
        for key, button in self.buttons.items():
            (top if key in CLIENT_ACTIONS else actions).addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    # -- reading -------------------------------------------------------------------------------

    def refresh(self, select: str | None = None) -> None:
        """Re-read the list (newest first), keeping or moving to the invoice numbered `select`."""
        select = select or (self.current().number if self.current() else None)
        shown = invoices.list_invoices(self.db, status=self.status.currentData())
        self.model.set_rows(list(reversed(shown)))
        self.table.resizeColumnsToContents()
        found = next((r for r, i in enumerate(self.model.rows()) if i.number == select), None)
        if found is not None:
            self.table.selectRow(found)
        self._update_buttons()
        self.refreshed.emit()

    def set_context(self, client: tuple[int, str] | None, month: Month) -> None:
        """The client selected in the month's table, and the month shown."""
        self.client, self.month = client, month
        self._update_buttons()

    def current(self) -> Invoice | None:
        index = self.table.currentIndex()
        return index.data(RecordRole) if index.isValid() else None

    def _update_buttons(self) -> None:
        invoice = self.current()
        for key, (_, statuses) in ACTIONS.items():
            if statuses is None:
                enabled = self.client is not None and self.month is not None
            else:
                enabled = invoice is not None and invoice.status in statuses
            if key == "remind" and invoice is not None:
                enabled = invoices.is_overdue(invoice, clock.today())
            if key in ("paid", "credit") and invoice is not None:
                enabled = enabled and invoice.balance_minor > 0
            self.buttons[key].setEnabled(enabled)
            self.row_actions[key].setEnabled(enabled)
        what = (
            f"{self.client[1]}, {self._month_words()}" if self.client else "select a client above"
        )
        self.buttons["create"].setToolTip(f"A draft invoice for {what}")
        self.buttons["time_report"].setToolTip(f"The hours behind the month for {what}")
        client = self.client[1] if self.client else "the client selected above"
        self.buttons["statement"].setToolTip(
            f"Invoices, credit notes and payments of {client}, with the running balance"
        )

    def _month_words(self) -> str:
        return month_label(self.month.year, self.month.number) if self.month else ""

    def show_message(self, text: str, *, error: bool = True) -> None:
        self.message.setText(text)
        self.message.tint.set("error" if error else "success")
        self.message.setVisible(bool(text))

    # -- acting --------------------------------------------------------------------------------

    def _on_button_clicked(self, key: str) -> None:
        actions: dict[str, Callable[[], str | None]] = {
            "create": self.create_invoice, "sent": self._mark_sent, "paid": self._pay,
            "credit": self._credit, "void": self._void, "delete": self._delete,
            "save": self._save, "remind": self._remind, "time_report": self._time_report,
            "statement": self._statement,
        }  # fmt: skip
        try:
            done = actions[key]()
        except ValidationError as error:
            self.refresh()
            self.show_message(error.message[:1].upper() + error.message[1:])
            return
        self.refresh()
        if done:
            self.wrote.emit()
            self.show_message(done, error=False)

    def create_invoice(self) -> str | None:
        if self.client is None or self.month is None:
            return None
        client_id, name = self.client
        billable = tuple(invoices.billable(self.db, client_id, self.month))
        if not billable:
            raise ValidationError("month", f"{name} has nothing to bill in {self._month_words()}")
        dialog = DayDialog(self, "Create invoice", f"A draft invoice for {name}, "
                           f"{self._month_words()}.", "Issued on", billable)  # fmt: skip
        if not ask_day(dialog):
            return None
        made = invoices.create_for_month(
            self.db, client_id, self.month, dialog.day(), dialog.chosen_currency()
        )
        self.refresh(select=made.number)
        return f"Invoice {made.number} created as a draft: mark it sent to save its final document."

    def _mark_sent(self) -> str | None:
        invoice = self.current()
        if invoice is None:
            return None
        text = (
            f"Mark invoice {invoice.number} sent today? A sent invoice is final: it cannot be "
            "changed or undone, only corrected by a credit note. Its final document is offered "
            "next."
        )
        if not dialogs.confirm(self, "Mark the invoice sent?", text, action="Mark sent"):
            return None
        invoices.mark(self.db, invoice.number, "sent")
        self.refresh(select=invoice.number)
        self.document_requested.emit(invoice_request(invoice.number))
        return f"Invoice {invoice.number} marked sent: it can no longer be changed."

    def _pay(self) -> str | None:
        invoice = self.current()
        if invoice is None:
            return None
        dialog = PaymentDialog(self, invoice)
        if not ask_day(dialog):
            return None
        after = payments.record(self.db, invoice.number, dialog.amount_minor(), dialog.day())
        if after.status == "paid":
            return f"Invoice {invoice.number} is paid."
        owed = after.balance_minor
        return f"Payment recorded: {money(owed, after.currency)} is still owed on {after.number}."

    def _credit(self) -> str | None:
        invoice = self.current()
        if invoice is None:
            return None
        dialog = CreditDialog(self, invoice)
        if not ask_day(dialog):
            return None
        if not any(box.isChecked() for box in dialog.lines.values()):
            raise ValidationError("line", "tick the lines to credit")
        note = credit_notes.issue(
            self.db, invoice.number, dialog.chosen_lines(), dialog.day(), dialog.reason.text()
        )
        self.refresh(select=invoice.number)
        self.document_requested.emit(credit_note_request(note.number))
        return f"Credit note {note.number} issued for invoice {invoice.number}."

    def _remind(self) -> str | None:
        invoice = self.current()
        if invoice is None:
            return None
        reminder = reminders.draft(self.db, invoice.number)
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(reminder.text)
        self.document_requested.emit(reminder_request(invoice.number))
        return f"A reminder for {invoice.number} is on the clipboard ({reminder.claimed} claimed)."

    def _void(self) -> str | None:
        invoice = self.current()
        if invoice is None:
            return None
        text = (
            f"Void the draft invoice {invoice.number}? It stays in the list as void and the "
            "number is kept (never given again). Make a new invoice for the month if one is "
            "still due."
        )
        if not dialogs.confirm(self, "Void the invoice?", text, action="Void"):
            return None
        invoices.mark(self.db, invoice.number, "void")
        return f"Invoice {invoice.number} voided; its number is kept."

    def _delete(self) -> str | None:
        invoice = self.current()
        if invoice is None:
            return None
        text = f"Delete the draft invoice {invoice.number}? Its number is not given again."
        if not dialogs.confirm(self, "Delete the draft?", text):
            return None
        invoices.delete_draft(self.db, invoice.number)
        return f"Draft {invoice.number} deleted."

    def _save(self) -> str | None:
        invoice = self.current()
        if invoice is not None:
            self.document_requested.emit(invoice_request(invoice.number))
        return None

    def _time_report(self) -> str | None:
        if self.client is not None and self.month is not None:
            self.document_requested.emit(time_report_request(*self.client, self.month))
        return None

    def _statement(self) -> str | None:
        if self.client is not None:
            self.document_requested.emit(account_request(*self.client))
        return None

    # -- slots ---------------------------------------------------------------------------------

    def _on_status_changed(self, _index: int) -> None:
        ui_settings.write(ui_settings.INVOICE_FILTER, self.status.currentData() or "")
        self.refresh()

    def _on_current_changed(self, *_indexes: object) -> None:
        self.show_message("")
        self._update_buttons()
