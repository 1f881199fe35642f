"""Wires File → Export (scope of work, handoff, timesheet) and the export flow into the window.

The engagement proposed is the one the current tab shows: the engagement selected on the Clients
tab, the row's engagement on the Time tab, the filter on the Decisions tab, the Exit plan's own.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMenu

from desktop.actions import make_action
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
    window.export_flow = flow  # type: ignore[attr-defined]
    menu = QMenu("&Export", window)
    menu.setObjectName("exportMenu")
    for key, kind in KINDS.items():
        action = make_action(window, f"{kind.label}…", partial(flow.start, key),
                             SHORTCUTS[key] or None, TIPS[key])  # fmt: skip
        action.setObjectName(f"export_{key}_action")
        menu.addAction(action)
    window.file_menu.insertMenu(window.quit_action, menu)
    window.file_menu.insertSeparator(window.quit_action)
    window.export_menu = menu  # type: ignore[attr-defined]
    for page in window.created_pages():
        _connect_buttons(flow, page)
    window.page_created.connect(partial(_connect_buttons, flow))


def _connect_buttons(flow: ExportFlow, page: TabPage) -> None:
    for button, key in page_buttons(page):
        button.clicked.connect(partial(flow.start, key))


def tab_buttons(window: MainWindow) -> list[tuple[Any, str]]:
    """The export buttons the tabs offer: Scope of work on Clients, Handoff on Exit plan,
    Timesheet on Time (a tab without its button is left alone)."""
    return [found for page in window.pages for found in page_buttons(page)]


def page_buttons(page: TabPage) -> list[tuple[Any, str]]:
    """The export buttons one tab offers."""
    engagements_box = getattr(page, "engagements", None)
    candidates = (
        (engagements_box, "sow_button", "sow"),
        (page, "handoff_button", "handoff"),
        (page, "timesheet_button", "timesheet"),
    )
    found = []
    for owner, name, key in candidates:
        button = getattr(owner, name, None) if owner is not None else None
        if button is not None:
            found.append((button, key))
    return found


def current_engagement_id(window: MainWindow) -> int | None:
    """The engagement the current tab shows, if it shows one."""
    return engagement_of(window.current_page())


def engagement_of(page: TabPage) -> int | None:
    finders = (_exit_plan, _clients, _time, _decisions)
    for finder in finders:
        try:
            found = finder(page)
        except (AttributeError, TypeError):
            continue
        if found:
            return int(found)
    return None


def _exit_plan(page: Any) -> int | None:
    return int(page.engagement_id()) or None


def _clients(page: Any) -> int | None:
    selected = page.engagements.selected()
    return selected.id if selected is not None else None


def _time(page: Any) -> int | None:
    from widgets.time.time_grid_model import RecordRole

    row = page.grid.currentIndex().data(RecordRole)
    return row.engagement.id if row is not None and row.engagement is not None else None


def _decisions(page: Any) -> int | None:
    return page.engagement.currentData() or None
