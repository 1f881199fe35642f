"""`fractional-desk invoice create|list|mark|show`: the month's invoices and their status.

`create` makes a draft from the month report for one client (one currency: `--currency` when
the client bills in two), prints its number and writes the .docx with `--out`. `mark` moves it
on: sent, paid or void. A refusal (nothing to bill, already invoiced, a wrong move) exits 1.
"""

from __future__ import annotations

import argparse
from typing import Any

from desktop.commands.arguments import add_make_dirs, day_type, month_option, output_file
from desktop.commands.common import (
    CommandError,
    add_format_option,
    open_db,
    print_table,
)
from desktop.commands.output import emit_list
from desktop.commands.refusals import not_found
from desktop.contracts.invoices import InvoiceJson, invoice_json
from exporters.errors import ExportError
from exporters.formatting import money
from storage.billing import Invoice, invoices
from storage.practice import clients
from storage.rules import NotFoundError, ValidationError, today


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("invoice", help="invoices: create, list, mark sent or paid")
    actions = parser.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="a draft invoice for a client's month")
    create.add_argument("--client", type=int, required=True, metavar="ID")
    create.add_argument("--month", required=True, help="a month such as 2026-11")
    create.add_argument("--currency", help="which currency, when the client bills in two")
    create.add_argument("--date", type=day_type, metavar="YYYY-MM-DD",
                        help="the issue date (default: today)")  # fmt: skip
    create.add_argument("--out", metavar="PATH", help="also write the invoice as .docx")
    add_make_dirs(create)
    create.set_defaults(func=run_create)
    listed = actions.add_parser("list", help="invoices with their status and overdue flag")
    listed.add_argument("--status", choices=invoices.STATUSES)
    listed.add_argument("--client", type=int, metavar="ID")
    add_format_option(listed, InvoiceJson)
    listed.set_defaults(func=run_list)
    mark = actions.add_parser("mark", help="mark an invoice sent, paid or void")
    mark.add_argument("--number", required=True, metavar="N")
    mark.add_argument("--status", required=True, choices=("sent", "paid", "void"))
    mark.add_argument("--date", type=day_type, metavar="YYYY-MM-DD", help="default: today")
    mark.set_defaults(func=run_mark)
    show = actions.add_parser("show", help="write an invoice as .docx")
    show.add_argument("--number", required=True, metavar="N")
    show.add_argument("--out", required=True, metavar="PATH")
    add_make_dirs(show)
    show.set_defaults(func=run_show)


def _docx_out(given: str | None, make_dirs: bool = False) -> Any:
    if given is None:
        return None
    out = output_file("--out", given, make_dirs=make_dirs)
    if out.suffix.lower() != ".docx":
        raise CommandError("An invoice is written as .docx: give --out a name ending in .docx.")
    return out


def run_create(args: argparse.Namespace) -> int:
    month = month_option("--month", args.month)
    if month is None:
        raise CommandError("--month: give a month such as 2026-11.")
    out = _docx_out(args.out, args.make_dirs)
    with open_db(args) as db:
        _check_client(db, args.client)
        try:
            made = invoices.create_for_month(db, args.client, month, args.date, args.currency)
        except ValidationError as exc:
            raise CommandError(f"No invoice was made: {exc.message}.") from None
        print(made.number)
        if out is not None:
            print(_write(db, made.number, out))
    return 0


def _check_client(db: Any, client_id: int | None) -> None:
    if client_id is None:
        return
    try:
        clients.get(db, client_id)
    except NotFoundError:
        raise CommandError(not_found("client", client_id)) from None


def _write(db: Any, number: str, out: Any) -> Any:
    from exporters import invoice as invoice_document  # python-docx only when writing

    try:
        return invoice_document.export(db, number, out)
    except ExportError as exc:
        raise CommandError(exc.message) from None


def run_list(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        _check_client(db, args.client)
        found = invoices.list_invoices(db, args.status, args.client)
    day = today()
    if args.format != "table":
        return emit_list(args, [invoice_json(i, day) for i in found], ())
    if not found:
        print("No invoices.")
        return 0
    print_table(
        ["Number", "Client", "Month", "Issued", "Due", "Total", "Status", "Overdue"],
        [_row(i, day) for i in found],
    )
    return 0


def _row(i: Invoice, day: Any) -> list[str]:
    status = invoices.STATUS_LABELS[i.status]
    if i.status_on:
        status += f" {i.status_on.isoformat()}"
    overdue = "overdue" if invoices.is_overdue(i, day) else ""
    return [i.number, i.client_name, i.month, i.issued_on.isoformat(), i.due_on.isoformat(),
            money(i.total_minor, i.currency), status, overdue]  # fmt: skip


def run_mark(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        try:
            done = invoices.mark(db, args.number, args.status, args.date)
        except ValidationError as exc:
            raise CommandError(f"Nothing was changed: {exc.message}.") from None
    print(f"{done.number}: {done.status} on {done.status_on}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    out = _docx_out(args.out, args.make_dirs)
    with open_db(args) as db:
        try:
            invoices.get_by_number(db, args.number)
        except ValidationError as exc:
            raise CommandError(f"{exc.message.capitalize()}.") from None
        print(_write(db, args.number, out))
    return 0
