"""Where the window opens: a size that fits the screen it is on, never a status bar off the edge.

The first start takes the laptop size the layouts are designed for (1280 x 800) when the screen
has room for it, and the screen's available geometry (the desktop less its panels) when it has
not. A geometry remembered on a larger screen, or on a screen no longer attached, is brought back
onto the available geometry: shrunk to fit, then moved inside.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

DESIGNED_SIZE = QSize(1280, 800)


def fitted(frame: QRect, available: QRect) -> QRect:
    """`frame` shrunk to fit inside `available`, then moved in as little as it takes."""
    size = frame.size().boundedTo(available.size())
    left = min(max(frame.left(), available.left()), available.right() - size.width() + 1)
    top = min(max(frame.top(), available.top()), available.bottom() - size.height() + 1)
    return QRect(QPoint(left, top), size)


def first_geometry(available: QRect) -> QRect:
    """The designed size centred on the screen, or the whole available geometry if smaller."""
    size = DESIGNED_SIZE.boundedTo(available.size())
    found = QRect(QPoint(0, 0), size)
    found.moveCenter(available.center())
    return fitted(found, available)


def screen_of(window: QWidget) -> QScreen:
    """The screen the window's centre is on, or the primary one when it is on none."""
    found = QGuiApplication.screenAt(window.frameGeometry().center())
    return found or window.screen() or QGuiApplication.primaryScreen()


def open_fitted(window: QWidget) -> bool:
    """Size a window opened for the first time to fit its screen; True on a screen smaller than
    the designed size, where it is to be shown maximized (`showMaximized`), so the window manager
    fits its frame in as well."""
    available = screen_of(window).availableGeometry()
    window.setGeometry(first_geometry(available))
    return DESIGNED_SIZE.boundedTo(available.size()) != DESIGNED_SIZE


def bring_onto_screen(window: QWidget) -> None:
    """Move and shrink a restored window so its frame, status bar included, is on a screen."""
    available = screen_of(window).availableGeometry()
    frame = window.frameGeometry()
    margins = frame.size() - window.geometry().size()  # the window manager's frame, if known
    target = fitted(frame, available)
    if target == frame:
        return
    window.resize(target.size() - margins)
    window.move(target.topLeft())
