"""The invoice and the statement read back: numbers that add up, and the command line around them."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from sqlite_utils import Database

from desktop.cli import main
from exporters import invoice
from exporters import time_report as statement
from storage.billing import invoices
from storage.rules.months import Month
from storage.time import time_entries
from storage.time.time_entries import TimeEntry
from tests.invoice_practice import billed_practice

MARCH = Month(2026, 3)
ISSUED = dt.date(2026, 4, 2)


@pytest.fixture
def billed(db: Database) -> dict[str, int]:
    return billed_practice(db)


def _cents(text: str) -> int:
    """`€20,087.44` -> 2008744."""
    return int(Decimal(text.lstrip("€£$").replace(",", "")) * 100)


def _tables(path: Path) -> list[list[list[str]]]:
    return [
        [[c.text for c in row.cells] for row in t.rows] for t in docx.Document(str(path)).tables
    ]


def test_the_invoice_document_adds_up(db: Database, billed: dict[str, int], tmp_path: Path) -> None:
    made = invoices.create_for_month(db, billed["acme"], MARCH, ISSUED)
    path = invoice.export(db, made.number, tmp_path / "invoice.docx")
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert document.paragraphs[0].text == "Draft invoice 2026-0001"
    parties, facts, lines = _tables(path)
    assert parties[1][0].startswith("Park Technology Ltd\nAda Park\n1 Quay Street")
    assert parties[1][1] == "Acme Robotics GmbH\nHauptstraße 5\n10115 Berlin\nVAT number: DE811"
    assert facts == [["Invoice number", "2026-0001"], ["Issue date", "2 April 2026"],
                     ["Due date", "16 April 2026"], ["Period", "March 2026"]]  # fmt: skip
    assert lines[0] == ["Description", "Quantity", "Unit price", "Amount"]
    body, (subtotal, tax, total) = lines[1:-3], lines[-3:]
    assert [row[0] for row in body] == ["Advisory days", "AI strategy", "CTO hours",
                                        "Platform sprint"]  # fmt: skip
    assert all(row[2].endswith((" a day", " a month", " an hour", " each"))
               for row in body)  # fmt: skip
    assert sum(_cents(row[3]) for row in body) == _cents(subtotal[3]) == made.subtotal_minor
    assert tax[0] == "Tax at 20%"
    assert _cents(subtotal[3]) + _cents(tax[3]) == _cents(total[3]) == made.total_minor
    assert "IBAN GB33 BUKB 2020 1555 5555 55" in text
    assert "within 14 days, by 16 April 2026, quoting invoice 2026-0001" in text


def test_a_reverse_charge_note_and_a_void_mark(
    db: Database, billed: dict[str, int], tmp_path: Path
) -> None:
    made = invoices.create_for_month(db, billed["bravo"], MARCH, ISSUED, currency="USD")
    note = "Reverse charge: VAT to be accounted for by the recipient"
    invoices.update_draft(db, dataclasses.replace(made, tax_rate_bp=0, tax_note=note))
    invoices.mark(db, made.number, "void", ISSUED)
    path = invoice.export(db, made.number, tmp_path / "void.docx")
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert paragraphs[:2] == ["Invoice 2026-0001", "Void since 2 April 2026."]
    assert note in paragraphs
    assert _tables(path)[2][-2][0] == "Tax at 0%"


def test_the_statement_lists_each_day_and_adds_up(
    db: Database, billed: dict[str, int], tmp_path: Path
) -> None:
    eid = billed["hourly"]
    for _ in range(2):  # the same note twice in a day is said once
        time_entries.add(db, TimeEntry(eid, dt.date(2026, 3, 2), "strategy", 30, "=SUM(A1)"))
    path = statement.export(db, billed["acme"], MARCH, tmp_path / "statement.docx")
    summary, *parts = _tables(path)
    assert summary[0] == ["Engagement", "Strategy", "Team", "Leadership", "Total", "Amount"]
    assert summary[-1][0] == "Total (EUR)"
    assert _cents(summary[-1][5]) == sum(_cents(r[5]) for r in summary[1:-1] if r[5][0] == "€")
    hourly = next(p for p in parts if p[-1][2] == "38:30")  # 37:30 and the extra hour
    assert hourly[1] == ["2 Mar 2026", "Strategy", "16:00", "=SUM(A1)"]
    minutes = [int(h) * 60 + int(m) for h, m in (r[2].split(":") for r in hourly[1:-1])]
    assert sum(minutes) == 38 * 60 + 30


def test_the_statement_csv_sums_to_its_totals(
    db: Database, billed: dict[str, int], tmp_path: Path
) -> None:
    time_entries.add(db, TimeEntry(billed["daily"], dt.date(2026, 3, 10), "strategy", 20, "=x"))
    path = statement.export(db, billed["acme"], MARCH, tmp_path / "statement.csv")
    rows = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    totals = [r for r in rows if r["date"] == "total"]
    assert [(r["engagement"], r["amount"], r["currency"]) for r in totals] == [
        ("Advisory days", "1233.33", "EUR"),  # 740 / 480 days × 800.00
        ("AI strategy", "4258.06", "EUR"),
        ("CTO hours", "4629.38", "EUR"),
        ("Platform sprint", "10000.00", "EUR"),
    ]
    for total in totals:
        days = [r for r in rows if r["engagement"] == total["engagement"] and r["date"] != "total"]
        assert sum(Decimal(r["hours"]) for r in days) == Decimal(total["hours"])
    assert any(r["note"] == "'=x" for r in rows)  # a formula is escaped


def _cli(data_dir: Path, *args: str) -> int:
    return main([*args, "--data-dir", str(data_dir)])


def test_invoice_create_list_mark_round_trip(
    db: Database,
    billed: dict[str, int],
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "inv.docx"
    acme = str(billed["acme"])
    args = ["invoice", "create", "--client", acme, "--month", "2026-03", "--date", "2026-04-02"]
    assert _cli(data_dir, *args, "--out", str(out)) == 0
    assert capsys.readouterr().out.split() == ["2026-0001", str(out)]
    assert _cli(data_dir, *args) == 1
    assert "invoice 2026-0001 already bills Acme" in capsys.readouterr().err
    assert _cli(data_dir, "invoice", "create", "--client", str(billed["bravo"]),
                "--month", "2026-03") == 1  # fmt: skip
    assert "bills in GBP and USD" in capsys.readouterr().err
    assert _cli(data_dir, "invoice", "mark", "--number", "2026-0001", "--status", "paid") == 1
    assert "mark it sent first" in capsys.readouterr().err
    mark = ["invoice", "mark", "--number", "2026-0001", "--status", "sent", "--date", "2026-04-03"]
    assert _cli(data_dir, *mark) == 0
    assert capsys.readouterr().out.strip() == "2026-0001: sent on 2026-04-03"
    assert _cli(data_dir, "invoice", "list", "--format", "json") == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert (listed["status"], listed["sent_on"], listed["overdue"]) == ("sent", "2026-04-03", True)
    assert listed["total_minor"] == listed["subtotal_minor"] + listed["tax_minor"]
    assert _cli(data_dir, "invoice", "list", "--status", "paid") == 0
    assert capsys.readouterr().out.strip() == "No invoices."
    assert _cli(data_dir, "invoice", "list") == 0
    table = capsys.readouterr().out
    assert "Overdue" in table.splitlines()[0]
    assert "overdue" in table.splitlines()[2]


def test_export_statement_and_its_refusals(
    db: Database,
    billed: dict[str, int],
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    acme = str(billed["acme"])
    for name in ("s.docx", "s.csv"):
        out = tmp_path / name
        assert _cli(data_dir, "export", "time-report", "--client", acme, "--month", "2026-03",
                    "--out", str(out)) == 0  # fmt: skip
        assert capsys.readouterr().out.strip() == str(out)
        assert out.stat().st_size > 0
    assert _cli(data_dir, "export", "time-report", "--client", acme, "--out",
                str(tmp_path / "x.docx")) == 1  # fmt: skip
    assert "needs --client ID and --month" in capsys.readouterr().err
    assert _cli(data_dir, "export", "time-report", "--client", "999", "--month", "2026-03",
                "--out", str(tmp_path / "x.pdf")) == 1  # fmt: skip
    assert ".docx or .csv" in capsys.readouterr().err
    assert _cli(data_dir, "export", "time-report", "--client", "999", "--month", "2026-03",
                "--out", str(tmp_path / "x.csv")) == 1  # fmt: skip
    assert "There is no client 999" in capsys.readouterr().err
