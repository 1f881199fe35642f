"""Credit notes: how a sent invoice is cancelled or corrected.

A credit note has its own number in its own series (`CN-{year}-{number:04d}` by default), refers
to one sent invoice, and credits the whole of what it still owes or chosen lines of it. It is
issued in one step (made, its lines written, sealed with the hash of its content), and is never
changed afterwards: the triggers of `storage.file.schema.money` hold it as they hold a sent
invoice. Its tax follows the invoice's rate; the credit note that completes an invoice's lines
takes exactly the tax left, so an invoice credited in parts nets to nothing, to the penny.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.billing import invoice_numbers, invoices
from storage.billing.invoices import Invoice
from storage.file import rows, seals
from storage.file.schema.sealed import HASH_COLUMN
from storage.file.schema.unit_prices import CREDIT_NOTE
from storage.rules import clock
from storage.rules import validation as v
from storage.rules.errors import ValidationError
from storage.rules.money import Money

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class CreditNoteLine:
    description: str
    amount_minor: int
    invoice_line_id: int | None = None
    position: int = 0
    id: int | None = None
    # the credited invoice line's, when it is credited in full and has them; else None
    quantity: str | None = None
    unit: str | None = None
    unit_price_minor: int | None = None


@dataclass(frozen=True)
class CreditNote:
    number: str
    invoice_id: int
    invoice_number: str
    client_id: int
    currency: str
    issued_on: dt.date
    reason: str
    tax_rate_bp: int
    subtotal_minor: int
    tax_minor: int
    total_minor: int
    seller: dict[str, str]
    buyer: dict[str, str]
    lines: tuple[CreditNoteLine, ...] = ()
    client_name: str = ""
    id: int | None = None


_SELECT = (
    "SELECT n.*, i.number AS invoice_number, c.name AS client_name FROM credit_note n "
    "JOIN invoice i ON i.id = n.invoice_id JOIN client c ON c.id = n.client_id"
)
_SKIP = ("status", "created_at", HASH_COLUMN)


def _from_row(db: Database, row: dict[str, Any]) -> CreditNote:
    values = {k: x for k, x in row.items() if k not in _SKIP}
    values["issued_on"] = dt.date.fromisoformat(values["issued_on"])
    for key in ("seller", "buyer"):
        values[key] = {str(k): str(x) for k, x in json.loads(values[key] or "{}").items()}
    sql = "SELECT * FROM credit_note_line WHERE credit_note_id = ? ORDER BY position, id"
    found = [
        CreditNoteLine(r["description"], r["amount_minor"], r["invoice_line_id"], r["position"],
                       r["id"], r["quantity"], r["unit"], r["unit_price_minor"])
        for r in db.query(sql, [row["id"]])
    ]  # fmt: skip
    return CreditNote(**values, lines=tuple(found))


def list_notes(
    db: Database, invoice_id: int | None = None, client_id: int | None = None
) -> list[CreditNote]:
    """Issued credit notes, oldest first: of one invoice or one client when given."""
    where, params = ["n.status = 'issued'"], []
    if invoice_id is not None:
        where.append("n.invoice_id = ?")
        params.append(invoice_id)
    if client_id is not None:
        where.append("n.client_id = ?")
        params.append(client_id)
    sql = f"{_SELECT} WHERE {' AND '.join(where)} ORDER BY n.issued_on, n.id"
    return [_from_row(db, r) for r in db.query(sql, params)]


def get_by_number(db: Database, number: str) -> CreditNote:
    found = list(db.query(f"{_SELECT} WHERE n.number = ?", [str(number).strip()]))
    if not found:
        raise ValidationError("number", f"there is no credit note {number}")
    return _from_row(db, found[0])


def credited_by_line(db: Database, invoice_id: int) -> dict[int, int]:
    """What issued credit notes have credited of each of the invoice's lines (by line id)."""
    sql = (
        "SELECT l.invoice_line_id, sum(l.amount_minor) FROM credit_note_line l "
        "JOIN credit_note n ON n.id = l.credit_note_id WHERE n.invoice_id = ? "
        "AND n.status = 'issued' AND l.invoice_line_id IS NOT NULL GROUP BY l.invoice_line_id"
    )
    return {int(a): int(b) for a, b in db.execute(sql, [invoice_id]).fetchall()}


def _lines(db: Database, invoice: Invoice, line_ids: Sequence[int]) -> list[CreditNoteLine]:
    """The lines to credit: each chosen line's amount not yet credited (every line when none
    is chosen); refused when a chosen line is not the invoice's or is credited already."""
    done = credited_by_line(db, invoice.id or 0)
    own = {x.id: x for x in invoice.lines}
    chosen = list(dict.fromkeys(line_ids)) or [x.id or 0 for x in invoice.lines]
    found: list[CreditNoteLine] = []
    for line_id in chosen:
        line = own.get(line_id)
        if line is None:
            raise ValidationError("line", f"invoice {invoice.number} has no line {line_id}")
        left = line.amount_minor - done.get(line_id or 0, 0)
        if left <= 0 and line_ids:
            raise ValidationError("line", f"line {line_id} of {invoice.number} is credited already")
        if left > 0:
            found.append(_line(line, left, len(found)))
    if not found:
        raise ValidationError("number", f"invoice {invoice.number} is credited in full already")
    return found


def _line(line: invoices.InvoiceLine, left: int, position: int) -> CreditNoteLine:
    """The credit of what is left of an invoice line: in full, with its quantity, unit and unit
    price when it has them; otherwise with its quantity in the description, as before."""
    if left == line.amount_minor and line.unit is not None:
        return CreditNoteLine(line.description, left, line.id, position, None, line.quantity,
                              line.unit, line.unit_price_minor)  # fmt: skip
    text = f"{line.description} ({line.quantity})" if line.quantity else line.description
    return CreditNoteLine(text, left, line.id, position)


def _tax(db: Database, invoice: Invoice, subtotal: int) -> int:
    """The invoice's rate on the subtotal; the tax left when this completes the invoice."""
    credited = list_notes(db, invoice_id=invoice.id)
    before = sum(n.subtotal_minor for n in credited)
    if before + subtotal >= invoice.subtotal_minor:
        return invoice.tax_minor - sum(n.tax_minor for n in credited)
    return invoices.tax(subtotal, invoice.tax_rate_bp)


def _check_day(db: Database, invoice: Invoice, day: str) -> None:
    if invoice.sent_on and day < invoice.sent_on.isoformat():
        raise ValidationError(
            "date", f"must not be before {invoice.sent_on.isoformat()}, when it was sent"
        )
    where, params = invoice_numbers.same_series(db, int(day[:4]), invoice_numbers.CREDIT_NOTES)
    last = db.execute(
        f"SELECT max(issued_on), number FROM credit_note WHERE {where}", params
    ).fetchone()
    if last and last[0] and last[0] > day:
        raise ValidationError(
            "date", f"must not be before {last[0]}, when credit note {last[1]} was issued"
        )


def issue(
    db: Database,
    invoice_number: str,
    line_ids: Sequence[int] = (),
    on: dt.date | None = None,
    reason: str = "",
) -> CreditNote:
    """Issue a credit note against a sent invoice: for what it still owes, or chosen lines.

    Refused, before anything is written, for an invoice not sent (a draft is voided instead),
    a line credited already, a credit over what the invoice still owes, or a day out of order
    or in the future."""
    day = invoices.not_in_future("date", on or clock.today())
    note = v.line_text("reason", reason, max_len=500)
    with db.atomic():
        invoice = invoices.get_by_number(db, invoice_number)
        if invoice.status == "draft":
            raise ValidationError(
                "number", f"invoice {invoice.number} is a draft: void or change it instead"
            )
        if invoice.status != "sent":
            done = "paid" if invoice.status == "paid" else "void"
            raise ValidationError(
                "number", f"invoice {invoice.number} is {done}: nothing to credit"
            )
        lines = _lines(db, invoice, line_ids)
        subtotal = sum(x.amount_minor for x in lines)
        total = subtotal + _tax(db, invoice, subtotal)
        if total > invoice.balance_minor:
            raise ValidationError(
                "amount",
                f"the credit ({Money(total, invoice.currency)}) is over what invoice "
                f"{invoice.number} still owes ({Money(invoice.balance_minor, invoice.currency)})",
            )
        _check_day(db, invoice, day)
        note_id = _write(db, invoice, lines, day, note, subtotal, total)
        invoices.settle(db, invoice.number, dt.date.fromisoformat(day))
    return _from_row(db, next(iter(db.query(f"{_SELECT} WHERE n.id = ?", [note_id]))))


def _write(
    db: Database,
    invoice: Invoice,
    lines: Sequence[CreditNoteLine],
    day: str,
    reason: str,
    subtotal: int,
    total: int,
) -> int:
    row = {
        "number": invoice_numbers.take(db, int(day[:4]), invoice_numbers.CREDIT_NOTES),
        "invoice_id": invoice.id,
        "client_id": invoice.client_id,
        "currency": invoice.currency,
        "issued_on": day,
        "reason": reason or f"Cancels invoice {invoice.number}",
        "tax_rate_bp": invoice.tax_rate_bp,
        "subtotal_minor": subtotal,
        "tax_minor": total - subtotal,
        "total_minor": total,
        "seller": json.dumps(invoice.seller, ensure_ascii=False),
        "buyer": json.dumps(invoice.buyer, ensure_ascii=False),
        "created_at": clock.now_iso(),
    }
    note_id = rows.insert(db, "credit_note", row)
    for position, line in enumerate(lines):
        rows.insert(db, "credit_note_line", {
            "credit_note_id": note_id, "position": position,
            "invoice_line_id": line.invoice_line_id, "description": line.description,
            "amount_minor": line.amount_minor, "quantity": line.quantity, "unit": line.unit,
            "unit_price_minor": line.unit_price_minor,
        })  # fmt: skip
    sealed = seals.seal(db, CREDIT_NOTE, note_id)
    rows.update(db, "credit_note", note_id, {"status": "issued", HASH_COLUMN: sealed})
    return note_id
