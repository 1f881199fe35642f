"""On every invoice of the sample practice each line carries a unit and a unit price, quantity ×
unit price agrees with the stored amount, and the invoice and credit note documents print the
three columns as stored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from sqlite_utils import Database

from exporters import credit_note, invoice
from exporters.formatting import money, unit_price
from storage import sample
from storage.billing import credit_notes, invoices
from storage.rules import clock
from tests.line_arithmetic import mismatch

TODAY = dt.date(2026, 12, 9)


@pytest.fixture
def practice(db: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    sample.generate(db, sample.SampleOptions(seed=1, as_of=TODAY))
    return db


def _line_rows(path: Path) -> list[list[str]]:
    table = docx.Document(str(path)).tables[-1]
    return [[c.text for c in row.cells] for row in table.rows]


def test_quantity_times_unit_price_is_the_amount_on_every_invoice(
    practice: Database, tmp_path: Path
) -> None:
    found = invoices.list_invoices(practice)
    units = {x.unit for i in found for x in i.lines}
    assert units == {"month", "instalment"}  # the sample bills retainers and a fixed fee
    for made in found:
        assert [mismatch(x) for x in made.lines] == [""] * len(made.lines), made.number
        rows = _line_rows(invoice.export(practice, made.number, tmp_path / f"{made.number}.docx"))
        assert rows[0] == ["Description", "Quantity", "Unit price", "Amount"]
        code = made.currency
        assert rows[1 : 1 + len(made.lines)] == [
            [x.description, x.quantity, unit_price(x.unit, x.unit_price_minor, code),
             money(x.amount_minor, code)]
            for x in made.lines
        ]  # fmt: skip


def test_a_credit_note_prints_the_lines_it_credits_in_full(
    practice: Database, tmp_path: Path
) -> None:
    notes = credit_notes.list_notes(practice)
    assert notes
    for note in notes:
        rows = _line_rows(
            credit_note.export(practice, note.number, tmp_path / f"{note.number}.docx")
        )
        assert rows[0] == ["Description", "Quantity", "Unit price", "Amount"]
        for row, line in zip(rows[1:], note.lines, strict=False):
            assert row[1] == (line.quantity or "")
            assert row[2] == unit_price(line.unit, line.unit_price_minor, note.currency)
        assert any(line.unit for line in note.lines)
