"""`invoice credit|pay|remind`, `invoice list --unpaid`, `report month` with `uninvoiced`, and
`export statement|time-report`: each writes what it says, and each bad input is one line on
stderr with exit 1 and nothing written."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import docx
import pytest
from sqlite_utils import Database

from desktop.cli import main
from storage.billing import invoices
from storage.rules import clock
from tests.invoice_practice import billed_practice

TODAY = dt.date(2026, 7, 10)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def sent(db: Database) -> dict[str, Any]:
    ids = billed_practice(db)
    made = invoices.create_for_month(db, ids["acme"], "2026-03", dt.date(2026, 4, 2))
    invoices.mark(db, made.number, "sent", dt.date(2026, 4, 2))
    return {**ids, "number": made.number, "total": made.total_minor}


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_pay_part_then_list_unpaid_with_ageing(
    db: Database, sent: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    number = sent["number"]
    status, out, _ = _run(capsys, "invoice", "pay", "--number", number, "--amount", "1,000.00",
                          "--date", "2026-04-20", "--format", "json")  # fmt: skip
    assert status == 0
    paid = json.loads(out)
    assert (paid["amount_minor"], paid["status"]) == (100_000, "sent")
    assert paid["balance_minor"] == sent["total"] - 100_000
    status, out, _ = _run(capsys, "invoice", "list", "--unpaid", "--format", "json")
    (owed,) = json.loads(out)
    assert (owed["number"], owed["days_overdue"], owed["ageing"], owed["overdue"]) == (
        number, 85, "61-90", True)  # fmt: skip
    assert owed["balance_minor"] == sent["total"] - 100_000
    status, out, _ = _run(capsys, "invoice", "list", "--unpaid")
    assert "61-90" in out
    assert "Total EUR" in out


@pytest.mark.parametrize(
    ("amount", "date", "message"),
    [
        ("-5", "2026-04-20", "No payment was recorded: enter an amount"),
        ("999999", "2026-04-20", "is over what invoice 2026-0001 still owes"),
        ("10", "2030-01-01", "is in the future"),
        ("10", "2026-03-01", "must not be before 2026-04-02"),
    ],
)
def test_a_bad_payment_is_one_line_and_exit_1(
    db: Database, sent: dict[str, Any], capsys: pytest.CaptureFixture[str],
    amount: str, date: str, message: str,
) -> None:  # fmt: skip
    status, out, err = _run(capsys, "invoice", "pay", "--number", sent["number"],
                            f"--amount={amount}", "--date", date)  # fmt: skip
    assert (status, out) == (1, "")
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert db.execute("SELECT count(*) FROM payment").fetchone()[0] == 0


def test_credit_writes_its_document_and_void_of_a_sent_invoice_is_refused(
    db: Database, sent: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number = sent["number"]
    status, _, err = _run(capsys, "invoice", "mark", "--number", number, "--status", "void")
    assert status == 1
    assert "cancel it with a credit note" in err
    out = tmp_path / "cn.docx"
    status, printed, _ = _run(capsys, "invoice", "credit", "--number", number, "--date",
                              "2026-04-05", "--out", str(out))  # fmt: skip
    assert status == 0
    assert printed.splitlines() == [f"CN-2026-0001: credits €{sent['total'] / 100:,.2f} of "
                                     f"invoice {number}", str(out)]  # fmt: skip
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Credit note CN-2026-0001" in text
    assert f"Credits invoice {number}" in text
    status, _, err = _run(capsys, "invoice", "credit", "--number", number)
    assert status == 1
    assert "credited in full already" in err


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc: no one can write there")
def test_create_into_a_folder_that_cannot_be_written_leaves_no_draft(
    db: Database, sent: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["invoice", "create", "--client", str(sent["bravo"]), "--month", "2026-03",
            "--currency", "GBP", "--date", "2026-04-02"]  # fmt: skip
    status, out, err = _run(capsys, *args, "--out", "/proc/invoice.docx")
    assert (status, out) == (1, "")
    assert err.startswith("fractional-desk: No invoice was made")
    assert [i.number for i in invoices.list_invoices(db)] == [sent["number"]]
    status, out, _ = _run(capsys, *args)
    assert (status, out.strip()) == (0, "2026-0002")  # the number was not used up


def test_report_month_lists_what_is_left_to_bill(
    db: Database, sent: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = _run(capsys, "report", "month", "--month", "2026-03", "--format", "json")
    left = json.loads(out)["uninvoiced"]
    assert {(x["client"], x["currency"]) for x in left} == {("Bravo Labs", "GBP"),
                                                            ("Bravo Labs", "USD")}  # fmt: skip
    assert all(x["amount_minor"] > 0 for x in left)
    _, out, _ = _run(capsys, "report", "month", "--month", "2026-03")
    assert "To invoice:" in out
    assert "Bravo Labs · Hiring: £" in out


def test_remind_prints_the_letter_and_claims_interest_and_compensation(
    db: Database, sent: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run(capsys, "invoice", "remind", "--number", sent["number"])
    assert status == 0
    assert "is now 85 days overdue" in out
    assert "fixed compensation for late payment: €100.00" in out  # over 10,000 owed
    path = tmp_path / "reminder.docx"
    status, out, _ = _run(capsys, "invoice", "remind", "--number", sent["number"], "--out",
                          str(path))  # fmt: skip
    assert (status, out.strip()) == (0, str(path))
    assert "Total claimed" in [c.text for t in docx.Document(str(path)).tables
                               for r in t.rows for c in r.cells]  # fmt: skip


def test_export_statement_balances_to_its_lines(
    db: Database, sent: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["invoice", "pay", "--number", sent["number"], "--amount", "500", "--date",
          "2026-04-20"])  # fmt: skip
    path = tmp_path / "statement.csv"
    status, _, _ = _run(capsys, "export", "statement", "--client", str(sent["acme"]), "--out",
                        str(path))  # fmt: skip
    assert status == 0
    found = list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"))))
    assert [r["type"] for r in found] == ["opening", "invoice", "payment", "closing"]
    debits = sum(float(r["debit"] or 0) for r in found)
    credits = sum(float(r["credit"] or 0) for r in found)
    assert float(found[-1]["balance"]) == pytest.approx(debits - credits)
    assert float(found[-1]["balance"]) == pytest.approx((sent["total"] - 50_000) / 100)
    doc = tmp_path / "statement.docx"
    assert main(["export", "statement", "--client", str(sent["acme"]), "--out", str(doc)]) == 0
    cells = [c.text for t in docx.Document(str(doc)).tables for r in t.rows for c in r.cells]
    assert "Balance due" in cells
    assert sent["number"] in cells  # the overdue invoice is listed
