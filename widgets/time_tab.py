"""The Time tab: the weekly timesheet."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from sqlite_utils import Database

from widgets.tab_page import TabPage


class TimeTab(TabPage):
    title = "Time"

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("timeTab")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Time: coming soon."))
