"""The application shell: entry point and CLI, QApplication, main window, menus, error handling."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

APP_NAME = "Fractional Desk"
ORGANISATION = "Fractional Desk"

try:
    __version__ = version("fractional-desk")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.1.0"
