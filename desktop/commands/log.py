"""`fractional-desk log`: add one time entry from a script, through the same validation."""

from __future__ import annotations

import argparse
import sys

from desktop.commands.arguments import day_option
from desktop.commands.common import open_db
from storage.rules import BUCKETS, ValidationError, today
from storage.time import TimeEntry, time_entries


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("log", help="log time on an engagement; prints the entry's id")
    parser.add_argument("--engagement", type=int, required=True, help="the engagement's id")
    parser.add_argument("--date", help="the day, such as 2026-04-02 (default: today)")
    parser.add_argument("--bucket", choices=BUCKETS, required=True)
    parser.add_argument("--minutes", type=int, required=True, help="1 to 1440")
    parser.add_argument("--note", default="", help="what the time was spent on")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    day = day_option("--date", args.date) or today()
    entry = TimeEntry(args.engagement, day, args.bucket, args.minutes, args.note)
    with open_db(args) as db:
        try:
            stored = time_entries.add(db, entry)
        except ValidationError as exc:
            print(f"fractional-desk: {exc.field}: {exc.message}", file=sys.stderr)
            return 1
    print(stored.id)
    return 0
