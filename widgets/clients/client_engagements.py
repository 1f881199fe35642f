"""The selected client's engagements, with Add / Edit / Delete."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from storage.practice import Engagement
from widgets.clients.engagement_model import (
    DAYS,
    END,
    ROLE,
    SPLIT,
    START,
    STATUS,
    TITLE,
    EngagementTableModel,
)
from widgets.common.record_model import RecordRole, SortRole
from widgets.common.table_view import TableView

FITTED = (ROLE, STATUS, START, END, DAYS, SPLIT)


class EngagementsPanel(QGroupBox):
    """Emits `add_requested`, `edit_requested` (also on double-click or Enter), `delete_requested`."""

    add_requested = Signal()
    edit_requested = Signal()
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Engagements", parent)
        self.model = EngagementTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.view = self._build_view()
        self.add_button = QPushButton("Add engagement…", self)
        self.add_button.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.add_button.setToolTip("Add an engagement for this client (Ctrl+Shift+N)")
        self.edit_button = QPushButton("Edit…", self)
        self.delete_button = QPushButton("Delete…", self)
        self.sow_button = QPushButton("Scope of work…", self)  # wired by File → Export
        self.sow_button.setObjectName("exportScopeOfWorkButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.sow_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(self.edit_requested)
        self.delete_button.clicked.connect(self.delete_requested)
        self.view.activated.connect(self._on_view_activated)
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self._on_selection_changed()

    def _build_view(self) -> QTableView:
        view = TableView(self)
        view.setObjectName("engagementTable")
        view.setModel(self.proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(START, Qt.SortOrder.DescendingOrder)
        view.list_rows()
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setMinimumHeight(90)
        header = view.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in FITTED:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
        return view

    def set_rows(self, rows: list[Engagement], select_id: int | None = None) -> None:
        self.model.set_rows(rows)
        row = self.model.row_of(select_id) if select_id is not None else None
        if row is None and rows:
            self.view.selectRow(0)
        elif row is not None:
            self.view.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        self._on_selection_changed()

    def selected(self) -> Engagement | None:
        rows = self.view.selectionModel().selectedRows(TITLE)
        record = rows[0].data(RecordRole) if rows else None
        return record if isinstance(record, Engagement) else None

    def _on_view_activated(self, _index: QModelIndex) -> None:
        self.edit_requested.emit()

    def _on_selection_changed(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.sow_button.setEnabled(chosen)
