"""What subcommands share: opening the data folder's database and printing tables."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop.commands.errors import CommandError
from desktop.commands.options import add_require_encryption
from desktop.data_folder import resolve
from storage.file import (
    AppDatabase,
    GateBusyError,
    Practice,
    WritersGate,
    database_file,
    keys,
    settle_folder,
)
from storage.rules import DataFileError, lazy_compile

__all__ = [
    "NO_KEYRING_WAY_OUT",
    "CommandError",
    "add_format_option",
    "add_require_encryption",
    "hold_gate",
    "open_db",
    "practice_folder",
    "print_json",
    "print_table",
    "release_gates",
    "say_if_not_encrypted",
    "visible",
]

BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Unicode's control characters (category Cc: U+0000-U+001F, U+007F-U+009F) and the bidi controls
_TO_ESCAPE = lazy_compile("[\x00-\x1f\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS)) + "]")


def open_db(args: argparse.Namespace) -> AppDatabase:
    """The data folder's database, opened once the writers' gate is held (shared) for the rest
    of the command, so a restore never replaces the file under a reported write. A command
    never creates a data folder (a typo in --data-dir used to make a whole empty practice).
    Its queries go through the driver; sqlite-utils loads only for a command that writes."""
    data_dir = practice_folder(args)
    hold_gate(data_dir)
    path = database_file(data_dir)
    try:
        return Practice.find(path).open()
    except DataFileError as exc:
        raise CommandError(f"Cannot use {exc.path}: it {exc.problem}.") from exc


def practice_folder(args: argparse.Namespace) -> Path:
    """The data folder named by the arguments, which must hold a practice already."""
    folder = resolve(args.data_dir)
    if folder.exists() and not folder.is_dir():
        raise CommandError(f"{folder} is a file, not a data folder.")
    if folder.is_dir():
        settle_folder(folder, sweep=True)  # a replacement a kill cut short is finished first
    if not database_file(folder).is_file():
        raise CommandError(
            f"no practice at {folder}; create one with `fractional-desk init`, by starting the "
            "app, or with `fractional-desk demo` (a sample)."
        )
    return folder


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
    if _TO_ESCAPE.search("".join("".join(row) for row in cells)):  # one scan of the whole table
        cells = [[visible(c) for c in row] for row in cells]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    print("\n".join(lines))  # one write: a ten-year log is thousands of lines


def visible(value: object) -> str:
    """A cell with its control characters (an escape sequence stored in a name, a line break,
    a right-to-left override) written as visible escapes, so a table never drives the terminal."""
    return _TO_ESCAPE.sub(_escape_match, str(value))  # one scan, not a call per character


def _escape_match(found: re.Match[str]) -> str:
    return _escape(found.group())


def _escape(ch: str) -> str:
    import unicodedata  # for a table that holds a control character: rare, and never JSON

    if unicodedata.category(ch) == "Cc" or ch in BIDI_CONTROLS:
        code = ord(ch)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return ch


def add_format_option(parser: argparse.ArgumentParser, contract: type | None = None) -> None:
    """`--format table|json|csv`; with its JSON `contract` (the README's table reads it), the
    output layer (`desktop.commands.output`) writes JSON and CSV."""
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table")
    if contract is not None:
        parser.set_defaults(contract=contract)


NO_KEYRING_WAY_OUT = (
    "Start it where the system keyring works (on Linux, the Secret Service of GNOME Keyring or "
    "KWallet), or leave out --require-encryption to create it unencrypted."
)


def say_if_not_encrypted(data_dir: Path) -> None:
    """One line on stderr when a new practice could not be encrypted (no working keyring)."""
    if keys.read_marker(data_dir) is None:
        print(
            f"fractional-desk: no working keyring on this machine, so the practice in {data_dir} "
            "is not encrypted (fractional-desk encryption enable, once a keyring works).",
            file=sys.stderr,
        )
