"""The Friday nudge: "Updates to send", one line per engagement under way, on the consultant's
last working day of the week and the days after it. A line is ticked off once its update is
sent (from the editor, or by ticking it here); "Draft…" opens the editor."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QCheckBox, QFrame, QGridLayout, QLabel, QPushButton, QWidget

from storage.rules import ValidationError, Week, clock
from storage.updates import draft_for, is_due, markdown, sent, updates_to_send

if TYPE_CHECKING:
    from sqlite_utils import Database

TITLE = "Updates to send"


class UpdatesNudge(QFrame):
    """Hidden unless the week shown is this week and its last working day has come."""

    draft_requested = Signal(int, object)  # engagement id, Week: open the editor

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.week: Week | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(10, 6, 10, 6)
        self.ticks: dict[int, QCheckBox] = {}
        self.draft_buttons: dict[int, QPushButton] = {}
        self.hide()

    def show_week(self, week: Week, today: dt.date | None = None) -> None:
        """Show the nudge for `week` when it is due on `today`; hide it otherwise."""
        self.week = week
        day = today or clock.today()
        rows = updates_to_send(self.db, week) if is_due(self.db, week, day) else []
        self._clear()
        if not rows:
            self.hide()
            return
        heading = QLabel(f"<b>{TITLE}</b>")
        self.grid.addWidget(heading, 0, 0, 1, 3)
        for index, row in enumerate(rows, start=1):
            eid = row.engagement.id or 0
            tick = QCheckBox(f"{row.engagement.client_name} · {row.engagement.title}")
            tick.setChecked(row.sent_on is not None)
            tick.setToolTip("Ticked once the week's update is sent")
            tick.toggled.connect(partial(self._on_tick_toggled, eid))
            when = QLabel(self._sent_words(row.sent_on))
            button = QPushButton("Draft…")
            button.setToolTip("Open the week's update: edit it, copy it, save it, mark it sent")
            button.clicked.connect(partial(self._on_draft_clicked, eid))
            self.grid.addWidget(tick, index, 0)
            self.grid.addWidget(when, index, 1)
            self.grid.addWidget(button, index, 2)
            self.ticks[eid] = tick
            self.draft_buttons[eid] = button
        self.grid.setColumnStretch(1, 1)
        self.show()

    def refresh(self) -> None:
        if self.week is not None:
            self.show_week(self.week)

    @staticmethod
    def _sent_words(day: dt.date | None) -> str:
        return f"sent {day:%a} {day.day} {day:%b}" if day else "not sent yet"

    def _clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                widget.deleteLater()
        self.ticks.clear()
        self.draft_buttons.clear()

    def _on_draft_clicked(self, engagement_id: int) -> None:
        if self.week is not None:
            self.draft_requested.emit(engagement_id, self.week)

    def _on_tick_toggled(self, engagement_id: int, checked: bool) -> None:
        """Ticking keeps the draft as sent today (sent from elsewhere); unticking forgets it."""
        if self.week is None:
            return
        try:
            if checked:
                update = draft_for(self.db, engagement_id, self.week)
                sent.keep(self.db, update, markdown(update), clock.today())
            else:
                sent.unsend(self.db, engagement_id, self.week.start)
        except ValidationError:
            pass
        self.refresh()
