"""`fractional-desk exit review --engagement ID`: the exit-readiness review, as a table or JSON."""

from __future__ import annotations

import argparse

from desktop.commands.common import (
    CommandError,
    add_format_option,
    open_db,
    print_json,
    print_table,
)
from storage.exit_plan import Review, readiness
from storage.rules import NotFoundError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("exit", help="the exit plan and the exit-readiness review")
    actions = parser.add_subparsers(dest="action", required=True)
    review = actions.add_parser("review", help="print an engagement's exit-readiness review")
    review.add_argument("--engagement", type=int, required=True, metavar="ID")
    add_format_option(review)
    review.set_defaults(func=run_review)


def run_review(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        try:
            result = readiness.review(db, args.engagement)
        except NotFoundError:
            raise CommandError(
                f"There is no engagement {args.engagement} "
                "(fractional-desk engagements list shows them)."
            ) from None
    if args.format == "json":
        print_json(result.as_json())
    else:
        print_review(result)
    return 0


def print_review(result: Review) -> None:
    days = "no planned end date" if result.days_left is None else f"{result.days_left} days left"
    finish = result.projected_finish.isoformat() if result.projected_finish else "no pace yet"
    print(f"Engagement {result.engagement_id}: {result.score}/100, {result.verdict}")
    print(f"{days}; projected finish: {finish}")
    print(readiness.THRESHOLDS_TEXT)
    print()
    print_table(
        ["Check", "Result", "Detail"],
        [[c.label, "pass" if c.passed else "FAIL", c.detail] for c in result.checks],
    )
