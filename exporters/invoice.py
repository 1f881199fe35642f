"""The invoice as a Word document: who bills whom, the number and dates, a line per engagement,
the subtotal, the tax at its rate (or the reverse-charge note), the total, and how to pay.

It prints the stored invoice only (its snapshots of the seller and the buyer), never today's
Preferences or client, so a copy made a year later reads exactly as the one sent.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from exporters import docx_common as common
from exporters.formatting import long_date, money, month_label, unit_price
from storage.billing import Invoice, invoices
from storage.practice import settings
from storage.rules import parse_month

if TYPE_CHECKING:
    from sqlite_utils import Database

TITLE = "Invoice"
LINE_HEADERS = ("Description", "Quantity", "Unit price", "Amount")
LINE_WIDTHS = (5.2, 3.8, 4.2, 3.2)  # cm: "22/31 of a month", "€6,000.00 a month" on one line


def export(db: Database, number: str, target: Path) -> Path:
    """Write invoice `number` to `target` atomically."""
    invoice = invoices.get_by_number(db, number)
    return common.save(build(invoice, settings.load_profile(db)), target)


def rate_text(tax_rate_bp: int) -> str:
    """2000 -> "20%", 550 -> "5.5%"."""
    return f"{tax_rate_bp / 100:g}%"


def period(invoice: Invoice) -> str:
    month = parse_month(invoice.month)
    return month_label(month.year, month.number)


def build(invoice: Invoice, profile: settings.Profile) -> common.Document:
    """The document; `profile` gives only the paper size and the document's author."""
    seller_name = invoice.seller.get("business_name") or invoice.seller.get("name", "")
    document = common.new_document(
        common.DocumentInfo(
            title=f"{TITLE} {invoice.number}: {invoice.buyer.get('name', '')}",
            subject=f"{period(invoice)}, {seller_name}",
            client=invoice.client_name,
            profile=profile,
            created=dt.datetime.combine(invoice.issued_on, dt.time(9)),
        )
    )
    heading = TITLE if invoice.status != "draft" else f"Draft {TITLE.lower()}"
    common.paragraph(document, f"{heading} {invoice.number}", style="Title")
    if invoice.status == "void":
        common.paragraph(document, f"Void since {long_date(invoice.voided_on)}.", style="Subtitle")
    _parties(document, invoice)
    common.key_values(document, _facts(invoice))
    _lines(document, invoice)
    _payment(document, invoice)
    return document


def _parties(document: common.Document, invoice: Invoice) -> None:
    common.table(
        document,
        ["From", "Bill to"],
        [[_block(invoice.seller, seller=True), _block(invoice.buyer, seller=False)]],
        widths=(8.2, 8.2),
    )


def _block(party: dict[str, str], *, seller: bool) -> str:
    """The party's name, address and tax id, one a line (the seller's contact after)."""
    lines = [party.get("business_name", "") if seller else party.get("name", "")]
    if seller and party.get("name") and party.get("name") != lines[0]:
        lines.append(party["name"])
    lines.append(party.get("address", ""))
    if party.get("tax_id"):
        lines.append(f"{'VAT number' if _is_vat(party['tax_id']) else 'Tax id'}: {party['tax_id']}")
    if seller and party.get("company_number"):
        lines.append(f"Company number: {party['company_number']}")
    office = party.get("registered_office", "").strip()
    if seller and office and office != party.get("address", "").strip():
        lines.append(f"Registered office: {office}")
    elif seller and office:
        lines.append("Registered office: the address above")
    if seller and party.get("email"):
        lines.append(party["email"])
    return "\n".join(line for line in lines if line.strip()) or "Not given"


def _is_vat(tax_id: str) -> bool:
    """A UK or EU VAT number starts with its country's two letters ("GB 123 4567 89")."""
    return tax_id.strip()[:2].isalpha()


def _facts(invoice: Invoice) -> list[tuple[str, str]]:
    return [
        ("Invoice number", invoice.number),
        ("Issue date", long_date(invoice.issued_on)),
        ("Due date", long_date(invoice.due_on)),
        ("Period", period(invoice)),
    ]


def _lines(document: common.Document, invoice: Invoice) -> None:
    """The lines (quantity × unit price = amount, the amount rounded once), then the subtotal
    (their sum), the tax at its rate and the total due."""
    code = invoice.currency
    rows = [
        [x.description, x.quantity, unit_price(x.unit, x.unit_price_minor, code),
         money(x.amount_minor, code)]
        for x in invoice.lines
    ]  # fmt: skip
    rows += [
        ["Subtotal", "", "", money(invoice.subtotal_minor, code)],
        *tax_rows(invoice),
        ["Total due", "", "", money(invoice.total_minor, code)],
    ]
    common.table(document, LINE_HEADERS, rows, numeric=(3,), widths=LINE_WIDTHS,
                 bold_last=True)  # fmt: skip
    tax_treatment_block(document, invoice)


def tax_rows(invoice: Invoice) -> list[list[str]]:
    """The VAT line: at its rate, 0% under reverse charge or outside the scope, and none at all
    when the consultant is not registered for VAT."""
    kind = invoice.buyer.get("tax_treatment", "")
    if kind == "not_registered":
        return []
    label = {"reverse_charge": " (reverse charge)", "outside_scope": " (outside the scope)"}
    return [[f"Tax at {rate_text(invoice.tax_rate_bp)}{label.get(kind, '')}", "", "",
             money(invoice.tax_minor, invoice.currency)]]  # fmt: skip


def tax_treatment_block(document: common.Document, invoice: Invoice) -> None:
    """Under the totals: the statement (or the note) the invoice was issued with; under reverse
    charge, the buyer's VAT number again when the party block does not print it."""
    vat_number = invoice.buyer.get("vat_number", "")
    shown = invoice.buyer.get("tax_id", "").strip() == vat_number.strip()
    if invoice.buyer.get("tax_treatment") == "reverse_charge" and vat_number and not shown:
        common.paragraph(document, f"Customer VAT number: {vat_number}")
    if invoice.tax_note:
        common.paragraph(document, invoice.tax_note)


def _payment(document: common.Document, invoice: Invoice) -> None:
    common.heading(document, "Payment")
    days = (invoice.due_on - invoice.issued_on).days
    common.paragraph(
        document,
        f"Please pay {money(invoice.total_minor, invoice.currency)} within {days} days, by "
        f"{long_date(invoice.due_on)}, quoting invoice {invoice.number}.",
    )
    common.labelled_text(
        document, "Bank details", invoice.seller.get("bank_details", ""), empty="Not given"
    )
    late = invoice.seller.get("late_payment", "").strip()
    if late:
        common.labelled_text(document, "Late payment", late, empty="")
