"""`fractional-desk changes add|list|show|export|accept|decline|withdraw`: change requests on an
engagement, priced from its terms, as a table or stable JSON; the change-request document; and
accepting one, which changes the engagement and writes the scope of work's next version."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

from desktop.commands.arguments import add_make_dirs, day_option, output_file
from desktop.commands.common import CommandError, open_db, print_table
from desktop.commands.output import command, emit_list, emit_one
from desktop.contracts.changes import ChangeJson, change_json
from exporters.errors import ExportError
from exporters.formatting import money
from storage.practice import Deliverable, Phase, engagements, load_profile
from storage.rules import clock, week_of
from storage.rules import money as amounts
from storage.scope import STATUS_LABELS, ChangeRequest, change_requests, signals

CLOSING = (
    ("decline", "declined", "the client declined it"),
    ("withdraw", "withdrawn", "you withdrew it"),
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("changes", help="change requests: add, list, accept, decline")
    actions = parser.add_subparsers(dest="action", required=True)
    _register_add(actions)
    listing = command(actions, "list", "the change requests, by engagement and number",
                      run_list, contract=ChangeJson)  # fmt: skip
    listing.add_argument("--engagement", type=int, metavar="ID", help="one engagement")
    listing.add_argument("--status", choices=change_requests.STATUSES)
    show = command(actions, "show", "one change request in full", run_show, contract=ChangeJson)
    show.add_argument("id", type=int, metavar="ID", help="the change request's id")
    out = command(actions, "export", "write the change-request document (.docx)", run_export,
                  writes=True)  # fmt: skip
    out.add_argument("id", type=int, metavar="ID", help="the change request's id")
    out.add_argument("--out", required=True, metavar="PATH")
    add_make_dirs(out)
    accept = command(actions, "accept",
                     "accept it: change the engagement and write the scope of work's next version",
                     run_accept, writes=True)  # fmt: skip
    accept.add_argument("id", type=int, metavar="ID", help="the change request's id")
    accept.add_argument("--out", required=True, metavar="PATH", help="the scope of work (.docx)")
    accept.add_argument("--date", help="the day it was accepted (default: today)")
    add_make_dirs(accept)
    for name, status, words in CLOSING:
        closing = command(actions, name, f"{words}: nothing about the engagement changes",
                          run_close, writes=True)  # fmt: skip
        closing.add_argument("id", type=int, metavar="ID", help="the change request's id")
        closing.add_argument("--date", help="the day (default: today)")
        closing.set_defaults(status=status)


def _register_add(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    add = command(actions, "add", "add a proposed change request; prints its id", run_add,
                  writes=True)  # fmt: skip
    add.add_argument("--engagement", type=int, required=True, metavar="ID")
    add.add_argument("--title", required=True)
    add.add_argument("--request", default="", help="the ask as the client put it")
    add.add_argument("--asked-by", default="")
    add.add_argument("--asked-on", help="the day it was asked (default: today)")
    add.add_argument("--extra-days", type=float, help="extra days a week, for --from to --to")
    add.add_argument("--from", dest="period_from", help="the first day of the extra days")
    add.add_argument("--to", dest="period_to", help="the last day of the extra days")
    add.add_argument("--one-off-days", type=float, help="a one-off number of days")
    add.add_argument("--deliverable", action="append", default=[], metavar="TITLE|ACCEPTANCE|DUE",
                     help="a deliverable added (repeat for more); acceptance and due are optional")  # fmt: skip
    add.add_argument("--phase", action="append", default=[], metavar="NAME|FROM|TO|GOALS",
                     help="a phase added, or changed when named like one (repeat for more)")  # fmt: skip
    add.add_argument("--price", help="a price set by hand, overriding the one from the terms")
    add.add_argument("--price-basis", default="", help="why that price (with --price)")
    add.add_argument("--from-signal", action="store_true",
                     help="fill the evidence from the engagement's signals this week")  # fmt: skip


def _parts(text: str, count: int) -> list[str]:
    parts = [p.strip() for p in text.split("|")]
    return parts + [""] * (count - len(parts))


def _date(option: str, text: str) -> dt.date | None:
    return day_option(option, text) if text else None


def _deliverable(text: str) -> Deliverable:
    title, acceptance, due = _parts(text, 3)[:3]
    return Deliverable(0, title, acceptance, _date("--deliverable", due))


def _phase(text: str) -> Phase:
    name, first, last, goals = _parts(text, 4)[:4]
    starts, ends = _date("--phase", first), _date("--phase", last)
    if starts is None or ends is None:
        raise CommandError("--phase: give NAME|FROM|TO, such as `Hiring|2026-04-01|2026-05-31`.")
    return Phase(0, name, starts, ends, goals)


def _evidence(args: argparse.Namespace, db: Database) -> str:
    if not args.from_signal:
        return ""
    e = engagements.get(db, args.engagement)
    week = week_of(clock.today(), load_profile(db).week_start)
    found = signals.flagged(signals.for_engagement(db, e, week))
    if not found:
        raise CommandError(f"Engagement {args.engagement} shows no signal of creep this week.")
    return "\n".join(line for s in found for line in (s.summary, *s.evidence))


def run_add(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        e = engagements.get(db, args.engagement)
        price = amounts.parse("price", args.price, e.currency) if args.price else None
        change = ChangeRequest(
            e.id or 0, args.title, _date("--asked-on", args.asked_on or "") or clock.today(),
            args.request, args.asked_by, args.extra_days,
            _date("--from", args.period_from or ""), _date("--to", args.period_to or ""),
            args.one_off_days, tuple(map(_deliverable, args.deliverable)),
            tuple(map(_phase, args.phase)), price or 0, args.price_basis,
            price is not None, evidence=_evidence(args, db),
        )  # fmt: skip
        made = change_requests.add(db, change)
    print(made.id)
    return 0


def _json(db: Database, c: ChangeRequest) -> ChangeJson:
    return change_json(c, engagements.get(db, c.engagement_id).currency)


def run_list(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        if args.engagement is not None:
            engagements.get(db, args.engagement)
            found = change_requests.list_for(db, args.engagement)
            found = [c for c in found if args.status in (None, c.status)]
        else:
            found = change_requests.list_all(db, args.status)
        rows = [_json(db, c) for c in found]
    if args.format != "table":
        return emit_list(args, rows, ())
    print_table(
        ["Id", "Engagement", "Number", "Title", "Asked on", "Days", "Price", "Status"],
        [
            [c["id"], c["engagement_id"], c["number"], c["title"], c["asked_on"],
             f"{c['effect']['days']:g}", money(c["price_minor"], c["currency"]),
             STATUS_LABELS[c["status"]]]
            for c in rows
        ],
    )  # fmt: skip
    return 0


def run_show(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        data = _json(db, change_requests.get(db, args.id))
    if args.format != "table":
        return emit_one(args, data)
    effect = data["effect"]
    print(f"Change request {data['number']}: {data['title']}  ({STATUS_LABELS[data['status']]})")
    for label, value in (
        ("Asked by", f"{data['asked_by'] or '-'} on {data['asked_on']}"),
        ("Request", data["request"] or "-"),
        ("Days added", f"{effect['days']:g}"),
        ("Price", f"{money(data['price_minor'], data['currency'])} ({data['price_basis']})"),
        ("Evidence", data["evidence"] or "-"),
    ):
        print(f"{label}: {value}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from exporters import change_request  # only this command pays for python-docx

    target = output_file("--out", args.out, make_dirs=args.make_dirs)
    with open_db(args) as db:
        change_requests.get(db, args.id)
        try:
            path = change_request.export(db, args.id, target)
        except ExportError as exc:
            raise CommandError(exc.message) from None
    print(f"Wrote {path}")
    return 0


def run_accept(args: argparse.Namespace) -> int:
    from exporters import change_request

    target = output_file("--out", args.out, make_dirs=args.make_dirs)
    with open_db(args) as db:
        change_requests.get(db, args.id)
        try:
            accepted, path = change_request.accept(
                db, args.id, target, day_option("--date", args.date)
            )
        except ExportError as exc:
            raise CommandError(f"{exc.message} Nothing was accepted.") from None
    print(f"Accepted {accepted.label}; wrote the scope of work's next version to {path}")
    return 0


def run_close(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        change_requests.get(db, args.id)
        closed = change_requests.close(db, args.id, args.status, day_option("--date", args.date))
    print(f"{closed.label}: {closed.status}; the engagement is unchanged")
    return 0
