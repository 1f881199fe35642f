"""`fractional-desk report week` and `report month`: a week's minutes per engagement, bucket and
day with the split; a month's time, days, commitment and amounts per client and engagement."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from desktop.commands.arguments import day_option, month_option, week_option
from desktop.commands.common import (
    CommandError,
    add_format_option,
    open_db,
    print_table,
)
from desktop.commands.output import emit_one
from desktop.commands.refusals import not_found
from desktop.contracts.reports import (
    MonthReportJson,
    WeekReportJson,
    month_report_json,
    week_report_json,
)
from storage import (
    billing,  # its month report loads for `report month` only
    practice,  # its clients load for `report month --client` only
)
from storage.practice import engagements, stored_week_start
from storage.rules import (
    BILLING_MODELS,
    BUCKETS,
    NotFoundError,
    Week,
    format_minutes,
    today,
    week_of,
)
from storage.scope import signals
from storage.time import committed_words, report

if TYPE_CHECKING:
    from sqlite_utils import Database


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("report", help="reports on logged time")
    kinds = parser.add_subparsers(dest="report", required=True)
    week = kinds.add_parser("week", help="one week: minutes per engagement, bucket and day")
    which = week.add_mutually_exclusive_group()
    which.add_argument("--week", help="an ISO week such as 2026-W14 (default: this week)")
    which.add_argument("--date", help="any day of the week, such as 2026-04-02")
    week.add_argument("--engagement", type=int, help="only this engagement (its id)")
    add_format_option(week, WeekReportJson)
    week.set_defaults(func=run_week)
    month = kinds.add_parser("month", help="one month: time, days and amounts per engagement")
    month.add_argument("--month", help="a month such as 2026-11 (default: this month)")
    month.add_argument("--client", type=int, help="only this client (its id)")
    add_format_option(month, MonthReportJson)
    month.set_defaults(func=run_month)


def run_week(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        week = _chosen_week(args, stored_week_start(db))
        try:
            data = report(db, week, args.engagement)
        except NotFoundError as exc:
            raise CommandError(not_found("engagement", args.engagement)) from exc
        _add_signals(db, week, data)
    if args.format != "table":
        return emit_one(args, week_report_json(data))
    _print_report(data, week)
    return 0


def _add_signals(db: Database, week: Week, data: dict[str, Any]) -> None:
    """Each engagement's signals of scope creep (`storage.scope.signals`), with their evidence."""
    shown = [engagements.get(db, item["id"]) for item in data["engagements"]]
    found = signals.for_engagements(db, shown, week)
    for item in data["engagements"]:
        item["signals"] = [s.as_json() for s in found if s.engagement_id == item["id"]]


def _chosen_week(args: argparse.Namespace, week_start: str) -> Week:
    chosen = week_option("--week", args.week, week_start)
    day = day_option("--date", args.date)
    return chosen or week_of(day or today(), week_start)


def _print_report(data: dict[str, Any], week: Week) -> None:
    print(f"{week.heading}  ({data['week']})")
    print()
    days = week.days
    headers = ["Engagement", "Bucket", *[f"{d:%a} {d.day}" for d in days], "Total"]
    table = []
    for item in data["engagements"]:
        for bucket in BUCKETS:
            per_day = [item["minutes"][bucket].get(d.isoformat(), 0) for d in days]
            label = f"{item['client']} · {item['title']}" if bucket == BUCKETS[0] else ""
            table.append(
                [label, bucket, *map(format_minutes, per_day), format_minutes(sum(per_day))]
            )
    print_table(headers, table)
    print()
    print_table(
        [
            "Engagement",
            "Logged to today",
            committed_words(week).capitalize(),
            "For the week",
            "Standing",
            "Target split",
            "Actual split",
        ],
        [
            [
                f"{item['client']} · {item['title']}",
                format_minutes(item["so_far_minutes"]) or "0:00",
                format_minutes(item["committed_minutes"]) or "0:00",
                format_minutes(item["week_committed_minutes"]) or "0:00",
                item["standing"] or "-",
                _split(item["target_split"]),
                _split(item["actual_split"]),
            ]
            for item in data["engagements"]
        ],
    )
    print()
    print(f"Total: {format_minutes(data['total_minutes']) or '0:00'}")
    _print_signals(data)


def _print_signals(data: dict[str, Any]) -> None:
    for item in data["engagements"]:
        for signal in item["signals"]:
            kind = "Suggestion" if signal["suggestion"] else "Signal"
            print(f"{kind} · {item['client']} · {item['title']}: {signal['summary']}")
            for line in signal["evidence"]:
                print(f"    {line}")


def _split(split: dict[str, int]) -> str:
    return " / ".join(f"{split[b]}" for b in BUCKETS) + " %"


def run_month(args: argparse.Namespace) -> int:
    from storage.rules import month_of  # the months' calendar loads for a month's report only

    chosen = month_option("--month", args.month) or month_of(today())
    with open_db(args) as db:
        if args.client is not None:
            try:
                practice.clients.get(db, args.client)
            except NotFoundError as exc:
                raise CommandError(not_found("client", args.client)) from exc
        data = billing.report(db, chosen, args.client)
    if args.format != "table":
        return emit_one(args, month_report_json(data))
    _print_month(data)
    return 0


MONTH_HEADERS = [
    "Client", "Engagement", "Billing", "Strategy", "Team", "Leadership", "Total",
    "Days", "Day-eq.", "Committed days", "Amount", "Flags",
]  # fmt: skip


def _print_month(data: dict[str, Any]) -> None:
    from exporters.formatting import money  # the money type loads for a month's table only

    print(f"{data['month']}  ({data['start']} to {data['end']})")
    print()
    table = [
        _month_row(client["name"] if i == 0 else "", item)
        for client in data["clients"]
        for i, item in enumerate(client["engagements"])
    ]
    print_table(MONTH_HEADERS, table)
    print()
    for currency, sums in data["totals"].items():
        hours = format_minutes(sums["total_minutes"]) or "0:00"
        print(f"Total {currency}: {money(sums['amount_minor'], currency)}  ({hours})")
    left = data.get("uninvoiced", [])
    if left:
        print()
        print("To invoice:")
        for item in left:
            due = f" (instalment due {', '.join(item['due_on'])})" if item["due_on"] else ""
            amount = money(item["amount_minor"], item["currency"])
            print(f"  {item['client']} · {item['title']}: {amount}{due}")


def _month_row(client: str, item: dict[str, Any]) -> list[str]:
    from exporters.formatting import money

    amount = item["amount_minor"]
    return [
        client,
        item["title"],
        BILLING_MODELS.get(item["billing_model"], item["billing_model"]),
        *[format_minutes(item["minutes"][b]) or "0:00" for b in BUCKETS],
        format_minutes(item["total_minutes"]) or "0:00",
        str(item["days_worked"]),
        f"{item['day_equivalents']:g}",
        f"{item['committed_days']:g}",
        item["note"] if amount is None else money(amount, item["currency"]),
        ", ".join(item["flags"]),
    ]
