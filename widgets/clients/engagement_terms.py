"""The engagement editor's Terms page: payment, invoicing, expenses, notice, minimum term, the
rate for heavy periods, confidentiality, intellectual property, conflict-of-interest
disclosures, and the other standard clauses (governing law, liability, data protection with
whether personal data is processed, insurance, status, non-solicitation, entire agreement).

An empty number means "the standard from Preferences" (payment terms, shown as the placeholder)
or "to be agreed"; a clause on "Use my standard text" is stored empty and prints the standard.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from storage.practice import GOVERNING_LAWS, Engagement, Profile
from storage.rules import INVOICING_CADENCES, Money, ValidationError, money
from widgets.common import palette
from widgets.common.text_box import TextBox

NOTICE_UNITS = {"days": 1, "weeks": 7}
WHOLE_NUMBER = "a whole number"


def whole_number(field: str, text: str, high: int) -> int | None:
    """A typed whole number from 0 to `high`, or None when the box is empty."""
    cleaned = text.strip()
    if not cleaned:
        return None
    if not cleaned.isdigit() or int(cleaned) > high:
        raise ValidationError(field, f"must be {WHOLE_NUMBER} from 0 to {high}, or empty")
    return int(cleaned)


def amount_text(minor: int | None, currency: str) -> str:
    """An amount as typed back into its field: "1,500", "1,500.50", "100,000" for JPY."""
    return "" if minor is None else Money(minor, currency).grouped(whole=True)


def _line(text: str, placeholder: str, width: int = 90) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    edit.setMaximumWidth(width)
    return edit


def text_box(text: str, placeholder: str = "", height: int = 70) -> QPlainTextEdit:
    box = TextBox()
    box.setPlainText(text)
    box.setPlaceholderText(placeholder)
    box.setMinimumHeight(height)
    return box


def with_unit(edit: QWidget, unit: QWidget | str) -> QWidget:
    """A field followed by its unit ("days", a choice of days or weeks) on one line."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit)
    layout.addWidget(QLabel(unit) if isinstance(unit, str) else unit)
    layout.addStretch(1)
    return row


class StandardClause(QWidget):
    """A clause that is either the consultant's standard text or this engagement's own."""

    def __init__(self, own: str, standard: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.standard = standard
        self.use_standard = QRadioButton("Use my standard text", self)
        self.use_own = QRadioButton("Edit for this engagement", self)
        self.group = QButtonGroup(self)
        self.group.addButton(self.use_standard)
        self.group.addButton(self.use_own)
        self.box = text_box(own or standard, height=90)
        self.box_tint = palette.Tint(self.box)
        choice = QHBoxLayout()
        choice.addWidget(self.use_standard)
        choice.addWidget(self.use_own)
        choice.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(choice)
        layout.addWidget(self.box, 1)
        (self.use_own if own else self.use_standard).setChecked(True)
        self._show_choice()
        self.use_own.toggled.connect(self._on_use_own_toggled)

    def _on_use_own_toggled(self, _checked: bool) -> None:
        self._show_choice()

    def _show_choice(self) -> None:
        own = self.use_own.isChecked()
        if not own:
            self.box.setPlainText(self.standard)  # what prints; editing starts from it
        self.box.setReadOnly(not own)
        self.box_tint.set(None if own else "muted")
        self.box.setToolTip("" if own else "Your standard text from Preferences")

    def value(self) -> str:
        """Empty on the standard (it follows Preferences), else this engagement's text."""
        return self.box.toPlainText() if self.use_own.isChecked() else ""


MORE_CLAUSES = {  # the engagement's field (the profile's of the same name) -> its label
    "liability_text": "Limitation of liability",
    "data_protection_text": "Data protection",
    "insurance_text": "Insurance",
    "status_text": "Status of the consultant",
    "non_solicitation_text": "Non-solicitation",
    "entire_agreement_text": "Entire agreement",
}
STANDARD_LAW = "Use my standard ({law})"


class ClauseChooser(QWidget):
    """The further standard clauses, one shown at a time: a choice of clause above its text."""

    def __init__(self, clauses: dict[str, StandardClause], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clauses = clauses
        self.choice = QComboBox(self)
        self.stack = QStackedWidget(self)
        for name, clause in clauses.items():
            self.choice.addItem(MORE_CLAUSES[name], name)
            self.stack.addWidget(clause)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.choice)
        layout.addWidget(self.stack, 1)
        self.choice.currentIndexChanged.connect(self.stack.setCurrentIndex)

    def show_clause(self, name: str) -> None:
        self.choice.setCurrentIndex(max(self.choice.findData(name), 0))


class TermsFields:
    """The Terms page's inputs for one engagement; `values()` reads them for the record."""

    def __init__(self, e: Engagement, profile: Profile) -> None:
        standard_days = profile.payment_terms_days
        self.payment_terms = _line(_number_text(e.payment_terms_days), f"{standard_days}")
        self.payment_terms.setToolTip(
            f"Days to pay an invoice; empty uses your standard from Preferences ({standard_days})"
        )
        self.cadence = QComboBox()
        for key, label in INVOICING_CADENCES.items():
            self.cadence.addItem(label, key)
        self.cadence.setCurrentIndex(max(self.cadence.findData(e.invoicing_cadence), 0))
        weeks = e.notice_days is not None and e.notice_days > 0 and e.notice_days % 7 == 0
        shown = e.notice_days // 7 if weeks and e.notice_days else e.notice_days
        self.notice = _line(_number_text(shown), "To agree")
        self.notice_unit = QComboBox()
        for unit in NOTICE_UNITS:
            self.notice_unit.addItem(unit, unit)
        self.notice_unit.setCurrentIndex(1 if weeks else 0)
        self.minimum_term = _line(_number_text(e.minimum_term_months), "None")
        self.currency_code = money.code(e.currency)
        self.heavy_rate = _line(amount_text(e.heavy_rate_minor, e.currency), "Not agreed", 130)
        self.heavy_rate.setToolTip("A day rate for days beyond the commitment (heavy periods)")
        self.currency = QLabel(f"{e.currency} a day")
        self.included = _line(hours_text(e.included_minutes), "None set")
        self.included.setToolTip("A retainer's hours included each month; empty: no overage")
        self.overage_rate = _line(amount_text(e.overage_rate_minor, e.currency), "None", 130)
        self.overage_rate.setToolTip("What an hour beyond the included hours bills")
        self.overage_currency = QLabel(f"{e.currency} an hour")
        self.rollover = _line(hours_text(e.rollover_minutes or None), "None")
        self.rollover.setToolTip("Unused hours carried into the next month, at most this many")
        self.expenses = text_box(e.expenses_policy, "What is reimbursed, and how it is agreed")
        self.disclosures = text_box(
            e.disclosures, "Any interest in a vendor you may recommend; empty if there is none"
        )
        self.confidentiality = StandardClause(e.confidentiality, profile.confidentiality_text)
        self.ip_terms = StandardClause(e.ip_terms, profile.ip_text)
        self.governing_law = QComboBox()
        self.governing_law.setEditable(True)
        self.governing_law.addItem(STANDARD_LAW.format(law=profile.governing_law), "")
        for law in GOVERNING_LAWS:
            self.governing_law.addItem(law, law)
        self.governing_law.setCurrentIndex(0)
        if e.governing_law:
            self.governing_law.setCurrentText(e.governing_law)
        self.more_clauses = {
            name: StandardClause(getattr(e, name), getattr(profile, name)) for name in MORE_CLAUSES
        }
        self.clause_chooser = ClauseChooser(self.more_clauses)
        self.personal_data = QCheckBox("The consultant processes personal data for the client")
        self.personal_data.setToolTip("Adds the data processing annex to the scope of work")
        self.personal_data.setChecked(e.personal_data)
        self.data_categories = text_box(
            e.data_categories, "For the annex: the kinds of data, and whose (customers, staff…)"
        )
        self.sub_processors = text_box(
            e.sub_processors, "For the annex: e.g. the AI providers used; empty if none"
        )

    def rows(self) -> list[tuple[str, QWidget, tuple[str, ...]]]:
        return [
            ("Payment terms", with_unit(self.payment_terms, "days"), ("payment_terms_days",)),
            ("Invoicing", self.cadence, ("invoicing_cadence",)),
            ("Notice period", with_unit(self.notice, self.notice_unit), ("notice_days",)),
            ("Minimum term", with_unit(self.minimum_term, "months"), ("minimum_term_months",)),
            ("Heavy-period rate", with_unit(self.heavy_rate, self.currency), ("heavy_rate_minor",)),
            ("Retainer includes", with_unit(self.included, "hours a month"), ("included_minutes",)),
            (
                "Overage rate",
                with_unit(self.overage_rate, self.overage_currency),
                ("overage_rate_minor",),
            ),
            (
                "Rollover",
                with_unit(self.rollover, "hours at most, into the next month"),
                ("rollover_minutes",),
            ),
            ("Expenses", self.expenses, ("expenses_policy",)),
            ("Disclosures", self.disclosures, ("disclosures",)),
        ]

    def clause_rows(self) -> list[tuple[str, QWidget, tuple[str, ...]]]:
        return [
            ("Confidentiality", self.confidentiality, ("confidentiality",)),
            ("Intellectual property", self.ip_terms, ("ip_terms",)),
            ("Governing law", self.governing_law, ("governing_law",)),
            ("More clauses", self.clause_chooser, tuple(MORE_CLAUSES)),
            ("Personal data", self.personal_data, ("personal_data",)),
            ("Data and people", self.data_categories, ("data_categories",)),
            ("Sub-processors", self.sub_processors, ("sub_processors",)),
        ]

    def governing_law_value(self) -> str:
        """Empty on "Use my standard" (it follows Preferences), else the law chosen or typed."""
        text = self.governing_law.currentText().strip()
        if text == self.governing_law.itemText(0):
            return ""
        return text

    def show_currency(self, currency: str) -> None:
        """The heavy-period rate is typed in the engagement's currency (and its decimals)."""
        self.currency_code = money.code(currency)
        self.currency.setText(f"{self.currency_code or '…'} a day")
        self.overage_currency.setText(f"{self.currency_code or '…'} an hour")

    def values(self) -> dict[str, object]:
        """The terms as typed; ValidationError names a number that cannot be read."""
        notice = whole_number("notice_days", self.notice.text(), 365)
        if notice is not None:
            notice *= NOTICE_UNITS[self.notice_unit.currentData()]
        return {
            "payment_terms_days": whole_number(
                "payment_terms_days", self.payment_terms.text(), 365
            ),
            "invoicing_cadence": self.cadence.currentData(),
            "notice_days": notice,
            "minimum_term_months": whole_number(
                "minimum_term_months", self.minimum_term.text(), 60
            ),
            "heavy_rate_minor": money.parse(
                "heavy_rate_minor", self.heavy_rate.text(), self.currency_code
            ),
            "included_minutes": hours_value("included_minutes", self.included.text()),
            "overage_rate_minor": money.parse(
                "overage_rate_minor", self.overage_rate.text(), self.currency_code
            ),
            "rollover_minutes": hours_value("rollover_minutes", self.rollover.text()) or 0,
            "expenses_policy": self.expenses.toPlainText(),
            "disclosures": self.disclosures.toPlainText(),
            "confidentiality": self.confidentiality.value(),
            "ip_terms": self.ip_terms.value(),
            "governing_law": self.governing_law_value(),
            "personal_data": self.personal_data.isChecked(),
            "data_categories": self.data_categories.toPlainText(),
            "sub_processors": self.sub_processors.toPlainText(),
            **{name: clause.value() for name, clause in self.more_clauses.items()},
        }


def hours_text(minutes: int | None) -> str:
    """Minutes as the hours typed: 600 -> "10", 630 -> "10.5"; None is empty."""
    return "" if minutes is None else f"{minutes / 60:g}"


def hours_value(field: str, text: str) -> int | None:
    """Hours typed ("10", "7.5") as minutes, or None when the box is empty."""
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        hours = float(cleaned)
    except ValueError:
        raise ValidationError(field, "must be a number of hours, such as 10 or 7.5") from None
    if not 0 <= hours <= 744:
        raise ValidationError(field, "must be from 0 to 744 hours (a month)")
    return round(hours * 60)


def _number_text(value: int | None) -> str:
    return "" if value is None else str(value)
