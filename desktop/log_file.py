"""The log file in `<data folder>/logs/`: owner-only, never a raw traceback on a full disk, and
never client content.

Exception messages can quote what the user typed (a client's name, a note), so the log keeps
where an error happened and its type, not its message; the dialog's Details show the message
to the user, on screen only.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from storage.file import FILE_MODE, private_folder, tighten

LOG_FILE = "fractional-desk.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_folder(data_dir: Path) -> Path:
    return Path(data_dir) / "logs"


class QuietFileHandler(RotatingFileHandler):
    """A log that cannot be written (full disk, read-only folder) says so once, in one line,
    instead of printing a traceback for every record, and the app goes on."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE))
        tighten(path)
        super().__init__(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        self.setFormatter(logging.Formatter(FORMAT))
        self._failed = False

    def handleError(self, record: logging.LogRecord) -> None:
        if not self._failed:
            self._failed = True
            error = sys.exc_info()[1]
            print(f"fractional-desk: the log cannot be written ({error}); going on without it",
                  file=sys.stderr)  # fmt: skip

    def doRollover(self) -> None:
        super().doRollover()
        tighten(Path(self.baseFilename))


def open_handler(data_dir: Path) -> QuietFileHandler | None:
    """The data folder's log handler, or None when the folder cannot take a log."""
    try:
        folder = private_folder(log_folder(data_dir))
        return QuietFileHandler(folder / LOG_FILE)
    except OSError:
        return None


def safe_traceback(error: BaseException) -> str:
    """Where the error happened and its type, without its message (which may quote client data)."""
    frames = "".join(
        f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}\n'
        for frame in traceback.extract_tb(error.__traceback__)
    )
    chained = error.__cause__ or error.__context__
    before = f"{safe_traceback(chained)}\n(then)\n" if chained and chained is not error else ""
    return f"{before}Traceback (most recent call last):\n{frames}{type(error).__qualname__}"
