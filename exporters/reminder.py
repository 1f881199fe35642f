"""The payment reminder as a Word document: the draft letter of `storage.billing.reminders`,
with a table of what is claimed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlite_utils import Database

from exporters import docx_common as common
from exporters.formatting import long_date
from storage.billing import Reminder
from storage.practice import settings

TITLE = "Payment reminder"


def export(db: Database, reminder: Reminder, target: Path) -> Path:
    return common.save(build(reminder, settings.load_profile(db)), target)


def build(reminder: Reminder, profile: settings.Profile) -> common.Document:
    invoice = reminder.invoice
    document = common.new_document(
        common.DocumentInfo(
            title=f"{TITLE}: invoice {invoice.number}",
            subject=f"{invoice.buyer.get('name', '')}, {reminder.days_overdue} days overdue",
            client=invoice.client_name,
            profile=profile,
            created=dt.datetime.combine(reminder.day, dt.time(9)),
        )
    )
    common.paragraph(document, f"{TITLE}: invoice {invoice.number}", style="Title")
    common.paragraph(document, long_date(reminder.day), style="Subtitle")
    for block in reminder.text.split("\n\n"):
        common.paragraph(document, block.strip("\n"))
    rows = [["Owed on the invoice", str(reminder.owed)]]
    if reminder.interest.minor:
        rows.append([f"Interest at {reminder.rate_bp / 100:g}% a year", str(reminder.interest)])
    if reminder.compensation.minor:
        rows.append(["Fixed compensation", str(reminder.compensation)])
    rows.append(["Total claimed", str(reminder.claimed)])
    common.table(document, ("", "Amount"), rows, numeric=(1,), widths=(11.0, 5.4),
                 bold_last=True)  # fmt: skip
    return document
