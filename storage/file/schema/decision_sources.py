"""What a decision imported from a Markdown file keeps of it, so nothing read is lost.

- `status_text`: the status as the file wrote it (`on hold`, `Superceded by [3. …](…)`), beside
  the one of the five the log maps it to.
- `kept_text`: Markdown the app has no field for (text before the first section, sections such
  as Confirmation or Rationale), as written; the editor shows it and the export writes it back.
- `source_file`, `source_print`: the file it came from and a fingerprint of its text, so
  importing the folder again updates the record instead of adding a second.
- `source_form`: JSON, how the file was laid out (its headings' words, their order), so an
  export gives back the file's lines.
- `date_unknown`: the file gave no date; `decided_on` then holds no day of its own (0001-01-01)
  and every surface says "date unknown" instead.

Columns are added (no `table.transform()`, which drops the FTS triggers).
"""

from __future__ import annotations

from sqlite_utils import Database

from storage.file.schema import run_statements

STATEMENTS = [
    "ALTER TABLE decision ADD COLUMN status_text TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE decision ADD COLUMN kept_text TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE decision ADD COLUMN source_file TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE decision ADD COLUMN source_print TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE decision ADD COLUMN source_form TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE decision ADD COLUMN date_unknown INTEGER NOT NULL DEFAULT 0 "
    "CHECK (date_unknown IN (0, 1))",
    "CREATE INDEX decision_source_file ON decision(engagement_id, source_file)",
]


def m011_decision_sources(db: Database) -> None:
    run_statements(db, STATEMENTS)
