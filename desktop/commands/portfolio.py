"""`fractional-desk portfolio`: days committed against capacity, week by week, across clients."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.arguments import day_option, whole_between
from desktop.commands.common import add_format_option, open_db, print_table
from desktop.commands.output import emit_one
from desktop.contracts.reports import PortfolioJson, portfolio_json
from storage import portfolio
from storage.practice import settings
from storage.rules import format_minutes, week_of


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("portfolio", help=SUMMARY)
    parser.add_argument(
        "--from", dest="first", help="a day of the first week (default: 4 weeks ago)"
    )
    parser.add_argument(
        "--weeks", type=whole_between(1, 520), default=portfolio.WEEKS, help="default: 30"
    )
    add_format_option(parser, PortfolioJson)
    parser.set_defaults(func=run)


SUMMARY = "days committed against capacity, week by week, across clients"


def run(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        week_start = settings.load_profile(db).week_start
        day = day_option("--from", args.first)
        first = week_of(day, week_start) if day else portfolio.default_first(db)
        data = portfolio.report(db, first, args.weeks)
    if args.format != "table":
        return emit_one(args, portfolio_json(data))
    _print(data)
    return 0


def _print(data: dict[str, Any]) -> None:
    print(f"Capacity: {data['capacity_days_per_week']:g} days a week")
    print()
    headers = ["Week", "Starts", "Capacity", "Committed", "Free", "Logged", "Engagements"]
    print_table(headers, [_row(w) for w in data["weeks"]])


def _row(w: dict[str, Any]) -> list[object]:
    parts = ", ".join(f"#{e['id']} {e['committed_days']:g}" for e in w["engagements"])
    return [
        w["week"], w["start"], f"{w['capacity_days']:g}", f"{w['committed_days']:g}",
        f"{w['free_days']:g}", format_minutes(w["logged_minutes"]), parts,
    ]  # fmt: skip
