"""The responsibilities part of the Exit plan tab: duties, successors and handover stages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from storage.exit_plan import Responsibility, responsibilities
from widgets.exit_plan.exit_delegates import ChoiceDelegate
from widgets.exit_plan.exit_section import RecordSection
from widgets.exit_plan.responsibility_model import ResponsibilityModel

if TYPE_CHECKING:
    from sqlite_utils import Database

NEW_DUTY = "New responsibility"


class ResponsibilitySection(RecordSection):
    noun = "responsibility"
    store = responsibilities
    empty_text = "Nothing handed over yet: list what you do that someone must own after you leave."

    def __init__(self, db: Database, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(
            db, undo_stack, ResponsibilityModel(), "Responsibilities and successors", parent
        )
        self.setObjectName("responsibilitySection")
        self.table.setObjectName("responsibilityTable")
        self.stage_delegate = ChoiceDelegate(responsibilities.STAGE_LABELS, self.table)
        self.table.setItemDelegateForColumn(2, self.stage_delegate)
        self.buttons.addStretch(1)
        self.add_button.setToolTip(
            "Add a duty you hold at the client, e.g. "
            + ", ".join(d.lower() for d in responsibilities.TYPICAL_DUTIES)
        )

    def new_record(self) -> Responsibility:
        return Responsibility(self.engagement_id, NEW_DUTY)

    def label_of(self, record: Responsibility) -> str:
        return record.duty
