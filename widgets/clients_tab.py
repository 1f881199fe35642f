"""The Clients tab: clients and engagements."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from sqlite_utils import Database

from widgets.tab_page import TabPage


class ClientsTab(TabPage):
    title = "Clients"

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("clientsTab")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Clients: coming soon."))
