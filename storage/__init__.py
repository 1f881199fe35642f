"""The only code that talks to SQLite: schema, migrations, typed records, queries, validation.

Nothing here imports Qt, so the CLI and the exporters run without a display.
"""
