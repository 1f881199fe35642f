"""Uncaught errors: logged to a rotating file, shown once in plain words, and the app keeps going."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Signal

from desktop.log_file import LOG_FILE, QuietFileHandler, log_folder, open_handler, safe_traceback
from widgets.common import dialogs

log = logging.getLogger("fractional_desk")
__all__ = ["LOG_FILE", "ErrorReporter", "log_folder", "setup_logging"]


def setup_logging(data_dir: Path) -> Path | None:
    """Log to the data folder's `logs/`; None (and no file log) when it cannot be written."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, QuietFileHandler)]:
        root.removeHandler(old)  # a second window in one process (another data folder)
        old.close()
    root.setLevel(logging.INFO)
    handler = open_handler(data_dir)
    if handler is None:
        return None
    root.addHandler(handler)
    return log_folder(data_dir)


class ErrorReporter(QObject):
    """Routes errors from any thread to one dialog on the UI thread."""

    reported = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.reported.connect(self._on_reported)
        self.last_details = ""

    def excepthook(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        details = "".join(traceback.format_exception(kind, value, tb))
        log.error("Unexpected error\n%s", safe_traceback(value.with_traceback(tb)))
        self.last_details = details
        self.reported.emit(_plain_words(value), details)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        self.excepthook(args.exc_type, args.exc_value or Exception(), args.exc_traceback)

    def _on_reported(self, text: str, details: str) -> None:
        dialogs.show_error(None, "Something went wrong", text, details)

    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook


def _plain_words(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        target = f" ({error.filename})" if error.filename else ""
        return f"The app could not read or write a file{target}: {error.strerror}. Nothing already saved was lost."
    return (
        "An unexpected error stopped that action. Your saved data is safe; the details below "
        "are also in the log (Help → Open log folder)."
    )
