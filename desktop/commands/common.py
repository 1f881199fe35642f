"""What subcommands share: opening the data folder's database and printing tables."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from desktop.data_folder import resolve
from storage.db import database_file, open_database
from storage.errors import DataFileError
from storage.writers_gate import GateBusyError, WritersGate


class CommandError(Exception):
    """A plain-language failure: printed on stderr, exit status 1."""


def open_db(args: argparse.Namespace) -> Database:
    """The data folder's database, opened once the writers' gate is held (shared) for the rest
    of the command, so a restore never replaces the file under a reported write."""
    data_dir = resolve(args.data_dir)
    hold_gate(data_dir)
    path = database_file(data_dir)
    try:
        return open_database(path)
    except DataFileError as exc:
        raise CommandError(f"Cannot use {exc.path}: it {exc.problem}.") from exc


_held: list[WritersGate] = []  # held until the process ends; the OS releases it then


def hold_gate(data_dir: Path, *, exclusive: bool = False, wait_seconds: float = 60.0) -> None:
    gate = WritersGate(data_dir, exclusive=exclusive)
    try:
        gate.acquire(wait_seconds)
    except GateBusyError as exc:
        raise CommandError(f"Nothing was done: {exc}.") from exc
    _held.append(gate)


def release_gates() -> None:
    while _held:
        _held.pop().release()


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    cells = [[str(h) for h in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for index, row in enumerate(cells):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            print("  ".join("-" * w for w in widths))


def add_format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("table", "json"), default="table")
