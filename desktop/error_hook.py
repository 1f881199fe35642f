"""Uncaught errors: logged to a rotating file, shown once in plain words, and the app keeps going."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Signal

from widgets.common import dialogs

log = logging.getLogger("fractional_desk")
LOG_FILE = "fractional-desk.log"


def log_folder(data_dir: Path) -> Path:
    return data_dir / "logs"


def setup_logging(data_dir: Path) -> Path:
    folder = log_folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(
        folder / LOG_FILE, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, RotatingFileHandler)]:
        root.removeHandler(old)  # a second window in one process (another data folder)
        old.close()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return folder


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
        log.error("Unexpected error\n%s", details)
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
