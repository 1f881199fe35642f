"""The Portfolio tab: the Monday questions across clients.

Am I over-committed (the chart's capacity line), where is my time going (the table and the "this
week" strip), and when is there room for the next client (the free days as planned exits land).
Everything shown is read from storage's aggregates; the tab runs no SQL of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from storage import portfolio
from storage.file import ALL_KINDS
from storage.portfolio import ThisWeek, portfolio_rows
from storage.practice import Engagement, calendar, engagements, settings
from storage.rules import Week, clock, format_minutes, week_of
from storage.scope import signals
from widgets.common.record_model import IdRole, SortRole
from widgets.common.signals_view import SignalsView
from widgets.common.tab_page import TabPageBase
from widgets.common.table_view import TableView
from widgets.portfolio.load_chart import LoadChart
from widgets.portfolio.portfolio_model import PortfolioTableModel

if TYPE_CHECKING:
    from sqlite_utils import Database


def strip_text(week: ThisWeek) -> str:
    """`This week: 12:30 of 20:34 committed so far · 3 decisions flagged for review · ...`:
    the week under way counts its days up to today, as the Time tab and `report week` do (the
    chart's weeks count all of theirs: "committed for the week")."""
    parts = [
        f"This week: {format_minutes(week.logged_minutes) or '0:00'} of "
        f"{format_minutes(week.committed_minutes) or '0:00'} {calendar.SO_FAR}",
        f"{week.flagged_decisions} decisions flagged for review",
        f"{week.milestones_due} milestones due in the next "
        f"{portfolio_rows.MILESTONES_DUE_DAYS} days",
    ]
    if week.over:
        parts.append("over commitment: " + ", ".join(week.over))
    if week.under:
        parts.append("under commitment: " + ", ".join(week.under))
    return " · ".join(parts)


class PortfolioTab(TabPageBase):
    """`navigate_requested("engagement", id)` on a double-click shows it on its own tab."""

    title = "Portfolio"
    shows_kinds = ALL_KINDS  # every figure across clients

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("portfolioTab")
        self.first_week = QDateEdit(self)
        self.first_week.setObjectName("portfolioFrom")
        self.first_week.setCalendarPopup(True)
        self.first_week.setDisplayFormat("d MMM yyyy")
        self.week_count = QSpinBox(self)
        self.week_count.setRange(4, 104)
        self.week_count.setSuffix(" weeks")
        self.capacity_label = QLabel(self)
        self.strip = QLabel(self)
        self.strip.setObjectName("portfolioThisWeek")
        self.strip.setWordWrap(True)
        self.signals_view = SignalsView(self)
        self.chart = LoadChart(self)
        self.model = PortfolioTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = TableView(self)  # Tab leaves it; arrows move between its rows
        self.table.setObjectName("portfolioTable")
        self._build_layout()
        self.reset_range()
        self.first_week.dateChanged.connect(self._on_range_changed)
        self.week_count.valueChanged.connect(self._on_range_changed)
        self.table.activated.connect(self._on_table_activated)
        self.refresh()

    def _build_layout(self) -> None:
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("From the week of"))
        top.addWidget(self.first_week)
        top.addWidget(self.week_count)
        top.addStretch(1)
        top.addWidget(self.capacity_label)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.chart)
        split.addWidget(self.table)
        split.setSizes([300, 260])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.strip)
        layout.addWidget(self.signals_view)
        layout.addWidget(split, 1)

    def reset_range(self) -> None:
        """The default range: the last four weeks and the next 26."""
        first = portfolio.default_first(self.db)
        self.first_week.blockSignals(True)
        self.week_count.blockSignals(True)
        self.first_week.setDate(first.start)
        self.week_count.setValue(portfolio.WEEKS)
        self.first_week.blockSignals(False)
        self.week_count.blockSignals(False)

    # -- the tab contract ----------------------------------------------------------------------

    def refresh(self) -> None:
        today = clock.today()
        profile = settings.load_profile(self.db)
        first = week_of(self.first_week.date().toPython(), profile.week_start)
        weeks = portfolio.weeks(self.db, first, self.week_count.value())
        rows = portfolio_rows.rows(self.db, today)
        names = {r.id or 0: r.engagement.label for r in rows}
        self.chart.set_weeks(weeks, names, today)
        self.model.set_rows(rows)
        self.strip.setText(strip_text(portfolio_rows.this_week(self.db, rows, today)))
        self.capacity_label.setText(f"Capacity: {profile.capacity_days_per_week:g} days a week")
        self._show_signals([r.engagement for r in rows], week_of(today, profile.week_start))

    def _show_signals(self, shown: list[Engagement], week: Week) -> None:
        """This week's flags of scope creep across clients (suggestions stay on the Time tab)."""
        running = [e for e in shown if engagements.is_running(e)]
        found = signals.flagged(signals.for_engagements(self.db, running, week))
        self.signals_view.show_signals(found, {e.id or 0: e.label for e in running})

    def primary_widget(self) -> QWidget:
        return self.table

    def focus_search(self) -> None:
        self.first_week.setFocus()

    def show_record(self, kind: str, record_id: int) -> None:
        row = self.model.row_of(record_id)
        if row is not None:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def current_engagement(self) -> int | None:
        index = self.table.currentIndex()
        value = index.data(IdRole) if index.isValid() else None
        return int(value) if value is not None else None

    # -- slots ---------------------------------------------------------------------------------

    def _on_range_changed(self) -> None:
        self.refresh()

    def _on_table_activated(self, index: QModelIndex) -> None:
        """Double-click or Enter on a row."""
        engagement_id = index.data(IdRole)
        if engagement_id is not None:
            self.navigate_requested.emit("engagement", int(engagement_id))
