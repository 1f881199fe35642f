"""The only code that talks to SQLite, as a domain: one package per concern, each with a public
face (its `__init__`) that the layers above import from. Lower packages never import higher ones
(an import-linter layers contract):

- `sample/`: the deterministic sample practice, built through the packages below;
- `transfer/`: imports from other tools, MADR decision folders, the practice as JSON;
- `portfolio/`: capacity and the weeks across clients;
- `billing/` and `exit_plan/`: month-end and invoices; the exit plan and its readiness review;
- `decisions/` and `time/`: the decision log; time entries, the timer and the week report;
- `practice/`: clients, engagements, terms, the commitment history, deliverables and phases;
- `file/`: connect, keys, encryption, backups, the file check, locks, schema and migrations;
- `rules/`: the vocabulary and bounds, money, the calendar, durations, validation and errors.

Each face loads a module the first time one of its names is used (`rules/lazy_face.py`), so a
command that reads one week loads the modules of that week, not the whole package.

`sqlite` chooses the driver (SQLCipher) before sqlite-utils is imported; every layer imports
`storage` first for that reason.
"""

from storage import sqlite as _driver  # noqa: F401 - SQLCipher before sqlite-utils binds a driver
from storage.sqlite import cipher_version, sqlite3

__all__ = ["cipher_version", "sqlite3"]
