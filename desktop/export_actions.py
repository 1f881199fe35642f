"""File → Export (scope of work, handoff, timesheet), the tabs' export buttons, and the export
flow they all start.

The engagement proposed is the one the current tab shows: the engagement selected on the Clients
tab, the row's engagement on the Time tab, the filter on the Decisions tab, the Exit plan's own.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractButton, QMenu

from desktop.actions import insert_group, make_action
from desktop.shell_context import ShellContext
from exporters.documents import KINDS
from widgets.common.tab_page import TabPage

if TYPE_CHECKING:
    from widgets.common.documents import DocumentRequest
    from widgets.export.export_flow import ExportFlow

SHORTCUTS = {"sow": "", "handoff": "", "timesheet": "Ctrl+Shift+E"}
TIPS = {
    "sow": "Write the scope of work of an engagement as a Word document",
    "handoff": "Write the handoff of an engagement as a Word document",
    "timesheet": "Write an engagement's hours per week as a Word document or CSV",
}


class ExportActions:
    """File → Export, and the export flow every document goes through, made on the first
    export (its dialogs and the exporters' modules load then, not before the window shows)."""

    def __init__(self, context: ShellContext, menu: QMenu) -> None:
        self.context = context
        self.menu = menu
        self._flow: ExportFlow | None = None

    @property
    def flow(self) -> ExportFlow:
        if self._flow is None:
            from widgets.export.export_flow import ExportFlow

            context = self.context
            self._flow = ExportFlow(context.db, context.parent, context.current_engagement_id)
            self._flow.setObjectName("exportFlow")
        return self._flow

    def start(self, key: str) -> None:
        """Export the document `key` (the engagement proposed from the current tab)."""
        self.flow.start(key)

    def save(self, request: DocumentRequest) -> None:
        """Save a document a tab or a dialog describes (an invoice, an update)."""
        self.flow.save(request)


def install(context: ShellContext) -> ExportActions:
    """The Export submenu above Quit; the export buttons of every tab, built now or later."""
    menu = QMenu("&Export", context.parent)
    menu.setObjectName("exportMenu")
    actions = ExportActions(context, menu)
    for key, kind in KINDS.items():
        action = make_action(context.parent, f"{kind.label}…", partial(actions.start, key),
                             SHORTCUTS[key] or None, TIPS[key])  # fmt: skip
        action.setObjectName(f"export_{key}_action")
        menu.addAction(action)
    insert_group(context.file_menu, context.quit_action, menu)
    for page in context.pages.created_pages():
        _connect_buttons(actions, page)
    context.pages.page_created.connect(partial(_connect_buttons, actions))
    return actions


def _connect_buttons(actions: ExportActions, page: TabPage) -> None:
    for button, key in page_buttons(page):
        button.clicked.connect(partial(actions.start, key))
    page.document_requested.connect(actions.save)


def tab_buttons(pages: list[TabPage]) -> list[tuple[QAbstractButton, str]]:
    """The export buttons the tabs offer: Scope of work on Clients, Handoff on Exit plan,
    Timesheet on Time."""
    return [found for page in pages for found in page_buttons(page)]


def page_buttons(page: TabPage) -> list[tuple[QAbstractButton, str]]:
    """The export buttons one tab offers."""
    return [(button, key) for key, button in page.export_buttons().items()]
