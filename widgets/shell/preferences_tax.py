"""Preferences → Tax and reminders: the consultant's own country and VAT registration (a
client's tax follows them), the notes printed under reverse charge and outside the scope of VAT,
the credit note numbers, and what a payment reminder may claim (the base rate is entered here,
never fetched)."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from storage.practice import Profile
from widgets.common.field_errors import FieldErrors, error_label


def _percent(value_bp: int, tip: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, 100)
    box.setDecimals(2)
    box.setSuffix(" %")
    box.setValue(value_bp / 100)
    box.setToolTip(tip)
    return box


class TaxPage(QWidget):
    """The page's fields; `apply` puts them into a profile."""

    def __init__(self, profile: Profile, errors: FieldErrors) -> None:
        super().__init__()
        self.setObjectName("taxPage")
        self.country = QLineEdit(profile.country)
        self.country.setPlaceholderText("Two letters, e.g. GB")
        self.country.setToolTip("A client in another country is billed under reverse charge "
                                "or outside the scope of VAT")  # fmt: skip
        self.registered = QCheckBox("Registered for VAT")
        self.registered.setChecked(profile.vat_registered)
        self.registered.setToolTip("Unticked: invoices carry no VAT line at all")
        self.reverse_charge = QLineEdit(profile.reverse_charge_note)
        self.outside_scope = QLineEdit(profile.outside_scope_note)
        self.credit_format = QLineEdit(profile.credit_note_number_format)
        self.credit_format.setToolTip(
            "{number} is the sequence, {year} the year of issue. On a second synced device,"
            " {device} places its series letter; without it the letter is added as -B."
        )
        self.base_rate = _percent(profile.base_rate_bp, "The Bank of England base rate, as "
                                  "entered: the app never fetches it")  # fmt: skip
        self.margin = _percent(profile.late_interest_margin_bp, "Statutory interest is this "
                               "much over the base rate (8% in the UK)")  # fmt: skip
        self.compensation = QLineEdit(profile.late_compensation)
        self.compensation.setToolTip(
            "Bands of fixed compensation, below:amount, the last *:amount. The UK's: "
            "1000:40 10000:70 *:100"
        )
        self._build(errors)

    def _build(self, errors: FieldErrors) -> None:
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        rows = [
            ("Your country", self.country, "country"),
            ("VAT", self.registered, "vat_registered"),
            ("Reverse charge statement", self.reverse_charge, "reverse_charge_note"),
            ("Outside the scope note", self.outside_scope, "outside_scope_note"),
            ("Credit note number format", self.credit_format, "credit_note_number_format"),
            ("Base rate", self.base_rate, "base_rate_bp"),
            ("Late interest over base", self.margin, "late_interest_margin_bp"),
            ("Fixed compensation", self.compensation, "late_compensation"),
        ]
        for label, widget, field in rows:
            form.addRow(label, widget)
            form.addRow("", errors.add(field, error_label(self)))

    def apply(self, profile: Profile) -> Profile:
        return dataclasses.replace(
            profile,
            country=self.country.text(),
            vat_registered=self.registered.isChecked(),
            reverse_charge_note=self.reverse_charge.text(),
            outside_scope_note=self.outside_scope.text(),
            credit_note_number_format=self.credit_format.text(),
            base_rate_bp=round(self.base_rate.value() * 100),
            late_interest_margin_bp=round(self.margin.value() * 100),
            late_compensation=self.compensation.text(),
        )
