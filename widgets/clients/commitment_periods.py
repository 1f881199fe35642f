"""The engagement editor's commitment periods: the list, and adding one (a raise or a taper).

The first period is the editor's own days and hours from the start date; periods added here are
written with the engagement when it is saved, in the same transaction.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from exporters.formatting import long_date
from storage.practice import CommitmentPeriod
from storage.rules import DAYS_PER_WEEK, HOURS_PER_DAY
from widgets.clients.engagement_fields import date_edit, to_date

TAPER_DAYS = 0.5


def describe(period: CommitmentPeriod, *, first: bool = False) -> str:
    """`From 4 Jan 2027: 3 days a week, 8 hours a day (24 hours a week)`."""
    when = "From the start" if first else f"From {long_date(period.starts_on)}"
    weekly = period.minutes_per_week / 60
    return (
        f"{when}: {period.days_per_week:g} days a week, {period.hours_per_day:g} hours a day "
        f"({weekly:g} hours a week)"
    )


class PeriodDialog(QDialog):
    """A start date, days a week and hours a day; `period()` reads them."""

    def __init__(
        self, parent: QWidget, title: str, start: dt.date, days: float, hours: float
    ) -> None:
        super().__init__(parent)
        self.setObjectName("commitmentPeriodDialog")
        self.setWindowTitle(title)
        self.starts_on = date_edit(start)
        self.days = _spin(days, *DAYS_PER_WEEK, " days a week")
        self.hours = _spin(hours, *HOURS_PER_DAY, " hours a day")
        form = QFormLayout()
        form.addRow("From", self.starts_on)
        form.addRow("Commitment", self.days)
        form.addRow("Hours a day", self.hours)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def period(self, engagement_id: int) -> CommitmentPeriod:
        return CommitmentPeriod(
            engagement_id, to_date(self.starts_on), self.days.value(), self.hours.value()
        )


class PeriodsSection(QWidget):
    """The periods as stored plus those added since the editor opened (`added`)."""

    def __init__(self, stored: list[CommitmentPeriod], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stored = stored[1:]  # the first is the editor's own fields
        self.added: list[CommitmentPeriod] = []
        self.first = stored[0] if stored else None
        self.list = QListWidget()
        self.list.setObjectName("commitmentPeriods")
        self.list.setMaximumHeight(90)
        self.add_button = QPushButton("Add period…")
        self.taper_button = QPushButton("Taper…")
        self.add_button.setToolTip("A new commitment from a date, such as three days a week")
        self.taper_button.setToolTip("A reduced commitment before the exit, half a day a week")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.taper_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def history(self, first: CommitmentPeriod) -> list[CommitmentPeriod]:
        """Every period with `first` from the form; an added one replaces one on its day."""
        later = {
            p.starts_on: p for p in [*self.stored, *self.added] if p.starts_on > first.starts_on
        }
        return [first, *sorted(later.values(), key=lambda p: p.starts_on)]

    def show_history(self, first: CommitmentPeriod) -> None:
        self.list.clear()
        for index, period in enumerate(self.history(first)):
            self.list.addItem(describe(period, first=index == 0))

    def add(self, period: CommitmentPeriod) -> None:
        self.added = [p for p in self.added if p.starts_on != period.starts_on] + [period]


def _spin(value: float, low: float, high: float, suffix: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setSingleStep(0.5)
    box.setDecimals(1)
    box.setSuffix(suffix)
    box.setValue(value)
    return box
