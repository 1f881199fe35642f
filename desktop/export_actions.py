"""File → Export (scope of work, handoff, timesheet), the tabs' export buttons, and the export
flow they all start.

The engagement proposed is the one the current tab shows: the engagement selected on the Clients
tab, the row's engagement on the Time tab, the filter on the Decisions tab, the Exit plan's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from PySide6.QtWidgets import QAbstractButton, QMenu

from desktop.actions import insert_group, make_action
from desktop.shell_context import ShellContext
from exporters.documents import KINDS
from widgets.common.tab_page import TabPage
from widgets.export.export_flow import ExportFlow

SHORTCUTS = {"sow": "", "handoff": "", "timesheet": "Ctrl+Shift+E"}
TIPS = {
    "sow": "Write the scope of work of an engagement as a Word document",
    "handoff": "Write the handoff of an engagement as a Word document",
    "timesheet": "Write an engagement's hours per week as a Word document or CSV",
}


@dataclass(frozen=True)
class ExportActions:
    flow: ExportFlow  # every export of a document goes through it
    menu: QMenu  # File → Export


def install(context: ShellContext) -> ExportActions:
    """The Export submenu above Quit; the export buttons of every tab, built now or later."""
    flow = ExportFlow(context.db, context.parent, context.current_engagement_id)
    flow.setObjectName("exportFlow")
    menu = QMenu("&Export", context.parent)
    menu.setObjectName("exportMenu")
    for key, kind in KINDS.items():
        action = make_action(context.parent, f"{kind.label}…", partial(flow.start, key),
                             SHORTCUTS[key] or None, TIPS[key])  # fmt: skip
        action.setObjectName(f"export_{key}_action")
        menu.addAction(action)
    insert_group(context.file_menu, context.quit_action, menu)
    for page in context.pages.created_pages():
        _connect_buttons(flow, page)
    context.pages.page_created.connect(partial(_connect_buttons, flow))
    return ExportActions(flow, menu)


def _connect_buttons(flow: ExportFlow, page: TabPage) -> None:
    for button, key in page_buttons(page):
        button.clicked.connect(partial(flow.start, key))
    page.document_requested.connect(flow.save)


def tab_buttons(pages: list[TabPage]) -> list[tuple[QAbstractButton, str]]:
    """The export buttons the tabs offer: Scope of work on Clients, Handoff on Exit plan,
    Timesheet on Time."""
    return [found for page in pages for found in page_buttons(page)]


def page_buttons(page: TabPage) -> list[tuple[QAbstractButton, str]]:
    """The export buttons one tab offers."""
    return [(button, key) for key, button in page.export_buttons().items()]
