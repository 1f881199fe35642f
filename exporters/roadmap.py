"""The first 90 days from the start date in three windows (days 1-30, 31-60, 61-90): which
phases run and which deliverables fall due in each, as the scope of work's roadmap prints them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from storage.practice import Deliverable, Phase

WINDOW_DAYS = 30
WINDOWS = 3


@dataclass(frozen=True)
class Window:
    """One 30-day stretch of the roadmap and what falls in it."""

    first_day: int  # 1, 31 or 61
    starts_on: dt.date
    ends_on: dt.date
    phases: tuple[str, ...]
    deliverables: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"Days {self.first_day}–{self.first_day + WINDOW_DAYS - 1}"


def plan(
    start: dt.date, phases: Sequence[Phase], deliverables: Sequence[Deliverable]
) -> list[Window]:
    """The three windows from `start` (day 1); a phase belongs to each window it overlaps."""
    windows = []
    for index in range(WINDOWS):
        first = start + dt.timedelta(days=index * WINDOW_DAYS)
        last = first + dt.timedelta(days=WINDOW_DAYS - 1)
        windows.append(
            Window(
                first_day=index * WINDOW_DAYS + 1,
                starts_on=first,
                ends_on=last,
                phases=tuple(p.name for p in phases if p.starts_on <= last and p.ends_on >= first),
                deliverables=tuple(
                    d.title for d in deliverables if d.due_on and first <= d.due_on <= last
                ),
            )
        )
    return windows


def is_empty(windows: Sequence[Window]) -> bool:
    return not any(w.phases or w.deliverables for w in windows)
