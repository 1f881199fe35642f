"""The weekly client update: the "ask" flag on a note and a decision, the day a risk last
changed, and the updates sent (the eleventh schema step).

- `time_entry.ask` and `decision.ask` (0 or 1) mark what the consultant needs from the client;
  the update's "Needs from you" lists them.
- `risk.changed_on` is the day a risk's words, levels, mitigation or owner last changed, kept by
  a trigger so every writer (the app, an import, an undo) keeps it alike; "Risks" lists those
  raised or changed in the week.
- `sent_update` keeps each update as sent: its week, the day it went out, its sections as JSON
  (each line with the records it came from) and its Markdown text, so next week's draft can
  say what was asked last time, and the Friday nudge ticks off the weeks already sent.
"""

from __future__ import annotations

from sqlite_utils import Database

from storage.file.schema import run_statements

RISK_WORDS = ("risk", "likelihood", "impact", "mitigation", "owner")
_RISK_CHANGED = " OR ".join(f"NEW.[{c}] IS NOT OLD.[{c}]" for c in RISK_WORDS)

STATEMENTS = [
    "ALTER TABLE time_entry ADD COLUMN ask INTEGER NOT NULL DEFAULT 0 CHECK (ask IN (0, 1))",
    "ALTER TABLE decision ADD COLUMN ask INTEGER NOT NULL DEFAULT 0 CHECK (ask IN (0, 1))",
    "ALTER TABLE risk ADD COLUMN changed_on TEXT NOT NULL DEFAULT ''",
    f"""
    CREATE TRIGGER risk_changed_on AFTER UPDATE OF {", ".join(RISK_WORDS)} ON risk
    WHEN {_RISK_CHANGED}
    BEGIN UPDATE risk SET changed_on = date('now', 'localtime') WHERE id = NEW.id; END
    """,
    """
    CREATE TABLE sent_update (
        id            INTEGER PRIMARY KEY,
        engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
        week_start    TEXT NOT NULL CHECK (date(week_start) = week_start),
        sent_on       TEXT NOT NULL CHECK (date(sent_on) = sent_on),
        sections      TEXT NOT NULL DEFAULT '[]',
        markdown      TEXT NOT NULL DEFAULT '',
        created_at    TEXT NOT NULL,
        UNIQUE (engagement_id, week_start)
    )
    """,
    "CREATE INDEX sent_update_week ON sent_update(week_start, engagement_id)",
]


def m014_weekly_update(db: Database) -> None:
    run_statements(db, STATEMENTS)
