"""The application shell: entry point and CLI, QApplication, main window, menus, error handling."""

from __future__ import annotations

import storage  # noqa: F401 - the SQLite driver (SQLCipher) is chosen before sqlite-utils loads

APP_NAME = "Fractional Desk"
ORGANISATION = "Fractional Desk"

# The one place the version is written; pyproject.toml reads it from here. (Asking
# importlib.metadata costs 35 ms at every start.)
__version__ = "0.1.0"
