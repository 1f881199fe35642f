"""The only code that talks to SQLite: schema, migrations, typed records, queries, validation.

Nothing here imports Qt, so the CLI and the exporters run without a display.
"""

from storage import sqlite as _driver  # noqa: F401 - SQLCipher before sqlite-utils binds a driver
