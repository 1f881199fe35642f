"""The decisions' options indexed as plain text instead of their JSON.

m003 indexed the `options` JSON: a word after a line break in pros or cons was indexed glued to
the escape (`fast\\ncheap` gave `ncheap`), and the keys "name", "pros" and "cons" matched every
decision. This step adds `options_text`, fills it from the JSON with the function every write
used then (kept here as it was: a step never changes once released), and rebuilds the index.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from storage.file.schema import run_statements

if TYPE_CHECKING:
    from sqlite_utils import Database

FTS_COLUMNS = ("title", "context", "options_text", "outcome", "consequences")
TOKENIZE = "unicode61 remove_diacritics 2"  # as m003: accents ignored both ways


def m005_decision_options_text(db: Database) -> None:
    """Drop the old index first so filling the column does not run its triggers for every row,
    then build the new index (with its triggers) once over the filled column.

    No `table.transform()` here: it would drop the FTS triggers (sqlite-utils bug).
    """
    decision = db.table("decision")
    decision.disable_fts()
    run_statements(db, ["ALTER TABLE decision ADD COLUMN options_text TEXT NOT NULL DEFAULT ''"])
    filled = [
        (_rendered(stored), decision_id)
        for decision_id, stored in db.execute("SELECT id, options FROM decision")
    ]
    db.conn.executemany("UPDATE decision SET options_text = ? WHERE id = ?", filled)
    decision.enable_fts(list(FTS_COLUMNS), create_triggers=True, tokenize=TOKENIZE, replace=True)


def _rendered(stored: str) -> str:
    """The plain text of stored options; text that is not the options' JSON is indexed as it is,
    so one odd row cannot stop the app from opening."""
    try:
        options = json.loads(stored or "[]")
        parts = (str(o.get(key, "")) for o in options for key in ("name", "pros", "cons"))
        return "\n".join(part for part in parts if part.strip())
    except (ValueError, TypeError, AttributeError):
        return stored or ""
