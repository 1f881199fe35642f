"""The three peers' CSV layouts, matched by column name (optional columns come and go with
account settings), and each row read into one `SourceRow`.

Toggl Track and Clockify give a start and an end (or a duration): an entry across midnight is
split by day. Harvest gives a day and hours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from storage.transfer.import_values import (
    BadValueError,
    parse_clock,
    parse_date,
    parse_hours,
    split_by_day,
)

FORMATS = ("toggl", "harvest", "clockify")
FORMAT_LABELS = {"toggl": "Toggl Track", "harvest": "Harvest", "clockify": "Clockify"}
MAX_SECONDS = 24 * 3600
Cells = Mapping[str, str]  # column name (folded) -> value


@dataclass(frozen=True)
class SourceRow:
    """One row of the file as it will be mapped: who and what, and minutes per day."""

    line: int
    client: str
    project: str
    task: str
    tags: tuple[str, ...]
    note: str
    pieces: tuple[tuple[dt.date, int], ...]
    identity: str  # what makes the row itself, for its fingerprint
    key: str = ""  # `Client / Project`, set from them

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", project_key(self.client, self.project))


def project_key(client: str, project: str) -> str:
    """`Client / Project`, the name a map file gives an engagement."""
    return " / ".join(part for part in (client, project) if part) or "(no project)"


def fold(name: str) -> str:
    """A column name as matched: no BOM, no surrounding space or quotes, any case."""
    return name.replace("\ufeff", "").strip().strip('"').strip().casefold()


REQUIRED = {
    "toggl": ("project", "start date", "start time", "duration"),
    "harvest": ("date", "project", "hours"),
    "clockify": ("project", "start date", "start time"),
}
CLOCKIFY_DURATIONS = ("duration (decimal)", "duration (h)")


def detect(header: list[str]) -> str | None:
    """The format whose columns the header has, or None."""
    names = {fold(h) for h in header}
    if {"start date", "start time"} <= names and names & set(CLOCKIFY_DURATIONS):
        return "clockify"
    if set(REQUIRED["toggl"]) <= names:
        return "toggl"
    if set(REQUIRED["harvest"]) <= names:
        return "harvest"
    return None


def missing_columns(format_name: str, header: list[str]) -> list[str]:
    names = {fold(h) for h in header}
    missing = [c for c in REQUIRED[format_name] if c not in names]
    if format_name == "clockify" and not names & {*CLOCKIFY_DURATIONS, "end time"}:
        missing.append("duration (decimal)")
    return missing


def read_row(format_name: str, line: int, cells: Cells) -> SourceRow:
    """The row in the peer's format; `BadValueError` says which value cannot be read."""
    return READERS[format_name](line, cells)


def _text(cells: Cells, name: str) -> str:
    """A name kept on one line, as the app keeps client and project names."""
    return " ".join(cells.get(name, "").split())


def _tags(cells: Cells) -> tuple[str, ...]:
    return tuple(t.strip() for t in cells.get("tags", "").split(",") if t.strip())


def _span(cells: Cells, seconds: int | None) -> tuple[dt.datetime, dt.datetime]:
    """Start and end from the start and end columns, or from the start and the duration."""
    start = dt.datetime.combine(parse_date(cells["start date"]), parse_clock(cells["start time"]))
    if cells.get("end date", "").strip() and cells.get("end time", "").strip():
        end_day = parse_date(cells["end date"])
        end = dt.datetime.combine(end_day, parse_clock(cells["end time"]))
    elif seconds is not None:
        end = start + dt.timedelta(seconds=seconds)
    else:
        raise BadValueError("there is neither an end nor a duration")
    if end < start:
        raise BadValueError("it ends before it starts")
    return start, end


def _pieces(start: dt.datetime, end: dt.datetime) -> tuple[tuple[dt.date, int], ...]:
    if (end - start).total_seconds() > MAX_SECONDS:
        raise BadValueError("it lasts more than 24 hours (a timer left running?)")
    pieces = tuple(split_by_day(start, end))
    if not pieces:
        raise BadValueError("it is shorter than one minute")
    return pieces


def _optional_seconds(cells: Cells, *names: str) -> int | None:
    for name in names:
        if cells.get(name, "").strip():
            return parse_hours(cells[name])
    return None


def _timed(line: int, cells: Cells, seconds: int | None, who: str) -> SourceRow:
    start, end = _span(cells, seconds)
    client, project, task = _text(cells, "client"), _text(cells, "project"), _text(cells, "task")
    note = cells.get("description", "")
    identity = "\x1f".join((who, client, project, task, note, start.isoformat(), end.isoformat()))
    return SourceRow(line, client, project, task, _tags(cells), note, _pieces(start, end), identity)


def _toggl(line: int, cells: Cells) -> SourceRow:
    who = cells.get("email", "") or cells.get("user", "")
    return _timed(line, cells, _optional_seconds(cells, "duration"), who)


def _clockify(line: int, cells: Cells) -> SourceRow:
    seconds = _optional_seconds(cells, "duration (h)", "duration (decimal)")
    return _timed(line, cells, seconds, cells.get("email", "") or cells.get("user", ""))


def _harvest(line: int, cells: Cells) -> SourceRow:
    day = parse_date(cells["date"])
    seconds = parse_hours(cells["hours"])
    if seconds > MAX_SECONDS:
        raise BadValueError(f"{cells['hours'].strip()} hours is more than the 24 hours of a day")
    minutes = int((seconds + 30) // 60)
    if not minutes:
        raise BadValueError("it is shorter than one minute")
    client, project, task = _text(cells, "client"), _text(cells, "project"), _text(cells, "task")
    note = cells.get("notes", "")
    who = f"{cells.get('first name', '')} {cells.get('last name', '')}".strip()
    identity = "\x1f".join((who, client, project, task, note, day.isoformat(), str(seconds)))
    return SourceRow(line, client, project, task, (), note, ((day, minutes),), identity)


READERS: dict[str, Callable[[int, Cells], SourceRow]] = {
    "toggl": _toggl,
    "harvest": _harvest,
    "clockify": _clockify,
}
