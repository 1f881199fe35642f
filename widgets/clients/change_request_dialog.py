"""A new change request on an engagement: the ask, its effect, and the price.

Made from nothing, or from the engagement's signals (`evidence` filled in). The price follows
from the terms when it can (`storage.scope.change_price`); "Price set by hand" overrides it.
Saving adds it as proposed; every refusal is shown in the dialog and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from storage.practice import Deliverable, Engagement
from storage.rules import ValidationError, clock
from storage.scope import ChangeRequest, change_requests
from widgets.clients.engagement_fields import date_edit, to_date
from widgets.common.field_errors import FieldErrors, error_label
from widgets.common.money_edit import MoneyEdit

if TYPE_CHECKING:
    from sqlite_utils import Database

WEEKS = 8  # the period proposed for extra days a week


def _days(maximum: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, maximum)
    box.setSingleStep(0.5)
    box.setDecimals(1)
    box.setSpecialValueText("none")
    return box


class ChangeRequestDialog(QDialog):
    """`saved` holds the change request once Save wrote it."""

    def __init__(
        self,
        db: Database,
        engagement: Engagement,
        evidence: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.engagement = engagement
        self.saved: ChangeRequest | None = None
        self.setWindowTitle(f"New change request: {engagement.label}")
        today = clock.today()
        start = today + dt.timedelta(days=7 - today.weekday())
        self.title = QLineEdit()
        self.request = QPlainTextEdit()
        self.request.setPlaceholderText("The ask, as the client put it")
        self.asked_by = QLineEdit()
        self.asked_on = date_edit(today)
        self.extra_days = _days(7)
        self.period_from = date_edit(start)
        self.period_to = date_edit(start + dt.timedelta(weeks=WEEKS, days=-1))
        self.one_off_days = _days(365)
        self.deliverable = QLineEdit()
        self.deliverable.setPlaceholderText("A deliverable added (optional)")
        self.acceptance = QLineEdit()
        self.acceptance.setPlaceholderText("How the client accepts it")
        self.by_hand = QCheckBox("Price set by hand")
        self.price = MoneyEdit(0, engagement.currency)
        self.evidence = QPlainTextEdit(evidence)
        self.error = error_label(self)
        self.errors = FieldErrors(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self._build_layout()

    def _build_layout(self) -> None:
        form = QFormLayout()
        for label, widget in (
            ("Title", self.title), ("Request", self.request), ("Asked by", self.asked_by),
            ("Asked on", self.asked_on), ("Extra days a week", self.extra_days),
            ("From", self.period_from), ("To", self.period_to),
            ("One-off days", self.one_off_days), ("Deliverable", self.deliverable),
            ("Acceptance", self.acceptance), ("", self.by_hand), ("Price", self.price),
            ("Evidence", self.evidence),
        ):  # fmt: skip
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def typed(self) -> ChangeRequest:
        eid = self.engagement.id or 0
        extra = self.extra_days.value() or None
        title = self.deliverable.text().strip()
        added = (Deliverable(eid, title, self.acceptance.text()),) if title else ()
        return ChangeRequest(
            eid, self.title.text(), to_date(self.asked_on), self.request.toPlainText(),
            self.asked_by.text(), extra,
            to_date(self.period_from) if extra else None, to_date(self.period_to) if extra else None,
            self.one_off_days.value() or None, added, (),
            self.price.minor() if self.by_hand.isChecked() else 0, "",
            self.by_hand.isChecked(), evidence=self.evidence.toPlainText(),
        )  # fmt: skip

    def _on_buttons_accepted(self) -> None:
        try:
            self.saved = change_requests.add(self.db, self.typed())
        except ValidationError as error:
            self.errors.show(error)
            return
        self.accept()
