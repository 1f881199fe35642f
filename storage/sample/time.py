"""Sample time entries: about two days a week per engagement, split near its target, with notes.

Deterministic for a seed. Rows are validated like user input but written in bulk inside one
transaction, so a stress practice of 100,000 entries is written in seconds.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import TYPE_CHECKING

from storage.practice import commitments
from storage.practice.calendar import judged_day
from storage.practice.commitments import CommitmentPeriod
from storage.practice.engagements import Engagement
from storage.rules.durations import MAX_MINUTES
from storage.rules.vocabulary import BUCKETS
from storage.time import time_entries
from storage.time.time_entries import TimeEntry

if TYPE_CHECKING:
    from sqlite_utils import Database

NOTES = {
    "strategy": [
        "Architecture review of the ingestion pipeline",
        "Build vs buy: evaluation platform options",
        "Wrote the recommendation on RAG vs fine-tuning",
        "Vector database: self-host or SaaS",
        "Data residency options for EU customers",
        "Roadmap: next 60-90 days, priorities with the CEO",
        "Cost review of the model providers",
        "Reviewed the build plan for the billing rewrite",
    ],
    "team": [
        "1:1 with the lead backend engineer",
        "Reviewed pull requests on the auth service",
        "Pairing on the flaky queue consumer",
        "Design review: pushed back on the microservice split",
        "Retro with the platform team",
        "Coached the tech lead on estimates",
        "1:1 with the ML engineer on evaluation",
    ],
    "leadership": [
        "Board meeting: technology update",
        "Technical section of the investor update",
        "Interview rubric for the senior engineer role",
        "Job description: head of engineering",
        "Read the vendor contract with an engineering eye",
        "Final interview: staff engineer candidate",
        "Offer levels with the CEO",
    ],
}
ENTRY_MINUTES = (15, 480)
WORKDAY_MINUTES = 10 * 60  # a realistic day across clients; a packed practice may fill all 24 h
TAPER_WEEKDAY = 2  # under a day a week is worked on Wednesdays


def populate(
    db: Database,
    rng: random.Random,
    engagements: list[Engagement],
    *,
    as_of: dt.date,
    entries: int | None = None,
    **_: object,
) -> None:
    """Entries over each engagement's life up to `as_of`; with `entries`, about that many."""
    worked = [e for e in engagements if e.status != "proposed" and e.id is not None]
    packed = entries is not None
    history = commitments.periods_by_engagement(db)
    by_day = _working_days(worked, history, as_of, every_weekday=packed, rng=rng)
    slots = sum(len(day_engagements) for day_engagements in by_day.values())
    per_slot = entries / max(1, slots) if entries is not None else 0.0
    room = MAX_MINUTES if packed else WORKDAY_MINUTES
    batch = []
    for day in sorted(by_day):
        planned = [
            (engagement, bucket, minutes)
            for engagement, day_minutes in by_day[day]
            for bucket, minutes in _slot_entries(rng, engagement, per_slot, day_minutes)
        ]
        for engagement, bucket, minutes in _fit_day(planned, room):
            batch.append(_row(rng, engagement, day, bucket, minutes))
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO time_entry (engagement_id, day, bucket, minutes, note, created_at) "
            "VALUES (:engagement_id, :day, :bucket, :minutes, :note, :created_at)",
            batch,
        )


def _working_days(
    worked: list[Engagement],
    history: dict[int, list[CommitmentPeriod]],
    as_of: dt.date,
    *,
    every_weekday: bool,
    rng: random.Random,
) -> dict[dt.date, list[tuple[Engagement, float]]]:
    """The working days of each engagement with the minutes of a day then, by the commitment in
    force: about its days a week (every weekday when packing a given count)."""
    by_day: dict[dt.date, list[tuple[Engagement, float]]] = defaultdict(list)
    for engagement in worked:
        last = judged_day(engagement, as_of)
        periods = commitments.history(history, engagement)
        day = engagement.start_date
        while day <= last:
            if day.weekday() < 5:
                period = commitments.in_force(periods, day)
                share = _day_share(period.days_per_week, day, rng.random(), every_weekday)
                if share:
                    by_day[day].append((engagement, period.hours_per_day * 60 * share))
            day += dt.timedelta(days=1)
    return by_day


def _day_share(days: float, day: dt.date, draw: float, every_weekday: bool) -> float:
    """The share of a working day logged on a weekday: about `days` weekdays a week; under one
    day a week (a taper), that share of a day every Wednesday, as a half day a week is worked."""
    if every_weekday:
        return 1.0
    if days < 1:
        return days if day.weekday() == TAPER_WEEKDAY else 0.0
    return 1.0 if draw < days / 5 else 0.0


def _slot_entries(
    rng: random.Random, engagement: Engagement, per_slot: float, day_minutes: float
) -> list[tuple[str, int]]:
    """One engagement-day: a few entries near its target split (or `per_slot` short ones)."""
    weights = [max(engagement.target_split[b], 1) for b in BUCKETS]
    if per_slot:
        count = int(per_slot) + (rng.random() < per_slot - int(per_slot))
        return [
            (b, rng.choice((15, 30, 45, 60, 90))) for b in rng.choices(BUCKETS, weights, k=count)
        ]
    budget = day_minutes * rng.uniform(0.5, 1.05)
    count = rng.choice((1, 2, 2, 3, 3, 4))
    buckets = rng.choices(BUCKETS, weights, k=count)
    return [(b, _clamp(budget / count * rng.uniform(0.6, 1.4))) for b in buckets]


def _clamp(minutes: float) -> int:
    low, high = ENTRY_MINUTES
    return min(high, max(low, round(minutes / 15) * 15))


def _fit_day(
    planned: list[tuple[Engagement, str, int]], room: int
) -> list[tuple[Engagement, str, int]]:
    """Shrink (then drop) a day's entries until they fit in `room` minutes."""
    total = sum(m for _, _, m in planned)
    if total > room:
        factor = room / total
        planned = [(e, b, max(ENTRY_MINUTES[0], int(m * factor) // 15 * 15)) for e, b, m in planned]
    while planned and sum(m for _, _, m in planned) > room:
        planned.pop()
    return planned


def _row(
    rng: random.Random, engagement: Engagement, day: dt.date, bucket: str, minutes: int
) -> dict[str, object]:
    entry = TimeEntry(
        engagement_id=engagement.id or 0,
        day=day,
        bucket=bucket,
        minutes=minutes,
        note=rng.choice(NOTES[bucket]),
    )
    return {**time_entries.validate(entry), "created_at": f"{day.isoformat()}T18:00:00+00:00"}
