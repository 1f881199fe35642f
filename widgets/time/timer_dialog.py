"""Start a timer: which engagement, which bucket, and a note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from storage.practice import engagements
from storage.rules import BUCKET_LABELS, BUCKETS, ValidationError, clock
from storage.time import TimeEntry, time_entries, timer
from widgets.common.field_errors import FieldErrors, error_label

if TYPE_CHECKING:
    from sqlite_utils import Database


class TimerDialog(QDialog):
    """Starts the timer on accept; a timer already running is stopped and logged first."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.stopped: TimeEntry | None = None
        self.setWindowTitle("Start timer")
        self.setObjectName("timerDialog")
        self.engagement = QComboBox()
        for e in engagements.running_on(db, clock.today()):
            self.engagement.addItem(e.label, e.id)
        self.bucket = QComboBox()
        for bucket in BUCKETS:
            self.bucket.addItem(BUCKET_LABELS[bucket], bucket)
        self.note = QLineEdit()
        self.note.setPlaceholderText("What you are working on")
        self.errors = FieldErrors(error_label(self))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start_button: QPushButton = self.buttons.addButton(
            "Start", QDialogButtonBox.ButtonRole.AcceptRole
        )
        for button in self.buttons.buttons():  # Enter starts; Esc (reject) cancels
            button.setAutoDefault(button is self.start_button)
        self.start_button.setDefault(True)
        self.note.returnPressed.connect(self.accept)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._build_layout()
        self._preselect()

    def _build_layout(self) -> None:
        form = QFormLayout()
        for label, widget, field in (
            ("Engagement", self.engagement, "engagement_id"),
            ("Bucket", self.bucket, "bucket"),
            ("Note", self.note, "note"),
        ):
            form.addRow(label, widget)
            form.addRow("", self.errors.add(field, error_label(self)))
        layout = QVBoxLayout(self)
        running = timer.current(self.db)
        if running is not None:
            layout.addWidget(QLabel("The running timer will be stopped and logged first."))
        layout.addLayout(form)
        assert self.errors.general is not None
        layout.addWidget(self.errors.general)
        layout.addWidget(self.buttons)
        self.start_button.setEnabled(self.engagement.count() > 0)
        if self.engagement.count() == 0:
            self.errors.general.setText("There is no active engagement to time.")
            self.errors.general.show()

    def _preselect(self) -> None:
        """Start where the last timer (or the last entry) was: the likeliest next one."""
        row = time_entries.last_logged(self.db)
        if row:
            self.engagement.setCurrentIndex(max(0, self.engagement.findData(row[0])))
            self.bucket.setCurrentIndex(max(0, self.bucket.findData(row[1])))

    def showEvent(self, event: QShowEvent) -> None:
        """Qt picks a default button when the dialog is first shown: make it Start again."""
        super().showEvent(event)
        self.start_button.setDefault(True)
        self.note.setFocus()

    def accept(self) -> None:
        try:
            _, self.stopped = timer.start(
                self.db, int(self.engagement.currentData()), self.bucket.currentData(),
                self.note.text(),
            )  # fmt: skip
        except ValidationError as error:
            self.errors.show(error)
            return
        super().accept()
