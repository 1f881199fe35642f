"""The unit price step: invoices and credit notes sent before it still check clean (their lines
have no unit, and the hash covers the new columns only where a line has them); a line's unit
price is part of what a sent invoice's hash covers from then on."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlite_utils import Database

from storage.billing import credit_notes, invoices
from storage.file import seals
from storage.file.db import database_file
from storage.file.practice import open_database
from storage.file.schema.sealed import content_text
from storage.file.schema.unit_prices import CREDIT_NOTE, INVOICE
from storage.rules.errors import ValidationError
from storage.rules.months import Month
from tests.invoice_practice import billed_practice

FIXTURES = Path(__file__).parents[2] / "fixtures"
MARCH = Month(2026, 3)
ISSUED = dt.date(2026, 4, 2)


def test_an_invoice_sent_before_the_step_still_checks_clean(data_dir: Path) -> None:
    path = database_file(data_dir)
    shutil.copyfile(FIXTURES / "schema-v8.sqlite3", path)  # at the money step, one sent invoice
    db = open_database(path)
    try:
        [line] = invoices.get_by_number(db, "2026-0007").lines
        assert (line.unit, line.unit_price_minor) == (None, None)
        [note] = credit_notes.list_notes(db)
        assert (note.lines[0].quantity, note.lines[0].unit) == (None, None)
        assert list(seals.findings(db)) == []
        with pytest.raises(ValidationError, match="never changed"), db.atomic():
            db.execute("UPDATE invoice_line SET unit = 'month' WHERE id = ?", [line.id])
        with pytest.raises(ValidationError, match="never changed"), db.atomic():
            db.execute("UPDATE credit_note_line SET unit = 'month' WHERE id = 1")
    finally:
        db.close()


def test_the_hash_covers_a_lines_unit_price_only_where_it_has_one() -> None:
    row = {"number": "2026-0001"}
    before = {"description": "CTO hours", "quantity": "37:30 h", "amount_minor": 462938}
    unpriced = {**before, "unit": None, "unit_price_minor": None}
    priced = {**before, "unit": "hour", "unit_price_minor": 12345}
    assert content_text(INVOICE, row, [unpriced]) == content_text(INVOICE, row, [before])
    assert '"unit":"hour","unit_price_minor":12345' in content_text(INVOICE, row, [priced])
    assert '"quantity":"37:30 h"' in content_text(CREDIT_NOTE, row, [priced])
    assert '"quantity"' not in content_text(CREDIT_NOTE, row, [before | {"quantity": None}])


def test_a_unit_price_changed_behind_the_triggers_is_named(db: Database) -> None:
    billed = billed_practice(db)
    made = invoices.create_for_month(db, billed["bravo"], MARCH, ISSUED, currency="GBP")
    sent = invoices.mark(db, made.number, "sent", ISSUED)
    assert list(seals.findings(db)) == []
    db.execute("DROP TRIGGER invoice_line_final_is_fixed")
    db.execute("UPDATE invoice_line SET unit_price_minor = 1 WHERE invoice_id = ?", [sent.id])
    db.conn.commit()
    found = [(f.table, f.id, f.problem) for f in seals.findings(db)]
    assert ("invoice", sent.id, f"{sent.number} differs from the content recorded when it was "
            "sent") in found  # fmt: skip
