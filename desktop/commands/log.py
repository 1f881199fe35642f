"""`fractional-desk log`: add one time entry from a script, through the same validation."""

from __future__ import annotations

import argparse
import sys

from desktop.commands.arguments import day_option
from desktop.commands.common import CommandError, open_db
from storage.rules import BUCKETS, ValidationError, today
from storage.time import TimeEntry, time_entries


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("log", help="log time on an engagement; prints the entry's id")
    parser.add_argument("--engagement", type=int, required=True, help="the engagement's id")
    parser.add_argument("--date", help="the day, such as 2026-04-02 (default: today)")
    parser.add_argument("--bucket", choices=BUCKETS, required=True)
    parser.add_argument("--minutes", type=int, required=True, help="1 to 1440")
    parser.add_argument(
        "--note",
        default="",
        help="what the time was spent on; `-` reads it from standard input, which keeps client "
        "text out of the process list (`ps`) that other users of the machine can read",
    )
    parser.add_argument(
        "--out-of-scope",
        action="store_true",
        help="mark the time as out of scope: evidence for a change request",
    )
    parser.add_argument(
        "--ask", action="store_true", help="the note is something needed from the client"
    )
    parser.set_defaults(func=run)


STDIN = "-"
MAX_STDIN_BYTES = 64 * 1024  # a note holds 10,000 characters


def run(args: argparse.Namespace) -> int:
    day = day_option("--date", args.date) or today()
    note = _note_from_stdin() if args.note == STDIN else args.note
    entry = TimeEntry(
        args.engagement, day, args.bucket, args.minutes, note,
        out_of_scope=args.out_of_scope, ask=args.ask,
    )  # fmt: skip
    with open_db(args) as db:
        try:
            stored = time_entries.add(db, entry)
        except ValidationError as exc:
            print(f"fractional-desk: {exc.field}: {exc.message}", file=sys.stderr)
            return 1
    print(stored.id)
    return 0


def _note_from_stdin() -> str:
    """The note piped in (`echo 'Board prep' | fractional-desk log ... --note -`), without the
    line break that ends it; read up to a bound, so an endless stream is refused, not read."""
    if sys.stdin is None:  # started without one (a GUI launcher on Windows)
        raise CommandError("note: there is no standard input to read the note from.")
    data = sys.stdin.buffer.read(MAX_STDIN_BYTES + 1)
    if len(data) > MAX_STDIN_BYTES:
        raise CommandError("note: the note on standard input is longer than 64 KB.")
    try:
        return data.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError:
        raise CommandError("note: the note on standard input is not UTF-8 text.") from None
