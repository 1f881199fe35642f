"""The questions the invoice actions ask: a day (issued, paid) and, for a client billing in two
currencies, which one. Custom dialogs expose their buttons so tests can click them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from storage.rules import clock


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


def ask_day(dialog: DayDialog) -> bool:
    """Show the dialog and wait (tests patch this to answer it)."""
    return dialog.exec() == QDialog.DialogCode.Accepted
