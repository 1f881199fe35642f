"""Credit notes: a sent invoice is cancelled or corrected by one, in its own series, for the
whole invoice or chosen lines, never over what it still owes, and never changed once issued."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from storage.billing import credit_notes, invoices, payments
from storage.file import seals
from storage.rules import clock
from storage.rules.errors import ValidationError
from storage.sqlite import sqlite3
from tests.invoice_practice import billed_practice, sent_march_invoice

ISSUED = dt.date(2026, 4, 2)
TODAY = dt.date(2026, 5, 20)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def sent(db: Database) -> invoices.Invoice:
    return sent_march_invoice(db, ISSUED)


def test_a_whole_credit_cancels_the_invoice_and_lets_the_month_be_billed_again(
    db: Database, sent: invoices.Invoice
) -> None:
    note = credit_notes.issue(db, sent.number, on=dt.date(2026, 4, 5), reason="Wrong hours")
    assert (note.number, note.invoice_number, note.reason) == ("CN-2026-0001", sent.number,
                                                               "Wrong hours")  # fmt: skip
    assert (note.subtotal_minor, note.tax_minor, note.total_minor) == (
        sent.subtotal_minor, sent.tax_minor, sent.total_minor)  # fmt: skip
    assert [x.invoice_line_id for x in note.lines] == [x.id for x in sent.lines]
    after = invoices.get_by_number(db, sent.number)
    assert (after.status_label, after.balance_minor, invoices.is_overdue(after, TODAY)) == (
        "Credited", 0, False)  # fmt: skip
    with pytest.raises(ValidationError, match="cancelled by a credit note: nothing to pay"):
        invoices.mark(db, sent.number, "paid", dt.date(2026, 4, 6))
    again = invoices.create_for_month(db, sent.client_id, "2026-03", dt.date(2026, 4, 5))
    assert again.number == "2026-0002"
    assert list(seals.findings(db)) == []


def test_chosen_lines_in_parts_net_to_the_invoice_to_the_penny(
    db: Database, sent: invoices.Invoice
) -> None:
    first, *rest = [x.id or 0 for x in sent.lines]
    one = credit_notes.issue(db, sent.number, [first], on=dt.date(2026, 4, 5))
    assert one.subtotal_minor == sent.lines[0].amount_minor
    with pytest.raises(ValidationError, match="credited already"):
        credit_notes.issue(db, sent.number, [first], on=dt.date(2026, 4, 6))
    two = credit_notes.issue(db, sent.number, rest, on=dt.date(2026, 4, 6))
    assert (one.number, two.number) == ("CN-2026-0001", "CN-2026-0002")
    assert one.total_minor + two.total_minor == sent.total_minor
    assert invoices.get_by_number(db, sent.number).credited_in_full


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (dt.date(2026, 4, 1), "must not be before 2026-04-02, when it was sent"),
        (dt.date(2026, 6, 1), "is in the future"),
    ],
)
def test_a_day_out_of_order_is_refused_and_nothing_is_written(
    db: Database, sent: invoices.Invoice, day: dt.date, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        credit_notes.issue(db, sent.number, on=day)
    assert db.execute("SELECT count(*) FROM credit_note").fetchone()[0] == 0


def test_a_credit_over_what_is_still_owed_is_refused(db: Database, sent: invoices.Invoice) -> None:
    payments.record(db, sent.number, 100, dt.date(2026, 4, 3))
    with pytest.raises(ValidationError, match="is over what invoice 2026-0001 still owes"):
        credit_notes.issue(db, sent.number, on=dt.date(2026, 4, 5))
    assert db.execute("SELECT count(*) FROM credit_note").fetchone()[0] == 0


def test_a_draft_is_voided_not_credited(db: Database) -> None:
    ids = billed_practice(db)
    draft = invoices.create_for_month(db, ids["acme"], "2026-03", ISSUED)
    with pytest.raises(ValidationError, match="is a draft: void or change it instead"):
        credit_notes.issue(db, draft.number, on=ISSUED)


def test_an_issued_credit_note_is_never_changed_in_the_file(
    db: Database, sent: invoices.Invoice
) -> None:
    note = credit_notes.issue(db, sent.number, on=dt.date(2026, 4, 5))
    for sql in (
        "UPDATE credit_note SET total_minor = 1 WHERE number = ?",
        "DELETE FROM credit_note WHERE number = ?",
        "UPDATE credit_note SET status = 'draft' WHERE number = ?",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="credit note"):
            db.execute(sql, [note.number])
    with pytest.raises(sqlite3.IntegrityError, match="credit note"):
        db.execute("UPDATE credit_note_line SET amount_minor = 1 WHERE credit_note_id = ?",
                   [note.id])  # fmt: skip


def test_check_names_a_credit_note_edited_behind_a_dropped_trigger(
    db: Database, sent: invoices.Invoice
) -> None:
    note = credit_notes.issue(db, sent.number, on=dt.date(2026, 4, 5))
    db.execute("DROP TRIGGER credit_note_final_is_fixed")
    db.execute("UPDATE credit_note SET reason = 'edited' WHERE id = ?", [note.id])
    found = [(f.table, f.id) for f in seals.findings(db)]
    assert ("credit_note", "credit_note_final_is_fixed") in found
    assert ("credit_note", note.id) in found
