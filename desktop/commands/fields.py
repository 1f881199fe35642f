"""A record's fields as command-line options, read the same way for every NOUN VERB command.

`add` takes the options it needs (some required); `edit` takes the same options, all optional,
and changes only those given. Values are converted here, in one place: a date goes through
`arguments.checked_day`, an empty date or `none` clears an optional one, and a text of `-` is read
from standard input (a note that should not sit in the process list).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop.commands.arguments import checked_day
from desktop.commands.errors import CommandError

TEXT, WHOLE, NUMBER, DATE, FLAG = "text", "whole", "number", "date", "flag"
CLEAR = ("", "none")
STDIN = "-"


@dataclass(frozen=True)
class Field:
    """One field of a record, as an option: `--contact-name` for `contact_name`."""

    name: str
    help: str
    kind: str = TEXT
    choices: tuple[str, ...] = ()
    optional: bool = True  # a date that may be cleared, a number that may be left empty

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")


def add_fields(
    parser: argparse.ArgumentParser, fields: Sequence[Field], *, required: Sequence[str] = ()
) -> None:
    """Options for `fields`; those in `required` must be given (an `add`)."""
    for f in fields:
        if f.kind == FLAG:
            parser.add_argument(f.option, dest=f.name, action=argparse.BooleanOptionalAction,
                                default=None, help=_help(f))  # fmt: skip
            continue
        parser.add_argument(
            f.option,
            dest=f.name,
            default=None,
            required=f.name in required,
            choices=f.choices or None,
            metavar=None if f.choices else _metavar(f),
            help=_help(f),
        )


def _help(f: Field) -> str:
    return f.help.replace("%", "%%")  # argparse formats help with %


def _metavar(f: Field) -> str:
    return {DATE: "YYYY-MM-DD", WHOLE: "N", NUMBER: "X"}.get(f.kind, "TEXT")


def given(args: argparse.Namespace, fields: Sequence[Field]) -> dict[str, Any]:
    """The fields given on the command line, converted; a wrong value is a one-line refusal
    naming its option."""
    values: dict[str, Any] = {}
    for f in fields:
        raw = getattr(args, f.name, None)
        if raw is not None:
            values[f.name] = convert(f, raw)
    return values


def convert(f: Field, raw: Any) -> Any:
    if f.kind == FLAG or f.choices:
        return raw
    if f.kind == TEXT:
        return read_stdin(f.option) if raw == STDIN else raw
    if raw.strip().lower() in CLEAR and f.optional:
        return None
    if f.kind == DATE:
        return _day(f, raw)
    try:
        return int(raw) if f.kind == WHOLE else float(raw)
    except ValueError:
        kind = "a whole number" if f.kind == WHOLE else "a number"
        raise CommandError(f"{f.option}: “{raw}” is not {kind}.") from None


def _day(f: Field, raw: str) -> dt.date:
    try:
        return checked_day(raw)
    except ValueError as exc:
        raise CommandError(f"{f.option}: {exc}.") from None


MAX_STDIN_BYTES = 64 * 1024  # a note holds 10,000 characters


def read_stdin(option: str) -> str:
    """The text piped in, without the line break that ends it; read up to a bound, so an
    endless stream is refused, not read."""
    name = option.removeprefix("--")
    if sys.stdin is None:  # started without one (a GUI launcher on Windows)
        raise CommandError(f"{name}: there is no standard input to read the {name} from.")
    data = sys.stdin.buffer.read(MAX_STDIN_BYTES + 1)
    if len(data) > MAX_STDIN_BYTES:
        raise CommandError(f"{name}: the {name} on standard input is longer than 64 KB.")
    try:
        return data.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError:
        raise CommandError(f"{name}: the {name} on standard input is not UTF-8 text.") from None
