"""The Portfolio tab's table: one row per engagement under way, sorted by a proxy."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from storage.portfolio import EngagementRow
from storage.rules import BUCKETS, format_minutes
from storage.rules import ENGAGEMENT_STATUS_LABELS as STATUS_LABELS
from storage.time import Commitment
from widgets.common import palette
from widgets.common.record_model import RecordTableModel, day_text

FLAG_ACCENTS = {"over": "over", "under": "under"}
HEADERS = {
    "title": "Engagement", "client": "Client", "status": "Status", "days_now": "Days/wk",
    "week": "This week", "recent": "Last 4 weeks", "split": "Split (target)",
    "readiness": "Readiness", "days_to_exit": "Days to exit", "next_milestone": "Next milestone",
}  # fmt: skip


def hours_against(c: Commitment) -> str:
    """`12:30 / 16:00`: logged so far against committed so far, as hours and minutes; while the
    week is under way, its full commitment beside them (`4:30 / 6:51 of 16:00`)."""
    text = f"{format_minutes(c.so_far_minutes) or '0:00'} / {format_minutes(c.committed_minutes) or '0:00'}"
    return text if c.complete else f"{text} of {format_minutes(c.range_minutes) or '0:00'}"


def split_text(row: EngagementRow) -> str:
    """`60/30/10 (50/30/20)`: the last four weeks' split against the target."""
    actual = "/".join(str(row.recent.actual_split[b]) for b in BUCKETS)
    target = "/".join(str(row.engagement.target_split[b]) for b in BUCKETS)
    return f"{actual} ({target})"


class PortfolioTableModel(RecordTableModel[EngagementRow]):
    fields = tuple(HEADERS)
    headers = tuple(HEADERS.values())
    header_tips = {  # noqa: RUF012
        3: "The days a week in force today",
        4: "Hours logged this week up to today against the commitment so far (the days up to "
        "today), of the week's full commitment",
        5: "Hours logged in the last four weeks (to today) against the commitment",
        6: "The actual split of the last four weeks: strategy / team / leadership (target)",
    }
    editable = False

    def display(self, record: EngagementRow, field: str) -> Any:
        e = record.engagement
        texts = {
            "title": e.title,
            "client": e.client_name,
            "status": STATUS_LABELS.get(e.status, e.status),
            "days_now": f"{record.days_now:g}",
            "week": hours_against(record.week),
            "recent": hours_against(record.recent),
            "split": split_text(record),
            "readiness": f"{record.readiness_score}",
            "days_to_exit": "" if record.days_to_exit is None else f"{record.days_to_exit}",
            "next_milestone": _milestone(record),
        }
        return texts[field]

    def sort_key(self, record: EngagementRow, field: str) -> Any:
        keys = {
            "days_now": record.days_now,
            "week": record.week.ratio,
            "recent": record.recent.ratio,
            "readiness": record.readiness_score,
            "days_to_exit": 10**6 if record.days_to_exit is None else record.days_to_exit,
            "next_milestone": record.next_milestone_due.isoformat()
            if record.next_milestone_due
            else "9999",
        }
        return keys.get(field, str(self.display(record, field)).casefold())

    def styled(self, record: EngagementRow, field: str, role: int) -> Any:
        if role != Qt.ItemDataRole.ForegroundRole or field not in ("week", "recent"):
            return None
        flag = (record.week if field == "week" else record.recent).flag
        accent = FLAG_ACCENTS.get(flag)
        return palette.colours().accent(accent) if accent else None


def _milestone(record: EngagementRow) -> str:
    if not record.next_milestone:
        return ""
    return f"{record.next_milestone} ({day_text(record.next_milestone_due)})"
