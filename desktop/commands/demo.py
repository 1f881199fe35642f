"""`fractional-desk demo --data-dir D`: write a deterministic sample practice into D."""

from __future__ import annotations

import argparse
import datetime as dt

from desktop.commands.common import CommandError, open_db
from storage import clients, engagements
from storage.sample import SampleOptions, generate


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("demo", help="write a sample practice into a data folder")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same practice (default 1)")
    parser.add_argument("--years", type=int, default=1, help="years of history (default 1)")
    parser.add_argument("--entries", type=int, default=None, help="pack this many time entries")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None, help="'today' (ISO)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.data_dir:
        raise CommandError("demo needs --data-dir: it will not write into your own data folder.")
    with open_db(args) as db:
        if clients.list_all(db):
            raise CommandError("That data folder already holds clients; choose an empty folder.")
        options = SampleOptions(
            seed=args.seed, years=args.years, entries=args.entries, as_of=args.as_of
        )
        generate(db, options)
        count = len(engagements.list_all(db))
    print(f"Wrote a sample practice with {count} engagements into {args.data_dir}")
    return 0
