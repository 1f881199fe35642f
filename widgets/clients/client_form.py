"""The selected client's details, legal details and fit check. Each finished edit is reported as one field change.

The form does not write: the Clients tab saves each change (with undo) and shows errors here.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from storage.practice import FIT_QUESTIONS, Client, clients
from storage.rules import CLIENT_STATUS_LABELS as STATUS_LABELS
from storage.rules import ValidationError
from widgets.common.field_errors import FieldErrors, error_label
from widgets.common.text_box import TextBox

FOLLOW_TEXT = "From engagements"

LINE_FIELDS = {
    "name": "Name",
    "contact_name": "Contact",
    "email": "Email",
    "role": "Contact's role",
}
LEGAL_FIELDS = {  # what the scope of work and the invoice print for the client as a party
    "legal_name": "Legal name",
    "country": "Country",
    "tax_id": "Tax id",
    "signatory_name": "Signatory",
    "signatory_title": "Signatory's title",
}
LEGAL_PLACEHOLDERS = {
    "legal_name": "As registered, e.g. Acme Robotics Ltd",
    "country": "Two letters, e.g. GB, FR, DE: the tax follows it",
    "tax_id": "VAT number (in the EU and the UK) or company number",
    "signatory_name": "Who signs the scope of work",
    "signatory_title": "e.g. CEO",
}


TAX_CHOICES = {  # "" follows the country and the VAT number against the consultant's
    "": "Follow the country and VAT number",
    "domestic": "VAT at the rate below",
    "reverse_charge": "Reverse charge (business abroad in the EU or UK)",
    "outside_scope": "Outside the scope of VAT",
    "not_registered": "No VAT",
}
RATE_HINT = "The practice's rate (Preferences)"


def rate_value(text: str) -> object:
    """A percentage typed ("20", "5.5 %") as basis points; empty is None (the practice's rate).
    Text that is not a number goes on as typed, for storage to refuse in plain words."""
    cleaned = text.replace("%", "").strip()
    if not cleaned:
        return None
    try:
        return round(float(cleaned) * 100)
    except ValueError:
        return cleaned


def rate_text(rate_bp: int | None) -> str:
    return "" if rate_bp is None else f"{rate_bp / 100:g}"


class NotesEdit(TextBox):
    """Multi-line notes that report `editingFinished` when the cursor leaves, like QLineEdit."""

    editingFinished = Signal()  # noqa: N815 - the same name as QLineEdit's signal

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()


class ClientForm(QWidget):
    """Emits `edited(field, value)` when the user finishes changing one field."""

    edited = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.errors = FieldErrors()
        self.lines = {field: QLineEdit(self) for field in {**LINE_FIELDS, **LEGAL_FIELDS}}
        for field, text in LEGAL_PLACEHOLDERS.items():
            self.lines[field].setPlaceholderText(text)
        self.address = NotesEdit(self)
        self.address.setObjectName("clientAddress")
        self.address.setTabChangesFocus(True)
        self.address.setPlaceholderText("The registered address, on several lines")
        self.name = self.lines["name"]
        self.email = self.lines["email"]
        self.status = QComboBox(self)
        self.status.addItem(FOLLOW_TEXT, "")
        for status, label in STATUS_LABELS.items():
            self.status.addItem(label, status)
        self.status.setToolTip(
            "Follows the engagements (active while one is under way, former once all have "
            "ended) unless you choose a status by hand"
        )
        self.notes = NotesEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText("How you met, who decides, what the board cares about…")
        self.tax_treatment = QComboBox(self)
        self.tax_treatment.setObjectName("clientTaxTreatment")
        for kind, text in TAX_CHOICES.items():
            self.tax_treatment.addItem(text, kind)
        self.tax_rate = QLineEdit(self)
        self.tax_rate.setObjectName("clientTaxRate")
        self.tax_rate.setPlaceholderText(RATE_HINT)
        self.tax_rate.setToolTip("A VAT rate of the client's own, in percent; empty for the "
                                 "practice's rate")  # fmt: skip
        self.fit_boxes = {key: QCheckBox(text, self) for key, text in FIT_QUESTIONS.items()}
        self.verdict = QLabel(self)
        self.verdict.setObjectName("fitVerdict")
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self._build_layout()
        self._connect()

    def _build_layout(self) -> None:
        details = QGroupBox("Client", self)
        form = QFormLayout(details)
        for field, label in LINE_FIELDS.items():
            self._add_row(form, label, self.lines[field], field)
        self._add_row(form, "Status", self.status, "status")
        self._add_row(form, "Notes", self.notes, "notes")
        self.notes.setMinimumHeight(60)
        self.notes.setMaximumHeight(80)
        legal = QGroupBox("Legal details", self)
        legal.setToolTip("Printed on the scope of work and the invoices")
        legal_form = QFormLayout(legal)
        self._add_row(
            legal_form, LEGAL_FIELDS["legal_name"], self.lines["legal_name"], "legal_name"
        )
        self._add_row(legal_form, "Address", self.address, "address")
        self.address.setMinimumHeight(60)
        self.address.setMaximumHeight(80)
        for field in ("country", "tax_id"):
            self._add_row(legal_form, LEGAL_FIELDS[field], self.lines[field], field)
        self._add_row(legal_form, "Tax", self.tax_treatment, "tax_treatment")
        self._add_row(legal_form, "VAT rate (%)", self.tax_rate, "tax_rate_bp")
        for field in ("signatory_name", "signatory_title"):
            self._add_row(legal_form, LEGAL_FIELDS[field], self.lines[field], field)
        fit = QGroupBox("Fit check", self)
        fit_layout = QVBoxLayout(fit)
        for key, box in self.fit_boxes.items():
            fit_layout.addWidget(box)
            fit_layout.addWidget(self.errors.add(key, error_label(self)))
        fit_layout.addWidget(self.verdict)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(details)
        layout.addWidget(legal)
        layout.addWidget(fit)

    def _add_row(self, form: QFormLayout, label: str, widget: QWidget, field: str) -> None:
        form.addRow(label, widget)
        form.addRow("", self.errors.add(field, error_label(self)))

    def _connect(self) -> None:
        for field, edit in self.lines.items():
            edit.editingFinished.connect(partial(self._on_line_editing_finished, field))
        self.notes.editingFinished.connect(self._on_notes_editing_finished)
        self.address.editingFinished.connect(self._on_address_editing_finished)
        self.status.currentIndexChanged.connect(self._on_status_current_index_changed)
        self.tax_treatment.currentIndexChanged.connect(self._on_tax_treatment_changed)
        self.tax_rate.editingFinished.connect(self._on_tax_rate_editing_finished)
        for key, box in self.fit_boxes.items():
            box.toggled.connect(partial(self._on_fit_toggled, key))

    # -- showing a client ----------------------------------------------------------------------

    def load(self, client: Client) -> None:
        """Show `client` as stored, clearing any error message."""
        self._loading = True
        try:
            for field, edit in self.lines.items():
                edit.setText(getattr(client, field))
                edit.setCursorPosition(0)
            self.notes.setPlainText(client.notes)
            self.address.setPlainText(client.address)
            shown = client.status if client.status_by_hand else ""
            self.status.setItemText(0, f"{FOLLOW_TEXT}: {STATUS_LABELS[client.status]}")
            self.status.setCurrentIndex(max(self.status.findData(shown), 0))
            self.tax_treatment.setCurrentIndex(
                max(self.tax_treatment.findData(client.tax_treatment), 0)
            )
            self.tax_rate.setText(rate_text(client.tax_rate_bp))
            for key, box in self.fit_boxes.items():
                box.setChecked(bool(getattr(client, key)))
        finally:
            self._loading = False
        self.errors.clear()
        self._show_verdict()

    def show_error(self, error: ValidationError) -> None:
        self.errors.show(error)

    def values(self) -> dict[str, object]:
        """Every field as the form shows it now (for a client not stored yet)."""
        result: dict[str, object] = {f: edit.text() for f, edit in self.lines.items()}
        result["notes"] = self.notes.toPlainText()
        result["address"] = self.address.toPlainText()
        chosen = self.status.currentData()
        result["status"] = chosen or "prospect"
        result["status_by_hand"] = bool(chosen)
        result["tax_treatment"] = self.tax_treatment.currentData() or ""
        result["tax_rate_bp"] = rate_value(self.tax_rate.text())
        result.update({key: box.isChecked() for key, box in self.fit_boxes.items()})
        return result

    def _show_verdict(self) -> None:
        score = sum(box.isChecked() for box in self.fit_boxes.values())
        self.verdict.setText(f"<b>{score} of 4:</b> {clients.fit_verdict(score)}")

    # -- reporting edits -----------------------------------------------------------------------

    def _report(self, field: str, value: object) -> None:
        if not self._loading:
            self.edited.emit(field, value)

    def _on_line_editing_finished(self, field: str) -> None:
        self._report(field, self.lines[field].text())

    def _on_notes_editing_finished(self) -> None:
        self._report("notes", self.notes.toPlainText())

    def _on_address_editing_finished(self) -> None:
        self._report("address", self.address.toPlainText())

    def _on_status_current_index_changed(self, _index: int) -> None:
        self._report("status", self.status.currentData())

    def _on_tax_treatment_changed(self, _index: int) -> None:
        self._report("tax_treatment", self.tax_treatment.currentData() or "")

    def _on_tax_rate_editing_finished(self) -> None:
        self._report("tax_rate_bp", rate_value(self.tax_rate.text()))

    def _on_fit_toggled(self, key: str, checked: bool) -> None:
        self._show_verdict()
        self._report(key, checked)
