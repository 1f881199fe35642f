"""The weekly client update in the window: File → Weekly update… (the current engagement's, or
one chosen), the Friday nudge "Updates to send" on the Time tab, and the editor both open.

The editor's Word document is saved through the window's export flow, like every document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from desktop.actions import insert_group, make_action
from desktop.shell_context import ShellContext
from storage.practice import stored_week_start
from storage.rules import Week, clock, week_of
from widgets.common import dialogs
from widgets.common.tab_page import TabPage

if TYPE_CHECKING:
    from widgets.common.documents import DocumentRequest
    from widgets.updates.update_editor import UpdateEditor
    from widgets.updates.updates_nudge import UpdatesNudge

SHORTCUT = "Ctrl+Shift+U"
Save = Callable[["DocumentRequest"], None]  # the window's export flow saves the Word document


@dataclass
class UpdateActions:
    action: QAction | None = None  # File → Weekly update…
    nudges: list[UpdatesNudge] = field(default_factory=list)  # one per Time tab built
    editor: UpdateEditor | None = None  # the last editor opened


def install(context: ShellContext, save: Save) -> UpdateActions:
    built = UpdateActions()
    built.action = make_action(
        context.parent,
        "Weekly &update…",
        partial(_open_current, context, save, built),
        SHORTCUT,
        "Draft this week's update to the client from the records",
    )
    built.action.setObjectName("weeklyUpdateAction")
    insert_group(context.file_menu, context.quit_action, built.action)
    for page in context.pages.created_pages():
        _add_nudge(context, save, built, page)
    context.pages.page_created.connect(partial(_add_nudge, context, save, built))
    return built


def _add_nudge(context: ShellContext, save: Save, built: UpdateActions, page: TabPage) -> None:
    add_notice = getattr(page, "add_notice", None)  # the Time tab's
    if add_notice is None or not isinstance(page, QObject):
        return
    from widgets.updates.updates_nudge import UpdatesNudge  # with the Time tab, after the window

    nudge = UpdatesNudge(context.db, page)
    nudge.draft_requested.connect(partial(open_editor, context, save, built))
    built.nudges.append(nudge)
    add_notice(nudge, nudge.show_week)


def _open_current(context: ShellContext, save: Save, built: UpdateActions) -> None:
    week = week_of(clock.today(), stored_week_start(context.db))
    engagement_id = context.current_engagement_id() or _choose(context)
    if engagement_id:
        open_editor(context, save, built, engagement_id, week)


def _choose(context: ShellContext) -> int | None:
    from storage.practice import engagements  # when asked, not at start

    running = [e for e in engagements.list_all(context.db) if engagements.is_running(e)]
    if not running:
        dialogs.inform(context.parent, "Weekly update", "No engagement is under way.")
        return None
    names = [f"{e.client_name} · {e.title}" for e in running]
    index = dialogs.pick(context.parent, "Weekly update", "The update of which engagement?", names)
    return running[index].id if index is not None else None


def open_editor(
    context: ShellContext, save: Save, built: UpdateActions, engagement_id: int, week: Week
) -> UpdateEditor:
    from widgets.updates.update_editor import UpdateEditor  # the draft's readers load with it

    editor = UpdateEditor(context.db, engagement_id, week, context.parent)
    editor.document_requested.connect(save)
    for nudge in built.nudges:
        editor.marked_sent.connect(nudge.refresh)
    built.editor = editor
    editor.open()
    return editor
