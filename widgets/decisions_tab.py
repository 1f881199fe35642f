"""The Decisions tab: the decision log."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from sqlite_utils import Database

from widgets.tab_page import TabPage


class DecisionsTab(TabPage):
    title = "Decisions"

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("decisionsTab")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Decisions: coming soon."))
