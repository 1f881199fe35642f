"""Preferences → Invoicing: what every invoice prints about the consultant (address, tax id,
bank details), the standard payment terms and tax, and the invoice numbers (format and next)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from storage.billing import invoice_numbers
from storage.practice import Profile, settings
from storage.rules import ValidationError, clock
from widgets.common.field_errors import FieldErrors, error_label

if TYPE_CHECKING:
    from sqlite_utils import Database

TEXT_HEIGHT = 72  # three lines of an address or bank details


class InvoicingPage(QWidget):
    """The page's fields; `apply` puts them into a profile, `next_number_change` the next number."""

    def __init__(self, db: Database, profile: Profile, errors: FieldErrors) -> None:
        super().__init__()
        self.setObjectName("invoicingPage")
        self.db = db
        self.year = clock.today().year
        self.series_code = invoice_numbers.device_code(db)
        self.address = _text(profile.business_address, "Street, town, postcode, country")
        self.tax_id = QLineEdit(profile.tax_id)
        self.company_number = QLineEdit(profile.company_number)
        self.company_number.setPlaceholderText("A limited company's registration number")
        self.registered_office = _text(profile.registered_office, "As registered, if a company")
        self.late_payment = _text(profile.late_payment_text, "What a late payment costs")
        self.late_payment.setToolTip("Printed on every invoice under the payment terms")
        self.bank = _text(profile.bank_details, "Account name, IBAN, BIC or sort code")
        self.terms = QSpinBox()
        self.terms.setRange(0, 365)
        self.terms.setSuffix(" days")
        self.terms.setValue(profile.payment_terms_days)
        self.tax_rate = QDoubleSpinBox()
        self.tax_rate.setRange(0, 100)
        self.tax_rate.setDecimals(2)
        self.tax_rate.setSuffix(" %")
        self.tax_rate.setValue(profile.tax_rate_bp / 100)
        self.tax_note = QLineEdit(profile.tax_note)
        self.tax_note.setPlaceholderText("Reverse charge: VAT to be accounted for by the recipient")
        self.number_format = QLineEdit(profile.invoice_number_format)
        self.number_format.setToolTip(
            "{number} is the sequence ({number:04d} pads it to 0042). On a second synced device,"
            " {device} places its series letter; without it the letter is added as -B."
        )
        self.next_number = QSpinBox()
        self.next_number.setRange(1, invoice_numbers.MAX_NUMBER)
        self.first_next = invoice_numbers.next_number(db, self.year)
        self.next_number.setValue(self.first_next)
        self.example = QLabel()
        self.example.setObjectName("invoiceNumberExample")
        self.number_format.textChanged.connect(self._on_number_changed)
        self.next_number.valueChanged.connect(self._on_number_changed)
        self._build(errors)
        self._on_number_changed()

    def _build(self, errors: FieldErrors) -> None:
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)  # the rows stay together at the top of a taller page
        rows = [
            ("Business address", self.address, "business_address"),
            ("Tax id", self.tax_id, "tax_id"),
            ("Company number", self.company_number, "company_number"),
            ("Registered office", self.registered_office, "registered_office"),
            ("Bank details", self.bank, "bank_details"),
            ("Payment terms", self.terms, "payment_terms_days"),
            ("Tax rate", self.tax_rate, "tax_rate_bp"),
            ("Tax note", self.tax_note, "tax_note"),
            ("Late payment", self.late_payment, "late_payment_text"),
            ("Invoice number format", self.number_format, "invoice_number_format"),
            ("Next invoice number", self.next_number, "next_number"),
        ]
        for label, widget, field in rows:
            form.addRow(label, widget)
            if field == "next_number":
                form.addRow("", self.example)
            form.addRow("", errors.add(field, error_label(self)))

    def _on_number_changed(self) -> None:
        """The next invoice's number as the format gives it, or what is wrong with the format."""
        try:
            checked = settings.invoice_number_format(self.number_format.text())
        except ValidationError as error:
            self.example.setText(error.message[:1].upper() + error.message[1:])
            return
        number = invoice_numbers.format_number(
            checked, self.year, self.next_number.value(), self.series_code
        )
        self.example.setText(f"The next invoice will be numbered {number}")

    def apply(self, profile: Profile) -> Profile:
        return dataclasses.replace(
            profile,
            business_address=self.address.toPlainText(),
            tax_id=self.tax_id.text(),
            company_number=self.company_number.text(),
            registered_office=self.registered_office.toPlainText(),
            late_payment_text=self.late_payment.toPlainText(),
            bank_details=self.bank.toPlainText(),
            payment_terms_days=self.terms.value(),
            tax_rate_bp=round(self.tax_rate.value() * 100),
            tax_note=self.tax_note.text(),
            invoice_number_format=self.number_format.text(),
        )

    def next_number_change(self) -> tuple[int, int] | None:
        """`(year, number)` to start the sequence at, when the number typed was changed; storage
        refuses it at or below a number already given."""
        if self.next_number.value() == self.first_next:
            return None
        return (self.year, self.next_number.value())


def _text(value: str, placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(value)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setMaximumHeight(TEXT_HEIGHT)
    return edit
