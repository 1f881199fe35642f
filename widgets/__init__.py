"""The tabs, dialogs, item models and charts. Imports storage and exporters, never desktop."""

import storage  # noqa: F401 - the SQLite driver (SQLCipher) is chosen before sqlite-utils loads
