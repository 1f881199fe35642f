"""The Exit plan tab: the exit plan and readiness review."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from sqlite_utils import Database

from widgets.tab_page import TabPage


class ExitPlanTab(TabPage):
    title = "Exit plan"

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("exitTab")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Exit plan: coming soon."))
