"""Preferences → Documents: the letterhead the documents start from, the standard
confidentiality and IP clauses a scope of work prints, and the usual payment terms."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from exporters.styles import STYLES
from storage.practice import Profile
from storage.rules import ValidationError
from widgets.common.field_errors import FieldErrors, error_label

FIELDS = ("letterhead_path", "confidentiality_text", "ip_text")
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
        self._build_layout()

    def _build_layout(self) -> None:
        line = QHBoxLayout()
        line.addWidget(self.letterhead, 1)
        line.addWidget(self.browse)
        line.addWidget(self.clear)
        form = QFormLayout(self)
        rows = [
            ("Letterhead", line, "letterhead_path"),
            ("Standard confidentiality", self.confidentiality, "confidentiality_text"),
            ("Standard intellectual property", self.ip, "ip_text"),
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
        return dataclasses.replace(
            profile,
            letterhead_path=self.letterhead.text(),
            confidentiality_text=self.confidentiality.toPlainText(),
            ip_text=self.ip.toPlainText(),
        )


def _clause(text: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(CLAUSE_HEIGHT)
    return edit
