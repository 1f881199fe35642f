"""How the Month tab's subtotal and total rows look: shaded and bold, in either theme."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from widgets.common import palette


def summary_style(role: int) -> Any:
    if role == Qt.ItemDataRole.BackgroundRole:
        return palette.colours().shaded
    if role == Qt.ItemDataRole.FontRole:
        font = QFont()
        font.setBold(True)
        return font
    return None


def right_aligned() -> Qt.AlignmentFlag:
    return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
