"""Wires File → Export (scope of work, handoff, timesheet) and the export flow into the window.

The engagement proposed is the one the current tab shows: the engagement selected on the Clients
tab, the row's engagement on the Time tab, the filter on the Decisions tab, the Exit plan's own.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractButton, QMenu

from desktop.actions import insert_group, make_action
from exporters.documents import KINDS
from widgets.common.tab_page import TabPage
from widgets.export.export_flow import ExportFlow

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

SHORTCUTS = {"sow": "", "handoff": "", "timesheet": "Ctrl+Shift+E"}
TIPS = {
    "sow": "Write the scope of work of an engagement as a Word document",
    "handoff": "Write the handoff of an engagement as a Word document",
    "timesheet": "Write an engagement's hours per week as a Word document or CSV",
}


def install(window: MainWindow) -> None:
    flow = ExportFlow(window.db, window, partial(current_engagement_id, window))
    flow.setObjectName("exportFlow")
    window.export_flow = flow
    menu = QMenu("&Export", window)
    menu.setObjectName("exportMenu")
    for key, kind in KINDS.items():
        action = make_action(window, f"{kind.label}…", partial(flow.start, key),
                             SHORTCUTS[key] or None, TIPS[key])  # fmt: skip
        action.setObjectName(f"export_{key}_action")
        menu.addAction(action)
    insert_group(window.file_menu, window.quit_action, menu)
    window.export_menu = menu
    for page in window.created_pages():
        _connect_buttons(flow, page)
    window.page_created.connect(partial(_connect_buttons, flow))


def _connect_buttons(flow: ExportFlow, page: TabPage) -> None:
    for button, key in page_buttons(page):
        button.clicked.connect(partial(flow.start, key))
    page.document_requested.connect(flow.save)


def tab_buttons(window: MainWindow) -> list[tuple[QAbstractButton, str]]:
    """The export buttons the tabs offer: Scope of work on Clients, Handoff on Exit plan,
    Timesheet on Time."""
    return [found for page in window.pages for found in page_buttons(page)]


def page_buttons(page: TabPage) -> list[tuple[QAbstractButton, str]]:
    """The export buttons one tab offers."""
    return [(button, key) for key, button in page.export_buttons().items()]


def current_engagement_id(window: MainWindow) -> int | None:
    """The engagement the current tab shows, if it shows one."""
    return window.current_page().current_engagement()
