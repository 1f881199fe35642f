"""The QApplication: names for QSettings, the icon, the error hook, and the first window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop import APP_NAME, ORGANISATION, __version__
from desktop.error_hook import ErrorReporter, setup_logging
from desktop.main_window import MainWindow
from resources import resource
from storage.db import database_file, open_database
from storage.errors import DataFileError
from widgets.dialogs import show_error

log = logging.getLogger("fractional_desk")


def create_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource("icons", "app.svg"))))
    return app


def run_app(data_dir: Path, *, self_test: bool = False) -> int:
    app = create_application()
    try:
        db = open_database(database_file(data_dir))
    except DataFileError as error:
        return _refuse_file(error, self_test=self_test)
    setup_logging(data_dir)
    reporter = ErrorReporter()
    reporter.install()
    window = MainWindow(db, data_dir)
    if self_test:
        return _self_test(window)
    window.show()
    log.info("Started on %s", data_dir)
    return app.exec()


def _refuse_file(error: DataFileError, *, self_test: bool) -> int:
    message = (
        f"Fractional Desk cannot open its database:\n{error.path}\n\nThis file {error.problem}. "
        "It has not been changed.\n\nWays out: restore a backup (fractional-desk restore PATH), "
        "or start with another data folder (--data-dir PATH)."
    )
    print(f"fractional-desk: {message}", file=sys.stderr)
    if not self_test:
        show_error(None, "Cannot open your data", message)
    return 1


def _self_test(window: MainWindow) -> int:
    """Build the window, check the four tabs are there, and report."""
    names = [window.tabs.widget(i).objectName() for i in range(window.tabs.count())]
    expected = ["clientsTab", "timeTab", "decisionsTab", "exitTab"]
    window.show()
    QApplication.processEvents()
    ok = names == expected and window.isVisible()
    window.close()
    if not ok:
        print(f"fractional-desk: self-test failed: tabs are {names}", file=sys.stderr)
        return 1
    print("OK")
    return 0
