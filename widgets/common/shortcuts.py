"""Setting a key on an action without building Qt's namespace of enums.

`QKeySequence("Ctrl+T")` (and `setShortcut` given text) makes PySide build every enum of the `Qt`
namespace in Python the first time, about 14 ms; the actions the window makes before its first
paint would make the window wait for it. A list of one key, given as text, sets the same shortcut
without that.
"""

from __future__ import annotations

from PySide6.QtGui import QAction


def set_shortcut(action: QAction, keys: str) -> None:
    """`action.setShortcut(QKeySequence(keys))`, without building Qt's enums."""
    action.setShortcuts([keys])
