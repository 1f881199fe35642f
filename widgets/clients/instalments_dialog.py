"""A fixed fee's instalments: when each is due, how much, and what the invoice line calls it.

Opened from the engagement editor for a stored fixed-fee engagement; Save writes the whole list
at once (`storage.billing.instalments.replace_for`). "Spread the fee…" fills equal monthly instalments
over the engagement's dates, the remainder on the last, so they add up to the fee; the line
under the table says how far the instalments are from the fee while they are edited.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from exporters.formatting import money
from storage.billing import Instalment, instalments
from storage.practice import Engagement
from storage.rules import ValidationError
from widgets.clients.engagement_fields import date_edit, to_date
from widgets.common import dialogs, palette
from widgets.common.field_errors import FieldErrors, error_label
from widgets.common.money_edit import MoneyEdit

if TYPE_CHECKING:
    from sqlite_utils import Database

HEADERS = ("Due on", "Amount", "Label")
FIELD_WORDS = {"due_on": "due on", "amount_minor": "amount", "label": "label"}
DUE, AMOUNT, LABEL = range(3)


class InstalmentsDialog(QDialog):
    """Edits the instalments of `engagement` (its fee, currency and dates as the editor shows
    them); after Save, `saved` holds the stored list."""

    def __init__(self, db: Database, engagement: Engagement, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.engagement = engagement
        self.saved: list[Instalment] | None = None
        self.setObjectName("instalmentsDialog")
        self.setWindowTitle(f"Instalments: {engagement.title}")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.horizontalHeader().setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.total = QLabel()
        self.total_tint = palette.Tint(self.total)
        self.total.setObjectName("instalmentsTotal")
        self.error = error_label(self)
        self.errors = FieldErrors(self.error)  # one message under the table, for any field
        self._build_buttons()
        self._build_layout()
        for item in instalments.list_for(db, engagement.id or 0):
            self.add_row(item.due_on, item.amount_minor, item.label)
        self._on_rows_changed()

    def _build_buttons(self) -> None:
        self.add_button = QPushButton("Add")
        self.add_button.setShortcut(QKeySequence.StandardKey.New)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setShortcut(QKeySequence.StandardKey.Delete)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.spread_button = QPushButton("Spread the fee…")
        self.spread_button.setToolTip("Equal monthly instalments over the engagement's dates")
        self.spread_button.clicked.connect(self._on_spread_clicked)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _build_layout(self) -> None:
        row = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.spread_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, 420)

    # -- rows ----------------------------------------------------------------------------------

    def add_row(self, due_on: dt.date, amount_minor: int, label: str = "") -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        due = date_edit(due_on)
        amount = MoneyEdit(amount_minor, self.engagement.currency)
        amount.valueChanged.connect(self._on_rows_changed)
        self.table.setCellWidget(row, DUE, due)
        self.table.setCellWidget(row, AMOUNT, amount)
        self.table.setCellWidget(row, LABEL, QLineEdit(label))

    def items(self) -> list[Instalment]:
        """The instalments as the table shows them."""
        eid = self.engagement.id or 0
        return [
            Instalment(
                eid,
                to_date(self.table.cellWidget(row, DUE)),  # type: ignore[arg-type]
                self.table.cellWidget(row, AMOUNT).minor(),  # type: ignore[attr-defined]
                self.table.cellWidget(row, LABEL).text(),  # type: ignore[attr-defined]
            )
            for row in range(self.table.rowCount())
        ]

    def _on_add_clicked(self) -> None:
        found = self.items()
        after = found[-1].due_on + dt.timedelta(days=31) if found else self.engagement.start_date
        self.add_row(after.replace(day=1) if found else after, 0)
        self._on_rows_changed()

    def _on_remove_clicked(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows or [self.table.rowCount() - 1]:
            if row >= 0:
                self.table.removeRow(row)
        self._on_rows_changed()

    def _on_spread_clicked(self) -> None:
        e = self.engagement
        try:
            found = instalments.spread(e.id or 0, e.fee_minor, e.start_date, e.planned_end_date)
        except ValidationError as error:
            self.errors.show(error)
            return
        question = (
            f"Replace {counted(self.table.rowCount())} in the table with "
            f"{counted(len(found))}, one a month, adding up to the fee?"
        )
        if self.table.rowCount() and not dialogs.confirm(
            self, "Spread the fee", question, action="Replace"
        ):
            return
        self.table.setRowCount(0)
        for item in found:
            self.add_row(item.due_on, item.amount_minor, item.label)
        self._on_rows_changed()

    def _on_rows_changed(self) -> None:
        """The total against the fee, in plain words, warning when they differ."""
        e = self.engagement
        total = instalments.total(self.items())
        gap = e.fee_minor - total
        said = f"{counted(self.table.rowCount())}, {money(total, e.currency)}"
        if gap == 0:
            self.total.setText(f"{said}: the whole fee")
        else:
            words = "short of" if gap > 0 else "over"
            self.total.setText(f"{said}: {money(abs(gap), e.currency)} {words} the fee")
        self.total_tint.set(None if gap == 0 else "error")

    def accept(self) -> None:
        found = self.items()
        for row, item in enumerate(found, start=1):
            try:
                instalments.validate(item)
            except ValidationError as error:
                said = "must be more than 0" if error.field == "amount_minor" else error.message
                where = f"row {row}, {FIELD_WORDS.get(error.field, error.field)}"
                self.errors.show(ValidationError(error.field, f"{where}: {said}"))
                return
        try:
            self.saved = instalments.replace_for(self.db, self.engagement.id or 0, found)
        except ValidationError as error:
            self.errors.show(error)
            return
        super().accept()


def counted(n: int) -> str:
    return f"{n} instalment{'' if n == 1 else 's'}"
