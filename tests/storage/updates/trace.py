"""Tracing each line of an update back to the records it names: a line that names no record,
or whose record does not say what the line says, is invented."""

from __future__ import annotations

from sqlite_utils import Database

from storage.rules import Week, format_minutes
from storage.time import report
from storage.updates import SOURCE_TABLES, Update

WORDS = {  # the column holding the record's own words, which the line must carry
    "time_entry": "note",
    "decision": "title",
    "milestone": "title",
    "deliverable": "title",
    "phase": "name",
    "risk": "risk",
}


def untraced(db: Database, update: Update, week: Week) -> list[str]:
    """Each line (with its section) that does not trace back to its records."""
    bad = []
    for section in update.sections:
        for line in section.lines:
            if not line.sources:
                bad.append(f"{section.key}: {line.text!r} names no record")
            for source in line.sources:
                problem = _problem(db, source.kind, source.id, line.text, update, week)
                if problem:
                    bad.append(f"{section.key}: {line.text!r}: {problem}")
    return bad


def _problem(db: Database, kind: str, record_id: int, text: str, update: Update, week: Week) -> str:
    table = SOURCE_TABLES.get(kind)
    if table is None:
        return f"unknown kind {kind}"
    row = next(iter(db.query(f"SELECT * FROM [{table}] WHERE id = ?", [record_id])), None)
    if row is None:
        return f"no {kind} {record_id}"
    if kind in WORDS and " ".join(str(row[WORDS[kind]]).split()).casefold() not in text.casefold():
        return f"does not say {kind} {record_id}'s {WORDS[kind]}"
    if kind == "engagement" and row["id"] != update.engagement_id:
        return "another engagement's figures"
    if kind == "engagement":
        figures = report(db, week, update.engagement_id)["engagements"][0]
        if "logged against" in text and not text.startswith(
            f"{format_minutes(figures['total_minutes']) or '0:00'} logged against "
            f"{format_minutes(figures['committed_minutes']) or '0:00'}"
        ):
            return "the headline is not the week report's"
    return ""
