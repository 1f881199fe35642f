"""The invoice and the statement as documents the window saves: names and writers.

The writers run on the export flow's worker connection, so python-docx is first imported there.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from sqlite_utils import Database

from storage.rules import Month
from widgets.common.documents import DocumentRequest


def write_invoice(number: str, target: Path, db: Database) -> Path:
    from exporters import invoice

    return invoice.export(db, number, target)


def write_statement(client_id: int, month: Month, target: Path, db: Database) -> Path:
    from exporters import statement

    return statement.export(db, client_id, month, target)


def _file_part(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text).strip("-")


def invoice_request(number: str) -> DocumentRequest:
    return DocumentRequest(
        f"invoice {number}", f"Invoice {_file_part(number)}.docx", (".docx",),
        partial(write_invoice, number),
    )  # fmt: skip


def statement_request(client_id: int, client: str, month: Month) -> DocumentRequest:
    name = f"Statement {_file_part(client)} {month.label}.docx"
    return DocumentRequest(
        f"statement for {client}", name, (".docx", ".csv"),
        partial(write_statement, client_id, month),
    )  # fmt: skip
