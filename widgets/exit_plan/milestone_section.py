"""The milestones part of the Exit plan tab: the table, reordering and the standard exit plan."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from storage.exit_plan import Milestone, milestones
from storage.rules import clock
from widgets.exit_plan.exit_delegates import ChoiceDelegate
from widgets.exit_plan.exit_section import MovableSection
from widgets.exit_plan.milestone_model import MilestoneModel

if TYPE_CHECKING:
    from sqlite_utils import Database

NEW_TITLE = "New milestone"
NEW_DUE_DAYS = 30


STANDARD_TIP = "Add the typical exit milestones this engagement does not have yet"


class MilestoneSection(MovableSection):
    noun = "milestone"
    store = milestones
    empty_text = (
        "No exit milestones yet. Start from the standard exit plan (the roadmap handed over, a "
        "successor named, access returned…) and edit it, or add your own."
    )

    def __init__(self, db: Database, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(db, undo_stack, MilestoneModel(), "Milestones", parent)
        self.setObjectName("milestoneSection")
        self.table.setObjectName("milestoneTable")
        self.status_delegate = ChoiceDelegate(milestones.STATUS_LABELS, self.table)
        self.table.setItemDelegateForColumn(2, self.status_delegate)
        self.add_move_buttons()
        self.buttons.addStretch(1)
        self.standard_button = self.add_button_for(
            "Add the standard exit plan", self._on_standard_clicked, STANDARD_TIP
        )
        self.add_button.setToolTip("Add a milestone (Ctrl+N)")
        self._on_selection_changed()

    def new_record(self) -> Milestone:
        due = clock.today() + dt.timedelta(days=NEW_DUE_DAYS)
        return Milestone(self.engagement_id, NEW_TITLE, due_date=due)

    def label_of(self, record: Milestone) -> str:
        return record.title

    def _on_selection_changed(self, *args: object) -> None:
        super()._on_selection_changed(*args)
        if not hasattr(self, "standard_button"):
            return
        self.standard_button.setEnabled(bool(self.engagement_id))
        self.standard_button.setToolTip(
            STANDARD_TIP if self.engagement_id else "Add an engagement on the Clients tab first"
        )

    def empty_action_text(self) -> str:
        return "Add the standard exit plan"

    def empty_action(self) -> None:
        self.add_standard_plan()

    def add_standard_plan(self) -> list[Milestone]:
        if not self.engagement_id:
            return []
        added = milestones.add_standard_exit_plan(self.db, self.engagement_id)
        if added:
            redo = partial(milestones.restore_many, self.db, added)
            undo = partial(milestones.delete_many, self.db, [int(m.id or 0) for m in added])
            self.push("Add the standard exit plan", redo, undo)
        return added

    def _on_standard_clicked(self) -> None:
        self.add_standard_plan()
