"""The calendar of a commitment: which days an engagement is committed, and how much of them.

The one owner of three rules every figure of committed time reads:
- the commitment history of an engagement (its stored periods, or its own agreed values when
  none is stored);
- the span of a date range it is committed in: from its start date; once ended, to the day it
  ended; while it runs, to its planned end (or to today, when the planned end has passed and
  the work goes on); a proposal commits nothing yet;
- the committed minutes (and days) of any range: a seventh of the week's commitment a day, by
  the period in force that day, so past weeks keep the commitment they had.

Two figures differ by design and are named apart on screen (`committed_words`): "committed so
far" counts the days of a week or month up to today (`so_far`), "committed for the week" counts
all of them (the Portfolio's weeks). Once a range is over the two are the same figure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from storage.practice import commitments
from storage.practice.commitments import CommitmentPeriod
from storage.practice.engagements import Engagement, ended_by

COMMITTING_STATUSES = ("active", "exiting", "ended")  # a proposal is not committed yet
RECENT_DAYS = 28  # "the last four weeks"
SO_FAR = "committed so far"  # the days up to today (`so_far`)
FOR_THE_WEEK = "committed for the week"  # every day of the week (the Portfolio's weeks)

History = Sequence[CommitmentPeriod]
Span = tuple[dt.date, dt.date]


def last_committed_day(e: Engagement, today: dt.date) -> dt.date | None:
    """The day the commitment stops: the day it ended; else its planned end, or today when
    that has passed with the engagement still running; None when open-ended."""
    ended = ended_by(e)
    if ended is not None:
        return ended
    if e.planned_end_date is None:
        return None
    return max(e.planned_end_date, today)


def span(e: Engagement, first: dt.date, last: dt.date, today: dt.date) -> Span | None:
    """The days from `first` to `last` the engagement is committed on; None when there are none."""
    if e.status not in COMMITTING_STATUSES:
        return None
    begin = max(first, e.start_date)
    stop = last_committed_day(e, today)
    end = last if stop is None else min(last, stop)
    return (begin, end) if begin <= end else None


def so_far(last: dt.date, today: dt.date) -> dt.date:
    """The last day counted "so far": a range still under way is judged on the days it had."""
    return min(last, today)


def under_way(last: dt.date, today: dt.date) -> bool:
    """Whether a range ending on `last` reaches today: its committed time is then "so far"."""
    return last >= today


def committed_words(last: dt.date, today: dt.date) -> str:
    """What the committed time of a range counted so far is called: "committed so far" while
    it is under way, plain "committed" once it is over (and equal to the whole range's)."""
    return SO_FAR if under_way(last, today) else "committed"


def minutes(e: Engagement, periods: History, first: dt.date, last: dt.date, today: dt.date) -> int:
    """Committed minutes from `first` to `last` (inclusive), by the periods in force each day."""
    found = span(e, first, last, today)
    return commitments.minutes_between(periods, *found) if found else 0


def days(e: Engagement, periods: History, first: dt.date, last: dt.date, today: dt.date) -> float:
    """Committed days from `first` to `last` (inclusive), unrounded."""
    found = span(e, first, last, today)
    return commitments.days_between(periods, *found) if found else 0.0


def covered_days(e: Engagement, first: dt.date, last: dt.date, today: dt.date) -> int:
    """How many days from `first` to `last` the engagement is committed on."""
    found = span(e, first, last, today)
    return (found[1] - found[0]).days + 1 if found else 0


def recent_window(last: dt.date) -> Span:
    """The last four weeks up to `last`: the 28 days ending that day. The Time and Portfolio
    tabs end it with the week shown (so far), the exit review with today or the day the
    engagement ended (`judged_day`); the days outside the engagement commit nothing."""
    return last - dt.timedelta(days=RECENT_DAYS - 1), last


def record_range(e: Engagement, today: dt.date) -> Span:
    """The days an engagement's records cover, a timesheet's or an export's range when none
    is chosen: from its start to the day it ended, or to today while it runs."""
    ended = ended_by(e)
    return e.start_date, max(today if ended is None else ended, e.start_date)


def judged_day(e: Engagement, today: dt.date) -> dt.date:
    """The day an engagement's recent time is judged on: today, or the day it ended."""
    ended = ended_by(e)
    return today if ended is None else min(today, ended)
