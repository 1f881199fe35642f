"""The QApplication: names for QSettings, the icon, the error hook, and the first window."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog

from desktop import APP_NAME, ORGANISATION, __version__, practice_start
from desktop.app_icon import DESKTOP_FILE_NAME, app_icon
from desktop.error_hook import ErrorReporter, setup_logging
from desktop.main_window import MainWindow
from desktop.tab_pages import PAGES
from storage import file as storage_file  # backups and the health check: error paths only
from storage.file import AlreadyRunningError, InstanceLock
from storage.rules import DataFileError
from widgets.common import dialogs

log = logging.getLogger("fractional_desk")


def create_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    app.setDesktopFileName(DESKTOP_FILE_NAME)  # Wayland docks take the icon from the entry
    return app


def run_app(data_dir: Path, *, self_test: bool = False, require_encryption: bool = False) -> int:
    app = create_application()
    start = Start(self_test=self_test, require_encryption=require_encryption)
    while True:  # a way out of a damaged file may lead to another folder, or back to this one
        outcome = _run_in_folder(app, data_dir, start)
        if not isinstance(outcome, Path):
            return outcome
        data_dir = outcome


@dataclass(frozen=True)
class Start:
    """How the app was started: a self-test answers no question; encryption may be required."""

    self_test: bool = False
    require_encryption: bool = False


def _run_in_folder(app: QApplication, data_dir: Path, start: Start) -> int | Path:
    """Hold the data folder for as long as the window runs: one app per folder."""
    lock = InstanceLock(data_dir)
    try:
        lock.acquire()
    except AlreadyRunningError as error:
        return _refuse_second_instance(error, self_test=start.self_test)
    try:
        return _open_and_run(app, data_dir, start)
    finally:
        lock.release()


def _refuse_second_instance(error: AlreadyRunningError, *, self_test: bool) -> int:
    print(f"fractional-desk: {error}", file=sys.stderr)
    if not self_test:
        dialogs.show_error(None, "Fractional Desk is already running", str(error))
    return 1


def _open_and_run(app: QApplication, data_dir: Path, start: Start) -> int | Path:
    self_test = start.self_test
    opened = practice_start.open_practice(data_dir, start.self_test, start.require_encryption)
    if isinstance(opened, DataFileError):
        return _refuse_file(opened, self_test=self_test, data_dir=data_dir)
    if isinstance(opened, int):
        return opened
    db, new_key = opened
    setup_logging(data_dir)
    reporter = ErrorReporter()
    reporter.install()
    window = MainWindow(db, data_dir)
    if self_test:
        return _self_test(window)
    window.show()
    if new_key is not None:
        practice_start.show_new_recovery_key(window, new_key)
    window.watch.start()  # the full check and the daily backup follow in the background
    log.info("Started on %s", data_dir)
    return app.exec()


def _refuse_file(
    error: DataFileError, *, self_test: bool, data_dir: Path | None = None
) -> int | Path:
    message = (
        f"Fractional Desk cannot open its database:\n{error.path}\n\nThis file {error.problem}. "
        "It has not been changed.\n\nWays out: restore a backup (fractional-desk restore PATH; "
        f"backups are kept in {storage_file.backups.backups_folder(error.path.parent)}), "
        "or start with another data folder (--data-dir PATH)."
    )
    print(f"fractional-desk: {message}", file=sys.stderr)
    if self_test:
        return 1
    return _offer_ways_out(message, data_dir or error.path.parent)


def _offer_ways_out(message: str, data_dir: Path) -> int | Path:
    """Restore a backup of this folder, or choose another folder; the file stays untouched."""
    from widgets.shell.restore_dialog import DataFileProblemDialog, RestoreDialog  # rarely needed

    available = [b for b in storage_file.backups.list_backups(data_dir) if b.contents is not None]
    problem = DataFileProblemDialog(message, data_dir, bool(available))
    problem.exec()
    if problem.choice == DataFileProblemDialog.OTHER_FOLDER:
        return choose_data_folder(data_dir) or data_dir
    if problem.choice != DataFileProblemDialog.RESTORE:
        return 1
    chooser = RestoreDialog(available)
    if chooser.exec() and chooser.chosen is not None:
        try:
            kept = storage_file.backups.restore(data_dir, chooser.chosen.path)
        except (OSError, DataFileError) as exc:
            dialogs.show_error(None, "Restore failed", f"Nothing was changed: {exc}")
        else:
            log.info("Restored %s; the file that could not be opened is kept as %s", data_dir, kept)
    return data_dir


def choose_data_folder(current: Path) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(None, "Choose a data folder", str(current.parent))
    return Path(chosen) if chosen else None


def _self_test(window: MainWindow) -> int:
    """Build the window and every tab of the registry (a bundle that left a tab's module out
    fails here, not when the user first opens that tab), and report."""
    window.show()
    pages = window.pages
    QApplication.processEvents()
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    in_place = all(window.tabs.widget(i) is page for i, page in enumerate(pages))
    ok = titles == [spec.title for spec in PAGES] and in_place and window.isVisible()
    window.close()
    if not ok:
        print(f"fractional-desk: self-test failed: tabs are {titles}", file=sys.stderr)
        return 1
    if missing := _missing_from_bundle():
        print(f"fractional-desk: self-test failed: the app lacks {', '.join(missing)}",
              file=sys.stderr)  # fmt: skip
        return 1
    if problems := storage_file.health_check.check(window.db):  # fails whenever `check` would
        print(f"fractional-desk: self-test failed: `fractional-desk check` finds "
              f"{len(problems)} problem(s), the first: {problems[0].table} {problems[0].id} "
              f"{problems[0].column} {problems[0].problem}", file=sys.stderr)  # fmt: skip
        return 1
    print("OK")
    return 0


def _missing_from_bundle() -> list[str]:
    """What a bundle left out (SQLCipher, the keyring backend); from source, pip installed them."""
    if not getattr(sys, "frozen", False):
        return []
    from desktop.parts_check import missing_parts

    return missing_parts()
