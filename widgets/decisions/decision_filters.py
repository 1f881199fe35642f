"""The Decisions tab's filter bar: engagement (or all), category, status, due, flagged, search."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from storage.decisions import CATEGORY_LABELS, STATUS_LABELS, DecisionFilter
from storage.practice import engagements

if TYPE_CHECKING:
    from sqlite_utils import Database

ALL = 0  # the "All engagements" item's data


class DecisionFilterBar(QWidget):
    """`changed` fires on any change; `search_changed` too when it was the search text."""

    changed = Signal()
    search_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engagement = QComboBox(self)
        self.engagement.setObjectName("decisionEngagement")
        self.engagement.setMinimumContentsLength(24)
        self.category = _choice_combo(self, "All categories", CATEGORY_LABELS)
        self.status = _choice_combo(self, "All statuses", STATUS_LABELS)
        self.due = QCheckBox("Due for review", self)
        self.due.setToolTip("Open decisions to review within two weeks, or overdue")
        self.flagged = QCheckBox("Flagged", self)
        self.flagged.setToolTip(
            "Overdue review, accepted without an owner, or proposed over 30 days ago"
        )
        self.search = QLineEdit(self)
        self.search.setObjectName("decisionSearch")
        self.search.setPlaceholderText("Search decisions (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.engagement, self.category, self.status, self.due, self.flagged):
            layout.addWidget(widget)
            if isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self.changed)
            else:
                widget.toggled.connect(self.changed)
        layout.addWidget(self.search, 1)
        self.search.textChanged.connect(self._on_search_text_changed)

    def fill_engagements(self, db: Database) -> None:
        """The engagement choices, keeping the current one when it still exists."""
        current = self.engagement.currentData()
        self.engagement.blockSignals(True)
        self.engagement.clear()
        self.engagement.addItem("All engagements", ALL)
        for e in engagements.list_all(db):
            self.engagement.addItem(e.label, e.id)
        self.engagement.setCurrentIndex(max(self.engagement.findData(current), 0))
        self.engagement.blockSignals(False)

    def engagement_labels(self) -> dict[int, str]:
        return {
            int(self.engagement.itemData(i)): self.engagement.itemText(i)
            for i in range(1, self.engagement.count())
        }

    def current(self) -> DecisionFilter:
        return DecisionFilter(
            engagement_id=self.engagement.currentData() or None,
            category=self.category.currentData() or None,
            status=self.status.currentData() or None,
            due_for_review=self.due.isChecked(),
            flagged=self.flagged.isChecked(),
        )

    def search_text(self) -> str:
        return self.search.text().strip()

    def show_only(self, engagement_id: int) -> None:
        """One engagement, every category and status, no search (to reveal a linked decision)."""
        widgets = (self.engagement, self.category, self.status, self.due, self.flagged, self.search)
        for widget in widgets:
            widget.blockSignals(True)
        self.engagement.setCurrentIndex(max(self.engagement.findData(engagement_id), 0))
        self.category.setCurrentIndex(0)
        self.status.setCurrentIndex(0)
        self.due.setChecked(False)
        self.flagged.setChecked(False)
        self.search.clear()
        for widget in widgets:
            widget.blockSignals(False)

    def _on_search_text_changed(self) -> None:
        self.search_changed.emit()
        self.changed.emit()


def _choice_combo(parent: QWidget, everything: str, choices: dict[str, str]) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItem(everything, "")
    for key, label in choices.items():
        combo.addItem(label, key)
    return combo
