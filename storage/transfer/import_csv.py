"""Reading a peer's CSV export: UTF-8 with or without a BOM, `,` `;` or tab separated, any
quoting, notes across lines, rows that drop their trailing empty cells.

Every data row comes back either read or refused with its line number, never dropped. Dates
are read in the order the file's dates allow, or the one the person chose; a file whose dates
read both day first and month first is refused until they choose.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storage.rules.errors import ValidationError
from storage.transfer.import_columns import cells_by_meaning, meanings
from storage.transfer.import_formats import (
    FORMAT_LABELS,
    FORMATS,
    SourceRow,
    detect,
    missing_columns,
    read_row,
)
from storage.transfer.import_values import (
    DATE_ORDERS,
    AmbiguousDatesError,
    BadValueError,
    date_order,
)
from storage.transfer.regular_file import read_regular

MAX_FILE_BYTES = 512 * 1024 * 1024
SEPARATORS = (",", ";", "\t")
Record = tuple[int, list[str]]  # first line, cells


@dataclass(frozen=True)
class Refusal:
    line: int
    reason: str


@dataclass
class SourceFile:
    """A file read: its format, its rows and the rows that could not be read."""

    format: str
    name: str = ""
    total: int = 0
    rows: list[SourceRow] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    date_order: str = "ymd"

    def projects(self) -> dict[str, int]:
        """Rows per `Client / Project`, in the order first seen: what the mapping step lists."""
        counts: dict[str, int] = {}
        for row in self.rows:
            counts[row.key] = counts.get(row.key, 0) + 1
        return counts

    def names(self) -> list[str]:
        """Every task and tag, in the order first seen: what bucket rules are chosen for."""
        return list(dict.fromkeys(n for row in self.rows for n in (row.task, *row.tags) if n))

    def flagged(self) -> list[Refusal]:
        """The rows read with something to point out (a duration that disagrees)."""
        return [Refusal(row.line, row.flag) for row in self.rows if row.flag]


def read_file(path: Path, format_name: str | None = None, order: str | None = None) -> SourceFile:
    """The rows of `path`; ValidationError when it is not a CSV export of a known peer."""
    source = read_bytes(read_regular(path, MAX_FILE_BYTES), format_name, order)
    source.name = path.name
    return source


def read_bytes(data: bytes, format_name: str | None = None, order: str | None = None) -> SourceFile:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("file", "is not UTF-8 text (export it again as CSV)") from None
    records = _records(text)
    header = next(records, None)
    if header is None:
        raise ValidationError("file", "is empty: there is no header row")
    chosen = _format(header[1], format_name)
    places = meanings(header[1])
    rows, broken = _all(records)
    source = SourceFile(chosen, date_order=_order(places, rows, order))
    _read_rows(source, len(header[1]), places, rows)
    source.refused += broken
    return source


def _format(header: list[str], format_name: str | None) -> str:
    if format_name is not None and format_name not in FORMATS:
        raise ValidationError("format", f"must be one of {', '.join(FORMATS)}")
    found = format_name or detect(header)
    missing = missing_columns(found or "toggl", header)
    if missing:
        label = FORMAT_LABELS[found] if found else "Toggl Track, Harvest or Clockify"
        raise ValidationError(
            "file", f"is not a {label} detailed report that can be read: {missing}"
        )
    if found is None:
        raise ValidationError(
            "file",
            "is not a Toggl Track, Harvest or Clockify detailed report: its header has none of "
            "their column sets (Toggl: Start date, Start time, Duration; Harvest: Date, Hours; "
            "Clockify: Start Date, Start Time, Duration (decimal))",
        )
    return found


def _order(places: dict[str, list[int]], rows: list[Record], chosen: str | None) -> str:
    if chosen is not None:
        if chosen not in DATE_ORDERS:
            raise ValidationError("date_order", f"must be one of {', '.join(DATE_ORDERS)}")
        return chosen
    columns = [p for m in ("start date", "end date", "date") for p in places.get(m, [])]
    values = (cells[p] for _line, cells in rows for p in columns if p < len(cells))
    try:
        return date_order(values)
    except AmbiguousDatesError:
        example = next(
            (cells[p] for _l, cells in rows for p in columns if p < len(cells) and "/" in cells[p]),
            "",
        )
        raise ValidationError(
            "date_order",
            f"the file's dates (like {example.strip()}) read both day first and month first: "
            "choose which (dmy or mdy)",
        ) from None


def _separator(first_line: str) -> str:
    """The separator the header uses most, outside quotes."""
    outside = "".join(first_line.split('"')[::2])
    return max(SEPARATORS, key=outside.count)


def _records(text: str) -> Iterator[Record]:
    """(first line, cells) for each non-blank record; a quoted note may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text.split("\n", 1)[0]))
    line = 1
    for cells in reader:
        if any(c.strip() for c in cells):
            yield line, cells
        line = reader.line_num + 1


def _all(records: Iterator[Record]) -> tuple[list[Record], list[Refusal]]:
    found: list[Record] = []
    try:
        found.extend(records)
    except csv.Error as exc:
        return found, [Refusal(0, f"the file cannot be read past this point ({exc})")]
    return found, []


def _read_rows(
    source: SourceFile, width: int, places: dict[str, list[int]], rows: list[Record]
) -> None:
    for line, cells in rows:
        source.total += 1
        _read_one(source, width, places, line, cells)


def _read_one(
    source: SourceFile, width: int, places: dict[str, list[int]], line: int, cells: list[str]
) -> None:
    while len(cells) > width and not cells[-1].strip():
        cells = cells[:-1]  # trailing empty cells past the header
    if len(cells) > width:
        reason = f"has {len(cells)} values where the header names {width} columns"
        source.refused.append(Refusal(line, reason))
        return
    try:
        values = cells_by_meaning(places, cells)  # a short row reads as padded with empty cells
        source.rows.append(read_row(source.format, line, values, source.date_order))
    except BadValueError as exc:
        short = f"has {len(cells)} values where the header names {width} columns: "
        source.refused.append(Refusal(line, (short if len(cells) < width else "") + str(exc)))
