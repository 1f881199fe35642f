"""The tabs, dialogs, item models and charts. Imports storage and exporters, never desktop.

A package per tab (clients, time, decisions, exit_plan), export for documents, shell for the
window's own dialogs, and common for what they share; the tab packages never import each other.
"""

import storage  # noqa: F401 - the SQLite driver (SQLCipher) is chosen before sqlite-utils loads
