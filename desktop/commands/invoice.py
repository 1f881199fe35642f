"""`fractional-desk invoice create|list|mark|show|credit|pay|remind`: the month's invoices,
their status, what is owed on them, and the credit notes that correct them.

`create` makes a draft from the month report for one client (one currency: `--currency` when
the client bills in two), prints its number and writes the .docx with `--out`: the draft and the
document are one step, so a document that cannot be written leaves no draft (and no number used).
`mark` moves it on: sent or paid, or a draft to void. `credit` issues a credit note for a sent
invoice (all of it or `--line` ones), `pay` records a payment, `remind` drafts a reminder for an
overdue one. `list --unpaid` lists what is owed, with its days overdue and age band. A refusal
(nothing to bill, already invoiced, a wrong move, a bad amount or day) exits 1.

Each JSON shape is declared as a TypedDict in `desktop.contracts.invoices`.
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
from desktop.commands.output import emit_list, emit_one
from desktop.commands.refusals import not_found
from desktop.contracts.invoices import (
    CreditNoteJson,
    InvoiceJson,
    PaymentJson,
    credit_note_json,
    invoice_json,
    payment_json,
    unpaid_json,
)
from exporters.errors import ExportError
from exporters.formatting import money
from storage.billing import Invoice, credit_notes, invoices, payments, receivables, reminders
from storage.practice import clients
from storage.rules import NotFoundError, ValidationError, clock, today
from storage.rules import money as money_rules


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
    create.set_defaults(func=run_create, writes=True)
    listed = actions.add_parser("list", help="invoices with their status and overdue flag")
    listed.add_argument("--status", choices=invoices.STATUSES)
    listed.add_argument("--client", type=int, metavar="ID")
    listed.add_argument("--unpaid", action="store_true",
                        help="only what is owed, with days overdue and the age band")  # fmt: skip
    add_format_option(listed, InvoiceJson)
    listed.set_defaults(func=run_list)
    mark = actions.add_parser("mark", help="mark an invoice sent, paid or void")
    mark.add_argument("--number", required=True, metavar="N")
    mark.add_argument("--status", required=True, choices=("sent", "paid", "void"),
                      help="void is for a draft only: a sent invoice takes a credit note")  # fmt: skip
    mark.add_argument("--date", type=day_type, metavar="YYYY-MM-DD", help="default: today")
    mark.set_defaults(func=run_mark, writes=True)
    show = actions.add_parser("show", help="write an invoice as .docx")
    show.add_argument("--number", required=True, metavar="N")
    show.add_argument("--out", required=True, metavar="PATH")
    add_make_dirs(show)
    show.set_defaults(func=run_show)
    credit = actions.add_parser("credit", help="issue a credit note for a sent invoice")
    credit.add_argument("--number", required=True, metavar="N", help="the invoice")
    credit.add_argument("--line", type=int, action="append", default=[], metavar="ID",
                        help="credit only this line (repeat for more; default: all)")  # fmt: skip
    credit.add_argument("--reason", default="", help="printed on the credit note")
    credit.add_argument("--date", type=day_type, metavar="YYYY-MM-DD", help="default: today")
    credit.add_argument("--out", metavar="PATH", help="also write the credit note as .docx")
    add_make_dirs(credit)
    add_format_option(credit, CreditNoteJson)
    credit.set_defaults(func=run_credit, writes=True)
    pay = actions.add_parser("pay", help="record a payment against a sent invoice")
    pay.add_argument("--number", required=True, metavar="N")
    pay.add_argument("--amount", required=True, help="in the invoice's currency, e.g. 1250.50")
    pay.add_argument("--date", type=day_type, metavar="YYYY-MM-DD", help="default: today")
    add_format_option(pay, PaymentJson)
    pay.set_defaults(func=run_pay, writes=True)
    remind = actions.add_parser("remind", help="draft a reminder for an overdue invoice")
    remind.add_argument("--number", required=True, metavar="N")
    remind.add_argument("--no-interest", action="store_true", help="claim no late interest")
    remind.add_argument("--no-compensation", action="store_true",
                        help="claim no fixed compensation")  # fmt: skip
    remind.add_argument("--out", metavar="PATH", help="write it as .docx (default: print it)")
    add_make_dirs(remind)
    remind.set_defaults(func=run_remind, writes=True)


def _docx_out(given: str | None, make_dirs: bool = False, what: str = "An invoice") -> Any:
    if given is None:
        return None
    out = output_file("--out", given, make_dirs=make_dirs)
    if out.suffix.lower() != ".docx":
        raise CommandError(f"{what} is written as .docx: give --out a name ending in .docx.")
    return out


def run_create(args: argparse.Namespace) -> int:
    month = month_option("--month", args.month)
    if month is None:
        raise CommandError("--month: give a month such as 2026-11.")
    out = _docx_out(args.out, args.make_dirs)
    with open_db(args) as db:
        _check_client(db, args.client)
        try:
            with db.atomic():  # the draft and its document: both or neither
                made = invoices.create_for_month(db, args.client, month, args.date, args.currency)
                written = _write(db, made.number, out) if out is not None else None
        except ValidationError as exc:
            raise CommandError(f"No invoice was made: {exc.message}.") from None
        except CommandError as exc:
            raise CommandError(f"No invoice was made: {exc}") from None
        print(made.number)
        if written is not None:
            print(written)
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
    if args.unpaid:
        return _list_unpaid(args)
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


def _list_unpaid(args: argparse.Namespace) -> int:
    day = clock.today()
    with open_db(args) as db:
        _check_client(db, args.client)
        found = receivables.unpaid(db, args.client, day)
    if args.format != "table":
        return emit_list(args, [unpaid_json(r, day) for r in found], ())
    if not found:
        print("Nothing is owed.")
        return 0
    print_table(
        ["Number", "Client", "Due", "Owed", "Days overdue", "Age"],
        [[r.invoice.number, r.invoice.client_name, r.invoice.due_on.isoformat(), str(r.balance),
          str(r.days_overdue), r.ageing] for r in found],
    )  # fmt: skip
    for code, sums in receivables.totals(found).items():
        bands = ", ".join(f"{b}: {money(sums[b], code)}" for b in receivables.BANDS)
        print(f"Total {code}: {money(sums['total'], code)} ({bands})")
    return 0


def _row(i: Invoice, day: Any) -> list[str]:
    status = i.status_label
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


def run_credit(args: argparse.Namespace) -> int:
    out = _docx_out(args.out, args.make_dirs, "A credit note")
    with open_db(args) as db:
        try:
            with db.atomic():  # the credit note and its document: both or neither
                note = credit_notes.issue(db, args.number, args.line, args.date, args.reason)
                written = _write_credit_note(db, note.number, out) if out is not None else None
        except ValidationError as exc:
            raise CommandError(f"No credit note was issued: {exc.message}.") from None
    if args.format != "table":
        return emit_one(args, credit_note_json(note))
    print(f"{note.number}: credits {money(note.total_minor, note.currency)} of invoice "
          f"{note.invoice_number}")  # fmt: skip
    if written is not None:
        print(written)
    return 0


def _write_credit_note(db: Any, number: str, out: Any) -> Any:
    from exporters import credit_note  # python-docx only when writing

    try:
        return credit_note.export(db, number, out)
    except ExportError as exc:
        raise CommandError(exc.message) from None


def run_pay(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        try:
            invoice = invoices.get_by_number(db, args.number)
            amount = money_rules.parse("amount", args.amount, invoice.currency, required=True) or 0
            day = args.date or clock.today()
            after = payments.record(db, invoice.number, amount, day)
        except ValidationError as exc:
            raise CommandError(f"No payment was recorded: {exc.message}.") from None
    if args.format != "table":
        return emit_one(args, payment_json(after, amount, day))
    owed = money(after.balance_minor, after.currency)
    print(f"{after.number}: {money(amount, after.currency)} paid on {day.isoformat()}; "
          + ("paid in full" if after.status == "paid" else f"{owed} still owed"))  # fmt: skip
    return 0


def run_remind(args: argparse.Namespace) -> int:
    out = _docx_out(args.out, args.make_dirs, "A reminder")
    with open_db(args) as db:
        try:
            reminder = reminders.draft(db, args.number, claim_interest=not args.no_interest,
                                       claim_compensation=not args.no_compensation)  # fmt: skip
        except ValidationError as exc:
            raise CommandError(f"No reminder was drafted: {exc.message}.") from None
        if out is None:
            print(reminder.text, end="")
            return 0
        from exporters import reminder as reminder_document  # python-docx only when writing

        try:
            print(reminder_document.export(db, reminder, out))
        except ExportError as exc:
            raise CommandError(exc.message) from None
    return 0
