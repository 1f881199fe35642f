"""The engagement editor's Scope, Terms and Plan pages and the client's legal details, through
real widgets on a real database file."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.practice import clients, deliverables, engagements, phases, settings
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from widgets.clients.clients_tab import ClientsTab
from widgets.clients.engagement_editor import EngagementEditor
from widgets.common import dialogs

START = dt.date(2026, 1, 5)
# Pasted from Word: a soft line break, a page break, a bell, a right-to-left mark and an emoji.
PASTED = "Clause\x0bnext line\x0cpage \x07bell \u200fשלום 🚀 Café"
STORED = "Clause\nnext line\npage bell \u200fשלום 🚀 Café"


def _engagement(db: Database, role: str = "fractional_cto") -> Engagement:
    client = clients.add(db, Client(name="Acme Robotics"))
    record = Engagement(
        client_id=client.id or 0, title="Fractional CTO", start_date=START, role=role,
        planned_end_date=dt.date(2026, 12, 18), status="active", currency="GBP",
    )  # fmt: skip
    return engagements.add(db, record)


@pytest.fixture
def tab(qtbot: QtBot, db: Database) -> ClientsTab:
    page = ClientsTab(db)
    qtbot.addWidget(page)
    page.show()
    return page


def _open(tab: ClientsTab, e: Engagement) -> EngagementEditor:
    return tab.open_engagement_editor(e)


def _type_cell(editor_rows: object, row: int, column: int, value: str) -> None:
    model = editor_rows.model  # type: ignore[attr-defined]
    assert model.setData(model.index(row, column), value)


def _save(qtbot: QtBot, editor: EngagementEditor) -> None:
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)


def test_every_new_field_round_trips(qtbot: QtBot, tab: ClientsTab, db: Database) -> None:
    e = _engagement(db)
    editor = _open(tab, e)
    assert [editor.pages.tabText(i) for i in range(4)] == [
        "&Engagement",
        "&Scope",
        "&Terms",
        "&Plan",
    ]
    terms = editor.terms
    assert terms.payment_terms.placeholderText() == "30"  # the standard from Preferences
    terms.payment_terms.setText("21")
    terms.cadence.setCurrentIndex(terms.cadence.findData("monthly_in_arrears"))
    terms.notice.setText("4")
    terms.notice_unit.setCurrentIndex(terms.notice_unit.findData("weeks"))
    terms.minimum_term.setText("6")
    terms.heavy_rate.setText("1,250.50")
    terms.included.setText("20")
    terms.overage_rate.setText("150")
    terms.rollover.setText("7.5")
    terms.expenses.setPlainText("Travel at cost")
    terms.disclosures.setPlainText("Advisor to VectorCo (unpaid)")
    qtbot.mouseClick(terms.confidentiality.use_own, Qt.MouseButton.LeftButton)
    assert terms.confidentiality.box.toPlainText() == settings.DEFAULT_CONFIDENTIALITY
    terms.confidentiality.box.setPlainText("Our own confidentiality clause")
    qtbot.mouseClick(editor.deliverables.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.deliverables.add_button, Qt.MouseButton.LeftButton)
    for row, (title, acceptance, due) in enumerate(
        [("Handoff", "Walked through", "2026-12-18"), ("Roadmap", "CEO signs off", "2026-01-19")]
    ):
        for column, value in enumerate((title, acceptance, due)):
            _type_cell(editor.deliverables, row, column, value)
    editor.deliverables.view.setCurrentIndex(editor.deliverables.model.index(1, 0))
    qtbot.mouseClick(editor.deliverables.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.suggest_button, Qt.MouseButton.LeftButton)
    _type_cell(editor.phases, 0, 3, "Read everything; one roadmap")
    _save(qtbot, editor)
    assert not editor.isVisible()

    saved = engagements.get(db, e.id or 0)
    assert (saved.payment_terms_days, saved.invoicing_cadence, saved.notice_days) == (
        21, "monthly_in_arrears", 28,
    )  # fmt: skip
    assert (saved.minimum_term_months, saved.heavy_rate_minor) == (6, 125_050)
    assert (saved.included_minutes, saved.overage_rate_minor, saved.rollover_minutes) == (
        1200, 15_000, 450)  # fmt: skip
    assert (saved.expenses_policy, saved.disclosures) == (
        "Travel at cost",
        "Advisor to VectorCo (unpaid)",
    )
    assert (saved.confidentiality, saved.ip_terms) == ("Our own confidentiality clause", "")
    stored = deliverables.list_for(db, e.id or 0)
    assert [(d.title, d.acceptance, d.due_on) for d in stored] == [
        ("Roadmap", "CEO signs off", dt.date(2026, 1, 19)),
        ("Handoff", "Walked through", dt.date(2026, 12, 18)),
    ]
    found = phases.list_for(db, e.id or 0)
    assert [p.name for p in found] == ["Audit and architecture", "Build and ship", "Transition"]
    assert found[0].goals == "Read everything; one roadmap"

    again = _open(tab, saved)
    assert (again.terms.notice.text(), again.terms.notice_unit.currentText()) == ("4", "weeks")
    assert again.terms.heavy_rate.text() == "1,250.50"
    assert (again.terms.included.text(), again.terms.rollover.text()) == ("20", "7.5")
    assert again.terms.heavy_rate.parent() is not None
    assert again.terms.currency.text() == "GBP a day"
    assert again.terms.confidentiality.use_own.isChecked()
    assert again.terms.ip_terms.use_standard.isChecked()
    assert again.terms.ip_terms.box.isReadOnly()
    assert again.deliverables.model.index(0, 2).data() == "19 Jan 2026"
    assert again.deliverables.model.index(0, 2).data(Qt.ItemDataRole.EditRole) == "2026-01-19"
    assert again.phases.model.rowCount() == 3


def test_undo_of_an_edit_restores_deliverables_and_phases(
    qtbot: QtBot, tab: ClientsTab, db: Database
) -> None:
    e = _engagement(db)
    engagements.save(db, e, deliverables=[deliverables.Deliverable(0, "Roadmap")])
    editor = _open(tab, engagements.get(db, e.id or 0))
    editor.deliverables.view.setCurrentIndex(editor.deliverables.model.index(0, 0))
    qtbot.mouseClick(editor.deliverables.remove_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.suggest_button, Qt.MouseButton.LeftButton)
    editor.terms.payment_terms.setText("14")
    _save(qtbot, editor)
    assert deliverables.list_for(db, e.id or 0) == []
    assert len(phases.list_for(db, e.id or 0)) == 3
    tab.undo_stack.undo()
    assert [d.title for d in deliverables.list_for(db, e.id or 0)] == ["Roadmap"]
    assert phases.list_for(db, e.id or 0) == []
    assert engagements.get(db, e.id or 0).payment_terms_days is None
    tab.undo_stack.redo()
    assert deliverables.list_for(db, e.id or 0) == []
    assert len(phases.list_for(db, e.id or 0)) == 3
    assert engagements.get(db, e.id or 0).payment_terms_days == 14


def test_a_phase_ending_before_it_starts_is_refused_with_nothing_written(
    qtbot: QtBot, tab: ClientsTab, db: Database
) -> None:
    e = _engagement(db)
    editor = _open(tab, e)
    editor.title_edit.setText("Changed title")
    qtbot.mouseClick(editor.deliverables.add_button, Qt.MouseButton.LeftButton)
    _type_cell(editor.deliverables, 0, 0, "Roadmap")
    qtbot.mouseClick(editor.phases.add_button, Qt.MouseButton.LeftButton)
    _type_cell(editor.phases, 0, 0, "Audit")
    _type_cell(editor.phases, 0, 1, "2026-03-01")
    _type_cell(editor.phases, 0, 2, "2026-02-01")
    editor.pages.setCurrentIndex(0)
    _save(qtbot, editor)
    assert editor.isVisible()
    assert editor.pages.currentIndex() == 3  # the Plan page, where the message is
    message = editor.errors.message("phases")
    assert message == "Phase 1 (“Audit”): its end must not be before the phase starts"
    assert engagements.get(db, e.id or 0).title == "Fractional CTO"
    assert deliverables.list_for(db, e.id or 0) == []
    assert phases.list_for(db, e.id or 0) == []


def test_a_date_that_cannot_be_read_says_why_and_keeps_the_old_one(
    qtbot: QtBot, tab: ClientsTab, db: Database
) -> None:
    editor = _open(tab, _engagement(db))
    qtbot.mouseClick(editor.deliverables.add_button, Qt.MouseButton.LeftButton)
    model = editor.deliverables.model
    assert not model.setData(model.index(0, 2), "31/02/2026")
    assert editor.deliverables.error.text() == "The due date must be a date like 2026-04-02"
    assert model.rows()[0].due_on is None
    assert model.setData(model.index(0, 2), "")  # empty: no due date
    assert editor.deliverables.error.isHidden()


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("notice", "two", "Must be a whole number from 0 to 365, or empty"),
        ("minimum_term", "61", "Must be a whole number from 0 to 60, or empty"),
        ("heavy_rate", "12.345", "GBP amounts have 2 decimal places"),
        ("heavy_rate", "lots", "Enter an amount such as 1,250 or 1250.50"),
        ("payment_terms", "-3", "Must be a whole number from 0 to 365, or empty"),
        ("included", "lots", "Must be a number of hours, such as 10 or 7.5"),
        ("overage_rate", "-5", "Enter an amount of zero or more, up to £100,000,000,000.00"),
    ],
)
def test_a_number_that_cannot_be_read_is_said_beside_its_field(
    qtbot: QtBot, tab: ClientsTab, db: Database, field: str, text: str, message: str
) -> None:
    e = _engagement(db)
    editor = _open(tab, e)
    getattr(editor.terms, field).setText(text)
    _save(qtbot, editor)
    assert editor.isVisible()
    assert editor.pages.currentIndex() == 2
    shown = [label.text() for label in editor.errors.labels.values() if label.isVisible()]
    assert shown == [message]
    assert engagements.get(db, e.id or 0) == e


def test_suggest_asks_before_replacing_phases(
    qtbot: QtBot, tab: ClientsTab, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = _open(tab, _engagement(db, role="advisor"))
    qtbot.mouseClick(editor.suggest_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in editor.phases.model.rows()] == ["Advisory"]
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "ask", lambda _p, _t, text, **_: asked.append(text) or False)
    _type_cell(editor.phases, 0, 0, "Board advisory")
    qtbot.mouseClick(editor.suggest_button, Qt.MouseButton.LeftButton)
    assert "Replace the phases" in asked[0]
    assert [p.name for p in editor.phases.model.rows()] == ["Board advisory"]


def test_hostile_text_in_every_field_is_stored_clean(
    qtbot: QtBot, tab: ClientsTab, db: Database
) -> None:
    e = _engagement(db)
    editor = _open(tab, e)
    for box in (editor.terms.expenses, editor.terms.disclosures):
        box.setPlainText(PASTED)
    for clause in (editor.terms.confidentiality, editor.terms.ip_terms):
        clause.use_own.setChecked(True)
        clause.box.setPlainText(PASTED)
    qtbot.mouseClick(editor.deliverables.add_button, Qt.MouseButton.LeftButton)
    _type_cell(editor.deliverables, 0, 0, PASTED)
    _type_cell(editor.deliverables, 0, 1, PASTED)
    qtbot.mouseClick(editor.phases.add_button, Qt.MouseButton.LeftButton)
    _type_cell(editor.phases, 0, 0, PASTED)
    _type_cell(editor.phases, 0, 3, PASTED)
    _save(qtbot, editor)
    saved = engagements.get(db, e.id or 0)
    for value in (saved.expenses_policy, saved.disclosures, saved.confidentiality, saved.ip_terms):
        assert value == STORED
    one_line = STORED.replace("\n", " ")
    d = deliverables.list_for(db, e.id or 0)[0]
    assert (d.title, d.acceptance) == (one_line, STORED)
    p = phases.list_for(db, e.id or 0)[0]
    assert (p.name, p.goals) == (one_line, STORED)


def test_legal_details_save_as_typed_show_errors_and_undo(
    qtbot: QtBot, tab: ClientsTab, db: Database
) -> None:
    client = clients.add(db, Client(name="Acme Robotics"))
    tab.reload(client.id)
    form = tab.form
    values = {
        "legal_name": "Acme Robotics Ltd", "tax_id": "GB 284 1937 56",
        "signatory_name": "Maya Okafor", "signatory_title": "CEO",
    }  # fmt: skip
    for field, text in values.items():
        form.lines[field].setText(text)
        form.lines[field].editingFinished.emit()
    form.address.setPlainText(f"12 Hatton Garden\x0bLondon EC1N 8AN {PASTED}")
    form.address.editingFinished.emit()
    stored = clients.get(db, client.id or 0)
    assert {field: getattr(stored, field) for field in values} == values
    assert stored.address == f"12 Hatton Garden\nLondon EC1N 8AN {STORED}"
    form.lines["signatory_name"].setText("x" * 201)
    form.lines["signatory_name"].editingFinished.emit()
    assert form.errors.message("signatory_name") == "Is too long (at most 200 characters)"
    assert clients.get(db, client.id or 0).signatory_name == "Maya Okafor"
    form.lines["legal_name"].setText(f"Acme\x0bRobotics {PASTED}")
    form.lines["legal_name"].editingFinished.emit()
    assert clients.get(db, client.id or 0).legal_name == f"Acme Robotics {STORED}".replace(
        "\n", " "
    )
    tab.undo_stack.undo()
    assert clients.get(db, client.id or 0).legal_name == "Acme Robotics Ltd"
    assert tab.form.lines["legal_name"].text() == "Acme Robotics Ltd"


def test_the_row_models_pass_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, tab: ClientsTab, db: Database
) -> None:
    e = _engagement(db, role="fractional_ai_cto")
    engagements.save(db, e, deliverables=[deliverables.Deliverable(0, "A"),
                                          deliverables.Deliverable(0, "B")],
                     phases=phases.suggested(e))  # fmt: skip
    editor = _open(tab, engagements.get(db, e.id or 0))
    qtmodeltester.check(editor.deliverables.model)
    qtmodeltester.check(editor.phases.model)
    editor.deliverables.view.setCurrentIndex(editor.deliverables.model.index(0, 0))
    qtbot.mouseClick(editor.deliverables.down_button, Qt.MouseButton.LeftButton)
    assert [d.title for d in editor.deliverables.model.rows()] == ["B", "A"]
    qtbot.mouseClick(editor.deliverables.down_button, Qt.MouseButton.LeftButton)  # already last
    assert [d.title for d in editor.deliverables.model.rows()] == ["B", "A"]
    editor.pages.setCurrentIndex(1)
    editor.activateWindow()
    editor.deliverables.view.setFocus()
    qtbot.waitUntil(editor.deliverables.view.hasFocus)
    qtbot.keyClick(editor.deliverables.view, Qt.Key.Key_Delete)  # the Delete key removes a row
    assert [d.title for d in editor.deliverables.model.rows()] == ["B"]
