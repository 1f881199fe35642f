"""The money documents read back with python-docx: a reverse-charge invoice carries the buyer's
VAT number and the statement and no UK VAT, a UK one VAT at the practice's rate, an unregistered
consultant's invoice no tax line; a credit note names the invoice it credits; the statement of
account's balance is the sum of its lines."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import docx
import pytest
from sqlite_utils import Database

from exporters import account_statement, credit_note, invoice
from storage import sample
from storage.billing import credit_notes, invoices
from storage.practice import settings
from storage.rules import clock
from tests.invoice_practice import billed_practice

TODAY = dt.date(2026, 12, 9)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _last_invoice_of(db: Database, name: str) -> invoices.Invoice:
    return [i for i in invoices.list_invoices(db) if i.client_name == name][-1]


def test_the_sample_invoices_follow_each_clients_tax(db: Database, tmp_path: Path) -> None:
    sample.generate(db, sample.SampleOptions(seed=1, as_of=TODAY))
    for name, vat in (("Café Lumière", "FR 47 852 963 741"),
                      ("Brightwave Health", "DE 318 472 905")):  # fmt: skip
        found = _last_invoice_of(db, name)
        text = _text(invoice.export(db, found.number, tmp_path / f"{name}.docx"))
        assert f"VAT number: {vat}" in text
        assert "Reverse charge: customer to account for VAT" in text
        assert "Tax at 0% (reverse charge)" in text
        assert "20%" not in text
    uk = _text(invoice.export(db, _last_invoice_of(db, "Acme Robotics").number,
                              tmp_path / "uk.docx"))  # fmt: skip
    assert "Tax at 20%" in uk
    assert "reverse charge" not in uk.casefold()


def test_an_unregistered_consultant_prints_no_tax_line(db: Database, tmp_path: Path) -> None:
    ids = billed_practice(db)
    profile = settings.load_profile(db)
    settings.save_profile(db, dataclasses.replace(profile, vat_registered=False))
    made = invoices.create_for_month(db, ids["acme"], "2026-03", dt.date(2026, 4, 2))
    assert (made.tax_rate_bp, made.tax_minor) == (0, 0)
    text = _text(invoice.export(db, made.number, tmp_path / "i.docx"))
    assert "Tax at" not in text
    assert "Total due" in text


def test_the_credit_note_and_the_statement_read_back(db: Database, tmp_path: Path) -> None:
    sample.generate(db, sample.SampleOptions(seed=1, as_of=TODAY))
    (note,) = credit_notes.list_notes(db)
    text = _text(credit_note.export(db, note.number, tmp_path / "cn.docx"))
    assert f"Credit note {note.number}" in text
    assert f"Credits invoice {note.invoice_number}" in text
    assert "Total credited" in text
    client_id = note.client_id
    path = account_statement.export(db, client_id, tmp_path / "soa.docx")
    table = docx.Document(str(path)).tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows][1:]
    amounts = [(r[2], r[3]) for r in rows[1:-1]]

    def pounds(text: str) -> int:
        return round(float(text.replace("£", "").replace(",", "") or 0) * 100)

    balance = sum(pounds(debit) - pounds(credit) for debit, credit in amounts)
    assert rows[-1][1] == "Balance due"
    assert pounds(rows[-1][4]) == balance
    assert any(r[1].startswith("Credit note") for r in rows)
