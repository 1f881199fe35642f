"""An engagement's scope creep and change requests, under its row on the Clients tab.

The engagement's signals (this week and the three before) with their evidence; its change
requests with their price and status; a new one from nothing or from the signals; the
change-request document; accepting one (which asks where to save the scope of work's next
version, and writes it with the acceptance, in one transaction); declining or withdrawing one.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from exporters.formatting import money
from storage.practice import Engagement, load_profile
from storage.rules import ValidationError, clock, week_of
from storage.scope import STATUS_LABELS, ChangeRequest, change_requests, signals
from widgets.clients.change_request_dialog import ChangeRequestDialog
from widgets.common import dialogs
from widgets.common.documents import DocumentRequest
from widgets.common.record_model import RecordRole, RecordTableModel
from widgets.common.signals_view import SignalsView
from widgets.common.table_view import TableView

if TYPE_CHECKING:
    from sqlite_utils import Database


class ChangeRequestModel(RecordTableModel[ChangeRequest]):
    headers = ("No.", "Title", "Asked", "Days", "Price", "Status")
    fields = ("number", "title", "asked_on", "days", "price_minor", "status")
    editable = False
    currency = "GBP"

    def display(self, c: ChangeRequest, field: str) -> str:
        if field == "price_minor":
            return money(c.price_minor, self.currency)
        if field == "status":
            return STATUS_LABELS[c.status]
        if field == "days":
            return f"{c.days:g}"
        if field == "asked_on":
            return c.asked_on.isoformat()
        return str(getattr(c, field))

    def styled(self, c: ChangeRequest, field: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and field == "price_minor":
            return c.price_basis
        return None


def write_document(change_id: int, target: Path, db: Database) -> Path:
    from exporters import change_request

    return change_request.export(db, change_id, target)


def write_acceptance(change_id: int, target: Path, db: Database) -> Path:
    from exporters import change_request

    return change_request.accept(db, change_id, target)[1]  # type: ignore[arg-type]


class ChangeRequestsPanel(QWidget):
    """`document_requested(DocumentRequest)`: a document to save through the export flow."""

    document_requested = Signal(object)
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.engagement: Engagement | None = None
        self.dialog: ChangeRequestDialog | None = None  # kept while it is open
        self.heading = QLabel("<b>Scope creep and change requests</b>")
        self.signals_view = SignalsView(self)
        self.model = ChangeRequestModel(self)
        self.view = TableView(self)
        self.view.setModel(self.model)
        self.view.list_rows()
        self.view.setMinimumHeight(80)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.new_button = QPushButton("New change request…")
        self.from_signal_button = QPushButton("From the signals…")
        self.document_button = QPushButton("Document…")
        self.accept_button = QPushButton("Accept…")
        self.decline_button = QPushButton("Decline")
        self.withdraw_button = QPushButton("Withdraw")
        self._build_layout()
        self._connect()
        self.show_engagement(None)

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (self.new_button, self.from_signal_button, self.document_button,
                self.accept_button, self.decline_button, self.withdraw_button)  # fmt: skip

    def _build_layout(self) -> None:
        """Two rows of buttons (making one, then answering the selected one), so the panel fits
        beside the client list on a 1024-pixel screen without a sideways scroll."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.signals_view)
        layout.addWidget(self.view, 1)
        buttons = self._buttons()
        for group in (buttons[:2], buttons[2:]):
            row = QHBoxLayout()
            for button in group:
                row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)

    def _connect(self) -> None:
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.from_signal_button.clicked.connect(self._on_from_signal_button_clicked)
        self.document_button.clicked.connect(self._on_document_button_clicked)
        self.accept_button.clicked.connect(self._on_accept_button_clicked)
        self.decline_button.clicked.connect(partial(self._close, "declined"))
        self.withdraw_button.clicked.connect(partial(self._close, "withdrawn"))

    def show_engagement(self, engagement: Engagement | None) -> None:
        self.engagement = engagement
        if engagement is None or engagement.id is None:
            self.model.set_rows([])
            self.signals_view.show_signals([])
        else:
            week = week_of(clock.today(), load_profile(self.db).week_start)
            self.signals_view.show_signals(signals.for_engagement(self.db, engagement, week))
            self.model.currency = engagement.currency
            self.model.set_rows(change_requests.list_for(self.db, engagement.id))
        self._update_buttons()

    def selected(self) -> ChangeRequest | None:
        rows = self.view.selectionModel().selectedRows()
        record = rows[0].data(RecordRole) if rows else None
        return record if isinstance(record, ChangeRequest) else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        proposed = chosen is not None and chosen.status == "proposed"
        self.new_button.setEnabled(self.engagement is not None)
        self.from_signal_button.setEnabled(bool(signals.flagged(self.signals_view.signals)))
        self.document_button.setEnabled(chosen is not None)
        for button in (self.accept_button, self.decline_button, self.withdraw_button):
            button.setEnabled(proposed)

    def _on_view_selection_changed(self, *_: object) -> None:
        self._update_buttons()

    def open_dialog(self, evidence: str = "") -> ChangeRequestDialog | None:
        if self.engagement is None:
            return None
        self.dialog = ChangeRequestDialog(self.db, self.engagement, evidence, self)
        self.dialog.finished.connect(self._on_dialog_finished)
        self.dialog.open()
        return self.dialog

    def _on_dialog_finished(self, _result: int) -> None:
        self.show_engagement(self.engagement)
        self.changed.emit()

    def _on_new_button_clicked(self) -> None:
        self.open_dialog()

    def _on_from_signal_button_clicked(self) -> None:
        found = signals.flagged(self.signals_view.signals)
        self.open_dialog("\n".join(line for s in found for line in (s.summary, *s.evidence)))

    def _file_name(self, c: ChangeRequest, kind: str) -> str:
        client = self.engagement.client_name if self.engagement else "Client"
        safe = "".join(ch if ch.isalnum() or ch in " -_" else "-" for ch in client).strip()
        return f"{clock.today().isoformat()} {safe} - {kind}.docx"

    def _on_document_button_clicked(self) -> None:
        c = self.selected()
        if c is not None and c.id is not None:
            name = self._file_name(c, f"Change request {c.number}")
            self.document_requested.emit(
                DocumentRequest(c.label, name, (".docx",), partial(write_document, c.id))
            )

    def _on_accept_button_clicked(self) -> None:
        c = self.selected()
        if c is None or c.id is None:
            return
        asked = dialogs.confirm(
            self, "Accept the change",
            f"Accept {c.label}? The engagement changes with it, and the scope of work's next "
            "version, which lists it, is saved where you choose next.", action="Accept",
        )  # fmt: skip
        if asked:
            name = self._file_name(c, "Scope of work")
            self.document_requested.emit(
                DocumentRequest(f"the scope of work agreeing {c.label}", name, (".docx",),
                                partial(write_acceptance, c.id))
            )  # fmt: skip

    def _close(self, status: str) -> None:
        c = self.selected()
        if c is None or c.id is None:
            return
        word = "Decline" if status == "declined" else "Withdraw"
        text = f"{word} {c.label}? The engagement stays as it is; marked time stays marked."
        if not dialogs.confirm(self, f"{word} the change", text, action=word):
            return
        try:
            change_requests.close(self.db, c.id, status)
        except ValidationError as error:
            dialogs.warn(self, f"{word} the change", error.message)
        self.show_engagement(self.engagement)
        self.changed.emit()
