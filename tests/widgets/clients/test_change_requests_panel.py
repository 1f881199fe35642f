"""The Clients tab's change requests: the signals with their evidence, a change request made
from them, its document, accepting it and declining one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.practice import commitments, document_versions, engagements
from storage.rules import clock
from storage.scope import change_requests
from storage.time import TimeEntry, time_entries
from widgets.clients.change_requests_panel import ChangeRequestsPanel
from widgets.common import dialogs
from widgets.common.documents import DocumentRequest

TODAY = dt.date(2026, 3, 6)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    monkeypatch.setattr(dialogs, "confirm", lambda *args, **kwargs: True)


@pytest.fixture
def crept(db: Database, acme: int) -> engagements.Engagement:
    e = engagements.get(db, acme)
    e = engagements.update(
        db, engagements.with_changes(e, billing_model="daily", fee_minor=100_000)
    )
    for monday in (dt.date(2026, 2, 16), dt.date(2026, 2, 23)):
        for n in range(3):
            day = monday + dt.timedelta(days=n)
            time_entries.add(
                db, TimeEntry(acme, day, "team", 480, "Hiring loop", out_of_scope=True)
            )
    return e


@pytest.fixture
def panel(qtbot: QtBot, db: Database) -> ChangeRequestsPanel:
    page = ChangeRequestsPanel(db)
    qtbot.addWidget(page)
    page.show()
    return page


def test_a_change_request_from_the_signals(
    qtbot: QtBot, panel: ChangeRequestsPanel, db: Database, crept: engagements.Engagement,
    qtmodeltester: object, tmp_path: Path,
) -> None:  # fmt: skip
    panel.show_engagement(crept)
    assert "Over the commitment in 2 of the last 4 weeks" in panel.signals_view.text()
    assert panel.from_signal_button.isEnabled()
    qtbot.mouseClick(panel.from_signal_button, Qt.MouseButton.LeftButton)
    made = panel.dialog
    assert made is not None
    assert "2026-W08: 24:00 logged against 16:00 committed" in made.evidence.toPlainText()
    qtbot.keyClicks(made.title, "Hiring loop")
    made.extra_days.setValue(1.0)
    qtbot.mouseClick(made.save_button, Qt.MouseButton.LeftButton)
    assert made.saved is not None
    assert made.saved.price_minor == 800_000  # 1 day a week for eight weeks × £1,000
    assert panel.model.rowCount() == 1
    qtmodeltester.check(panel.model)  # type: ignore[attr-defined]
    panel.view.selectRow(0)
    requests: list[DocumentRequest] = []
    panel.document_requested.connect(requests.append)
    qtbot.mouseClick(panel.document_button, Qt.MouseButton.LeftButton)
    assert requests[-1].write(tmp_path / "cr.docx", db).exists()
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    requests[-1].write(tmp_path / "sow.docx", db)
    assert change_requests.get(db, made.saved.id or 0).status == "accepted"
    assert document_versions.latest(db, crept.id or 0, "sow") is not None
    assert len(commitments.of(db, engagements.get(db, crept.id or 0))) == 3


def test_a_dialog_refusal_writes_nothing_and_decline_keeps_the_engagement(
    qtbot: QtBot, panel: ChangeRequestsPanel, db: Database, crept: engagements.Engagement
) -> None:
    panel.show_engagement(crept)
    dialog = panel.open_dialog()
    assert dialog is not None
    qtbot.keyClicks(dialog.title, "Nothing yet")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "needs an effect" in dialog.error.text()
    assert change_requests.list_for(db, crept.id or 0) == []
    dialog.one_off_days.setValue(2.0)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    panel.view.selectRow(0)
    qtbot.mouseClick(panel.decline_button, Qt.MouseButton.LeftButton)
    assert change_requests.list_for(db, crept.id or 0)[0].status == "declined"
    assert not panel.accept_button.isEnabled()
    assert len(commitments.of(db, engagements.get(db, crept.id or 0))) == 1
