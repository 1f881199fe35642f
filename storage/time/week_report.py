"""A week on the timesheet: which engagements it shows, their commitment and split, the report.

`report(...)` is the data behind `fractional-desk report week`; its JSON shape is stable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.practice import calendar, commitments, engagements
from storage.practice.engagements import Engagement
from storage.rules import clock
from storage.rules.apportion import percentages
from storage.rules.record import Record
from storage.rules.vocabulary import BUCKETS
from storage.rules.weeks import Week
from storage.time.time_entries import bucket_minutes, week_cells

if TYPE_CHECKING:
    from sqlite_utils import Database

OVER_RATIO = 1.10  # logging more than 110% of the commitment: scope creep
UNDER_RATIO = 0.50  # less than half of it: the client is not getting what was promised
JUDGED_FROM_DAY = 2  # a range under way is judged from its second committed day, not its first
FINAL_WORDS = {"over": "over", "under": "under", "": "on track"}  # a range whose days are all in
PACE_WORDS = {"over": "ahead", "under": "behind", "": "on track"}  # a range still under way


@dataclass(frozen=True, eq=False, repr=False)  # == and repr: `Record`'s
class Commitment(Record):
    """Committed against logged time for one engagement over one or more weeks.

    "So far" is one rule (`calendar.so_far`) on both sides: the time logged up to today is
    compared with the commitment up to today; time logged ahead of today counts on its own day
    (in `logged`, the range's total) but not in the comparison until that day comes.
    """

    engagement: Engagement
    committed_minutes: int  # so far: by the commitment in force on each day up to today
    logged: dict[str, int]  # minutes per bucket over the whole range (its total)
    so_far_minutes: int  # minutes logged up to today: what the commitment so far is compared with
    range_minutes: int  # committed over the whole range (the week's full commitment)
    counted_days: int  # committed days counted so far
    complete: bool  # every day of the range is counted (it is over, or ends today)

    @property
    def total_minutes(self) -> int:
        return sum(self.logged.values())

    @property
    def ratio(self) -> float:
        return self.so_far_minutes / self.committed_minutes if self.committed_minutes else 0.0

    @property
    def judged(self) -> bool:
        """Whether enough of the range has passed for over or under to mean something."""
        return self.complete or self.counted_days >= JUDGED_FROM_DAY

    @property
    def flag(self) -> str:
        """ "over", "under", or "" when within 50-110% of the commitment, or not judged yet."""
        if not self.judged:
            return ""
        if self.ratio > OVER_RATIO:
            return "over"
        return "under" if self.ratio < UNDER_RATIO else ""

    @property
    def standing(self) -> str:
        """The words for the flag: over / on track / under once every day is counted, ahead /
        on track / behind while the range is under way, "" on its first day."""
        if not self.judged:
            return ""
        return (FINAL_WORDS if self.complete else PACE_WORDS)[self.flag]

    @property
    def actual_split(self) -> dict[str, int]:
        return actual_split(self.logged)


def actual_split(logged: dict[str, int]) -> dict[str, int]:
    """Whole percentages per bucket that add up to 100 (largest remainder); zeros if empty."""
    return percentages({b: logged.get(b, 0) for b in BUCKETS})


def week_engagements(db: Database, week: Week) -> list[Engagement]:
    """The engagements a week's timesheet shows, by client and title.

    Active and exiting engagements running that week; any engagement with entries that week
    (an ended one appears only then); and those kept by "Copy rows from last week".
    """
    start, end = week.start.isoformat(), week.end.isoformat()
    ids = {
        row[0]
        for row in db.execute(
            "SELECT DISTINCT engagement_id FROM time_entry WHERE day BETWEEN ? AND ? "
            "UNION SELECT engagement_id FROM time_week_row WHERE week_start = ?",
            [start, end, start],
        )
    }
    found = [e for e in engagements.list_all(db) if e.id in ids or _running_in(e, week)]
    return sorted(found, key=_row_order)


def _running_in(e: Engagement, week: Week) -> bool:
    return engagements.is_running(e) and engagements.is_open_between(e, week.start, week.end)


def _row_order(e: Engagement) -> tuple[str, str, int]:
    return (e.client_name.casefold(), e.title.casefold(), e.id or 0)


def _open_in(db: Database, engagement_id: int, week: Week) -> bool:
    e = engagements.get(db, engagement_id)
    return engagements.is_open_between(e, week.start, week.end)


def copy_rows_from_last_week(db: Database, week: Week) -> list[int]:
    """Keep last week's engagements on this week's timesheet (rows, not hours); new ids back."""
    before = {e.id for e in week_engagements(db, week)}
    last = [e.id for e in week_engagements(db, week.shifted(-1)) if e.id is not None]
    added = [eid for eid in last if eid not in before and _open_in(db, eid, week)]
    with db.atomic():
        for eid in added:
            db.execute(
                "INSERT OR IGNORE INTO time_week_row (week_start, engagement_id) VALUES (?, ?)",
                [week.start.isoformat(), eid],
            )
    return added


def counted_span(
    e: Engagement, start: dt.date, end: dt.date, on: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """The days from `start` to `end` the engagement is committed on, up to `on` (today): an
    engagement that starts on a Friday, or the week still under way, is judged against the
    days it had ("committed so far"). Empty when first > last."""
    today = on or clock.today()
    found = calendar.span(e, start, calendar.so_far(end, today), today)
    return found or (start, start - dt.timedelta(days=1))


def counted_days(e: Engagement, start: dt.date, end: dt.date, on: dt.date | None = None) -> int:
    first, last = counted_span(e, start, end, on)
    return max((last - first).days + 1, 0)


def commitments_between(
    db: Database, shown: Sequence[Engagement], start: dt.date, end: dt.date
) -> list[Commitment]:
    """Committed so far against logged for each engagement shown: on each day that counts, the
    commitment period in force that day (a seventh of its week)."""
    ids = [e.id for e in shown if e.id is not None]
    on = clock.today()
    last = calendar.so_far(end, on)
    logged = bucket_minutes(db, start, end, ids)
    so_far = logged if last == end else bucket_minutes(db, start, last, ids)
    stored = commitments.periods_by_engagement(db)
    empty = dict.fromkeys(BUCKETS, 0)
    found = []
    for e in shown:
        history = commitments.history(stored, e)
        found.append(
            Commitment(
                e,
                calendar.minutes(e, history, start, last, on),
                logged.get(e.id or 0, empty),
                so_far_minutes=sum(so_far.get(e.id or 0, empty).values()),
                range_minutes=calendar.minutes(e, history, start, end, on),
                counted_days=calendar.covered_days(e, start, last, on),
                complete=last == end,
            )
        )
    return found


def committed_words(week: Week) -> str:
    """What `week_commitments` figures are called on screen: "committed so far" while the
    week is under way (the Portfolio's whole week is "committed for the week")."""
    return calendar.committed_words(week.end, clock.today())


def week_commitments(db: Database, shown: Sequence[Engagement], week: Week) -> list[Commitment]:
    return commitments_between(db, shown, week.start, week.end)


def recent_commitments(db: Database, shown: Sequence[Engagement], week: Week) -> list[Commitment]:
    """The last four weeks (`calendar.recent_window`), ending with the week shown, so far."""
    last = calendar.so_far(week.end, clock.today())
    return commitments_between(db, shown, *calendar.recent_window(last))


def report(db: Database, week: Week, engagement_id: int | None = None) -> dict[str, Any]:
    """`report week --format json`: the stable shape documented in the README."""
    shown = week_engagements(db, week)
    if engagement_id is not None:
        shown = [e for e in shown if e.id == engagement_id] or [engagements.get(db, engagement_id)]
    cells = week_cells(db, week.start, week.end)
    items = [_report_item(c, cells) for c in week_commitments(db, shown, week)]
    return {
        "week": week.label,
        "start": week.start.isoformat(),
        "end": week.end.isoformat(),
        "total_minutes": sum(item["total_minutes"] for item in items),
        "engagements": items,
    }


def _report_item(c: Commitment, cells: dict[Any, Any]) -> dict[str, Any]:
    eid = c.engagement.id
    minutes: dict[str, dict[str, int]] = {b: {} for b in BUCKETS}
    for (cell_eid, bucket, day), cell in sorted(cells.items(), key=lambda kv: kv[0][2]):
        if cell_eid == eid:
            minutes[bucket][day.isoformat()] = cell.minutes
    return {
        "id": eid,
        "client": c.engagement.client_name,
        "title": c.engagement.title,
        "committed_minutes": c.committed_minutes,
        "total_minutes": c.total_minutes,
        "so_far_minutes": c.so_far_minutes,
        "week_committed_minutes": c.range_minutes,
        "standing": c.standing,
        "target_split": c.engagement.target_split,
        "actual_split": c.actual_split,
        "minutes": minutes,
    }
