"""The credit note as a Word document: its own number, the invoice it refers to, the lines it
credits, the tax at the invoice's rate and the total credited.

Like the invoice, it prints only what was stored when it was issued (its snapshots of the seller
and the buyer), so a copy made later reads exactly as the one sent.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from exporters import docx_common as common
from exporters.formatting import long_date, money, unit_price
from exporters.invoice import LINE_HEADERS, LINE_WIDTHS, rate_text
from storage.billing import CreditNote, credit_notes
from storage.practice import settings

if TYPE_CHECKING:
    from sqlite_utils import Database

TITLE = "Credit note"


def export(db: Database, number: str, target: Path) -> Path:
    """Write credit note `number` to `target` atomically."""
    note = credit_notes.get_by_number(db, number)
    return common.save(build(note, settings.load_profile(db)), target)


def build(note: CreditNote, profile: settings.Profile) -> common.Document:
    document = common.new_document(
        common.DocumentInfo(
            title=f"{TITLE} {note.number}: {note.buyer.get('name', '')}",
            subject=f"Credits invoice {note.invoice_number}",
            client=note.client_name,
            profile=profile,
            created=dt.datetime.combine(note.issued_on, dt.time(9)),
        )
    )
    common.paragraph(document, f"{TITLE} {note.number}", style="Title")
    common.paragraph(document, f"Credits invoice {note.invoice_number}", style="Subtitle")
    seller = note.seller
    parties = [_party([seller.get("business_name", ""), seller.get("address", ""),
                       _tax_id(seller)]),
               _party([note.buyer.get("name", ""), note.buyer.get("address", ""),
                       _tax_id(note.buyer)])]  # fmt: skip
    common.table(document, ["From", "Credit to"], [parties], widths=(8.2, 8.2))
    common.key_values(document, [
        ("Credit note number", note.number),
        ("Issue date", long_date(note.issued_on)),
        ("Invoice credited", note.invoice_number),
        ("Reason", note.reason or "Not given"),
    ])  # fmt: skip
    _lines(document, note)
    return document


def _tax_id(party: dict[str, str]) -> str:
    return f"Tax id: {party['tax_id']}" if party.get("tax_id") else ""


def _party(lines: list[str]) -> str:
    return "\n".join(x for x in lines if x.strip()) or "Not given"


def _lines(document: common.Document, note: CreditNote) -> None:
    code = note.currency
    rows = [
        [x.description, x.quantity or "", unit_price(x.unit, x.unit_price_minor, code),
         money(x.amount_minor, code)]
        for x in note.lines
    ]  # fmt: skip
    rows += [
        ["Subtotal", "", "", money(note.subtotal_minor, code)],
        [f"Tax at {rate_text(note.tax_rate_bp)}", "", "", money(note.tax_minor, code)],
        ["Total credited", "", "", money(note.total_minor, code)],
    ]
    common.table(document, LINE_HEADERS, rows, numeric=(3,), widths=LINE_WIDTHS,
                 bold_last=True)  # fmt: skip
    common.paragraph(
        document,
        f"This credit note reduces what is owed on invoice {note.invoice_number} by "
        f"{money(note.total_minor, code)}.",
    )
