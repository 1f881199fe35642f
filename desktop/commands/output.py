"""One output layer for every command: a table for people, JSON and CSV for scripts.

A command hands over its records as their contract (the JSON shape, a TypedDict per command
family in `desktop.contracts`) and the columns its table shows; this module writes the format
asked for, as sqlite-utils' `--table`, `--json` and `--csv` do. A list is a table of rows; one
record (what `show`, `add` and `edit` print) is a table of fields, its id first.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from desktop.commands.common import print_json, print_table, visible

FORMATS = ("table", "json", "csv")
Columns = Sequence[tuple[str, str]]  # (header, key): what the table shows, in order


def add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help="table (default), json or csv")  # fmt: skip


def command(
    actions: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    summary: str,
    run: Callable[[argparse.Namespace], int],
    *,
    contract: type | None = None,
    writes: bool = False,
) -> argparse.ArgumentParser:
    """A subcommand that knows its JSON contract and whether it writes (the README table reads
    both); one with a contract takes `--format`."""
    parser = actions.add_parser(name, help=summary, description=summary)
    parser.set_defaults(func=run, contract=contract, writes=writes)
    if contract is not None:
        add_output_options(parser)
    return parser


def emit_list(
    args: argparse.Namespace, records: Sequence[Mapping[str, Any]], columns: Columns
) -> int:
    """Print records in the format asked for; the table shows `columns`, JSON and CSV every key."""
    form = getattr(args, "format", "table")
    if form == "json":
        print_json(list(records))
    elif form == "csv":
        _write_csv(records, _keys(args, records))
    else:
        print_table(
            [h for h, _ in columns], [[cell(r.get(k)) for _, k in columns] for r in records]
        )
    return 0


def emit_one(args: argparse.Namespace, record: Mapping[str, Any]) -> int:
    """Print one record: JSON as an object, CSV as one row, a table as field and value lines
    with the id first."""
    form = getattr(args, "format", "table")
    if form == "json":
        print_json(dict(record))
    elif form == "csv":
        _write_csv([record], list(record))
    else:
        keys = sorted(record, key=lambda k: k != "id")
        print_table(["Field", "Value"], [line for k in keys for line in _field_lines(k, record[k])])
    return 0


def _field_lines(key: str, value: object) -> list[list[str]]:
    """A field of one record as table lines: a list of records gives a line each
    (`phases[1]`), a nested record its filled values; anything else one line."""
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return [[f"{key}[{i}]", _joined(item)] for i, item in enumerate(value, start=1)]
    if isinstance(value, dict):
        return [[key, _joined(value, named=True)]]
    return [[key, cell(value)]]


def _joined(item: dict[str, Any], *, named: bool = False) -> str:
    filled = [(k, cell(v)) for k, v in item.items() if v not in (None, "")]
    return " · ".join(f"{k}: {v}" if named else v for k, v in filled)


def cell(value: object) -> str:
    """A value as a table cell: nothing for null, a list joined, a nested record as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _keys(args: argparse.Namespace, records: Sequence[Mapping[str, Any]]) -> list[str]:
    contract = getattr(args, "contract", None)
    if contract is not None:
        return list(contract.__annotations__)
    return list(records[0]) if records else []


def _write_csv(records: Sequence[Mapping[str, Any]], keys: Sequence[str]) -> None:
    """CSV with a header row; a nested value is written as JSON, null as an empty cell."""
    import csv  # only for --format csv

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(keys)
    for record in records:
        writer.writerow([_csv_cell(record.get(k)) for k in keys])


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list | bool):
        return json.dumps(value, ensure_ascii=False)
    return visible(value) if isinstance(value, str) and "\x1b" in value else str(value)
