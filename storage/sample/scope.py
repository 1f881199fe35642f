"""The sample's scope creep: Acme's engagement crept, and one change was agreed earlier.

- Version 1 of Acme's scope of work was kept on its start date; a change request agreed some
  months in (a vendor assessment: two one-off days and a deliverable) made version 2.
- The last three weeks ran over the commitment, with notes in the hiring loop (which Acme's
  scope lists as out of scope), some of them marked out of scope by the consultant.
- A proposed change request was made from that signal, with its evidence.

The scope-of-work versions are kept through `keep_version` (the exporter's, which the sample
cannot import); without it the changes are written and no version is kept.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from storage.practice import engagements
from storage.practice.deliverables import Deliverable
from storage.practice.engagements import Engagement
from storage.rules.weeks import Week, week_of
from storage.scope import change_accept, change_requests, signals
from storage.scope.change_requests import ChangeRequest
from storage.time import time_entries, week_report
from storage.time.time_entries import TimeEntry

if TYPE_CHECKING:
    from sqlite_utils import Database

KeepVersion = Callable[["Database", int, dt.date, ChangeRequest | None], object]
CREPT = "Acme Robotics"
HIRING_LOOP = "- Running the hiring loop: sitting on interview panels and chasing candidates"
OVER_BY = 1.3  # each crept week ends 30% over its commitment
CREEP_NOTES = (
    ("team", "Hiring loop: panel interview with a backend candidate", True),
    ("leadership", "Hiring loop: chased candidates and scheduled the panels", False),
    ("leadership", "Hiring loop: debrief and reference calls", True),
    ("team", "Hiring loop: second panel interview", False),
)
ENTRY_MINUTES = 240
WORKDAY = 10 * 60  # the sample's longest day, across clients


def populate(
    db: Database,
    written: list[Engagement],
    *,
    as_of: dt.date,
    keep_version: KeepVersion | None = None,
) -> None:
    crept = next((e for e in written if e.client_name == CREPT and e.status == "active"), None)
    if crept is None or crept.id is None:
        return
    crept = engagements.update(
        db, engagements.with_changes(crept, out_of_scope=f"{crept.out_of_scope}\n{HIRING_LOOP}")
    )
    if keep_version is not None:
        keep_version(db, crept.id or 0, crept.start_date, None)
    _agreed_earlier(db, crept, as_of, keep_version)
    week = week_of(as_of)
    for back in (3, 2, 1):
        _creep(db, crept, week.shifted(-back))
    _proposed(db, crept, week, as_of)


def _agreed_earlier(
    db: Database, e: Engagement, as_of: dt.date, keep_version: KeepVersion | None
) -> None:
    asked = min(e.start_date + dt.timedelta(weeks=16), as_of - dt.timedelta(weeks=8))
    due = asked + dt.timedelta(weeks=4)
    ask = ChangeRequest(
        e.id or 0, "Data platform vendor assessment", asked,
        "Before we sign with a data platform vendor, could you assess the two shortlisted?",
        "Maya Okafor", one_off_days=2.0,
        deliverables=(Deliverable(e.id or 0, "Data platform vendor assessment",
                                  "A written recommendation the CEO signs off", due),),
    )  # fmt: skip
    made = change_requests.add(db, ask)
    accepted_on = asked + dt.timedelta(days=3)

    def issue(db_: Database, c: ChangeRequest) -> None:
        if keep_version is not None:
            keep_version(db_, c.engagement_id, accepted_on, c)

    change_accept.accept(db, made.id or 0, accepted_on, issue)


def _creep(db: Database, e: Engagement, week: Week) -> None:
    """Hiring-loop entries on the roomiest weekdays (a sample day holds at most ten hours)
    until the week is 30% over its commitment, and at least three of them."""
    (found,) = week_report.week_commitments(db, [e], week)
    needed = max(math.ceil(found.committed_minutes * OVER_BY) - found.so_far_minutes, 0)
    n = 0
    while needed > 0 or n < 3:
        room = {d: WORKDAY - time_entries.day_minutes(db, d) for d in week.days[:5]}
        day = max(room, key=lambda d: (room[d], -d.toordinal()))
        minutes = min(ENTRY_MINUTES, room[day] // 15 * 15)
        if minutes < 30:
            return
        bucket, note, marked = CREEP_NOTES[n % len(CREEP_NOTES)]
        entry = TimeEntry(e.id or 0, day, bucket, minutes, note, out_of_scope=marked)
        time_entries.add(db, entry)
        needed -= minutes
        n += 1


def _proposed(db: Database, e: Engagement, week: Week, as_of: dt.date) -> None:
    found = signals.flagged(signals.for_engagement(db, e, week))
    evidence = "\n".join(line for s in found for line in (s.summary, *s.evidence))
    start = week.shifted(1).start
    ask = ChangeRequest(
        e.id or 0, "Run the hiring loop for the senior backend role", as_of,
        "Can you just join the hiring loop until we have an offer out? It's only a few panels.",
        "Maya Okafor", extra_days_per_week=1.0, period_from=start,
        period_to=start + dt.timedelta(weeks=8, days=-1),
        deliverables=(Deliverable(e.id or 0, "Senior backend engineer hired",
                                  "An offer accepted after a panel the consultant sat on",
                                  start + dt.timedelta(weeks=8, days=-1)),),
        evidence=evidence,
    )  # fmt: skip
    change_requests.add(db, ask)
