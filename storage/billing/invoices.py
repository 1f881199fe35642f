"""Invoices: a month's billing for one client in one currency, numbered, and kept as sent.

An invoice is made as a draft from the month report (`create_for_month`), one line per
engagement with an amount. It keeps the seller's and the buyer's details as they were that day
(snapshots), so a later change to Preferences or the client never rewrites it. Its life is
draft -> sent -> paid, and only a draft may be voided (it keeps its number). Only a draft is
ever changed (`update_draft`) or deleted (`delete_draft`): a sent invoice is cancelled or
corrected by a credit note (`storage.billing.credit_notes`) and paid by payments
(`storage.billing.payments`); it is paid when they reach its total. Tax follows the client
(`storage.billing.tax`) and is rounded once, on the subtotal, half up. Issue dates follow the
numbers; sent and paid dates are never in the future.

A client billing in two currencies gets one invoice per currency: `create_for_month` asks for
the currency then (and says which there are); `create_for_month_all` makes one per currency.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from storage.billing import change_lines, invoice_numbers
from storage.billing.month_amounts import half_up
from storage.billing.tax import TaxTreatment, tax_treatment
from storage.file import rows, seals
from storage.file.schema.sealed import HASH_COLUMN
from storage.file.schema.terms import INVOICE_STATUSES
from storage.file.schema.unit_prices import INVOICE, UNITS
from storage.practice import clients, settings
from storage.rules import clock
from storage.rules import validation as v
from storage.rules.durations import clock_text
from storage.rules.errors import ValidationError
from storage.rules.money import MAX_MONEY_MINOR, Money
from storage.rules.months import Month, parse_month

if TYPE_CHECKING:
    from sqlite_utils import Database

    from storage.billing.month_report import MonthLine

STATUSES = INVOICE_STATUSES
STATUS_LABELS = {"draft": "Draft", "sent": "Sent", "paid": "Paid", "void": "Void"}
NEXT_STATUSES = {"draft": ("sent", "void"), "sent": ("paid",), "paid": (), "void": ()}
DATE_OF = {"sent": "sent_on", "paid": "paid_on", "void": "voided_on"}
MAX_LINES = 200


@dataclass(frozen=True)
class InvoiceLine:
    """One line: what was billed, how much of it (`quantity`), and the amount, rounded once.

    `unit` and `unit_price_minor` are the terms the draft was made from (an hour at the hourly
    rate, a month at the monthly fee, ...), kept with the line so a later change of rate never
    rewrites it; None on a line made before they were kept."""

    description: str
    quantity: str
    amount_minor: int
    engagement_id: int | None = None
    position: int = 0
    id: int | None = None
    unit: str | None = None  # one of UNITS
    unit_price_minor: int | None = None


@dataclass(frozen=True)
class Invoice:
    number: str
    client_id: int
    month: str  # 2026-11
    currency: str
    issued_on: dt.date
    due_on: dt.date
    status: str = "draft"
    sent_on: dt.date | None = None
    paid_on: dt.date | None = None
    voided_on: dt.date | None = None
    tax_rate_bp: int = 0  # basis points: 2000 is 20%
    tax_note: str = ""  # "Reverse charge: VAT to be accounted for by the recipient"
    subtotal_minor: int = 0
    tax_minor: int = 0
    total_minor: int = 0
    seller: dict[str, str] = field(default_factory=dict)
    buyer: dict[str, str] = field(default_factory=dict)
    created_at: str = ""
    content_sha256: str | None = None  # recorded when it left draft; `check` compares it
    lines: tuple[InvoiceLine, ...] = ()
    id: int | None = None
    client_name: str = ""  # read-only, joined from client
    paid_minor: int = 0  # read-only: the payments recorded against it
    credited_minor: int = 0  # read-only: the credit notes issued against it

    @property
    def balance_minor(self) -> int:
        """What is still owed: a sent invoice's total less its payments and credit notes."""
        if self.status != "sent":
            return 0
        return max(self.total_minor - self.paid_minor - self.credited_minor, 0)

    @property
    def credited_in_full(self) -> bool:
        return self.status != "draft" and self.credited_minor >= self.total_minor > 0

    @property
    def status_label(self) -> str:
        """Draft, Sent, Paid, Void, or Credited for a sent invoice a credit note cancelled."""
        return "Credited" if self.credited_in_full else STATUS_LABELS[self.status]

    @property
    def status_on(self) -> dt.date | None:
        """The day it reached its status (sent, paid or voided); None for a draft."""
        column = DATE_OF.get(self.status)
        return getattr(self, column) if column else None


def tax(subtotal_minor: int, tax_rate_bp: int) -> int:
    """Tax on the subtotal, rounded once, half up to the minor unit."""
    return half_up(Fraction(subtotal_minor * tax_rate_bp, 10_000))


def is_overdue(invoice: Invoice, today: dt.date | None = None) -> bool:
    """Sent, something still owed, and past its due date."""
    day = today or clock.today()
    return invoice.status == "sent" and invoice.balance_minor > 0 and day > invoice.due_on


# --- reading -------------------------------------------------------------------------------

_SELECT = (
    "SELECT i.*, c.name AS client_name, "
    "(SELECT coalesce(sum(p.amount_minor), 0) FROM payment p WHERE p.invoice_id = i.id) "
    "AS paid_minor, "
    "(SELECT coalesce(sum(n.total_minor), 0) FROM credit_note n WHERE n.invoice_id = i.id "
    "AND n.status = 'issued') AS credited_minor "
    "FROM invoice i JOIN client c ON c.id = i.client_id"
)


def _from_row(row: dict[str, Any], lines: tuple[InvoiceLine, ...]) -> Invoice:
    values = dict(row)
    for key in ("issued_on", "due_on", "sent_on", "paid_on", "voided_on"):
        values[key] = dt.date.fromisoformat(values[key]) if values[key] else None
    for key in ("seller", "buyer"):
        values[key] = _snapshot(values[key])
    return Invoice(**values, lines=lines)


def _snapshot(text: object) -> dict[str, str]:
    try:
        value = json.loads(str(text or "{}"))
    except ValueError:
        return {}
    return {str(k): str(x) for k, x in value.items()} if isinstance(value, dict) else {}


def _lines_of(db: Database, ids: Sequence[int]) -> dict[int, list[InvoiceLine]]:
    found: dict[int, list[InvoiceLine]] = {i: [] for i in ids}
    if not ids:
        return found
    marks = ", ".join("?" for _ in ids)
    sql = f"SELECT * FROM invoice_line WHERE invoice_id IN ({marks}) ORDER BY position, id"
    for row in db.query(sql, list(ids)):
        invoice_id = row.pop("invoice_id")
        found[invoice_id].append(InvoiceLine(**row))
    return found


def _read(db: Database, where: str, params: Sequence[Any]) -> list[Invoice]:
    found = list(db.query(f"{_SELECT} WHERE {where} ORDER BY i.issued_on, i.id", list(params)))
    lines = _lines_of(db, [r["id"] for r in found])
    return [_from_row(r, tuple(lines[r["id"]])) for r in found]


def list_invoices(
    db: Database, status: str | None = None, client_id: int | None = None
) -> list[Invoice]:
    """Invoices oldest first, of one status and one client when given."""
    where: list[str] = ["1"]
    params: list[Any] = []
    if status is not None:
        where.append("i.status = ?")
        params.append(v.one_of("status", status, STATUSES))
    if client_id is not None:
        where.append("i.client_id = ?")
        params.append(client_id)
    return _read(db, " AND ".join(where), params)


def get_by_number(db: Database, number: str) -> Invoice:
    found = _read(db, "i.number = ?", [str(number).strip()])
    if not found:
        raise ValidationError("number", f"there is no invoice {number}")
    return found[0]


def get(db: Database, invoice_id: int) -> Invoice:
    found = _read(db, "i.id = ?", [invoice_id])
    if not found:
        raise ValidationError("id", f"there is no invoice with id {invoice_id}")
    return found[0]


# --- making one ----------------------------------------------------------------------------


def billable(db: Database, client_id: int, month: Month | str) -> dict[str, list[MonthLine]]:
    """The month's lines with an amount for the client, per currency (in code order)."""
    from storage.billing import month_report  # making invoices; reading them does not load it

    chosen = parse_month(month) if isinstance(month, str) else month
    found: dict[str, list[MonthLine]] = {}
    for line in month_report.lines(db, chosen, client_id):
        if line.billing.amount_minor:
            found.setdefault(line.engagement.currency, []).append(line)
    return dict(sorted(found.items()))


def create_for_month(
    db: Database,
    client_id: int,
    month: Month | str,
    issued_on: dt.date | None = None,
    currency: str | None = None,
) -> Invoice:
    """A draft invoice for the client's month in one currency; refused when there is nothing
    to bill, when the client bills in two currencies and none is chosen, or when the month
    already has an invoice (not void) in that currency."""
    chosen = parse_month(month) if isinstance(month, str) else month
    client = clients.get(db, client_id)
    by_currency = billable(db, client_id, chosen)
    if not by_currency:
        raise ValidationError("month", f"{client.name} has nothing to bill in {chosen.label}")
    if currency is None:
        if len(by_currency) > 1:
            raise ValidationError(
                "currency",
                f"{client.name} bills in {' and '.join(by_currency)} in {chosen.label}: "
                "make one invoice per currency (choose the currency)",
            )
        currency = next(iter(by_currency))
    code = v.currency("currency", currency)
    if code not in by_currency:
        raise ValidationError(
            "currency", f"{client.name} has nothing to bill in {code} in {chosen.label}"
        )
    return _create(db, client, chosen, code, by_currency[code], issued_on or clock.today())


def create_for_month_all(
    db: Database, client_id: int, month: Month | str, issued_on: dt.date | None = None
) -> list[Invoice]:
    """One draft per currency the client bills in that month, all or none."""
    with db.atomic():
        return [
            create_for_month(db, client_id, month, issued_on, code)
            for code in billable(db, client_id, month)
        ] or [create_for_month(db, client_id, month, issued_on)]


def _create(
    db: Database,
    client: clients.Client,
    month: Month,
    currency: str,
    found: list[MonthLine],
    issued_on: dt.date,
) -> Invoice:
    profile = settings.load_profile(db)
    treatment = tax_treatment(client, profile)
    issued = dt.date.fromisoformat(v.iso_date("issued_on", issued_on) or "")
    lines = draft_lines(db, client.id or 0, month, currency, found)
    terms = [x.engagement.payment_terms_days for x in found]
    days = min((t for t in terms if t is not None), default=profile.payment_terms_days)
    row = {
        "client_id": client.id,
        "month": month.label,
        "currency": currency,
        "issued_on": issued.isoformat(),
        "due_on": (issued + dt.timedelta(days=days)).isoformat(),
        "tax_rate_bp": treatment.rate_bp,
        "tax_note": treatment.note,
        **_amounts(lines, treatment.rate_bp),
        "seller": json.dumps(seller(profile), ensure_ascii=False),
        "buyer": json.dumps(buyer(client, treatment), ensure_ascii=False),
        "created_at": clock.now_iso(),
    }
    with db.atomic():
        _check_unbilled(db, client, month, currency)
        check_issue_order(db, issued)
        row["number"] = invoice_numbers.take(db, issued.year)
        invoice_id = rows.insert(db, "invoice", row)
        _write_lines(db, invoice_id, lines)
    return get(db, invoice_id)


def seller(profile: settings.Profile) -> dict[str, str]:
    """The consultant as the invoice prints them, from Preferences."""
    return {
        "business_name": profile.business_name,
        "name": profile.name,
        "address": profile.business_address,
        "tax_id": profile.tax_id,
        "bank_details": profile.bank_details,
        "email": profile.email,
        "company_number": profile.company_number,
        "registered_office": profile.registered_office,
        "late_payment": profile.late_payment_text,
    }


def buyer(client: clients.Client, treatment: TaxTreatment | None = None) -> dict[str, str]:
    """The client as the invoice prints them: the legal name (or the name), address, tax id;
    and the tax treatment it was billed under, with the VAT number reverse charge prints."""
    found = {
        "name": client.legal_name or client.name,
        "address": client.address,
        "tax_id": client.tax_id,
    }
    if treatment is not None:
        found.update(tax_treatment=treatment.kind, vat_number=treatment.vat_number)
    return found


def check_issue_order(db: Database, issued: dt.date, own_id: int | None = None) -> None:
    """Refuse an issue date that would put the numbers out of date order: before the last
    invoice of the same series (or, for a draft being changed, before the one before it or
    after the one after it)."""
    where, params = invoice_numbers.same_series(db, issued.year)
    before = db.execute(
        f"SELECT max(issued_on), number FROM invoice WHERE {where} AND id < ?",
        [*params, own_id if own_id is not None else 2**62],
    ).fetchone()
    if before and before[0] and before[0] > issued.isoformat():
        raise ValidationError(
            "issued_on", f"must not be before {before[0]}, when invoice {before[1]} was issued"
        )
    if own_id is None:
        return
    after = db.execute(
        f"SELECT min(issued_on), number FROM invoice WHERE {where} AND id > ?", [*params, own_id]
    ).fetchone()
    if after and after[0] and after[0] < issued.isoformat():
        raise ValidationError(
            "issued_on", f"must not be after {after[0]}, when invoice {after[1]} was issued"
        )


def invoice_line(line: MonthLine, month: Month, position: int = 0) -> InvoiceLine:
    """An engagement's month as an invoice line: its title, what was billed, its unit and unit
    price from the terms in force, the amount."""
    e = line.engagement
    amount = line.billing.amount_minor or 0
    unit, price = unit_price(line)
    return InvoiceLine(e.title, quantity(line, month), amount, e.id, position, None, unit, price)


MODEL_UNITS = {"hourly": "hour", "daily": "day", "monthly_retainer": "month"}


def unit_price(line: MonthLine) -> tuple[str, int | None]:
    """The line's unit and the price of one: the hourly or daily rate, the monthly fee (a part
    month is a fraction of it), or an instalment's amount (None when the instalments billed
    together differ)."""
    e = line.engagement
    if e.billing_model == "fixed_fee":
        amounts = {i.amount_minor for i in line.instalments}
        return "instalment", (amounts.pop() if len(amounts) == 1 else None)
    return MODEL_UNITS.get(e.billing_model, "item"), e.fee_minor


def invoice_lines(line: MonthLine, month: Month) -> list[InvoiceLine]:
    """The engagement's month as invoice lines: one, and a retainer's overage as a second."""
    first = invoice_line(line, month)
    use = line.retainer
    if use is None or not use.overage_minor:
        return [first]
    e = line.engagement
    fee = dataclasses.replace(first, amount_minor=first.amount_minor - use.overage_minor)
    rate = Money(e.overage_rate_minor or 0, e.currency)
    extra = InvoiceLine(f"{e.title}: hours beyond the retainer",
                        f"{clock_text(use.overage_minutes)} h at {rate} an hour",
                        use.overage_minor, e.id, unit="hour",
                        unit_price_minor=e.overage_rate_minor or 0)  # fmt: skip
    return [fee, extra]


def draft_lines(
    db: Database, client_id: int, month: Month, currency: str, found: Sequence[MonthLine]
) -> tuple[InvoiceLine, ...]:
    """A draft's lines: one per engagement, and each accepted change's price on its own (a
    fixed fee's added instalment taken out of its engagement's line)."""
    made: list[InvoiceLine] = []
    for line in found:
        ids = [i.id for i in line.instalments if i.id is not None]
        changes = change_lines.instalment_lines(db, ids)
        rest = [i for i in line.instalments if i.id not in changes]
        if rest or not changes:
            kept = dataclasses.replace(line, instalments=tuple(rest)) if changes else line
            own, *overage = invoice_lines(kept, month)
            amount = own.amount_minor - sum(x.amount_minor for x in changes.values())
            amount -= line.changes_minor  # a retainer's changes, on lines of their own below
            made.append(dataclasses.replace(own, amount_minor=amount))
            made += overage
        made += [_change_line(x) for x in changes.values()]
    made += [_change_line(x) for x in change_lines.retainer_lines(db, client_id, month, currency)]
    return tuple(dataclasses.replace(x, position=n) for n, x in enumerate(made))


def _change_line(x: change_lines.ChangeLine) -> InvoiceLine:
    return InvoiceLine(x.description, x.quantity, x.amount_minor, x.engagement_id,
                       unit=x.unit, unit_price_minor=x.unit_price_minor)  # fmt: skip


def quantity(line: MonthLine, month: Month) -> str:
    """`37:30 h`, `4.69 days`, `1 month` (`21/31 of a month`) or `Instalment: Phase 1`."""
    model = line.engagement.billing_model
    if model == "hourly":
        return f"{clock_text(line.total_minutes)} h"
    if model == "daily":
        return f"{float(line.day_equivalents):.2f} days"
    if model == "fixed_fee":
        labels = [i.label or f"due {i.due_on.isoformat()}" for i in line.instalments]
        return ("Instalment: " if len(labels) == 1 else "Instalments: ") + ", ".join(labels)
    if line.covered_days >= month.length:
        return "1 month"
    return f"{line.covered_days}/{month.length} of a month"


def _amounts(lines: Sequence[InvoiceLine], tax_rate_bp: int) -> dict[str, int]:
    subtotal = sum(line.amount_minor for line in lines)
    tax_minor = tax(subtotal, tax_rate_bp)
    return {"subtotal_minor": subtotal, "tax_minor": tax_minor, "total_minor": subtotal + tax_minor}


def _check_unbilled(db: Database, client: clients.Client, month: Month, currency: str) -> None:
    row = db.execute(
        "SELECT number FROM invoice WHERE client_id = ? AND month = ? AND currency = ? "
        "AND status != 'void' AND NOT (total_minor > 0 AND total_minor <= (SELECT "
        "coalesce(sum(n.total_minor), 0) FROM credit_note n WHERE n.invoice_id = invoice.id "
        "AND n.status = 'issued')) ORDER BY id LIMIT 1",
        [client.id, month.label, currency],
    ).fetchone()
    if row:
        raise ValidationError(
            "month",
            f"invoice {row[0]} already bills {client.name} for {month.label} in {currency}: "
            "change that one while it is a draft, or cancel it with a credit note",
        )


def _check_lines(lines: Sequence[InvoiceLine]) -> list[dict[str, Any]]:
    if not lines:
        raise ValidationError("lines", "an invoice needs at least one line")
    if len(lines) > MAX_LINES:
        raise ValidationError("lines", f"at most {MAX_LINES} lines")
    return [
        {
            "description": v.line_text("description", x.description, required=True, max_len=500),
            "quantity": v.line_text("quantity", x.quantity, max_len=200),
            "amount_minor": v.int_between("amount_minor", x.amount_minor, 0, MAX_MONEY_MINOR),
            "engagement_id": x.engagement_id,
            "unit": None if x.unit is None else v.one_of("unit", x.unit, UNITS),
            "unit_price_minor": None
            if x.unit_price_minor is None
            else v.int_between("unit_price_minor", x.unit_price_minor, 0, MAX_MONEY_MINOR),
        }
        for x in lines
    ]


def _write_lines(db: Database, invoice_id: int, lines: Sequence[InvoiceLine]) -> None:
    """Replace the invoice's lines (inside the caller's transaction), in the order given."""
    checked = _check_lines(lines)
    db.execute("DELETE FROM invoice_line WHERE invoice_id = ?", [invoice_id])
    for position, row in enumerate(checked):
        rows.insert(db, "invoice_line", {**row, "invoice_id": invoice_id, "position": position})


# --- changing one --------------------------------------------------------------------------


def _refuse_unless_draft(invoice: Invoice) -> None:
    if invoice.status == "draft":
        return
    when = invoice.status_on.isoformat() if invoice.status_on else "an earlier day"
    said = {"sent": "was sent", "paid": "was paid", "void": "was voided"}[invoice.status]
    advice = "it stays as it is" if invoice.status == "void" else "issue a credit note"
    raise ValidationError("status", f"Invoice {invoice.number} {said} on {when}: {advice}")


def update_draft(db: Database, invoice: Invoice) -> Invoice:
    """Save a draft's dates, lines and tax (the amounts follow the lines); anything not a draft
    is refused, in plain words."""
    with db.atomic():
        stored = get_by_number(db, invoice.number)
        _refuse_unless_draft(stored)
        issued = v.iso_date("issued_on", invoice.issued_on) or ""
        due = v.iso_date("due_on", invoice.due_on) or ""
        if due < issued:
            raise ValidationError("due_on", "must not be before the issue date")
        check_issue_order(db, dt.date.fromisoformat(issued), stored.id)
        rate = v.int_between("tax_rate_bp", invoice.tax_rate_bp, 0, 10_000)
        _check_lines(invoice.lines)
        row = {
            "issued_on": issued,
            "due_on": due,
            "tax_rate_bp": rate,
            "tax_note": v.line_text("tax_note", invoice.tax_note, max_len=500),
            **_amounts(invoice.lines, rate),
        }
        rows.update(db, "invoice", stored.id or 0, row)
        _write_lines(db, stored.id or 0, invoice.lines)
    return get_by_number(db, invoice.number)


def mark(db: Database, number: str, status: str, on: dt.date | None = None) -> Invoice:
    """Move an invoice on: draft -> sent -> paid, or a draft to void, on a day (today) that is
    not in the future. Marking it paid records a payment of what is still owed."""
    v.one_of("status", status, STATUSES[1:])
    day = not_in_future("date", on or clock.today())
    with db.atomic():
        stored = get_by_number(db, number)
        _check_move(stored, status, day)
        if status == "paid":
            record_payment(db, stored, stored.balance_minor, dt.date.fromisoformat(day))
            return get_by_number(db, number)
        moved: dict[str, Any] = {"status": status, DATE_OF[status]: day}
        if stored.status == "draft":  # leaving draft records what it holds, for `check`
            moved[HASH_COLUMN] = seals.seal(db, INVOICE, stored.id or 0)
        rows.update(db, "invoice", stored.id or 0, moved)
    return get_by_number(db, number)


def not_in_future(field: str, day: object) -> str:
    """The day as ISO text, refused when it is after today."""
    text = v.iso_date(field, day) or ""
    if text > clock.today().isoformat():
        raise ValidationError(field, f"{text} is in the future: use today or an earlier day")
    return text


def record_payment(db: Database, invoice: Invoice, amount_minor: int, on: dt.date) -> None:
    """Store a payment (inside the caller's transaction, checked by the caller) and mark the
    invoice paid, on that day, when the payments and credit notes reach its total."""
    if amount_minor > 0:
        rows.insert(
            db,
            "payment",
            {"invoice_id": invoice.id, "paid_on": on.isoformat(), "amount_minor": amount_minor,
             "created_at": clock.now_iso()},
        )  # fmt: skip
    settle(db, invoice.number, on)


def settle(db: Database, number: str, on: dt.date) -> None:
    """Mark a sent invoice paid once its payments reach what its credit notes leave owing."""
    now = get_by_number(db, number)
    if now.status == "sent" and now.paid_minor > 0 and now.balance_minor == 0:
        rows.update(db, "invoice", now.id or 0, {"status": "paid", "paid_on": on.isoformat()})


def _check_move(invoice: Invoice, status: str, day: str) -> None:
    if status == "paid" and invoice.credited_in_full:
        raise ValidationError(
            "status", f"Invoice {invoice.number} was cancelled by a credit note: nothing to pay"
        )
    if status in NEXT_STATUSES[invoice.status]:
        earliest = invoice.sent_on or invoice.issued_on
        if day < earliest.isoformat():
            raise ValidationError(
                "date",
                f"must not be before {earliest.isoformat()}, when it was "
                + ("sent" if invoice.sent_on else "issued"),
            )
        return
    number = invoice.number
    if invoice.status == status:
        raise ValidationError("status", f"Invoice {number} is already {status}")
    if invoice.status == "draft" and status == "paid":
        raise ValidationError("status", f"Invoice {number} is a draft: mark it sent first")
    if invoice.status == "sent" and status == "void":
        raise ValidationError(
            "status", f"Invoice {number} was sent: cancel it with a credit note instead"
        )
    when = invoice.status_on.isoformat() if invoice.status_on else ""
    done = {"paid": "was paid", "void": "was voided"}[invoice.status]
    raise ValidationError("status", f"Invoice {number} {done} on {when}: it cannot be {status}")


def delete_draft(db: Database, number: str) -> Invoice:
    """Delete a draft (its number is not given again); returns what was deleted."""
    with db.atomic():
        stored = get_by_number(db, number)
        if stored.status != "draft":
            _refuse_unless_draft(stored)
        db.execute("DELETE FROM invoice WHERE id = ?", [stored.id])
    return stored


def with_lines(invoice: Invoice, lines: Sequence[InvoiceLine]) -> Invoice:
    """A copy with other lines, positions renumbered (for `update_draft`)."""
    ordered = tuple(dataclasses.replace(x, position=n) for n, x in enumerate(lines))
    sums = _amounts(ordered, invoice.tax_rate_bp)
    return dataclasses.replace(
        invoice,
        lines=ordered,
        subtotal_minor=sums["subtotal_minor"],
        tax_minor=sums["tax_minor"],
        total_minor=sums["total_minor"],
    )
