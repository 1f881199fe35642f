"""Preferences → Documents: the letterhead the documents start from, and the standard clauses a
scope of work prints (confidentiality, IP, liability, insurance with its cover, data
protection, status, non-solicitation with its months, the entire agreement, governing law);
an engagement may replace each with its own on its Terms page."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from exporters.styles import STYLES
from storage.practice import GOVERNING_LAWS, Profile
from storage.rules import Money, ValidationError, money
from widgets.common.field_errors import FieldErrors, error_label

FIELDS = (
    "letterhead_path", "confidentiality_text", "ip_text", "governing_law", "liability_text",
    "data_protection_text", "insurance_text", "indemnity_cover_minor", "public_liability_minor",
    "status_text", "non_solicitation_text", "non_solicitation_months", "entire_agreement_text",
)  # fmt: skip
CLAUSES = {  # the profile's field -> its label on the page
    "liability_text": "Standard limitation of liability",
    "data_protection_text": "Standard data protection",
    "insurance_text": "Standard insurance",
    "status_text": "Standard status (independent contractor)",
    "non_solicitation_text": "Standard non-solicitation",
    "entire_agreement_text": "Standard entire agreement",
}
NO_LETTERHEAD = "None: the built-in layout"
CLAUSE_HEIGHT = 110  # pixels: a few lines of a clause show; it scrolls beyond


def ask_letterhead(parent: QWidget, start: str) -> Path | None:
    """The open dialog for a .docx (tests patch this); None when the user cancels."""
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, "Choose your letterhead", start, "Word document (*.docx)"
    )
    return Path(chosen) if chosen else None


def check_letterhead(path: Path) -> None:
    """ValidationError on the letterhead field when the file cannot serve as the letterhead."""
    from exporters import letterhead  # python-docx only when a file is chosen

    letterhead.check_letterhead(str(path))


class DocumentsPage(QWidget):
    """The page's fields; `apply` puts them into a profile, errors show beside each field."""

    def __init__(self, profile: Profile, errors: FieldErrors, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("preferencesDocuments")
        self.errors = errors
        self.letterhead = QLineEdit(profile.letterhead_path)
        self.letterhead.setReadOnly(True)
        self.letterhead.setPlaceholderText(NO_LETTERHEAD)
        self.browse = QPushButton("Browse…")
        self.browse.setObjectName("letterheadBrowse")
        self.browse.clicked.connect(self._on_browse_clicked)
        self.clear = QPushButton("Clear")
        self.clear.setObjectName("letterheadClear")
        self.clear.clicked.connect(self._on_clear_clicked)
        self.confidentiality = _clause(profile.confidentiality_text)
        self.ip = _clause(profile.ip_text)
        self.governing_law = QComboBox()
        self.governing_law.setEditable(True)
        self.governing_law.addItems(GOVERNING_LAWS)
        self.governing_law.setCurrentText(profile.governing_law)
        self.governing_law.setToolTip("The law and courts a scope of work names; type another")
        self.clauses = {name: _clause(getattr(profile, name)) for name in CLAUSES}
        self.currency_code = profile.default_currency
        self.indemnity = _amount(profile.indemnity_cover_minor, profile.default_currency)
        self.public_liability = _amount(profile.public_liability_minor, profile.default_currency)
        self.months = QSpinBox()
        self.months.setRange(0, 60)
        self.months.setSuffix(" months")
        self.months.setValue(profile.non_solicitation_months)
        self._build_layout()

    def _build_layout(self) -> None:
        line = QHBoxLayout()
        line.addWidget(self.letterhead, 1)
        line.addWidget(self.browse)
        line.addWidget(self.clear)
        inner = QWidget()
        form = QFormLayout(inner)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        QVBoxLayout(self).addWidget(scroll)
        code = self.currency_code
        clauses = [(label, self.clauses[name], name) for name, label in CLAUSES.items()]
        rows = [
            ("Letterhead", line, "letterhead_path"),
            ("Standard confidentiality", self.confidentiality, "confidentiality_text"),
            ("Standard intellectual property", self.ip, "ip_text"),
            ("Governing law", self.governing_law, "governing_law"),
            *clauses[:3],
            (f"Professional indemnity ({code})", self.indemnity, "indemnity_cover_minor"),
            (f"Public liability ({code})", self.public_liability, "public_liability_minor"),
            *clauses[3:5],
            ("Non-solicitation period", self.months, "non_solicitation_months"),
            *clauses[5:],
        ]
        for label, field, name in rows:
            form.addRow(label, field)
            form.addRow("", self.errors.add(name, error_label(self)))
        self.letterhead.setToolTip(
            "Your own Word document: the documents use its styles, header and first-page logo. "
            f"It needs these styles: {', '.join(STYLES)}."
        )
        self.letterhead.setMinimumWidth(self.letterhead.fontMetrics().averageCharWidth() * 36)

    def _on_browse_clicked(self) -> None:
        current = self.letterhead.text()
        chosen = ask_letterhead(self, str(Path(current).parent) if current else str(Path.home()))
        if chosen is None:
            return
        try:
            check_letterhead(chosen)
        except ValidationError as error:
            self.errors.show(error)
            return
        self.errors.clear()
        self.letterhead.setText(str(chosen))

    def _on_clear_clicked(self) -> None:
        self.letterhead.clear()

    def apply(self, profile: Profile) -> Profile:
        """The page's values in `profile`; ValidationError names a cover that cannot be read."""
        code = profile.default_currency
        return dataclasses.replace(
            profile,
            letterhead_path=self.letterhead.text(),
            confidentiality_text=self.confidentiality.toPlainText(),
            ip_text=self.ip.toPlainText(),
            governing_law=self.governing_law.currentText(),
            indemnity_cover_minor=_cover("indemnity_cover_minor", self.indemnity.text(), code),
            public_liability_minor=_cover(
                "public_liability_minor", self.public_liability.text(), code
            ),
            non_solicitation_months=self.months.value(),
            **{name: edit.toPlainText() for name, edit in self.clauses.items()},
        )


def _amount(minor: int, currency: str) -> QLineEdit:
    edit = QLineEdit(Money(minor, currency).grouped(whole=True) if minor else "")
    edit.setPlaceholderText("Not held")
    edit.setMaximumWidth(160)
    return edit


def _cover(field: str, text: str, currency: str) -> int:
    """An amount of cover as typed, 0 when the box is empty."""
    return money.parse(field, text, currency) or 0


def _clause(text: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(CLAUSE_HEIGHT)
    return edit
