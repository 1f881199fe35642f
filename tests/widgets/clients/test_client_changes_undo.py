"""The Clients tab records the Change each write returns: undo and redo put back exactly its two
sides, a record saved elsewhere (a second connection: another window, the command line) is never
overwritten unasked, and another tab showing clients re-reads when this one writes."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.practice import Client, clients, engagements
from storage.practice.engagements import Engagement
from tests.widgets.shown import shown_tab
from widgets.clients.clients_tab import ClientsTab
from widgets.common import dialogs
from widgets.common.change_bus import ChangeBus


def _tab(qtbot: QtBot, db: Database, bus: ChangeBus | None = None) -> ClientsTab:
    return shown_tab(qtbot, ClientsTab(db), bus, (1200, 760))


def _type_into(qtbot: QtBot, field: object, text: str) -> None:
    field.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_undo_then_redo_of_a_field_edit_restores_each_side_exactly(
    qtbot: QtBot, db: Database
) -> None:
    shown = clients.add(db, Client("Acme Robotics", email="ops@acme.io"))
    tab = _tab(qtbot, db)
    tab.reload(shown.id)
    _type_into(qtbot, tab.form.email, "cto@acme.io")
    edited = clients.get(db, shown.id or 0)
    assert edited.email == "cto@acme.io"
    tab.undo_stack.undo()
    assert clients.get(db, shown.id or 0) == shown
    assert tab.form.email.text() == "ops@acme.io"
    tab.undo_stack.redo()
    assert clients.get(db, shown.id or 0) == edited


def test_an_edit_of_a_client_saved_elsewhere_writes_nothing_and_says_so(
    qtbot: QtBot, db: Database, other: Database
) -> None:
    shown = clients.add(db, Client("Acme Robotics"))
    tab = _tab(qtbot, db)
    tab.reload(shown.id)
    clients.update(other, dataclasses.replace(shown, contact_name="Maya Okafor"))
    _type_into(qtbot, tab.form.email, "cto@acme.io")
    stored = clients.get(db, shown.id or 0)
    assert (stored.email, stored.contact_name) == ("", "Maya Okafor")
    assert "saved elsewhere" in tab.form.errors.message("email")
    assert tab.form.lines["contact_name"].text() == "Maya Okafor"
    assert tab.undo_stack.count() == 0
    _type_into(qtbot, tab.form.email, "cto@acme.io")  # made again, against what is stored
    assert clients.get(db, shown.id or 0).email == "cto@acme.io"
    assert clients.get(db, shown.id or 0).contact_name == "Maya Okafor"


def test_undo_refuses_when_the_client_was_saved_elsewhere_since(
    qtbot: QtBot, db: Database, other: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = clients.add(db, Client("Acme Robotics"))
    tab = _tab(qtbot, db)
    tab.reload(shown.id)
    _type_into(qtbot, tab.form.email, "cto@acme.io")
    clients.update(other, clients.with_changes(clients.get(other, shown.id or 0), role="CEO"))
    warned: list[str] = []
    monkeypatch.setattr(dialogs, "warn", lambda _p, _t, text, **_: warned.append(text))
    tab.undo_stack.undo()
    assert warned
    assert "saved elsewhere" in warned[0]
    stored = clients.get(db, shown.id or 0)
    assert (stored.email, stored.role) == ("cto@acme.io", "CEO")


def test_an_engagement_saved_elsewhere_is_not_overwritten_until_save_again(
    qtbot: QtBot, db: Database, other: Database, acme: int
) -> None:
    tab = _tab(qtbot, db)
    original = engagements.get(db, acme)
    tab.show_client(original.client_id, acme)
    editor = tab.open_engagement_editor(original)
    editor.title_edit.setText("Fractional AI CTO")
    engagements.update(other, dataclasses.replace(original, days_per_week=3.0))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    assert editor.errors.general is not None
    assert "saved elsewhere" in editor.errors.general.text()
    assert engagements.get(db, acme).title == "Fractional CTO"
    assert tab.undo_stack.count() == 0
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)  # replace it, as asked
    assert not editor.isVisible()
    assert engagements.get(db, acme).title == "Fractional AI CTO"
    tab.undo_stack.undo()
    assert engagements.get(db, acme) == dataclasses.replace(original, days_per_week=3.0)
    tab.undo_stack.redo()
    assert engagements.get(db, acme).title == "Fractional AI CTO"


def test_undo_then_redo_of_an_engagement_add_and_delete(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = clients.add(db, Client("Globex"))
    tab = _tab(qtbot, db)
    tab.reload(client.id)
    new = Engagement(client.id or 0, "Fractional CTO", dt.date(2026, 2, 2), status="active")
    editor = tab.open_engagement_editor(new)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    [added] = engagements.list_all(db, client_id=client.id)
    tab.undo_stack.undo()
    assert engagements.list_all(db, client_id=client.id) == []
    tab.undo_stack.redo()
    assert engagements.list_all(db, client_id=client.id) == [added]
    monkeypatch.setattr(dialogs, "confirm", lambda *_a, **_k: True)
    tab.show_client(client.id, added.id)
    tab.engagements.delete_button.click()
    assert engagements.list_all(db, client_id=client.id) == []
    tab.undo_stack.undo()
    assert engagements.list_all(db, client_id=client.id) == [added]


def test_another_tab_showing_clients_re_reads_after_a_write_and_its_undo(
    qtbot: QtBot, db: Database
) -> None:
    shown = clients.add(db, Client("Acme Robotics"))
    bus = ChangeBus()
    first, second = _tab(qtbot, db, bus), _tab(qtbot, db, bus)
    heard: list[frozenset[str]] = []
    bus.changed.connect(lambda touched, _source: heard.append(touched))
    first.reload(shown.id)
    second.reload(shown.id)
    _type_into(qtbot, first.form.name, "Acme Robotics GmbH")
    assert heard == [frozenset({"client"})]
    assert second.current is not None
    assert second.current.name == "Acme Robotics GmbH"
    first.undo_stack.undo()
    assert second.current.name == "Acme Robotics"
