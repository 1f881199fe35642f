"""The statement of account for a client: the opening balance, the invoices, credit notes and
payments in date order with the running balance, the closing balance and what is overdue, one
section per currency.

Written as a Word document or as CSV (UTF-8 with a byte-order mark, formula-like cells escaped).
The closing balance is the opening balance plus the debits less the credits of the lines shown.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from sqlite_utils import Database

from exporters import docx_common as common
from exporters.atomic_write import write_bytes
from exporters.formatting import long_date, money, short_date
from exporters.timesheet import escape_cell
from storage.billing import AccountStatement, account
from storage.practice import clients, settings
from storage.rules import Money

TITLE = "Statement of account"
CSV_HEADERS = ("date", "type", "reference", "description", "debit", "credit", "balance",
               "currency")  # fmt: skip
KIND_LABELS = {"invoice": "Invoice", "credit_note": "Credit note", "payment": "Payment"}


def load(
    db: Database, client_id: int, start: dt.date | None = None, end: dt.date | None = None
) -> list[AccountStatement]:
    """One statement per currency the client was invoiced in."""
    clients.get(db, client_id)
    return [
        account.statement(db, client_id, code, start, end)
        for code in account.currencies(db, client_id)
    ]


def export(
    db: Database,
    client_id: int,
    target: Path,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Path:
    """A .csv target gets CSV; anything else gets a Word document."""
    found = load(db, client_id, start, end)
    if Path(target).suffix.lower() == ".csv":
        return write_bytes(target, to_csv(found))
    return common.save(build(db, client_id, found, settings.load_profile(db), end), target)


def _plain(minor: int, currency: str) -> str:
    return Money(minor, currency).plain()


def to_csv(found: list[AccountStatement]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    for s in found:
        code = s.currency
        day = s.start.isoformat() if s.start else ""
        writer.writerow([day, "opening", "", "Opening balance", "", "",
                         _plain(s.opening_minor, code), code])  # fmt: skip
        for e in s.entries:
            cells = [e.day.isoformat(), e.kind, e.reference, e.description,
                     _plain(e.debit_minor, code) if e.debit_minor else "",
                     _plain(e.credit_minor, code) if e.credit_minor else "",
                     _plain(e.balance_minor, code), code]  # fmt: skip
            writer.writerow([escape_cell(c) for c in cells])
        writer.writerow([s.end.isoformat(), "closing", "", "Closing balance", "", "",
                         _plain(s.closing_minor, code), code])  # fmt: skip
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def build(
    db: Database,
    client_id: int,
    found: list[AccountStatement],
    profile: settings.Profile,
    end: dt.date | None,
) -> common.Document:
    client = clients.get(db, client_id)
    last = found[0].end if found else (end or dt.date.today())
    document = common.new_document(
        common.DocumentInfo(
            title=f"{TITLE}: {client.name}",
            subject=f"As of {long_date(last)}",
            client=client.name,
            profile=profile,
            created=dt.datetime.combine(last, dt.time(9)),
        )
    )
    common.paragraph(document, TITLE, style="Title")
    common.paragraph(
        document,
        f"{client.legal_name or client.name}, as of {long_date(last)}, from "
        f"{common.consultant(profile)}",
        style="Subtitle",
    )
    if not found:
        common.paragraph(document, "No invoice has been sent to this client.")
    for s in found:
        _section(document, s)
    return document


def _section(document: common.Document, s: AccountStatement) -> None:
    code = s.currency
    common.heading(document, f"Account in {code}")
    since = f"Opening balance on {short_date(s.start)}" if s.start else "Opening balance"
    rows = [["", since, "", "", money(s.opening_minor, code)]]
    for e in s.entries:
        rows.append([
            short_date(e.day), e.description,
            money(e.debit_minor, code) if e.debit_minor else "",
            money(e.credit_minor, code) if e.credit_minor else "",
            money(e.balance_minor, code),
        ])  # fmt: skip
    rows.append(["", "Balance due", "", "", money(s.closing_minor, code)])
    common.table(document, ("Date", "Item", "Debit", "Credit", "Balance"), rows,
                 numeric=(2, 3, 4), widths=(2.9, 6.2, 2.5, 2.5, 2.6),
                 bold_last=True)  # fmt: skip
    if not s.overdue:
        common.paragraph(document, "Nothing is overdue.")
        return
    common.heading(document, "Overdue", level=2)
    common.table(
        document,
        ("Invoice", "Due", "Days overdue", "Owed"),
        [[r.invoice.number, short_date(r.invoice.due_on), str(r.days_overdue),
          money(r.invoice.balance_minor, code)] for r in s.overdue],
        numeric=(2, 3),
        widths=(4.0, 4.0, 3.2, 5.2),
    )  # fmt: skip
