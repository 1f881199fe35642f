"""Commitment periods: days a week and hours a day from a date, so past weeks keep theirs.

An engagement's commitment is a list of periods, the first starting on the engagement's start
(it is also the engagement's own `days_per_week` and `hours_per_day`: the commitment agreed in
the scope of work). A later period ("from 2027-01-04: 3 days a week", a taper to half a day)
holds until the next one. A range of days is committed day by day, a seventh of the week's
commitment each, so a change in the middle of a week counts pro rata.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from storage.file import rows
from storage.rules import validation as v
from storage.rules.errors import ValidationError
from storage.rules.record import Record
from storage.rules.vocabulary import DAYS_PER_WEEK, HOURS_PER_DAY

if TYPE_CHECKING:
    from sqlite_utils import Database


def weekly_minutes(days_per_week: float, hours_per_day: float) -> float:
    """A week's commitment in minutes: days a week x hours a day (unrounded)."""
    return days_per_week * hours_per_day * 60


@dataclass(frozen=True, eq=False, repr=False)  # == and repr: `Record`'s
class CommitmentPeriod(Record):
    """Days a week and hours a day committed from `starts_on` until the next period."""

    engagement_id: int
    starts_on: dt.date
    days_per_week: float
    hours_per_day: float
    id: int | None = None

    @property
    def minutes_per_week(self) -> float:
        return weekly_minutes(self.days_per_week, self.hours_per_day)


class Committed(Protocol):
    """What this module reads of an engagement (storage.practice.engagements.Engagement)."""

    @property
    def id(self) -> int | None: ...

    @property
    def start_date(self) -> dt.date: ...

    @property
    def days_per_week(self) -> float: ...

    @property
    def hours_per_day(self) -> float: ...


def own_period(e: Committed) -> CommitmentPeriod:
    """The engagement's agreed commitment as its first period (before any is stored)."""
    return CommitmentPeriod(e.id or 0, e.start_date, e.days_per_week, e.hours_per_day)


def _from_row(row: Sequence[Any]) -> CommitmentPeriod:
    pid, eid, starts_on, days, hours = row
    return CommitmentPeriod(int(eid), dt.date.fromisoformat(starts_on), days, hours, int(pid))


_COLUMNS = "id, engagement_id, starts_on, days_per_week, hours_per_day"


def _sound() -> str:
    """The rows that keep every rule; one another tool broke is left out (`check` lists it)."""
    from storage.file import domain_rules  # the rules name the engagement's choices: import late

    return domain_rules.sound("commitment_period")


def periods(db: Database, engagement_id: int) -> list[CommitmentPeriod]:
    """The stored periods of one engagement, oldest first."""
    sql = (
        f"SELECT {_COLUMNS} FROM commitment_period WHERE engagement_id = ? AND {_sound()} "
        "ORDER BY starts_on"
    )
    return [_from_row(r) for r in db.execute(sql, [engagement_id])]


def periods_by_engagement(db: Database) -> dict[int, list[CommitmentPeriod]]:
    """Every engagement's periods, oldest first, from one read of the covering index."""
    found: dict[int, list[CommitmentPeriod]] = {}
    sql = f"SELECT {_COLUMNS} FROM commitment_period WHERE {_sound()} ORDER BY starts_on"
    for row in db.execute(sql):
        period = _from_row(row)
        found.setdefault(period.engagement_id, []).append(period)
    return found


def history(
    stored: Mapping[int, Sequence[CommitmentPeriod]], e: Committed
) -> list[CommitmentPeriod]:
    """The engagement's periods from `periods_by_engagement`, oldest first; its own values as
    the one period when none is stored (a row another tool wrote). The one place of that rule."""
    return list(stored.get(e.id or 0, ())) or [own_period(e)]


def of(db: Database, e: Committed) -> list[CommitmentPeriod]:
    """An engagement's periods, read for it alone (see `history`)."""
    return history({e.id: periods(db, e.id)} if e.id is not None else {}, e)


def in_force(history: Sequence[CommitmentPeriod], day: dt.date) -> CommitmentPeriod:
    """The period in force on `day`: the last started by then (the first before it starts)."""
    current = history[0]
    for period in history[1:]:
        if period.starts_on > day:
            break
        current = period
    return current


def _spans(
    history: Sequence[CommitmentPeriod], first: dt.date, last: dt.date
) -> Iterable[tuple[CommitmentPeriod, int]]:
    """Each period with the number of days it holds between `first` and `last` (inclusive)."""
    for i, period in enumerate(history):
        begin = first if i == 0 else max(first, period.starts_on)
        nxt = history[i + 1].starts_on if i + 1 < len(history) else None
        end = last if nxt is None else min(last, nxt - dt.timedelta(days=1))
        if begin <= end:
            yield period, (end - begin).days + 1


def _exact(value: float) -> tuple[int, int]:
    """`value` as the decimal it is written as (`Fraction(str(value))`): a numerator and a
    power of ten. Whole numbers, not `Fraction`: a week's report works out hundreds of these,
    and `fractions` (with `decimal`) took longer to load than the sums took."""
    mantissa, _, exponent = str(value).partition("e")
    whole, _, decimals = mantissa.partition(".")
    scale = int(exponent or 0) - len(decimals)
    digits = int(whole + decimals)
    return (digits * 10**scale, 1) if scale >= 0 else (digits, 10**-scale)


def _running_total(history: Sequence[CommitmentPeriod], day: dt.date) -> tuple[int, int]:
    """Exact committed minutes from the first period's start to the day before `day`
    (negative before it starts, at the first period's rate), as a numerator and a denominator."""
    anchor = history[0].starts_on
    if day <= anchor:
        minutes, scale = _exact(history[0].minutes_per_week)
        return -minutes * (anchor - day).days, scale * 7
    spans = [
        (_exact(p.minutes_per_week), n)
        for p, n in _spans(history, anchor, day - dt.timedelta(days=1))
    ]
    scale = max((s for (_, s), _ in spans), default=1)  # powers of ten: the largest is their lcm
    return sum(m * (scale // s) * n for (m, s), n in spans), scale * 7


def _whole(value: tuple[int, int]) -> int:
    """The fraction rounded half up: floor(n / d + 1/2), with d > 0."""
    numerator, denominator = value
    return (2 * numerator + denominator) // (2 * denominator)


def minutes_between(history: Sequence[CommitmentPeriod], first: dt.date, last: dt.date) -> int:
    """Committed minutes from `first` to `last`, a seventh of the week's commitment a day.

    Rounded on a running total, so the weeks of a range add up to the range to the minute."""
    if first > last:
        return 0
    end = _whole(_running_total(history, last + dt.timedelta(days=1)))
    return end - _whole(_running_total(history, first))


def days_between(history: Sequence[CommitmentPeriod], first: dt.date, last: dt.date) -> float:
    """Committed days (of the week's days a week) from `first` to `last`, pro rata."""
    return sum(p.days_per_week * n for p, n in _spans(history, first, last)) / 7


def validate(period: CommitmentPeriod) -> dict[str, Any]:
    return {
        "engagement_id": v.int_between("engagement_id", period.engagement_id, 1, 2**62),
        "starts_on": v.iso_date("starts_on", period.starts_on),
        "days_per_week": v.number_between("days_per_week", period.days_per_week, *DAYS_PER_WEEK),
        "hours_per_day": v.number_between("hours_per_day", period.hours_per_day, *HOURS_PER_DAY),
    }


def check_after_start(start_date: dt.date, starts_on: dt.date) -> None:
    if starts_on <= start_date:
        raise ValidationError(
            "starts_on", f"must be after the engagement's start ({start_date.isoformat()})"
        )


def write_period(db: Database, period: CommitmentPeriod) -> int:
    """Insert the period starting that day, or update the one there (keeping its id, so an edit
    on another machine meets it as the same record); the caller holds the transaction."""
    row = validate(period)
    there = db.execute(
        "SELECT id FROM commitment_period WHERE engagement_id = ? AND starts_on = ?",
        [row["engagement_id"], row["starts_on"]],
    ).fetchone()
    if there is None:
        return rows.insert(db, "commitment_period", row)
    rows.update(db, "commitment_period", int(there[0]), row)
    return int(there[0])


def sync_first(db: Database, e: Committed) -> None:
    """Make the first period the engagement's own start and values (inside its write).

    A later period on or before a new start date would leave the history out of order: refused.
    """
    later = db.execute(
        "SELECT min(starts_on) FROM commitment_period WHERE engagement_id = ? AND starts_on > ("
        "SELECT min(starts_on) FROM commitment_period WHERE engagement_id = ?)",
        [e.id, e.id],
    ).fetchone()[0]
    if later is not None and later <= e.start_date.isoformat():
        raise ValidationError(
            "start_date", f"must be before the commitment period starting {later}"
        )
    first = db.execute(
        "SELECT id FROM commitment_period WHERE engagement_id = ? ORDER BY starts_on LIMIT 1",
        [e.id],
    ).fetchone()
    if first is None:
        write_period(db, own_period(e))
    else:  # the same record, moved to the engagement's start and values
        rows.update(db, "commitment_period", int(first[0]), validate(own_period(e)))


def add(
    db: Database,
    e: Committed,
    starts_on: dt.date,
    days_per_week: float,
    hours_per_day: float | None,
) -> CommitmentPeriod:
    """A new period for a stored engagement from `starts_on` (replacing one that starts then);
    hours a day default to those in force the day before."""
    check_after_start(e.start_date, starts_on)
    with db.atomic():
        history = of(db, e)
        hours = (
            hours_per_day
            if hours_per_day is not None
            else in_force(history, starts_on - dt.timedelta(days=1)).hours_per_day
        )
        new_id = write_period(db, CommitmentPeriod(e.id or 0, starts_on, days_per_week, hours))
    return next(p for p in periods(db, e.id or 0) if p.id == new_id)


def delete_period(db: Database, period_id: int) -> None:
    """Remove a later period (undo of an add); the first is the engagement's own and stays."""
    row = db.execute(
        "SELECT engagement_id, starts_on FROM commitment_period WHERE id = ?", [period_id]
    ).fetchone()
    if row is None:
        return
    first = db.execute(
        "SELECT min(starts_on) FROM commitment_period WHERE engagement_id = ?", [row[0]]
    ).fetchone()[0]
    if row[1] == first:
        raise ValidationError("starts_on", "the first commitment period is the engagement's own")
    with db.atomic():
        db.execute("DELETE FROM commitment_period WHERE id = ?", [period_id])


def as_json(history: Sequence[CommitmentPeriod]) -> list[dict[str, Any]]:
    """`engagements list --format json`'s `commitments`."""
    return [
        {
            "from": p.starts_on.isoformat(),
            "days_per_week": p.days_per_week,
            "hours_per_day": p.hours_per_day,
        }
        for p in history
    ]
