"""The application's icon: the SVG for every size, and the PNGs rendered from it for a Qt that
cannot read SVG (they are also what the Linux menu entry uses)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from resources import resource

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
DESKTOP_FILE_NAME = "fractional-desk"  # resources/linux/fractional-desk.desktop


def app_icon() -> QIcon:
    icon = QIcon(str(resource("icons", "app.svg")))
    for size in PNG_SIZES:
        icon.addFile(str(resource("icons", f"app-{size}.png")), QSize(size, size))
    return icon
