"""The application's icon: the PNGs rendered from `app.svg` (`resources/icons/make_icons.py`),
16 to 512 px, every size a title bar, a task bar or a dock asks a window for. The SVG itself is
for the Linux menu entry and the bundles' icons: reading it here would load Qt's SVG engine
before the window's first paint, which costs ten times what the PNGs do."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from resources import resource

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
DESKTOP_FILE_NAME = "fractional-desk"  # resources/linux/fractional-desk.desktop


def app_icon() -> QIcon:
    icon = QIcon()
    for size in PNG_SIZES:
        icon.addFile(str(resource("icons", f"app-{size}.png")), QSize(size, size))
    return icon
