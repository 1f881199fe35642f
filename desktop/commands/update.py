"""`fractional-desk update week --engagement ID [--date D] [--format md|json|csv]`: the week's client
update, drafted from the records, as Markdown or as JSON (each line with the records it came
from). `--sent` keeps it as sent that day, as the app's "Mark as sent" does."""

from __future__ import annotations

import argparse

from desktop.commands.arguments import day_option
from desktop.commands.common import CommandError, open_db
from desktop.commands.output import emit_one
from desktop.contracts.updates import UpdateJson, update_json
from storage.practice import load_profile
from storage.rules import ValidationError, clock, week_of
from storage.updates import draft_for, markdown, sent


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "update", help="the weekly client update, drafted from the week's records"
    )
    kinds = parser.add_subparsers(dest="update", required=True)
    week = kinds.add_parser("week", help="this week's update for one engagement, from its records")
    week.add_argument("--engagement", type=int, required=True, help="the engagement's id")
    week.add_argument("--date", help="any day of the week, such as 2026-04-02 (default: today)")
    week.add_argument("--format", choices=("md", "json", "csv"), default="md",
                      help="md (default: the update as Markdown), json or csv")  # fmt: skip
    week.add_argument(
        "--sent", action="store_true", help="keep it as sent today (ticks off the Friday nudge)"
    )
    week.set_defaults(func=run_week, contract=UpdateJson, writes=True)


def run_week(args: argparse.Namespace) -> int:
    day = day_option("--date", args.date) or clock.today()
    with open_db(args) as db:
        week = week_of(day, load_profile(db).week_start)
        update = draft_for(db, args.engagement, week)
        text = markdown(update)
        if args.sent:
            try:
                sent.keep(db, update, text, clock.today())
            except ValidationError as exc:
                raise CommandError(f"Not kept as sent: {exc.message}.") from None
        sent_on = sent.sent_in_week(db, week.start).get(args.engagement)
    if args.format != "md":
        return emit_one(args, update_json(update, text, sent_on.isoformat() if sent_on else None))
    print(text, end="")
    return 0
