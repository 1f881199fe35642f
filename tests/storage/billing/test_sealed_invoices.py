"""A sent invoice is final in the file: every plain-SQL way round the triggers is refused (a move
back to draft, REPLACE over a sent number or id, a send without the content's hash), while the
app's own flows (create, edit, send, pay, void, delete a draft) still work and record the hash."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlite_utils import Database

from storage.billing import credit_notes, invoices
from storage.billing.invoices import Invoice, InvoiceLine
from storage.file import seals
from storage.file.schema.sealed import content_sha256, stored_lines
from storage.file.schema.unit_prices import INVOICE
from storage.rules.errors import ValidationError
from storage.rules.months import Month
from storage.sqlite import sqlite3
from tests.invoice_practice import billed_practice

MARCH = Month(2026, 3)
ISSUED = dt.date(2026, 4, 2)
COLUMNS = "number, client_id, month, currency, issued_on, due_on, subtotal_minor, tax_minor, "
COLUMNS += "total_minor, created_at"


@pytest.fixture
def billed(db: Database) -> dict[str, int]:
    return billed_practice(db)


@pytest.fixture
def sent(db: Database, billed: dict[str, int]) -> Invoice:
    made = invoices.create_for_month(db, billed["acme"], MARCH, ISSUED)
    return invoices.mark(db, made.number, "sent", ISSUED)


@pytest.fixture
def draft(db: Database, billed: dict[str, int], sent: Invoice) -> Invoice:
    return invoices.create_for_month(db, billed["bravo"], MARCH, ISSUED, "GBP")


def _file(db: Database) -> list[tuple[Any, ...]]:
    """Every invoice and line as stored, to show that a refusal changed nothing."""
    found = db.execute("SELECT * FROM invoice ORDER BY id").fetchall()
    return found + db.execute("SELECT * FROM invoice_line ORDER BY id").fetchall()


def _values(sent: Invoice, draft: Invoice) -> dict[str, Any]:
    return {"sent": sent.id, "number": sent.number, "draft": draft.id,
            "line": sent.lines[0].id, "draft_line": draft.lines[0].id}  # fmt: skip


REFUSED = "never changed|hash of its content"


@contextmanager
def _as_another_tool(db: Database) -> Iterator[None]:
    """The connection as the sqlite3 shell opens the file: no foreign keys, and no recursive
    triggers, so a REPLACE removes a row without firing its delete trigger."""
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("PRAGMA recursive_triggers = OFF")
    try:
        yield
    finally:
        db.execute("PRAGMA recursive_triggers = ON")
        db.execute("PRAGMA foreign_keys = ON")


ATTACKS = {
    "back to draft": "UPDATE invoice SET status = 'draft' WHERE id = :sent",
    "back to draft, or ignore": "UPDATE OR IGNORE invoice SET status = 'draft' WHERE id = :sent",
    # NOT NULL under REPLACE puts the column's default ('draft') in place of NULL
    "NULL status under replace": "UPDATE OR REPLACE invoice SET status = NULL WHERE id = :sent",
    "draft to paid": "UPDATE invoice SET status = 'paid' WHERE id = :draft",
    "a number taken by update or replace":
        "UPDATE OR REPLACE invoice SET number = :number WHERE id = :draft",
    "an id taken by update or replace": "UPDATE OR REPLACE invoice SET id = :sent WHERE id = :draft",
    "insert or replace on the id":
        f"INSERT OR REPLACE INTO invoice (id, {COLUMNS}) SELECT :sent, 'X-1', client_id, month, "
        "currency, issued_on, due_on, 1, 0, 1, '' FROM invoice WHERE id = :sent",
    "replace on the number":
        f"REPLACE INTO invoice ({COLUMNS}) SELECT number, client_id, month, currency, issued_on, "
        "due_on, 1, 0, 1, '' FROM invoice WHERE id = :sent",
    "sent without its hash": "UPDATE invoice SET status = 'sent' WHERE id = :draft",
    "arrives sent without a hash":
        f"INSERT INTO invoice ({COLUMNS}, status) SELECT 'X-2', client_id, month, currency, "
        "issued_on, due_on, 1, 0, 1, '', 'sent' FROM invoice WHERE id = :sent",
    "the hash cleared": "UPDATE invoice SET content_sha256 = NULL WHERE id = :sent",
    "the hash replaced": "UPDATE invoice SET content_sha256 = lower(hex(randomblob(32))) "
                         "WHERE id = :sent",
    "the day it was sent": "UPDATE invoice SET sent_on = '2026-05-01' WHERE id = :sent",
    "a paid day without the move": "UPDATE invoice SET paid_on = '2026-05-01' WHERE id = :sent",
    "the total": "UPDATE invoice SET total_minor = 1, subtotal_minor = 1, tax_minor = 0 "
                 "WHERE id = :sent",
    "a line's amount": "UPDATE invoice_line SET amount_minor = 1 WHERE id = :line",
    "a line moved to the draft": "UPDATE invoice_line SET invoice_id = :draft WHERE id = :line",
    "a line linked elsewhere":
        "UPDATE invoice_line SET engagement_id = engagement_id + 1 WHERE id = :line",
    "a line's id taken by update or replace":
        "UPDATE OR REPLACE invoice_line SET id = :line WHERE id = :draft_line",
    "a line's id taken by insert or replace":
        "INSERT OR REPLACE INTO invoice_line (id, invoice_id, description, amount_minor) "
        "VALUES (:line, :draft, 'Replaced', 1)",
    "a new line": "INSERT INTO invoice_line (invoice_id, description, amount_minor) "
                  "VALUES (:sent, 'Extra', 1)",
    "a line deleted": "DELETE FROM invoice_line WHERE id = :line",
    "the invoice deleted": "DELETE FROM invoice WHERE id = :sent",
}  # fmt: skip


@pytest.mark.parametrize("sql", ATTACKS.values(), ids=ATTACKS.keys())
def test_plain_sql_cannot_change_or_remove_a_sent_invoice(
    db: Database, sent: Invoice, draft: Invoice, sql: str
) -> None:
    """Promise: a sent invoice is final in the file, under any statement: the trigger refuses
    before SQLite's REPLACE removes anything, and the file keeps what was sent."""
    before = _file(db)
    with _as_another_tool(db), pytest.raises(sqlite3.IntegrityError, match=REFUSED):
        db.execute(sql, _values(sent, draft))
    assert _file(db) == before
    assert invoices.get_by_number(db, sent.number) == sent
    assert list(seals.findings(db)) == []


def test_a_sent_invoice_set_back_to_draft_edited_and_sent_again_is_refused_at_the_first_step(
    db: Database, sent: Invoice
) -> None:
    """The issue's scenario: the total of 720000 became 1 by way of a draft. The first step,
    back to draft, is refused, so the edit and the second send never happen."""
    with pytest.raises(sqlite3.IntegrityError, match="never changed back"):
        db.execute("UPDATE invoice SET status = 'draft' WHERE id = ?", [sent.id])
    with pytest.raises(sqlite3.IntegrityError, match="never changed"):
        db.execute("UPDATE invoice SET total_minor = 1 WHERE id = ?", [sent.id])
    assert invoices.get_by_number(db, sent.number).total_minor == sent.total_minor


def test_a_refusal_inside_a_transaction_is_the_apps_plain_error(
    db: Database, sent: Invoice
) -> None:
    """A write the file refuses reaches the caller as a ValidationError in plain words, never as
    a raw SQLite error; nothing of the transaction is kept."""
    with pytest.raises(ValidationError, match="never changed") as refused, db.atomic():
        db.execute("UPDATE invoice SET tax_note = 'edited' WHERE id = ?", [sent.id])
    assert refused.value.field == "invoice"
    assert invoices.get_by_number(db, sent.number) == sent


def test_sending_records_the_hash_of_what_was_sent(db: Database, billed: dict[str, int]) -> None:
    made = invoices.create_for_month(db, billed["acme"], MARCH, ISSUED)
    assert made.content_sha256 is None
    edited = invoices.with_lines(made, [*made.lines, InvoiceLine("Travel", "1 trip", 12_345)])
    invoices.update_draft(db, edited)
    done = invoices.mark(db, made.number, "sent", ISSUED)
    row = db.execute("SELECT * FROM invoice WHERE id = ?", [done.id])
    stored = dict(zip([c[0] for c in row.description], row.fetchone(), strict=True))
    lines = stored_lines(db, INVOICE, done.id)
    assert [x["description"] for x in lines][-1] == "Travel"
    assert done.content_sha256 == content_sha256(INVOICE, stored, lines)
    paid = invoices.mark(db, made.number, "paid", ISSUED + dt.timedelta(days=10))
    assert (paid.status, paid.content_sha256) == ("paid", done.content_sha256)
    assert list(seals.findings(db)) == []


def test_the_apps_own_moves_still_work(db: Database, billed: dict[str, int]) -> None:
    """Create, edit, send, pay, void a draft, credit a sent one, delete a draft: each works."""
    first = invoices.create_for_month(db, billed["acme"], MARCH, ISSUED)
    voided_draft = invoices.mark(db, first.number, "void", ISSUED)
    assert voided_draft.status == "void"
    assert voided_draft.content_sha256  # a voided draft is final too, sealed as it was
    second = invoices.create_for_month(db, billed["acme"], MARCH, ISSUED)
    invoices.update_draft(db, invoices.with_lines(second, second.lines[:1]))
    invoices.mark(db, second.number, "sent", ISSUED)
    credit_notes.issue(db, second.number, on=ISSUED + dt.timedelta(days=1))
    assert invoices.get_by_number(db, second.number).credited_in_full
    third = invoices.create_for_month(db, billed["acme"], MARCH, ISSUED)
    assert invoices.delete_draft(db, third.number).number == third.number
    fourth = invoices.create_for_month(db, billed["acme"], MARCH, ISSUED)
    invoices.mark(db, fourth.number, "sent", ISSUED)
    assert invoices.mark(db, fourth.number, "paid", ISSUED).status == "paid"
    assert list(seals.findings(db)) == []


def test_replace_over_a_draft_is_still_a_drafts_business(
    db: Database, sent: Invoice, draft: Invoice
) -> None:
    """Only a final invoice is protected: another tool may still REPLACE one draft with another."""
    db.execute(
        "INSERT OR REPLACE INTO invoice_line (id, invoice_id, description, amount_minor) "
        "VALUES (?, ?, 'Corrected', ?)",
        [draft.lines[0].id, draft.id, draft.lines[0].amount_minor],
    )
    assert invoices.get_by_number(db, draft.number).lines[0].description == "Corrected"
    assert invoices.get_by_number(db, sent.number) == sent
