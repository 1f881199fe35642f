"""Reading a peer's CSV export: UTF-8 with or without a BOM, any quoting, notes across lines.

Every data row comes back either read or refused with its line number, never dropped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storage.rules.errors import ValidationError
from storage.transfer.import_formats import (
    FORMAT_LABELS,
    FORMATS,
    SourceRow,
    detect,
    fold,
    missing_columns,
    read_row,
)
from storage.transfer.import_values import BadValueError
from storage.transfer.regular_file import read_regular

MAX_FILE_BYTES = 512 * 1024 * 1024


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

    def projects(self) -> dict[str, int]:
        """Rows per `Client / Project`, in the order first seen: what the mapping step lists."""
        counts: dict[str, int] = {}
        for row in self.rows:
            counts[row.key] = counts.get(row.key, 0) + 1
        return counts

    def names(self) -> list[str]:
        """Every task and tag, in the order first seen: what bucket rules are chosen for."""
        return list(dict.fromkeys(n for row in self.rows for n in (row.task, *row.tags) if n))


def read_file(path: Path, format_name: str | None = None) -> SourceFile:
    """The rows of `path`; ValidationError when it is not a CSV export of a known peer."""
    source = read_bytes(read_regular(path, MAX_FILE_BYTES), format_name)
    source.name = path.name
    return source


def read_bytes(data: bytes, format_name: str | None = None) -> SourceFile:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("file", "is not UTF-8 text (export it again as CSV)") from None
    records = _records(text)
    header = next(records, None)
    if header is None:
        raise ValidationError("file", "is empty: there is no header row")
    chosen = _format(header[1], format_name)
    return _read_rows(chosen, [fold(h) for h in header[1]], records)


def _format(header: list[str], format_name: str | None) -> str:
    found = format_name or detect(header)
    if found is None:
        raise ValidationError(
            "file",
            "is not a Toggl Track, Harvest or Clockify detailed report: its header has none of "
            "their column sets (Toggl: Start date, Start time, Duration; Harvest: Date, Hours; "
            "Clockify: Start Date, Start Time, Duration (decimal))",
        )
    if found not in FORMATS:
        raise ValidationError("format", f"must be one of {', '.join(FORMATS)}")
    missing = missing_columns(found, header)
    if missing:
        raise ValidationError(
            "file", f"has no column {', '.join(missing)} that a {FORMAT_LABELS[found]} export has"
        )
    return found


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) for each non-blank record; a quoted note may span lines."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    for cells in reader:
        if any(c.strip() for c in cells):
            yield line, cells
        line = reader.line_num + 1


def _read_rows(
    format_name: str, names: list[str], records: Iterator[tuple[int, list[str]]]
) -> SourceFile:
    source = SourceFile(format_name)
    try:
        for line, cells in records:
            source.total += 1
            _read_one(source, names, line, cells)
    except csv.Error as exc:
        source.refused.append(Refusal(0, f"the file cannot be read past this point ({exc})"))
    return source


def _read_one(source: SourceFile, names: list[str], line: int, cells: list[str]) -> None:
    if len(cells) != len(names):
        reason = f"has {len(cells)} values where the header names {len(names)} columns"
        source.refused.append(Refusal(line, reason))
        return
    try:
        source.rows.append(read_row(source.format, line, dict(zip(names, cells, strict=True))))
    except BadValueError as exc:
        source.refused.append(Refusal(line, str(exc)))
