"""`fractional-desk check` on sent invoices: a dropped trigger and an invoice edited behind it
are named (text and JSON), `--repair` puts the trigger back and leaves the invoice listed, and
the invoice commands' own moves leave nothing to report."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from sqlite_utils import Database

from desktop.cli import main
from storage import sample
from storage.billing import invoices
from tests.invoice_practice import billed_practice


@pytest.fixture
def practice(db: Database) -> Database:
    sample.generate(db, sample.SampleOptions(as_of=dt.date(2026, 11, 20)))
    return db


def _check(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, Any]:
    status = main(["check", "--format", "json", *extra])
    return status, json.loads(capsys.readouterr().out)


def _tamper(db: Database) -> invoices.Invoice:
    """Another tool drops the trigger that keeps a sent invoice's columns, and edits a total."""
    sent = invoices.list_invoices(db, "sent")[0]
    db.execute("DROP TRIGGER invoice_final_is_fixed")
    db.execute(
        "UPDATE invoice SET tax_minor = tax_minor + 1, total_minor = total_minor + 1 WHERE id = ?",
        [sent.id],
    )
    db.conn.commit()
    return sent


def test_check_names_the_dropped_trigger_and_the_edited_invoice(
    practice: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    sent = _tamper(practice)
    status, found = _check(capsys)
    assert status == 1
    assert found == [
        {"table": "invoice", "id": "invoice_final_is_fixed", "column": "",
         "problem": "is missing, so another tool can change invoices once sent "
                    "(`check --repair` puts it back)"},
        {"table": "invoice", "id": sent.id, "column": "content_sha256",
         "problem": f"{sent.number} differs from the content recorded when it was sent"},
    ]  # fmt: skip
    assert main(["check"]) == 1
    table = capsys.readouterr().out
    assert "invoice_final_is_fixed" in table
    assert f"{sent.number} differs from the content recorded when it was sent" in table


def test_repair_puts_the_trigger_back_and_lists_the_invoice_left(
    practice: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    sent = _tamper(practice)
    status, report = _check(capsys, "--repair")
    assert status == 1
    assert [(p["table"], p["id"]) for p in report["fixed"]] == [
        ("invoice", "invoice_final_is_fixed")
    ]
    assert [(p["id"], p["column"]) for p in report["not_fixed"]] == [(sent.id, "content_sha256")]
    assert _check(capsys)[1] == report["not_fixed"]
    assert main(["check", "--repair"]) == 1
    out = capsys.readouterr().out
    assert "Nothing needed fixing." in out
    assert sent.number in out


def test_the_invoice_commands_leave_nothing_to_report(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """Create, send and pay from the command line; void another draft: `check` is clean."""
    billed = billed_practice(db)
    create = ["invoice", "create", "--client", str(billed["acme"]), "--month", "2026-03",
              "--date", "2026-04-02"]  # fmt: skip
    assert main(create) == 0
    number = capsys.readouterr().out.strip()
    for status in ("sent", "paid"):
        assert main(["invoice", "mark", "--number", number, "--status", status,
                     "--date", "2026-04-03"]) == 0  # fmt: skip
    bravo = ["invoice", "create", "--client", str(billed["bravo"]), "--month", "2026-03",
             "--currency", "GBP", "--date", "2026-04-02"]  # fmt: skip
    assert main(bravo) == 0
    other = capsys.readouterr().out.strip().splitlines()[-1]
    assert main(["invoice", "mark", "--number", other, "--status", "void",
                 "--date", "2026-04-03"]) == 0  # fmt: skip
    capsys.readouterr()
    assert _check(capsys) == (0, [])
    assert main(["invoice", "mark", "--number", number, "--status", "sent"]) == 1
    assert "it cannot be sent" in capsys.readouterr().err
