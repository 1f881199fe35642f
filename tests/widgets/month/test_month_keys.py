"""The Month tab by keyboard: Ctrl+N creates a draft invoice for the client selected; the
actions on the selected invoice are in its context menu (the Menu key, Shift+F10), enabled as
the buttons are; Tab leaves each of the three tables."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from storage.billing import invoices
from tests.widgets.month.test_month_invoices import TODAY, answers, practice, tab
from widgets.month.month_tab import MonthTab

__all__ = ["answers", "practice", "tab"]


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    from storage.rules import clock

    monkeypatch.setattr(clock, "today", lambda: TODAY)


def test_ctrl_n_creates_a_draft_invoice_for_the_client_selected(
    tab: MonthTab, practice: dict[str, int], answers: list[dt.date | None]
) -> None:
    tab.select_engagement(None)
    tab.add_new()  # no client selected: said, nothing made
    assert "Select a client" in tab.invoices.message.text()
    assert invoices.list_invoices(tab.db) == []
    tab.select_engagement(practice["retainer"])
    answers.append(dt.date(2026, 4, 1))
    tab.add_new()
    (made,) = invoices.list_invoices(tab.db)
    assert made.status == "draft"


@pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing"
)  # a popup offscreen
def test_the_invoice_actions_open_on_shift_f10_as_the_buttons_allow(
    qtbot: QtBot, tab: MonthTab, practice: dict[str, int], answers: list[dt.date | None]
) -> None:
    tab.select_engagement(practice["retainer"])
    answers.append(dt.date(2026, 4, 1))
    tab.add_new()
    panel = tab.invoices
    panel.table.setFocus()
    qtbot.waitUntil(panel.table.hasFocus)
    qtbot.keyClick(panel.table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(panel.row_menu.menu.isVisible)
    enabled = {key for key, action in panel.row_actions.items() if action.isEnabled()}
    assert enabled == {key for key, button in panel.buttons.items() if button.isEnabled()}
    assert {"sent", "delete"} <= enabled
    assert "paid" not in enabled
    panel.row_menu.menu.close()
    panel.row_actions["sent"].trigger()  # Mark sent, without leaving the table
    assert invoices.list_invoices(tab.db)[0].status == "sent"


def test_tab_leaves_each_table(qtbot: QtBot, tab: MonthTab) -> None:
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    for view in (tab.table, tab.days, tab.invoices.table):
        view.setFocus()
        qtbot.waitUntil(view.hasFocus)
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is not view
