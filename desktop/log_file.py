"""The log file in `<data folder>/logs/`: owner-only, never a raw traceback on a full disk, and
never client content.

Exception messages can quote what the user typed (a client's name, a note), so the log keeps
where an error happened and its type, not its message; the dialog's Details show the message
to the user, on screen only.

The file turns over at 1 MB, keeping five before it (`fractional-desk.log.1` … `.5`), as the
standard library's `RotatingFileHandler` does; that handler's module loads sockets, pickling
and queues the log never uses, before the window's first paint.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path

from storage.file import FILE_MODE, private_folder, tighten

LOG_FILE = "fractional-desk.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
KEPT = 5  # files before the current one


def log_folder(data_dir: Path) -> Path:
    return Path(data_dir) / "logs"


class QuietFileHandler(logging.FileHandler):
    """A log that cannot be written (full disk, read-only folder) says so once, in one line,
    instead of printing a traceback for every record, and the app goes on."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE))
        tighten(path)
        super().__init__(path, encoding="utf-8")
        self.setFormatter(logging.Formatter(FORMAT))
        self._failed = False

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._full_with(record):
                self.doRollover()
        except Exception:  # as `RotatingFileHandler.emit`: never an error out of logging
            self.handleError(record)
            return
        super().emit(record)

    def _full_with(self, record: logging.LogRecord) -> bool:
        if self.stream is None:
            self.stream = self._open()
        if not Path(self.baseFilename).is_file():  # a device or a pipe is never turned over
            return False
        self.stream.seek(0, 2)  # the end: another process may have written since
        return bool(self.stream.tell() + len(f"{self.format(record)}\n") >= MAX_BYTES)

    def handleError(self, record: logging.LogRecord) -> None:
        if not self._failed:
            self._failed = True
            error = sys.exc_info()[1]
            print(f"fractional-desk: the log cannot be written ({error}); going on without it",
                  file=sys.stderr)  # fmt: skip

    def doRollover(self) -> None:
        """The current file becomes `.1`, `.1` becomes `.2`…, the fifth is dropped."""
        if self.stream is not None:
            self.stream.close()
            self.stream = None  # type: ignore[assignment]
        base = Path(self.baseFilename)
        for n in range(KEPT - 1, 0, -1):
            older = base.with_name(f"{base.name}.{n}")
            if older.exists():
                older.replace(base.with_name(f"{base.name}.{n + 1}"))
        if base.exists():
            base.replace(base.with_name(f"{base.name}.1"))
        os.close(os.open(base, os.O_CREAT | os.O_WRONLY, FILE_MODE))
        self.stream = self._open()
        tighten(base)


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
