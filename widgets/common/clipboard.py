"""Rich text on the clipboard, with plain text beside it for a program that takes no HTML.

A `QMimeData` made in Python and still on the clipboard when Qt shuts down crashes the process at
exit (PySide6, seen on the offscreen platform), so before the application quits the rich text the
app put there is swapped for its plain text, which Qt makes itself and which outlives the app.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

_left: dict[str, str] = {}  # "text": the plain text of the rich text the app put there


def copy_rich(html: str, text: str) -> None:
    """Put `html` on the clipboard, with `text` beside it."""
    data = QMimeData()
    data.setHtml(html)
    data.setText(text)
    QGuiApplication.clipboard().setMimeData(data)
    if not _left:
        app = QGuiApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(leave_plain_text)
    _left["text"] = text


def leave_plain_text() -> None:
    """Swap rich text the app put on the clipboard for its plain text (see the module's note)."""
    if "text" in _left and QGuiApplication.instance() is not None:
        QGuiApplication.clipboard().setText(_left["text"])
    _left.clear()
