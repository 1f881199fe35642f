"""`fractional-desk engagements list`: every engagement, as a table or stable JSON."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.common import add_format_option, open_db, print_json, print_table
from storage import engagements
from storage.engagements import Engagement


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("engagements", help="list engagements")
    actions = parser.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="print every engagement")
    add_format_option(listing)
    listing.set_defaults(func=run_list)


def as_json(e: Engagement) -> dict[str, Any]:
    """The stable JSON shape scripts rely on: never rename these keys."""
    return {
        "id": e.id,
        "client": e.client_name,
        "title": e.title,
        "role": e.role,
        "status": e.status,
        "start_date": e.start_date.isoformat(),
        "planned_end_date": e.planned_end_date.isoformat() if e.planned_end_date else None,
        "days_per_week": e.days_per_week,
        "hours_per_day": e.hours_per_day,
        "target_split": e.target_split,
        "billing_model": e.billing_model,
        "fee_minor": e.fee_minor,
        "currency": e.currency,
    }


def run_list(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        rows = engagements.list_all(db)
    if args.format == "json":
        print_json([as_json(e) for e in rows])
        return 0
    print_table(
        ["ID", "Client", "Title", "Status", "Start", "Planned end", "Days/wk"],
        [
            [
                e.id,
                e.client_name,
                e.title,
                e.status,
                e.start_date,
                e.planned_end_date or "",
                e.days_per_week,
            ]
            for e in rows
        ],
    )
    return 0
