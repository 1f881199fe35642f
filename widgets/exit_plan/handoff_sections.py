"""The parts of the Exit plan tab that the handoff prints for the successor: risks,
recommendations with their horizon (the roadmap of the first 90 days) and the access inventory."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QHeaderView, QLabel, QWidget

from storage.exit_plan import (
    LEVEL_LABELS,
    AccessItem,
    Recommendation,
    Risk,
    access_items,
    recommendations,
    risks,
)
from widgets.exit_plan.exit_delegates import ChoiceDelegate
from widgets.exit_plan.exit_section import MovableSection
from widgets.exit_plan.handoff_models import (
    HORIZON_CHOICES,
    AccessModel,
    RecommendationModel,
    RiskModel,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

NAMES_ONLY = (
    "<b>Names only, never passwords, keys or tokens.</b> This list is printed in the handoff; "
    "text that looks like a secret is refused."
)


class _HandoffSection(MovableSection):
    def __init__(
        self,
        db: Database,
        undo_stack: QUndoStack,
        model: RiskModel | RecommendationModel | AccessModel,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, undo_stack, model, title, parent)
        self.setObjectName(f"{self.store.__name__.rsplit('.', 1)[-1]}Section")
        self.table.setObjectName(f"{self.store.__name__.rsplit('.', 1)[-1]}Table")
        self.add_move_buttons()
        self.buttons.addStretch(1)
        self._on_selection_changed()


class RiskSection(_HandoffSection):
    noun = "risk"
    store = risks
    empty_text = (
        "No risks yet: what could go wrong once you have left (a person only one engineer "
        "relies on, a vendor contract, costs that grow), and who watches it."
    )

    def __init__(self, db: Database, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(db, undo_stack, RiskModel(), "Risks", parent)
        self.level_delegate = ChoiceDelegate(LEVEL_LABELS, self.table)
        for column in (1, 2):
            self.table.setItemDelegateForColumn(column, self.level_delegate)
        # The risk and its mitigation share the width; the full text is in the tooltip.
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def new_record(self) -> Risk:
        return Risk(self.engagement_id, "New risk")

    def label_of(self, record: Risk) -> str:
        return record.risk


class RecommendationSection(_HandoffSection):
    noun = "recommendation"
    store = recommendations
    empty_text = (
        "No recommendations yet: what the team should do next. Give each a horizon of 30, 60 "
        "or 90 days to build the successor's roadmap for their first 90 days."
    )

    def __init__(self, db: Database, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(db, undo_stack, RecommendationModel(), "Recommendations", parent)
        self.horizon_delegate = ChoiceDelegate(HORIZON_CHOICES, self.table)
        self.table.setItemDelegateForColumn(1, self.horizon_delegate)

    def new_record(self) -> Recommendation:
        return Recommendation(self.engagement_id, "New recommendation", 30)

    def label_of(self, record: Recommendation) -> str:
        return record.text


class AccessSection(_HandoffSection):
    noun = "access item"
    store = access_items
    empty_text = (
        "No access recorded yet: each system or account you hold at the client (cloud, code, "
        "domains…), who holds it now and who it goes to."
    )

    def __init__(self, db: Database, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(db, undo_stack, AccessModel(), "Access inventory", parent)
        self.note = QLabel(NAMES_ONLY, self)
        self.note.setObjectName("accessNamesOnly")
        self.note.setWordWrap(True)
        layout = self.layout()
        layout.insertWidget(0, self.note)  # type: ignore[attr-defined]
        self.add_button.setToolTip(
            "Add a system, e.g. " + ", ".join(s.lower() for s in access_items.TYPICAL_SYSTEMS)
        )

    def new_record(self) -> AccessItem:
        return AccessItem(self.engagement_id, "New system")

    def label_of(self, record: AccessItem) -> str:
        return record.system
