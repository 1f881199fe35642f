"""The questions the invoice actions ask: a day (issued, paid) and, for a client billing in two
currencies, which one; a payment's day and amount. Custom dialogs expose their buttons so tests
can click them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from storage.billing import Invoice
from storage.rules import Money, clock
from storage.rules import money as money_rules


class DayDialog(QDialog):
    """`text` above a date (today by default) and, when `currencies` are given, a currency."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        text: str,
        field: str,
        currencies: tuple[str, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("invoiceDayDialog")
        self.setWindowTitle(title)
        today = clock.today()
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("d MMM yyyy")
        self.currency = QComboBox(self)
        self.currency.addItems(list(currencies))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        form.addRow(intro)
        form.addRow(field, self.date_edit)
        if len(currencies) > 1:
            form.addRow("Currency", self.currency)
        else:
            self.currency.hide()
        form.addRow(self.buttons)

    def day(self) -> dt.date:
        return self.date_edit.date().toPython()  # type: ignore[return-value]

    def chosen_currency(self) -> str | None:
        return self.currency.currentText() or None


class PaymentDialog(DayDialog):
    """The day a payment arrived and its amount (what is still owed, to start with)."""

    def __init__(self, parent: QWidget, invoice: Invoice) -> None:
        owed = Money(invoice.balance_minor, invoice.currency)
        super().__init__(parent, "Record payment",
                         f"A payment for invoice {invoice.number}: {owed} is still owed.",
                         "Paid on")  # fmt: skip
        self.setObjectName("invoicePaymentDialog")
        self.currency_code = invoice.currency
        self.amount = QLineEdit(owed.plain(), self)
        form = self.layout()
        assert isinstance(form, QFormLayout)
        form.insertRow(form.rowCount() - 1, f"Amount ({invoice.currency})", self.amount)

    def amount_minor(self) -> int:
        """The amount typed, in minor units; ValidationError for text that is not one."""
        return money_rules.parse("amount", self.amount.text(), self.currency_code,
                                 required=True) or 0  # fmt: skip


class CreditDialog(DayDialog):
    """A credit note's day, the lines it credits (all, to start with) and its reason."""

    def __init__(self, parent: QWidget, invoice: Invoice) -> None:
        owed = Money(invoice.balance_minor, invoice.currency)
        super().__init__(parent, "Issue a credit note",
                         f"A credit note for invoice {invoice.number} ({owed} still owed). It "
                         "takes the next credit note number and is never changed afterwards.",
                         "Issued on")  # fmt: skip
        self.setObjectName("invoiceCreditDialog")
        self.lines: dict[int, QCheckBox] = {}
        form = self.layout()
        assert isinstance(form, QFormLayout)
        for line in invoice.lines:
            amount = Money(line.amount_minor, invoice.currency)
            box = QCheckBox(f"{line.description} ({line.quantity}): {amount}", self)
            box.setChecked(True)
            self.lines[line.id or 0] = box
            form.insertRow(form.rowCount() - 1, "" if self.lines.keys() - {line.id} else "Lines",
                           box)  # fmt: skip
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(f"Cancels invoice {invoice.number}")
        form.insertRow(form.rowCount() - 1, "Reason", self.reason)

    def chosen_lines(self) -> list[int]:
        """The lines ticked; all of them means the whole of what is still owed."""
        ticked = [line_id for line_id, box in self.lines.items() if box.isChecked()]
        return [] if len(ticked) == len(self.lines) else ticked


def ask_day(dialog: DayDialog) -> bool:
    """Show the dialog and wait (tests patch this to answer it)."""
    return dialog.exec() == QDialog.DialogCode.Accepted
