"""The three peers' CSV layouts, and each row read into one `SourceRow`.

Columns are matched by meaning (`import_columns`): a report with chosen columns is read as long
as it says on which day and for how long. The length of an entry comes from its start and end
when the file gives them (an entry across midnight is split by day), else from the declared
duration; when both are given and disagree by more than a minute, start and end are kept and the
row is flagged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from storage.rules.durations import format_minutes
from storage.transfer.import_columns import is_clockify, meanings
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
DISAGREE_SECONDS = 60
Cells = Mapping[str, str]  # meaning -> value


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
    flag: str = ""  # what the preview should point out about the row (it is still imported)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", project_key(self.client, self.project))


def project_key(client: str, project: str) -> str:
    """`Client / Project`, the name a map file gives an engagement."""
    return " / ".join(part for part in (client, project) if part) or "(no project)"


def detect(header: list[str]) -> str | None:
    """The format whose columns the header has, or None: Clockify by the columns only it
    writes, Toggl by its start date, Harvest by its date and hours."""
    found = meanings(header)
    if "start date" in found:
        return "clockify" if is_clockify(header) else "toggl"
    if "date" in found and "duration" in found:
        return "clockify" if is_clockify(header) else "harvest"
    return None


def missing_columns(format_name: str, header: list[str]) -> str:
    """What the header lacks to tell a row's day and length, in words ('' when nothing)."""
    found = meanings(header)
    if "start date" not in found and "date" not in found:
        return "no column that gives the day (Start date, or Date)"
    has_span = {"start time", "end time"} <= found.keys()
    if "duration" not in found and not has_span:
        return (
            "no column that gives the length of an entry (Duration or Hours, or both Start "
            "time and End time)"
        )
    return ""


def _text(cells: Cells, name: str) -> str:
    """A name kept on one line, as the app keeps client and project names."""
    return " ".join(cells.get(name, "").split())


def _tags(cells: Cells) -> tuple[str, ...]:
    return tuple(t.strip() for t in cells.get("tags", "").split(",") if t.strip())


def _who(cells: Cells) -> str:
    named = f"{cells.get('first name', '')} {cells.get('last name', '')}".strip()
    return cells.get("email", "") or cells.get("user", "") or named


def _declared(cells: Cells) -> int | None:
    value = cells.get("duration", "").strip()
    return parse_hours(value) if value else None


def _end(cells: Cells, start: dt.datetime, order: str) -> dt.datetime | None:
    """The end from the end columns; an end time earlier than the start without an end date
    is on the next day."""
    if not cells.get("end time", "").strip():
        return None
    clock = parse_clock(cells["end time"])
    if cells.get("end date", "").strip():
        return dt.datetime.combine(parse_date(cells["end date"], order), clock)
    end = dt.datetime.combine(start.date(), clock)
    return end if end >= start else end + dt.timedelta(days=1)


def _check_length(seconds: float) -> None:
    if seconds > MAX_SECONDS:
        raise BadValueError("it lasts more than 24 hours (a timer left running?)")


def _disagreement(declared: int | None, start: dt.datetime, end: dt.datetime) -> str:
    if declared is None:
        return ""
    span = int((end - start).total_seconds())
    if abs(span - declared) <= DISAGREE_SECONDS:
        return ""
    said, ran = format_minutes((declared + 30) // 60), format_minutes((span + 30) // 60)
    return (
        f"the duration says {said or '0:00'} but it runs {ran or '0:00'} from start to end: "
        "start and end are kept"
    )


def read_row(format_name: str, line: int, cells: Cells, order: str = "ymd") -> SourceRow:
    """The row; `BadValueError` says which value cannot be read."""
    day_text = cells.get("start date", "") or cells.get("date", "")
    if not day_text.strip():
        raise BadValueError("it has no date")
    day = parse_date(day_text, order)
    declared = _declared(cells)
    if cells.get("start time", "").strip():
        start = dt.datetime.combine(day, parse_clock(cells["start time"]))
        end = _end(cells, start, order)
        return _timed(format_name, line, cells, start, end, declared)
    if declared is None:
        raise BadValueError("it has neither a duration nor a start and an end")
    return _lasting(format_name, line, cells, day, declared)


def _timed(
    format_name: str,
    line: int,
    cells: Cells,
    start: dt.datetime,
    end: dt.datetime | None,
    declared: int | None,
) -> SourceRow:
    flag = ""
    if end is None:
        if declared is None:
            raise BadValueError("there is neither an end nor a duration")
        end = start + dt.timedelta(seconds=declared)
    else:
        flag = _disagreement(declared, start, end)
    if end < start:
        raise BadValueError("it ends before it starts")
    _check_length((end - start).total_seconds())
    pieces = tuple(split_by_day(start, end))
    if not pieces:
        raise BadValueError("it is shorter than one minute")
    client, project, task = _text(cells, "client"), _text(cells, "project"), _text(cells, "task")
    note = cells.get("note", "")
    parts = (_who(cells), client, project, task, note, start.isoformat(), end.isoformat())
    identity = "\x1f".join(parts)
    return SourceRow(line, client, project, task, _tags(cells), note, pieces, identity, flag=flag)


def _lasting(format_name: str, line: int, cells: Cells, day: dt.date, seconds: int) -> SourceRow:
    """A day and a length (Harvest; Toggl or Clockify without start times)."""
    if seconds > MAX_SECONDS:
        hours = cells.get("duration", "").strip()
        raise BadValueError(f"{hours} hours is more than the 24 hours of a day")
    minutes = int((seconds + 30) // 60)
    if not minutes:
        raise BadValueError("it is shorter than one minute")
    client, project, task = _text(cells, "client"), _text(cells, "project"), _text(cells, "task")
    note = cells.get("note", "")
    identity = "\x1f".join(
        (_who(cells), client, project, task, note, day.isoformat(), str(seconds))
    )
    if format_name != "harvest":  # never equal to a timed row of the same tool
        identity = f"day\x1f{identity}"
    return SourceRow(line, client, project, task, _tags(cells), note, ((day, minutes),), identity)
