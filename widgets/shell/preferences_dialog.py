"""Preferences, in pages: General (the consultant profile the documents print, the week start,
timer rounding, the capacity in days a week with the days off), Invoicing and Documents (the
letterhead and the standard clauses), Tax and reminders, and Sync (given by the window, whose
runner it drives), each page its own module."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from storage.billing import preferences
from storage.file import Change, ChangedElsewhereError
from storage.practice import Profile, settings
from storage.rules import ValidationError
from widgets.common.field_errors import FieldErrors, error_label
from widgets.common.money_edit import MoneyEdit
from widgets.shell.preferences_documents import DocumentsPage
from widgets.shell.preferences_invoicing import InvoicingPage
from widgets.shell.preferences_tax import TaxPage

if TYPE_CHECKING:
    from sqlite_utils import Database

FIELD_CHARS = 40  # a business name or an email address shows whole: the dialog sizes to it
ROUNDING_LABELS = {0: "No rounding", 5: "5 minutes", 6: "6 minutes", 15: "15 minutes"}
_CHANGED_ELSEWHERE = (
    "your preferences were saved elsewhere (another window or the command line) since this "
    "dialog opened. Save again to replace them with what is shown here"
)
HOURS_FORMAT_LABELS = {"h:mm": "Hours and minutes (17:15)", "decimal": "Decimal hours (17.25)"}


class PreferencesDialog(QDialog):
    def __init__(
        self, db: Database, parent: QWidget | None = None, *, sync_page: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.sync_page = sync_page  # Preferences → Sync, acting at once (not on Save)
        self.setWindowTitle("Preferences")
        self.setObjectName("preferencesDialog")
        profile = settings.load_profile(db)
        self.loaded = profile  # what the pages do not show is kept as it was
        self.change: Change[Profile] | None = None  # what Save wrote
        self.errors = FieldErrors()
        self.name = QLineEdit(profile.name)
        self.business_name = QLineEdit(profile.business_name)
        self.email = QLineEdit(profile.email)
        self.phone = QLineEdit(profile.phone)
        self.currency = QLineEdit(profile.default_currency)
        self.currency.setMaxLength(3)
        self.rate = MoneyEdit(profile.default_rate_minor, profile.default_currency)
        self.currency.textChanged.connect(self.rate.set_currency)
        self.paper = _combo(settings.PAPER_SIZES, profile.paper_size)
        self.week_start = _combo(settings.WEEK_STARTS, profile.week_start)
        self.rounding = QComboBox()
        for minutes, label in ROUNDING_LABELS.items():
            self.rounding.addItem(label, minutes)
        self.rounding.setCurrentIndex(self.rounding.findData(profile.timer_rounding_minutes))
        self.capacity = QDoubleSpinBox()
        self.capacity.setRange(0.5, 7)
        self.capacity.setSingleStep(0.5)
        self.capacity.setDecimals(1)
        self.capacity.setSuffix(" days a week")
        self.capacity.setValue(profile.capacity_days_per_week)
        self.days_off = QPlainTextEdit(settings.days_off_text(profile))
        self.days_off.setPlaceholderText("One a line: 2026-12-21 to 2027-01-01, or one date")
        self.days_off.setTabChangesFocus(True)
        self.days_off.setMaximumHeight(80)
        self.minimum = QSpinBox()
        self.minimum.setRange(0, settings.MAX_TIMER_MINIMUM)
        self.minimum.setSuffix(" min")
        self.minimum.setSpecialValueText("Never ask")
        self.minimum.setValue(profile.timer_minimum_minutes)
        self.minimum.setToolTip("A timer stopped sooner asks whether to log it")
        self.hours_format = QComboBox()
        for value, label in HOURS_FORMAT_LABELS.items():
            self.hours_format.addItem(label, value)
        self.hours_format.setCurrentIndex(max(self.hours_format.findData(profile.hours_format), 0))
        self.invoicing = InvoicingPage(db, profile, self.errors)
        self.documents = DocumentsPage(profile, self.errors)
        self.tax = TaxPage(profile, self.errors)
        self._build_layout()

    def _build_layout(self) -> None:
        form = QFormLayout()
        rows = [
            ("Your name", self.name, "name"),
            ("Business name", self.business_name, "business_name"),
            ("Email", self.email, "email"),
            ("Phone", self.phone, "phone"),
            ("Default currency", self.currency, "default_currency"),
            ("Default rate (per day)", self.rate, "default_rate_minor"),
            ("Paper size", self.paper, "paper_size"),
            ("Week starts on", self.week_start, "week_start"),
            ("Round timer up to", self.rounding, "timer_rounding_minutes"),
            ("Capacity", self.capacity, "capacity_days_per_week"),
            ("Days off", self.days_off, "days_off"),
            ("Ask before logging under", self.minimum, "timer_minimum_minutes"),
            ("Show hours as", self.hours_format, "hours_format"),
        ]
        for label, widget, field in rows:
            form.addRow(label, widget)
            form.addRow("", self.errors.add(field, error_label(self)))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.name, self.business_name, self.email, self.phone):
            edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * FIELD_CHARS)
        security = self.buttons.addButton("Security…", QDialogButtonBox.ButtonRole.ResetRole)
        security.setObjectName("securityButton")
        security.setToolTip("Encryption of your practice and its recovery key")
        security.clicked.connect(self._on_security_clicked)
        self.security_requested = False  # the window opens Security once this dialog is closed
        general = QWidget()
        general.setLayout(form)
        self.pages = QTabWidget()
        self.pages.setObjectName("preferencesPages")
        self.pages.addTab(general, "&General")
        self.pages.addTab(self.invoicing, "&Invoicing")
        self.pages.addTab(self.documents, "&Documents")
        self.pages.addTab(self.tax, "&Tax and reminders")
        if self.sync_page is not None:
            self.pages.addTab(self.sync_page, "S&ync")
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.buttons)

    def _on_security_clicked(self) -> None:
        self.security_requested = True
        self.reject()

    def profile(self) -> Profile:
        """The profile as typed (what no page shows kept as stored); days off that cannot be read
        raise ValidationError."""
        general = dataclasses.replace(
            self.loaded,
            name=self.name.text(),
            business_name=self.business_name.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            default_currency=self.currency.text(),
            default_rate_minor=self.rate.minor(),
            paper_size=self.paper.currentText(),
            week_start=self.week_start.currentText(),
            timer_rounding_minutes=int(self.rounding.currentData()),
            capacity_days_per_week=self.capacity.value(),
            days_off=settings.parse_days_off(self.days_off.toPlainText()),
            timer_minimum_minutes=self.minimum.value(),
            hours_format=str(self.hours_format.currentData()),
        )
        return self.tax.apply(self.documents.apply(self.invoicing.apply(general)))

    def accept(self) -> None:
        """Save the profile and the next invoice number as one write; `change` holds what it did.

        Preferences saved elsewhere since the dialog opened are not overwritten unasked: the
        dialog says so and keeps what was typed, so Save again replaces them."""
        try:
            self.change = preferences.save(
                self.db,
                self.profile(),
                next_number=self.invoicing.next_number_change(),
                expected=self.loaded,
            )
        except ChangedElsewhereError as moved:
            self.loaded = moved.stored
            self.errors.show(ValidationError("name", _CHANGED_ELSEWHERE))
            self.pages.setCurrentIndex(0)
            return
        except ValidationError as error:
            self.errors.show(error)
            self._show_page_of(error.field)
            return
        super().accept()

    def _show_page_of(self, field: str) -> None:
        """Turn to the page that holds the field the message is about."""
        label = self.errors.labels.get(field)
        if label is None:
            return
        for page in (self.invoicing, self.tax, self.documents):
            if page.isAncestorOf(label):
                self.pages.setCurrentWidget(page)
                return
        self.pages.setCurrentIndex(0)


def _combo(values: tuple[str, ...], current: str) -> QComboBox:
    combo = QComboBox()
    combo.addItems(list(values))
    combo.setCurrentText(current)
    return combo
