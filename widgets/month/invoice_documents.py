"""The invoice, the credit note, the time report, the statement of account and the reminder as
documents the window saves: names and writers.

The writers run on the export flow's worker connection, so python-docx is first imported there.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from storage.billing import reminders
from storage.rules import Month
from widgets.common.documents import DocumentRequest

if TYPE_CHECKING:
    from sqlite_utils import Database


def write_invoice(number: str, target: Path, db: Database) -> Path:
    from exporters import invoice

    return invoice.export(db, number, target)


def write_time_report(client_id: int, month: Month, target: Path, db: Database) -> Path:
    from exporters import time_report

    return time_report.export(db, client_id, month, target)


def write_credit_note(number: str, target: Path, db: Database) -> Path:
    from exporters import credit_note

    return credit_note.export(db, number, target)


def write_account(client_id: int, target: Path, db: Database) -> Path:
    from exporters import account_statement

    return account_statement.export(db, client_id, target)


def write_reminder(number: str, target: Path, db: Database) -> Path:
    from exporters import reminder

    return reminder.export(db, reminders.draft(db, number), target)


def _file_part(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text).strip("-")


def invoice_request(number: str) -> DocumentRequest:
    return DocumentRequest(
        f"invoice {number}", f"Invoice {_file_part(number)}.docx", (".docx",),
        partial(write_invoice, number),
    )  # fmt: skip


def time_report_request(client_id: int, client: str, month: Month) -> DocumentRequest:
    """The time report: the hours behind the client's month."""
    name = f"Time report {_file_part(client)} {month.label}.docx"
    return DocumentRequest(
        f"time report for {client}", name, (".docx", ".csv"),
        partial(write_time_report, client_id, month),
    )  # fmt: skip


def credit_note_request(number: str) -> DocumentRequest:
    return DocumentRequest(
        f"credit note {number}", f"Credit note {_file_part(number)}.docx", (".docx",),
        partial(write_credit_note, number),
    )  # fmt: skip


def account_request(client_id: int, client: str) -> DocumentRequest:
    return DocumentRequest(
        f"statement of account for {client}", f"Statement {_file_part(client)}.docx",
        (".docx", ".csv"), partial(write_account, client_id),
    )  # fmt: skip


def reminder_request(number: str) -> DocumentRequest:
    return DocumentRequest(
        f"reminder for invoice {number}", f"Reminder {_file_part(number)}.docx", (".docx",),
        partial(write_reminder, number),
    )  # fmt: skip
