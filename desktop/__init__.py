"""The application shell: entry point and CLI, QApplication, main window, menus, error handling."""

from __future__ import annotations

APP_NAME = "Fractional Desk"
ORGANISATION = "Fractional Desk"

# The one place the version is written; pyproject.toml reads it from here. (Asking
# importlib.metadata costs 35 ms at every start.)
__version__ = "0.1.0"
