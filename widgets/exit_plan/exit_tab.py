"""The Exit plan tab: one engagement's milestones, and below them, a tab each, its
responsibilities, risks, recommendations and access inventory; its exit-readiness review; and the
buttons that move it from active to exiting to ended.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from storage.exit_plan import Review, engagement_lifecycle, readiness, readiness_snapshots
from storage.file import kinds
from storage.practice import Engagement, engagements
from storage.rules import ENGAGEMENT_STATUS_LABELS as STATUS_LABELS
from storage.rules import NotFoundError, ValidationError
from widgets.common import dialogs
from widgets.common.tab_page import TabPageBase
from widgets.common.undo import DoneCommand
from widgets.exit_plan.exit_section import RecordSection
from widgets.exit_plan.handoff_sections import AccessSection, RecommendationSection, RiskSection
from widgets.exit_plan.milestone_section import MilestoneSection
from widgets.exit_plan.readiness_panel import ReadinessPanel
from widgets.exit_plan.responsibility_section import ResponsibilitySection

if TYPE_CHECKING:
    from sqlite_utils import Database

PLAN_WIDTH, PANEL_WIDTH = 700, 460  # the starting split; the panel scrolls on a small screen
STATUS_ORDER = {"exiting": 0, "active": 1, "proposed": 2, "ended": 3}


START_EXIT_KEY = "Ctrl+Shift+X"


class ExitPlanTab(TabPageBase):
    """`navigate_requested(kind, id)` asks the window to show something on another tab:
    ("decision", decision id), ("engagement", engagement id) or ("time", engagement id)."""

    title = "Exit plan"
    shows_kinds = kinds("milestone", "decision", "client", "engagement", "time_entry", "setting")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("exitTab")
        self.review: Review | None = None
        self.engagement_combo = QComboBox(self)
        self.engagement_combo.setObjectName("exitEngagement")
        self.engagement_combo.setMinimumContentsLength(40)
        self.status_label = QLabel(self)
        self.start_exit_button = QPushButton("Start exit", self)
        self.start_exit_button.setShortcut(QKeySequence(START_EXIT_KEY))
        self.start_exit_button.setToolTip(
            f"Active → exiting: you are working yourself out of it ({START_EXIT_KEY})"
        )
        self.end_button = QPushButton("End engagement", self)
        self.handoff_button = QPushButton("Handoff…", self)  # wired by File → Export
        self.handoff_button.setObjectName("exportHandoffButton")
        self.handoff_button.setMinimumWidth(40)  # may shrink: the window's minimum width holds
        self.handoff_button.setToolTip("Export the handoff document of this engagement")
        self.end_button.setToolTip("Exiting → ended, after the exit-readiness review")
        self.milestones = MilestoneSection(db, self.undo_stack, self)
        self.responsibilities = ResponsibilitySection(db, self.undo_stack, self)
        self.risks = RiskSection(db, self.undo_stack, self)
        self.recommendations = RecommendationSection(db, self.undo_stack, self)
        self.access = AccessSection(db, self.undo_stack, self)
        self.lower = QTabWidget(self)
        self.lower.setObjectName("exitLowerTabs")
        self.lower.setDocumentMode(True)
        self.panel = ReadinessPanel(self)
        self._build_layout()
        self.engagement_combo.currentIndexChanged.connect(self._on_engagement_combo_changed)
        self.start_exit_button.clicked.connect(self._on_start_exit_clicked)
        self.end_button.clicked.connect(self._on_end_clicked)
        for section in self.sections():
            section.changed.connect(self._on_section_changed)
        self.panel.go_to_requested.connect(self._on_panel_go_to_requested)
        self.panel.record_requested.connect(self._on_panel_record_requested)
        self.refresh()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("Engagement:"))
        top.addWidget(self.engagement_combo, 1)
        top.addWidget(self.status_label)
        top.addStretch(1)
        top.addWidget(self.start_exit_button)
        top.addWidget(self.end_button)
        top.addWidget(self.handoff_button)
        for section in self.lower_sections():
            section.setTitle("")  # the tab names it
            section.setFlat(True)
            self.lower.addTab(section, "")
        self._update_tab_titles()
        tables = QSplitter(Qt.Orientation.Vertical)
        tables.setObjectName("exitTablesSplitter")
        tables.addWidget(self.milestones)
        tables.addWidget(self.lower)
        tables.setStretchFactor(0, 3)
        tables.setStretchFactor(1, 2)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.setObjectName("exitSplitter")
        body.addWidget(tables)
        body.addWidget(_scrolling(self.panel))
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        body.setSizes([PLAN_WIDTH, PANEL_WIDTH])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(body, 1)

    def sections(self) -> tuple[RecordSection, ...]:
        return (self.milestones, *self.lower_sections())

    def lower_sections(self) -> tuple[RecordSection, ...]:
        return (self.responsibilities, self.risks, self.recommendations, self.access)

    def _update_tab_titles(self) -> None:
        """Each lower tab says how many rows it holds, so an empty one shows without a click."""
        names = ("Responsibilities", "Risks", "Recommendations", "Access inventory")
        for index, (section, name) in enumerate(zip(self.lower_sections(), names, strict=True)):
            self.lower.setTabText(index, f"{name} ({section.model.rowCount()})")

    # The engagement shown.
    def engagement_id(self) -> int:
        return int(self.engagement_combo.currentData() or 0)

    def refresh(self) -> None:
        """Re-read the engagements (another tab may have added or changed one) and the plan."""
        current = self.engagement_id()
        rows = sorted(
            engagements.list_all(self.db),
            key=lambda e: (STATUS_ORDER[e.status], e.client_name.casefold(), e.start_date),
        )
        self.engagement_combo.blockSignals(True)
        self.engagement_combo.clear()
        for engagement in rows:
            label = f"{engagement.label} ({STATUS_LABELS[engagement.status]})"
            self.engagement_combo.addItem(label, engagement.id)
        found = self.engagement_combo.findData(current)
        self.engagement_combo.setCurrentIndex(found if found >= 0 else (0 if rows else -1))
        self.engagement_combo.blockSignals(False)
        self._load_engagement()

    def show_engagement(self, engagement_id: int) -> bool:
        found = self.engagement_combo.findData(engagement_id)
        if found >= 0:
            self.engagement_combo.setCurrentIndex(found)
        return found >= 0

    def _on_engagement_combo_changed(self, _index: int) -> None:
        self.undo_stack.clear()
        self._load_engagement()

    def _load_engagement(self) -> None:
        engagement_id = self.engagement_id()
        for section in self.sections():
            section.set_engagement(engagement_id)
        self._update_tab_titles()
        self.update_review()

    def _engagement(self) -> Engagement | None:
        try:
            return engagements.get(self.db, self.engagement_id()) if self.engagement_id() else None
        except NotFoundError:
            return None

    def update_review(self) -> None:
        engagement = self._engagement()
        self.review = readiness.review(self.db, int(engagement.id or 0)) if engagement else None
        snapshots = (
            readiness_snapshots.list_for(self.db, int(engagement.id or 0)) if engagement else []
        )
        self.panel.show_review(self.review, snapshots)
        status = engagement.status if engagement else ""
        self.status_label.setText(f"Status: <b>{STATUS_LABELS[status]}</b>" if status else "")
        can_move = partial(engagement_lifecycle.can_move, engagement) if engagement else None
        self.start_exit_button.setEnabled(can_move is not None and can_move("exiting"))
        self.end_button.setEnabled(can_move is not None and can_move("ended"))

    def _on_section_changed(self) -> None:
        """A write, undo or redo in a section: shown here, announced to the other tabs."""
        self._update_tab_titles()
        self.update_review()
        self.announce(kinds("milestone"))

    # Shell hooks.
    def add_new(self) -> None:
        """Ctrl+N adds a milestone."""
        self.milestones.add_new()

    def focus_search(self) -> None:
        self.engagement_combo.setFocus()

    def show_record(self, kind: str, record_id: int) -> None:
        self.go_to(kind, record_id)

    def primary_widget(self) -> QWidget:
        return self.milestones.table

    def current_engagement(self) -> int | None:
        return self.engagement_id() or None

    def export_buttons(self) -> dict[str, QAbstractButton]:
        return {"handoff": self.handoff_button}

    # Going to what fails.
    def _on_panel_go_to_requested(self, kind: str, record_id: int) -> None:
        self.go_to(kind, record_id)

    def go_to(self, kind: str, record_id: int) -> None:
        """Select a milestone, responsibility or access here; anything else is on another tab."""
        section = {
            "milestone": self.milestones,
            "responsibility": self.responsibilities,
            "access": self.access,
        }.get(kind)
        if section is None:
            self.navigate_requested.emit(kind, record_id)
            return
        column = 3 if kind == "milestone" else 1  # the owner / successor a failing check is about
        if section is not self.milestones:
            self.lower.setCurrentWidget(section)
        if section.select(record_id, column):
            section.table.setFocus()

    # Recording and the lifecycle.
    def _on_panel_record_requested(self) -> None:
        self.record_review()

    def record_review(self) -> None:
        if self.review is None:
            return
        replaced = readiness_snapshots.on_day(self.db, self.review.engagement_id, self.review.as_of)
        saved = readiness_snapshots.record(self.db, self.review, on=self.review.as_of)
        redo = partial(readiness_snapshots.swap, self.db, replaced, saved)
        undo = partial(readiness_snapshots.swap, self.db, saved, replaced)
        command = DoneCommand("Record review", redo, undo, self.update_review, self.report_problem)
        self.undo_stack.push(command)
        self.update_review()

    def report_problem(self, message: str) -> None:
        """An undo or redo the data no longer allows: nothing was written."""
        dialogs.warn(self, "Cannot undo", message)

    def _on_start_exit_clicked(self) -> None:
        self._change_status(engagement_lifecycle.start_exit)

    def _on_end_clicked(self) -> None:
        self._change_status(partial(engagement_lifecycle.end, confirm_not_ready=self._confirm_end))

    def _confirm_end(self, result: Review) -> bool:
        text = engagement_lifecycle.not_ready_message(result)
        return dialogs.confirm(self, "End the engagement?", text, action="End engagement")

    def _change_status(self, change: object) -> None:
        try:
            change(self.db, self.engagement_id())  # type: ignore[operator]
        except ValidationError as error:
            dialogs.warn(self, "Cannot change the status", error.message.capitalize())
        self.refresh()


def _scrolling(panel: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(panel)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area
