"""The left side of the Clients tab: the filter bar, the clients table and its buttons."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from storage.practice import Client
from storage.rules import CLIENT_STATUS_LABELS as STATUS_LABELS
from widgets.clients.client_model import (
    CONTACT,
    ENGAGEMENTS,
    FIT,
    NAME,
    STATUS,
    ClientFilterProxy,
    ClientRow,
    ClientTableModel,
    RecordRole,
)
from widgets.common.table_view import TableView

COLUMN_WIDTHS = {CONTACT: 140, STATUS: 75, FIT: 115, ENGAGEMENTS: 95}
NARROW = 560  # the list's width below which Contact is hidden


class ClientList(QWidget):
    """Filter box, status filter, "Show archived", the sorted table, and Add/Archive/Delete."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ClientTableModel(self)
        self.proxy = ClientFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("clientFilter")
        self.filter.setPlaceholderText("Filter clients (Ctrl+F)")
        self.filter.setClearButtonEnabled(True)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem("All statuses", "")
        for status, label in STATUS_LABELS.items():
            self.status_filter.addItem(label, status)
        self.show_archived = QCheckBox("Show archived", self)
        self.view = self._build_view()
        self.add_button = QPushButton("Add client", self)
        self.add_button.setToolTip("Add a client (Ctrl+N)")
        self.archive_button = QPushButton("Archive", self)
        self.delete_button = QPushButton("Delete…", self)
        self._build_layout()
        self.filter.textChanged.connect(self.proxy.set_text)
        self.status_filter.currentIndexChanged.connect(self._on_status_filter_changed)
        self.show_archived.toggled.connect(self.proxy.set_show_archived)

    def _build_view(self) -> QTableView:
        view = TableView(self)
        view.setObjectName("clientTable")
        view.setModel(self.proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in COLUMN_WIDTHS.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            view.setColumnWidth(column, width)
        header.setHighlightSections(False)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
        return view

    def _build_layout(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.status_filter)
        bar.addWidget(self.show_archived)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.archive_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Below NARROW pixels the Contact column gives its room to the Name (the contact is in
        the form beside the list anyway)."""
        super().resizeEvent(event)
        self.view.setColumnHidden(CONTACT, event.size().width() < NARROW)

    def _on_status_filter_changed(self, _index: int) -> None:
        self.proxy.set_status(str(self.status_filter.currentData()))

    def set_rows(self, rows: list[ClientRow]) -> None:
        self.model.set_rows(rows)

    def selected(self) -> Client | None:
        rows = self.view.selectionModel().selectedRows(NAME)
        client = rows[0].data(RecordRole) if rows else None
        return client if isinstance(client, Client) else None

    def select(self, client_id: int | None) -> bool:
        """Select the client's row if the filters show it; say whether they did."""
        source_row = self.model.row_of(client_id) if client_id is not None else None
        index = QModelIndex()
        if source_row is not None:
            index = self.proxy.mapFromSource(self.model.index(source_row, NAME))
        if not index.isValid():
            self.view.clearSelection()
            self.view.setCurrentIndex(QModelIndex())
            return False
        self.view.setCurrentIndex(index)
        self.view.selectRow(index.row())
        self.view.scrollTo(index)
        return True

    def first_id(self) -> int | None:
        """The client on the first row the filters show, if any."""
        index = self.proxy.index(0, NAME)
        client = index.data(RecordRole) if index.isValid() else None
        return client.id if isinstance(client, Client) else None

    def clear_filters(self) -> None:
        self.filter.clear()
        self.status_filter.setCurrentIndex(0)
