"""The Clients tab, driven like a user would: keyboard and clicks on real widgets, a real database."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.practice import clients, engagements, settings
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from widgets.clients.client_model import ClientFilterProxy, ClientRow, ClientTableModel
from widgets.clients.clients_tab import ClientsTab
from widgets.clients.engagement_model import EngagementTableModel
from widgets.common import dialogs


@pytest.fixture
def tab(qtbot: QtBot, db: Database) -> ClientsTab:
    page = ClientsTab(db)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    return page


def _add(db: Database, name: str, **changes: object) -> Client:
    return clients.add(db, clients.with_changes(Client(name=name), **changes))


def _engagement(db: Database, client: Client, title: str = "Fractional CTO") -> Engagement:
    record = Engagement(
        client_id=client.id or 0, title=title, start_date=dt.date(2026, 1, 5), status="active"
    )
    return engagements.add(db, record)


def _visible_names(tab: ClientsTab) -> list[str]:
    proxy = tab.list.proxy
    return [proxy.index(row, 0).data() for row in range(proxy.rowCount())]


def _type_into(qtbot: QtBot, field: object, text: str) -> None:
    """Replace the field's text by typing, then press Enter (which saves it)."""
    field.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_create_a_client_by_keyboard(qtbot: QtBot, tab: ClientsTab, db: Database) -> None:
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    tab.add_new()
    qtbot.waitUntil(tab.form.name.hasFocus)
    qtbot.keyClicks(tab.form.name, "Acme Robotics")
    qtbot.keyClick(tab.form.name, Qt.Key.Key_Return)
    stored = clients.list_all(db)
    assert [c.name for c in stored] == ["Acme Robotics"]
    assert tab.current == stored[0]
    assert tab.list.selected() == stored[0]
    assert _visible_names(tab) == ["Acme Robotics"]
    assert tab.undo_stack.undoText() == "Add client “Acme Robotics”"
    tab.undo_stack.undo()
    assert clients.list_all(db) == []
    tab.undo_stack.redo()
    assert clients.list_all(db) == stored  # the same id again


def test_new_client_is_not_written_without_a_name(tab: ClientsTab, db: Database) -> None:
    tab.add_new()
    tab.form.lines["contact_name"].setText("Maya Okafor")
    tab.form.lines["contact_name"].editingFinished.emit()
    tab.form.name.editingFinished.emit()
    assert db["client"].count == 0
    assert tab.form.errors.message("name") == "Is required"


def test_edit_a_field_saves_it_and_ctrl_z_undoes_it(
    qtbot: QtBot, tab: ClientsTab, db: Database
) -> None:
    client = _add(db, "Acme Robotics")
    tab.reload(client.id)
    _type_into(qtbot, tab.form.lines["contact_name"], "Maya Okafor")
    assert clients.get(db, client.id or 0).contact_name == "Maya Okafor"
    assert tab.list.model.index(0, 1).data() == "Maya Okafor"
    assert tab.undo_stack.undoText() == "Edit contact"
    tab.undo_stack.undo()
    assert clients.get(db, client.id or 0).contact_name == ""
    assert tab.form.lines["contact_name"].text() == ""
    tab.undo_stack.redo()
    assert clients.get(db, client.id or 0).contact_name == "Maya Okafor"


def test_status_saves_when_the_choice_changes(tab: ClientsTab, db: Database) -> None:
    client = _add(db, "Acme Robotics")
    tab.reload(client.id)
    tab.form.status.setCurrentIndex(tab.form.status.findData("paused"))
    assert clients.get(db, client.id or 0).status == "paused"
    assert tab.list.model.index(0, 2).data() == "Paused"


def test_invalid_email_shows_beside_the_field_and_writes_nothing(
    qtbot: QtBot, tab: ClientsTab, db: Database
) -> None:
    client = _add(db, "Acme Robotics", email="maya@acme.example")
    tab.reload(client.id)
    _type_into(qtbot, tab.form.email, "maya at acme")
    assert "email address" in tab.form.errors.message("email")
    assert tab.form.errors.labels["email"].isVisible()
    assert clients.get(db, client.id or 0).email == "maya@acme.example"
    assert tab.form.email.text() == "maya at acme"  # kept so it can be fixed
    assert tab.undo_stack.count() == 0
    _type_into(qtbot, tab.form.email, "maya@acme.io")
    assert tab.form.errors.message("email") == ""
    assert clients.get(db, client.id or 0).email == "maya@acme.io"


def test_a_duplicate_name_is_refused_beside_the_name(
    qtbot: QtBot, tab: ClientsTab, db: Database
) -> None:
    _add(db, "Acme Robotics")
    other = _add(db, "Brightwave Health")
    tab.reload(other.id)
    _type_into(qtbot, tab.form.name, "acme robotics")
    assert "already exists" in tab.form.errors.message("name")
    assert clients.get(db, other.id or 0).name == "Brightwave Health"


def test_filter_by_text_and_by_status(qtbot: QtBot, tab: ClientsTab, db: Database) -> None:
    _add(db, "Acme Robotics", contact_name="Maya Okafor", status="active")
    _add(db, "Brightwave Health", contact_name="Jonas Müller", status="prospect")
    _add(db, "Café Lumière", contact_name="Élodie Martin", status="active")
    _add(db, "Old Friend Ltd", status="former", archived=True)
    tab.reload()
    assert _visible_names(tab) == ["Acme Robotics", "Brightwave Health", "Café Lumière"]
    tab.focus_search()
    qtbot.keyClicks(tab.list.filter, "jonas")
    assert _visible_names(tab) == ["Brightwave Health"]
    tab.list.filter.clear()
    tab.list.status_filter.setCurrentIndex(tab.list.status_filter.findData("active"))
    assert _visible_names(tab) == ["Acme Robotics", "Café Lumière"]
    qtbot.keyClicks(tab.list.filter, "cafe")  # accents do not matter
    assert _visible_names(tab) == ["Café Lumière"]
    tab.list.filter.clear()
    tab.list.status_filter.setCurrentIndex(0)
    tab.list.show_archived.setChecked(True)
    assert "Old Friend Ltd (archived)" in _visible_names(tab)


def test_columns_sort(tab: ClientsTab, db: Database) -> None:
    busy = _add(db, "Zephyr Analytics")
    for title in ("Roadmap", "Hiring"):
        _engagement(db, busy, title)
    _add(db, "Ōkami Logistics")
    _add(db, "Acme Robotics")
    tab.reload()
    assert _visible_names(tab) == ["Acme Robotics", "Ōkami Logistics", "Zephyr Analytics"]
    tab.list.view.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    assert _visible_names(tab)[0] == "Zephyr Analytics"
    assert tab.list.proxy.index(0, 4).data() == "2"


def test_fit_verdict_changes_as_boxes_are_ticked(
    qtbot: QtBot, tab: ClientsTab, db: Database
) -> None:
    client = _add(db, "Acme Robotics")
    tab.reload(client.id)
    verdict = tab.form.verdict
    assert "Not a fit" in verdict.text()
    boxes = list(tab.form.fit_boxes.values())
    qtbot.mouseClick(boxes[0], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(boxes[1], Qt.MouseButton.LeftButton)
    assert "advisory calls" in verdict.text()
    boxes[2].setFocus()
    qtbot.keyClick(boxes[2], Qt.Key.Key_Space)
    assert "strongly indicated" in verdict.text()
    assert clients.get(db, client.id or 0).fit_score == 3
    assert tab.list.model.index(0, 3).data() == "Strong fit (3/4)"
    tab.undo_stack.undo()
    assert "advisory calls" in verdict.text()
    assert clients.get(db, client.id or 0).fit_score == 2


def test_archive_hides_the_client_and_undo_brings_it_back(tab: ClientsTab, db: Database) -> None:
    client = _add(db, "Acme Robotics")
    tab.reload(client.id)
    tab.list.archive_button.click()
    assert clients.get(db, client.id or 0).archived is True
    assert _visible_names(tab) == []
    tab.undo_stack.undo()
    assert clients.get(db, client.id or 0).archived is False
    assert tab.current is not None
    assert tab.current.id == client.id
    assert tab.list.archive_button.text() == "Archive"
    tab.undo_stack.redo()
    tab.list.show_archived.setChecked(True)
    assert tab.list.select(client.id)
    assert tab.list.archive_button.text() == "Unarchive"
    tab.list.archive_button.click()
    assert clients.get(db, client.id or 0).archived is False


def test_add_an_engagement_through_the_editor(qtbot: QtBot, tab: ClientsTab, db: Database) -> None:
    client = _add(db, "Acme Robotics")
    settings.save_profile(db, settings.Profile(default_currency="EUR", default_rate_minor=120_000))
    tab.reload(client.id)
    qtbot.mouseClick(tab.engagements.add_button, Qt.MouseButton.LeftButton)
    editor = tab.editor
    assert editor is not None
    assert (editor.currency.text(), editor.amount.value()) == ("EUR", 1200.0)
    assert editor.billing_model.currentData() == "daily"
    assert editor.fee_unit.text() == "per day"
    assert "not a coder" not in editor.texts["out_of_scope"].toPlainText()
    assert "Project management" in editor.texts["out_of_scope"].toPlainText()
    editor.title_edit.selectAll()
    qtbot.keyClicks(editor.title_edit, "AI platform and hiring")
    editor.days_per_week.setValue(2.5)
    assert editor.committed.text() == "20 hours a week"
    editor.amount.setValue(9000)
    editor.currency.setText("GBP")
    editor.texts["objectives"].setPlainText("A 90-day roadmap")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    stored = engagements.list_all(db, client_id=client.id)
    assert len(stored) == 1
    saved = stored[0]
    assert (saved.title, saved.days_per_week, saved.fee_minor, saved.currency) == (
        "AI platform and hiring", 2.5, 900_000, "GBP",
    )  # fmt: skip
    assert saved.objectives == "A 90-day roadmap"
    assert tab.engagements.selected() == saved
    tab.undo_stack.undo()
    assert engagements.list_all(db, client_id=client.id) == []
    tab.undo_stack.redo()
    assert engagements.list_all(db, client_id=client.id) == [saved]


def test_an_invalid_split_shows_its_message_and_saves_nothing(
    qtbot: QtBot, tab: ClientsTab, db: Database
) -> None:
    client = _add(db, "Acme Robotics")
    tab.reload(client.id)
    editor = tab.open_engagement_editor(engagements.new_for_client(client.id or 0))
    editor.splits["split_team"].setValue(45)
    assert editor.split_note.text() == "Adds up to 115% (it must be 100%)"
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    assert "add up to 100% (it is 115%)" in editor.errors.message("split_strategy")
    assert db["engagement"].count == 0
    editor.splits["split_team"].setValue(30)
    assert editor.split_note.text() == "Adds up to 100%"
    qtbot.mouseClick(editor.cancel_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    assert db["engagement"].count == 0
    assert tab.undo_stack.count() == 0


def test_edit_an_engagement_and_undo(qtbot: QtBot, tab: ClientsTab, db: Database) -> None:
    client = _add(db, "Acme Robotics")
    original = _engagement(db, client)
    tab.reload(client.id)
    tab.engagements.edit_button.click()
    editor = tab.editor
    assert editor is not None
    assert editor.planned_end.value() is None
    editor.planned_end.set_value(dt.date(2026, 12, 31))
    editor.status.setCurrentIndex(editor.status.findData("exiting"))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    changed = engagements.get(db, original.id or 0)
    assert (changed.status, changed.planned_end_date) == ("exiting", dt.date(2026, 12, 31))
    tab.undo_stack.undo()
    assert engagements.get(db, original.id or 0) == original


def test_editor_end_before_start_shows_beside_planned_exit(
    qtbot: QtBot, tab: ClientsTab, db: Database
) -> None:
    client = _add(db, "Acme Robotics")
    editor = tab.open_engagement_editor(engagements.new_for_client(client.id or 0))
    editor.planned_end.set_value(dt.date(2000, 1, 1))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.errors.message("planned_end_date") == "Must not be before the start date"
    editor.reject()


def test_delete_asks_with_what_will_be_lost(
    qtbot: QtBot, tab: ClientsTab, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _add(db, "Acme Robotics")
    for title in ("Roadmap", "Hiring", "Platform"):
        _engagement(db, client, title)
    client = clients.get(db, client.id or 0)  # now active, with its engagements
    tab.reload(client.id)
    questions: list[str] = []

    def answer_no(_parent: object, _title: str, text: str, **_: object) -> bool:
        questions.append(text)
        return False

    monkeypatch.setattr(dialogs, "confirm", answer_no)
    tab.list.delete_button.click()
    assert "3 engagements, 0 time entries, 0 decisions" in questions[0]
    tab.activateWindow()
    tab.list.view.setFocus()
    qtbot.waitUntil(tab.list.view.hasFocus)
    qtbot.keyClick(tab.list.view, Qt.Key.Key_Delete)  # the key asks the same question
    assert len(questions) == 2
    assert clients.get(db, client.id or 0) == client
    assert tab.undo_stack.count() == 0


def test_delete_answered_yes_then_undo_brings_it_all_back(
    tab: ClientsTab, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _add(db, "Acme Robotics", status="active")
    first = _engagement(db, client, "Roadmap")
    db.execute(
        "INSERT INTO time_entry (engagement_id, day, bucket, minutes, created_at) "
        "VALUES (?, '2026-02-02', 'team', 90, '2026-02-02T10:00:00+00:00')",
        [first.id],
    )
    db.conn.commit()
    tab.reload(client.id)
    monkeypatch.setattr(dialogs, "confirm", _yes)
    tab.list.delete_button.click()
    assert db["client"].count == 0
    assert db["time_entry"].count == 0
    assert tab.current is None
    tab.list.filter.setText("brightwave")  # hides it: the undo clears the filter to show it
    tab.undo_stack.undo()
    assert tab.list.filter.text() == ""
    assert clients.get(db, client.id or 0) == client
    assert engagements.list_all(db, client_id=client.id) == [first]
    assert db["time_entry"].count == 1
    assert tab.current == client
    tab.undo_stack.redo()
    assert db["client"].count == 0


def test_delete_an_engagement_then_undo(
    tab: ClientsTab, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _add(db, "Acme Robotics")
    kept = _engagement(db, client, "Roadmap")
    gone = _engagement(db, client, "Hiring")
    tab.reload(client.id, gone.id)
    assert tab.engagements.selected() == gone
    monkeypatch.setattr(dialogs, "confirm", _yes)
    tab.engagements.delete_button.click()
    assert engagements.list_all(db, client_id=client.id) == [kept]
    tab.undo_stack.undo()
    assert engagements.list_all(db, client_id=client.id) == [kept, gone]


def _yes(*_args: object, **_kwargs: object) -> bool:
    return True


def test_client_model_passes_the_model_tester(qtmodeltester, db: Database) -> None:  # type: ignore[no-untyped-def]
    model = ClientTableModel()
    rows = [
        ClientRow(Client(name="Acme", id=1, fit_critical=True), 2),
        ClientRow(Client(name="Old", id=2, archived=True), 0),
    ]
    model.set_rows(rows)
    qtmodeltester.check(model)
    proxy = ClientFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_show_archived(True)
    qtmodeltester.check(proxy)


def test_engagement_model_passes_the_model_tester(qtmodeltester, db: Database) -> None:  # type: ignore[no-untyped-def]
    client = _add(db, "Acme")
    model = EngagementTableModel()
    model.set_rows([_engagement(db, client), _engagement(db, client, "Hiring")])
    qtmodeltester.check(model)
