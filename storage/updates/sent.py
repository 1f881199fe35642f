"""Updates as sent: one per engagement and week, kept with the day it went out.

The sections are kept with their sources, so next week's draft can list last week's asks and
say where each stands; the Markdown is kept as the client read it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from storage.file import rows
from storage.rules import clock
from storage.rules import validation as v
from storage.rules.clock import now_iso
from storage.rules.errors import NotFoundError, ValidationError
from storage.updates.records import Section, Update, read_sections, sections_json

MAX_MARKDOWN = 200_000


@dataclass(frozen=True)
class SentUpdate:
    engagement_id: int
    week_start: dt.date
    sent_on: dt.date
    sections: tuple[Section, ...]
    markdown: str
    id: int = 0


def _from_row(row: dict[str, object]) -> SentUpdate:
    return SentUpdate(
        engagement_id=int(str(row["engagement_id"])),
        week_start=dt.date.fromisoformat(str(row["week_start"])),
        sent_on=dt.date.fromisoformat(str(row["sent_on"])),
        sections=read_sections(str(row["sections"])),
        markdown=str(row["markdown"]),
        id=int(str(row["id"])),
    )


def keep(db: Database, update: Update, markdown: str, sent_on: dt.date | None = None) -> SentUpdate:
    """Keep `update` as sent on `sent_on` (today); sending the week again replaces its copy."""
    day = sent_on or clock.today()
    if day < update.week_start:
        raise ValidationError("sent_on", "an update is sent in its week or after it")
    row = {
        "engagement_id": v.int_between("engagement_id", update.engagement_id, 1, 2**62),
        "week_start": v.iso_date("week_start", update.week_start),
        "sent_on": v.iso_date("sent_on", day),
        "sections": sections_json(update.sections),
        "markdown": v.note_text("markdown", markdown, max_len=MAX_MARKDOWN),
        "created_at": now_iso(),
    }
    with db.atomic():
        if (
            db.execute("SELECT 1 FROM engagement WHERE id = ?", [row["engagement_id"]]).fetchone()
            is None
        ):
            raise ValidationError("engagement_id", "choose an engagement that exists")
        db.execute(
            "DELETE FROM sent_update WHERE engagement_id = ? AND week_start = ?",
            [row["engagement_id"], row["week_start"]],
        )
        new_id = rows.insert(db, "sent_update", row)
    return get(db, new_id)


def get(db: Database, sent_id: int) -> SentUpdate:
    found = list(db.query("SELECT * FROM sent_update WHERE id = ?", [sent_id]))
    if not found:
        raise NotFoundError("sent update", sent_id)
    return _from_row(found[0])


def unsend(db: Database, engagement_id: int, week_start: dt.date) -> None:
    """Forget that the week's update went out (a tick taken back)."""
    with db.atomic():
        db.execute(
            "DELETE FROM sent_update WHERE engagement_id = ? AND week_start = ?",
            [engagement_id, week_start.isoformat()],
        )


def list_for(db: Database, engagement_id: int) -> list[SentUpdate]:
    """Newest week first."""
    sql = "SELECT * FROM sent_update WHERE engagement_id = ? ORDER BY week_start DESC"
    return [_from_row(r) for r in db.query(sql, [engagement_id])]


def last_before(db: Database, engagement_id: int, week_start: dt.date) -> SentUpdate | None:
    """The last update sent for a week before this one."""
    sql = (
        "SELECT * FROM sent_update WHERE engagement_id = ? AND week_start < ? "
        "ORDER BY week_start DESC LIMIT 1"
    )
    found = list(db.query(sql, [engagement_id, week_start.isoformat()]))
    return _from_row(found[0]) if found else None


def sent_in_week(db: Database, week_start: dt.date) -> dict[int, dt.date]:
    """Engagement id -> the day its update for the week went out."""
    sql = "SELECT engagement_id, sent_on FROM sent_update WHERE week_start = ?"
    return {
        int(eid): dt.date.fromisoformat(day)
        for eid, day in db.execute(sql, [week_start.isoformat()])
    }
