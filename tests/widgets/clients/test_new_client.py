"""A new client is checked as an existing one is: an invalid email is refused beside its field,
whether typed after the name was saved or before it, and what was typed stays to be fixed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.practice import clients
from widgets.clients.clients_tab import ClientsTab


def _tab(qtbot: QtBot, db: Database) -> ClientsTab:
    tab = ClientsTab(db)
    qtbot.addWidget(tab)
    tab.show()
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    return tab


def _tab_to_email(qtbot: QtBot, tab: ClientsTab) -> None:
    while QApplication.focusWidget() is not tab.form.email:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def test_an_invalid_email_typed_after_the_name_is_refused_beside_it(
    qtbot: QtBot, db: Database
) -> None:
    tab = _tab(qtbot, db)
    tab.add_new()
    qtbot.keyClicks(tab.form.name, "Juniper Labs")
    _tab_to_email(qtbot, tab)  # leaving the name saves the client
    qtbot.keyClicks(tab.form.email, "sam@juniper")
    qtbot.keyClick(tab.form.email, Qt.Key.Key_Tab)
    (stored,) = clients.list_all(db)
    assert (stored.name, stored.email) == ("Juniper Labs", "")
    assert "email address" in tab.form.errors.message("email")
    assert tab.form.errors.labels["email"].isVisible()
    assert tab.form.email.text() == "sam@juniper"  # kept to be fixed


def test_an_invalid_email_typed_before_the_name_keeps_the_client_unsaved(
    qtbot: QtBot, db: Database
) -> None:
    tab = _tab(qtbot, db)
    tab.add_new()
    tab.form.email.setFocus()
    qtbot.keyClicks(tab.form.email, "sam@juniper")
    tab.form.name.setFocus()
    qtbot.keyClicks(tab.form.name, "Juniper Labs")
    qtbot.keyClick(tab.form.name, Qt.Key.Key_Return)
    assert clients.list_all(db) == []  # never an empty email stored in its place
    assert "email address" in tab.form.errors.message("email")
    assert tab.form.errors.labels["email"].isVisible()
    tab.form.email.setText("sam@juniper.example")
    qtbot.keyClick(tab.form.email, Qt.Key.Key_Return)
    (stored,) = clients.list_all(db)
    assert stored.email == "sam@juniper.example"
