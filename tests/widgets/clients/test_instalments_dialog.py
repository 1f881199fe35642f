"""The instalments dialog: opened from the engagement editor for a fixed fee, spread, saved."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.billing import instalments
from storage.billing.instalments import Instalment
from storage.practice import engagements
from widgets.clients import instalments_dialog
from widgets.clients.engagement_editor import EngagementEditor
from widgets.clients.instalments_dialog import AMOUNT, InstalmentsDialog


@pytest.fixture
def sprint(db: Database, acme: int) -> engagements.Engagement:
    e = engagements.get(db, acme)
    return engagements.update(db, engagements.with_changes(
        e, billing_model="fixed_fee", fee_minor=1_000_000, currency="EUR",
        start_date=dt.date(2026, 1, 20), planned_end_date=dt.date(2026, 4, 19)))  # fmt: skip


def test_the_editor_offers_instalments_for_a_stored_fixed_fee_only(
    qtbot: QtBot, db: Database, sprint: engagements.Engagement
) -> None:
    editor = EngagementEditor(db, sprint)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.instalments_button.isVisible()
    editor.billing_model.setCurrentIndex(editor.billing_model.findData("hourly"))
    assert not editor.instalments_button.isVisible()
    editor.billing_model.setCurrentIndex(editor.billing_model.findData("fixed_fee"))
    qtbot.mouseClick(editor.instalments_button, Qt.MouseButton.LeftButton)
    assert isinstance(editor.instalments_dialog, InstalmentsDialog)
    editor.instalments_dialog.reject()
    new = EngagementEditor(db, engagements.with_changes(sprint, id=None))
    qtbot.addWidget(new)
    assert not new.instalments_button.isEnabled()


def test_spread_fills_the_fee_and_save_writes_it(
    qtbot: QtBot, db: Database, sprint: engagements.Engagement, monkeypatch: pytest.MonkeyPatch
) -> None:
    instalments.replace_for(db, sprint.id or 0, [Instalment(0, dt.date(2026, 2, 1), 5000)])
    dialog = InstalmentsDialog(db, sprint)
    qtbot.addWidget(dialog)
    assert dialog.total.text() == "1 instalment, €50.00: €9,950.00 short of the fee"
    asked: list[str] = []
    monkeypatch.setattr(instalments_dialog.dialogs, "confirm",
                        lambda _p, _t, text, **_k: asked.append(text) is None)  # fmt: skip
    qtbot.mouseClick(dialog.spread_button, Qt.MouseButton.LeftButton)
    assert asked[0].startswith("Replace 1 instalment in the table with 3 instalments")
    assert [(i.due_on, i.amount_minor) for i in dialog.items()] == [
        (dt.date(2026, 1, 20), 333_333), (dt.date(2026, 2, 20), 333_333),
        (dt.date(2026, 3, 20), 333_334)]  # fmt: skip
    assert dialog.total.text() == "3 instalments, €10,000.00: the whole fee"
    dialog.table.cellWidget(0, AMOUNT).setValue(4000)  # type: ignore[attr-defined]
    assert dialog.total.text().endswith("€666.67 over the fee")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    stored = instalments.list_for(db, sprint.id or 0)
    assert [i.amount_minor for i in stored] == [400_000, 333_333, 333_334]
    assert [i.label for i in stored] == ["Instalment 1 of 3", "Instalment 2 of 3",
                                         "Instalment 3 of 3"]  # fmt: skip


def test_a_zero_amount_is_refused_naming_its_row(
    qtbot: QtBot, db: Database, sprint: engagements.Engagement
) -> None:
    dialog = InstalmentsDialog(db, sprint)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_row(dt.date(2026, 2, 1), 1000)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error.text() == "Row 2, amount: must be more than 0"
    assert instalments.list_for(db, sprint.id or 0) == []


def test_spread_without_an_end_date_says_so(
    qtbot: QtBot, db: Database, sprint: engagements.Engagement
) -> None:
    dialog = InstalmentsDialog(db, engagements.with_changes(sprint, planned_end_date=None))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.spread_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Set the engagement's end date to spread the fee"
    assert dialog.table.rowCount() == 0
