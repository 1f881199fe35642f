"""The main window: four tabs, the menus, the status bar and the remembered window state.

It only wires: each tab lives in widgets/, each group of actions in its own desktop module,
which gets a ShellContext (what it may use of the window) and returns what it built, kept here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QPaintEvent, QShowEvent, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop import (
    APP_NAME,
    __version__,
    backup_actions,
    export_actions,
    overdue_status,
    security_actions,
    timer_actions,
    transfer_actions,
    update_actions,
    window_fit,
)
from desktop.actions import add_actions, make_action
from desktop.app_icon import app_icon
from desktop.data_watch import DataWatch
from desktop.error_hook import log_folder
from desktop.shell_context import ShellContext
from desktop.tab_pages import PAGES, PORTFOLIO, page_showing, preload_modules
from storage.file import ALL_KINDS, AppDatabase
from storage.practice import running_counts, stored_hours_format
from storage.rules import durations
from widgets.common import dialogs, ui_settings
from widgets.common.background_task import BackgroundTask
from widgets.common.change_bus import ChangeBus
from widgets.common.message_banner import MessageBanner
from widgets.common.tab_page import TabPage

if TYPE_CHECKING:
    from desktop.sync_actions import SyncActions

PORTFOLIO_FIRST_AT = 2  # engagements under way from which the window opens on the Portfolio


class MainWindow(QMainWindow):
    page_created = Signal(object)  # a TabPage, the first time its tab is shown
    _opens_maximized = False  # shown the first time on a screen smaller than the designed size

    def __init__(self, db: AppDatabase, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.data_dir = data_dir
        durations.use_style(stored_hours_format(db))  # before any tab shows a number
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self.undo_group = QUndoGroup(self)
        self.bus = ChangeBus(self)  # what was written: each tab re-reads what it shows
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self._pages: list[TabPage | None] = [None] * len(PAGES)
        for spec in PAGES:
            placeholder = QWidget(self.tabs)
            placeholder.setObjectName(spec.object_name)
            self.tabs.addTab(placeholder, spec.title)
        self.banner = MessageBanner(self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.watch = DataWatch(db, self)
        self.watch.changed_elsewhere.connect(self._on_watch_changed_elsewhere)
        self.watch.damaged.connect(self._on_watch_damaged)
        self.watch.backup_failed.connect(self.show_backup_failure)
        self.toolbar = QToolBar("Main toolbar", self)
        self.toolbar.setObjectName("mainToolBar")
        self.addToolBar(self.toolbar)
        self.statusBar().showMessage("Ready", 3000)
        self._build_menus()
        self.tasks = BackgroundTask(self)  # backups, restores and conversions, one at a time
        self.tasks.setObjectName("taskRunner")
        self._install_actions()
        self._restore_state()
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._first_paint_done = False  # the shown tab is built and filled after it
        self._preloads = list(PAGES)  # the modules of the tabs not shown, loaded after
        self._preload_queue: list[str] = []
        self._after_first_paint: list[Callable[[], object]] = []
        self.sync: SyncActions | None = None  # installed after the first paint
        self._show_read_only()

    def _install_actions(self) -> None:
        """Each group of actions gets what it may use of the window; the window keeps what it
        built."""
        context = ShellContext(
            db=self.db,
            data_dir=self.data_dir,
            parent=self,
            file_menu=self.file_menu,
            preferences_action=self.preferences_action,
            quit_action=self.quit_action,
            toolbar=self.toolbar,
            status_bar=self.statusBar(),
            pages=self,
            tasks=self.tasks,
            bus=self.bus,
        )
        self.timer = timer_actions.install(context)
        self.timer.control.text_changed.connect(self._on_timer_text_changed)
        self._on_timer_text_changed(self.timer.control.text)
        self.export = export_actions.install(context)
        self.updates = update_actions.install(context, self.export.save)
        self.transfer = transfer_actions.install(context)
        self.backup = backup_actions.install(context)
        self.backup.replaced.connect(self._on_data_replaced)
        self.security = security_actions.install(context)
        self.security.replaced.connect(self._on_data_replaced)
        self.overdue = overdue_status.install(context)
        self._context = context

    def install_sync(self, **options: Any) -> SyncActions:
        """Sync after the first paint: its modules load, and its timers start, only then (a
        practice that does not sync here gets the menu items and nothing else). `options`
        set the timings (tests)."""
        if self.sync is None:
            from desktop import sync_actions

            self.sync = sync_actions.install(self._context, **options)
            self.sync.start()
        return self.sync

    @property
    def pages(self) -> list[TabPage]:
        """Every tab, building the ones not shown yet."""
        return [self.page(index) for index in range(len(PAGES))]

    def created_pages(self) -> list[TabPage]:
        return [page for page in self._pages if page is not None]

    def built_page(self, index: int) -> TabPage | None:
        """The tab at `index` if it was shown already, without building it."""
        return self._pages[index]

    def current_page(self) -> TabPage:
        return self.page(self.tabs.currentIndex())

    def page(self, index: int) -> TabPage:
        """The tab at `index`, built (and put in its placeholder's place) on first use."""
        page = self._pages[index]
        if page is None:
            page = self._build_page(index)
            if index == self.tabs.currentIndex():
                self.undo_group.setActiveStack(page.undo_stack)
        return page

    def _build_page(self, index: int) -> TabPage:
        spec = PAGES[index]
        page = spec.build(self.db, self.tabs)
        self._pages[index] = page
        self.undo_group.addStack(page.undo_stack)
        page.attach(self.bus)
        placeholder = self.tabs.widget(index)
        current = self.tabs.currentIndex()
        blocked = self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, page, spec.title)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(blocked)
        placeholder.deleteLater()
        page.navigate_requested.connect(self._on_page_navigate_requested)
        self.page_created.emit(page)
        return page

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.edit_menu = bar.addMenu("&Edit")
        self.view_menu = bar.addMenu("&View")
        self.help_menu = bar.addMenu("&Help")
        preferences = make_action(self, "&Preferences…", self._on_preferences, "Ctrl+,")
        quit_action = make_action(self, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        add_actions(self.file_menu, preferences, None, quit_action)
        self.quit_action, self.preferences_action = quit_action, preferences
        undo = self.undo_group.createUndoAction(self, "&Undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.undo_group.createRedoAction(self, "&Redo")
        redo.setShortcuts(QKeySequence.StandardKey.Redo)
        find = make_action(self, "&Find…", self._on_find, QKeySequence.StandardKey.Find)
        new = make_action(self, "&New", self._on_new, QKeySequence.StandardKey.New)
        add_actions(self.edit_menu, undo, redo, None, new, find)
        self.undo_action, self.redo_action = undo, redo
        for index, spec in enumerate(PAGES):
            switch = partial(self.show_tab, index)
            action = make_action(self, spec.title, switch, f"Ctrl+{index + 1}")
            self.view_menu.addAction(action)
        open_logs = make_action(self, "Open &log folder", self._on_open_logs)
        about = make_action(self, f"&About {APP_NAME}", self._on_about)
        add_actions(self.help_menu, open_logs, None, about)

    def show_tab(self, index: int) -> None:
        """Ctrl+1…: the tab, with the keyboard in its list, grid or plan (not on the tab bar)."""
        from PySide6.QtCore import Qt  # not before the first paint (widgets.common.shortcuts)

        self.tabs.setCurrentIndex(index)
        self.page(index).primary_widget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_tabs_current_changed(self, index: int) -> None:
        if index < 0:
            return
        page = self._pages[index]
        if page is None:
            page = self._build_page(index)  # a new tab has just read everything
        else:
            page.refresh()
        self.undo_group.setActiveStack(page.undo_stack)

    def _on_page_navigate_requested(self, kind: str, record_id: int) -> None:
        """A "Go to" on one tab (a failing readiness check): show the record on the tab holding it."""
        index = page_showing(kind)
        if index is not None:
            self.tabs.setCurrentIndex(index)
            page = self.page(index)
            page.show_record(kind, record_id)
            if not page.isAncestorOf(QApplication.focusWidget()):  # not left on the hidden tab
                page.primary_widget().setFocus()

    # What limits the app now, and changes made by other processes

    def _show_read_only(self) -> None:
        reason = self.db.read_only_reason
        if reason:
            self.banner.show_message(
                "read-only",
                f"Your practice is open read-only because {reason}. You can browse it, run "
                "reports and export documents; changes cannot be saved.",
                closable=False,
            )

    def show_backup_failure(self, problem: str) -> None:
        """The automatic backup on start failed: say so, and offer to try again."""
        self.banner.show_message(
            "backup-failed",
            f"Today's automatic backup could not be made: {problem}. Your data is safe; "
            "free some space and back up again.",
            action="Back up now",
            on_action=self.backup.back_up_now,
        )

    def _on_watch_damaged(self, problem: str) -> None:
        self.banner.show_message(
            "damaged",
            "A full check found damage in your database file "
            f"({problem}). Changes are stopped so that nothing more goes into it. Restore "
            "the newest backup that passes its check; the damaged file is kept.",
            action="Restore a backup…",
            on_action=self.backup.restore_from_backup,
            closable=False,
        )

    def _on_watch_changed_elsewhere(self) -> None:
        """Another process saved: re-read the tab shown, unless the user is typing in it."""
        if _user_is_typing():
            self.watch.defer()
            return
        self.bus.announce(ALL_KINDS)  # the tab shown re-reads; the others when shown
        self.statusBar().showMessage("Updated with changes saved elsewhere", 4000)

    def after_restore(self) -> None:
        """The database under `self.db` was replaced: writes are allowed again, the watch starts
        from the restored file."""
        self.db.stop_writes("")
        self.banner.clear("damaged")
        self.watch.reset()

    def _on_data_replaced(self) -> None:
        """A restore or a conversion swapped the file: every tab re-reads it, and the undo
        history of the replaced data is dropped (a tab not built yet reads it when shown)."""
        self.after_restore()
        for page in self.created_pages():
            page.undo_stack.clear()
            page.refresh()

    def _on_timer_text_changed(self, text: str) -> None:
        self.setWindowTitle(timer_actions.title(text))

    def _on_find(self) -> None:
        self.current_page().focus_search()

    def _on_new(self) -> None:
        self.current_page().add_new()

    def _on_preferences(self) -> None:
        from widgets.shell.preferences_dialog import PreferencesDialog  # only when asked for

        sync_page = self.sync.sync_page() if self.sync is not None else None
        dialog = PreferencesDialog(self.db, self, sync_page=sync_page)
        if dialog.exec() and dialog.change is not None:
            self.statusBar().showMessage("Preferences saved", 3000)
            durations.use_style(dialog.change.after.hours_format if dialog.change.after else "")
            self.bus.announce(dialog.change.kinds)
        elif dialog.security_requested:
            self.security.show_security()
        if self.sync is not None:
            self.sync.reload()  # set up or stopped on the Sync page

    def _on_open_logs(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        folder = log_folder(self.data_dir)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _on_about(self) -> None:
        dialogs.inform(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nThe practice tool of a fractional CTO: engagements, "
            "weekly time, decisions and the exit plan.\n\nYour data stays on this computer:\n"
            f"{self.data_dir}",
        )

    def _restore_state(self) -> None:
        self._fitted = False  # the frame is fitted onto the screen when first shown
        geometry = ui_settings.read(ui_settings.WINDOW_GEOMETRY)
        if geometry and not geometry.isEmpty() and self.restoreGeometry(geometry):
            window_fit.bring_onto_screen(self)
        else:
            self._opens_maximized = window_fit.open_fitted(self)
        state = ui_settings.read(ui_settings.WINDOW_STATE)
        if state and not state.isEmpty():
            self.restoreState(state)
        last = ui_settings.read(ui_settings.LAST_TAB)
        if sum(running_counts(self.db).values()) >= PORTFOLIO_FIRST_AT:
            last = PAGES.index(PORTFOLIO)
        if 0 <= last < self.tabs.count():
            self.tabs.setCurrentIndex(last)

    def save_state(self) -> None:
        ui_settings.write(ui_settings.WINDOW_GEOMETRY, self.saveGeometry())
        ui_settings.write(ui_settings.WINDOW_STATE, self.saveState())
        ui_settings.write(ui_settings.LAST_TAB, self.tabs.currentIndex())

    def setVisible(self, visible: bool) -> None:
        """The first show on a screen smaller than the designed size is maximized, by Qt's own
        `showMaximized` (setting the state from Python would build Qt's enums before the first
        paint: widgets.common.shortcuts)."""
        if visible and self._opens_maximized:
            self._opens_maximized = False
            self.showMaximized()
            return
        super().setVisible(visible)

    def showNormal(self) -> None:
        """Shown at its own size, as asked, even the first time on a small screen."""
        self._opens_maximized = False
        super().showNormal()

    def showEvent(self, event: QShowEvent) -> None:
        """Once the window manager's frame is known, keep the whole frame on the screen."""
        super().showEvent(event)
        if not self._fitted and not self.isMaximized() and not self.isFullScreen():
            self._fitted = True
            window_fit.bring_onto_screen(self)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The window first: its frame, menus and tab bar are painted before the shown tab reads
        its data (on the next turn of the event loop); the other tabs' modules load after."""
        super().paintEvent(event)
        if not self._first_paint_done:
            self._first_paint_done = True
            QTimer.singleShot(0, self, self._fill_shown_tab)

    def _fill_shown_tab(self) -> None:
        if self.tabs.currentIndex() >= 0:
            self.page(self.tabs.currentIndex())
        self._after_first_paint = [
            self.overdue.refresh,
            self.install_sync,
            self._preload_one,
        ]
        QTimer.singleShot(0, self, self._next_after_first_paint)

    def _next_after_first_paint(self) -> None:
        """The rest of the start, one piece per turn of the event loop (pieces posted together
        would run in one turn, and the window would not answer until all were done); a piece
        that returns True has more to do and is called again on the next turn."""
        if self._after_first_paint:
            if self._after_first_paint[0]() is not True:
                self._after_first_paint.pop(0)
            QTimer.singleShot(0, self, self._next_after_first_paint)

    def finish_start(self) -> None:
        """Do now what is left of the start (the screenshots and tests that do not wait for the
        event loop's turns): the shown tab filled, the overdue line, sync, the tabs' modules."""
        if not self._first_paint_done:
            self._first_paint_done = True
            self._fill_shown_tab()
        while self._after_first_paint:
            self._next_after_first_paint()

    def _preload_one(self) -> bool:
        """Import one module of the tabs not built yet (True while more are left), so that
        switching to one later only reads its data."""
        while self._preloads:
            spec = self._preloads[0]
            if self._pages[PAGES.index(spec)] is not None:
                self._preloads.pop(0)
                continue
            if not self._preload_queue:
                self._preload_queue = preload_modules(spec)
            importlib.import_module(self._preload_queue.pop(0))
            if not self._preload_queue:
                self._preloads.pop(0)
            return bool(self._preloads)
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.sync is not None:
            self.sync.at_quit()  # a bounded wait, said in the status bar
        self.watch.stop()
        self.save_state()
        super().closeEvent(event)


def _user_is_typing() -> bool:
    """Focus in a text field, or a table cell being edited: a re-read now would lose keystrokes."""
    from PySide6.QtWidgets import (  # when another process saved, long after the first paint
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
    )

    focus = QApplication.focusWidget()
    widget = focus
    while widget is not None:
        if isinstance(widget, QAbstractItemView):
            return widget.state() == QAbstractItemView.State.EditingState
        widget = widget.parentWidget()
    return isinstance(focus, (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit, QComboBox))
