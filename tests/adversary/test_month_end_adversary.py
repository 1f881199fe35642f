"""Month-end's promises tried the way an adversary would: processes invoicing at the same moment,
another tool editing a sent invoice with plain SQL, and the sample practice's month against its
weeks on the command line.

Each test names the promise it checks, on real files and, where it matters, real processes."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.cli import main
from storage.billing import instalments, invoices
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules.months import parse_month
from storage.rules.vocabulary import BUCKETS
from storage.rules.weeks import week_of
from storage.sample import SampleOptions, generate
from storage.sqlite import sqlite3
from storage.time import time_entries
from storage.time.time_entries import TimeEntry
from tests.storage.file.test_tolerant_reads import plant

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("adversary_writer.py")
MONTHS = [f"2026-{m:02d}" for m in range(1, 5)]
AS_OF = dt.date(2026, 11, 22)


def _hourly_practice(db: Database, names: int) -> list[int]:
    """Clients on an hourly rate with an hour logged on the 10th of each month of MONTHS."""
    ids = []
    for n in range(names):
        client = clients.add(db, Client(name=f"Client {n}"))
        e = engagements.add(db, Engagement(
            client.id or 0, "Fractional CTO", dt.date(2026, 1, 1), status="active",
            billing_model="hourly", fee_minor=15000, currency="GBP",
        ))  # fmt: skip
        for month in MONTHS:
            day = dt.date.fromisoformat(f"{month}-10")
            time_entries.add(db, TimeEntry(e.id or 0, day, "strategy", 60))
        ids.append(client.id or 0)
    return ids


def test_processes_invoicing_at_once_give_each_month_one_invoice_and_never_share_a_number(
    db: Database, data_dir: Path
) -> None:
    """Promise: three processes invoicing the same clients and months at the same moment make
    exactly one invoice per client and month, numbered without a gap or a repeat, and every
    loser is told in plain words."""
    ids = _hourly_practice(db, 4)
    argv = [sys.executable, str(WRITER), "invoice-months", str(data_dir), *MONTHS]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    children = [
        subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    lines = [line for child in children for line in child.communicate()[0].split("\n") if line]
    saved = [line.split()[1:] for line in lines if line.startswith("saved")]
    assert not [line for line in lines if line.startswith("failed")]
    assert len(saved) == len(ids) * len(MONTHS)
    assert sum(line == "refused" for line in lines) == 2 * len(saved)
    assert {(c, m) for _, c, m in saved} == {(str(c), m) for c in ids for m in MONTHS}
    numbers = sorted(number for number, _, _ in saved)
    assert numbers == [f"2026-{n:04d}" for n in range(1, len(saved) + 1)]
    stored = [(i.number, i.client_id, i.month) for i in invoices.list_invoices(db)]
    assert sorted(stored) == sorted((n, int(c), m) for n, c, m in saved)


@pytest.fixture
def sent(db: Database) -> invoices.Invoice:
    client_id = _hourly_practice(db, 1)[0]
    made = invoices.create_for_month(db, client_id, "2026-01", dt.date(2026, 2, 1))
    return invoices.mark(db, made.number, "sent", dt.date(2026, 2, 1))


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE invoice SET total_minor = 1, subtotal_minor = 1, tax_minor = 0",
        "UPDATE invoice SET number = '2026-9999'",
        "UPDATE invoice SET buyer = '{}'",
        "UPDATE invoice SET due_on = '2030-01-01'",
        "DELETE FROM invoice",
        "UPDATE invoice_line SET amount_minor = 1",
        "UPDATE invoice_line SET description = 'Something else'",
        "DELETE FROM invoice_line",
        "INSERT INTO invoice_line (invoice_id, description, amount_minor) "
        "SELECT id, 'Extra', 100 FROM invoice",
    ],
)
def test_another_tool_cannot_change_a_sent_invoice(
    db: Database, sent: invoices.Invoice, sql: str
) -> None:
    """Promise: an invoice once sent is never changed, even by plain SQL from another tool; the
    file keeps what was sent."""
    with pytest.raises(sqlite3.IntegrityError, match="never changed"):
        db.execute(sql)
    assert invoices.get_by_number(db, sent.number) == sent


def test_a_sent_invoice_still_moves_on_and_a_void_one_never_changes(
    db: Database, sent: invoices.Invoice
) -> None:
    paid = invoices.mark(db, sent.number, "paid", dt.date(2026, 2, 20))
    assert (paid.status, paid.paid_on) == ("paid", dt.date(2026, 2, 20))
    other = invoices.create_for_month(db, sent.client_id, "2026-02", dt.date(2026, 3, 1))
    voided = invoices.mark(db, other.number, "void", dt.date(2026, 3, 2))
    with pytest.raises(sqlite3.IntegrityError, match="never changed"):
        db.execute("UPDATE invoice SET status = 'draft' WHERE number = ?", [voided.number])
    assert invoices.get_by_number(db, voided.number) == voided


def test_deleting_an_invoiced_engagement_keeps_the_invoice_as_sent(
    db: Database, sent: invoices.Invoice
) -> None:
    """The line keeps its words and amount; only its link to the engagement goes."""
    engagement_id = sent.lines[0].engagement_id or 0
    engagements.delete(db, engagement_id)
    kept = invoices.get_by_number(db, sent.number)
    assert [(x.description, x.amount_minor) for x in kept.lines] == [
        (x.description, x.amount_minor) for x in sent.lines
    ]
    assert kept.lines[0].engagement_id is None
    assert kept.total_minor == sent.total_minor


def test_a_draft_can_still_be_corrected_by_plain_sql(db: Database) -> None:
    client_id = _hourly_practice(db, 1)[0]
    draft = invoices.create_for_month(db, client_id, "2026-01", dt.date(2026, 2, 1))
    db.execute("UPDATE invoice_line SET description = 'Corrected' WHERE invoice_id = ?", [draft.id])
    assert invoices.get_by_number(db, draft.number).lines[0].description == "Corrected"


def _json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> dict:  # type: ignore[type-arg]
    assert main([*argv, "--format", "json"]) == 0
    value: dict = json.loads(capsys.readouterr().out)  # type: ignore[type-arg]
    return value


@pytest.mark.parametrize("month", ["2026-09", "2026-10"])
def test_the_sample_practice_month_agrees_with_its_weeks_on_the_command_line(
    db: Database, capsys: pytest.CaptureFixture[str], month: str
) -> None:
    """Done when: `report month --format json` on the sample practice agrees with the sum of
    `report week` over the same days, and a retainer's full month bills its fee."""
    generate(db, SampleOptions(as_of=AS_OF))
    chosen = parse_month(month)
    by_month = _json(["report", "month", "--month", month], capsys)
    summed: dict[int, dict[str, int]] = {}
    week = week_of(chosen.start)
    while week.start <= chosen.end:
        iso = week.start.isocalendar()
        for item in _json(["report", "week", "--week", f"{iso[0]}-W{iso[1]:02d}"], capsys)[
            "engagements"
        ]:
            per_bucket = summed.setdefault(item["id"], dict.fromkeys(BUCKETS, 0))
            for bucket, days in item["minutes"].items():
                per_bucket[bucket] += sum(m for d, m in days.items() if d[:7] == month)
        week = week.shifted(1)
    lines = [e for c in by_month["clients"] for e in c["engagements"]]
    assert lines, "the sample practice logs time every month"
    for line in lines:
        assert line["minutes"] == summed[line["id"]], line["title"]
        assert line["total_minutes"] == sum(line["minutes"].values())
        e = engagements.get(db, line["id"])
        whole_month = e.start_date <= chosen.start and (
            e.status != "ended" or (e.ended_on or chosen.end) >= chosen.end
        )
        if e.billing_model == "monthly_retainer" and whole_month:
            assert line["amount_minor"] == e.fee_minor, line["title"]
    for currency, total in by_month["totals"].items():
        mine = [x for x in lines if x["currency"] == currency]
        assert total["total_minutes"] == sum(x["total_minutes"] for x in mine)
        assert total["amount_minor"] == sum(x["amount_minor"] for x in mine)


def test_check_names_an_invoice_whose_lines_another_tool_changed(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """A draft's line changed by plain SQL without its totals: `check` names the invoice."""
    client_id = _hourly_practice(db, 1)[0]
    draft = invoices.create_for_month(db, client_id, "2026-01", dt.date(2026, 2, 1))
    db.execute("UPDATE invoice_line SET amount_minor = amount_minor + 1 WHERE invoice_id = ?",
               [draft.id])  # fmt: skip
    db.conn.commit()
    assert main(["check", "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert {"table": "invoice", "id": draft.id, "column": "subtotal_minor",
            "problem": "is not the sum of the invoice's lines"} in found  # fmt: skip


def test_an_instalment_another_tool_broke_bills_nothing_and_is_named(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """A fixed fee's instalment with a day `2026-02-30` is left out of the month and of the
    engagement's schedule (never a crash), and `check` lists it."""
    client = clients.add(db, Client(name="Fixed Ltd"))
    e = engagements.add(db, Engagement(
        client.id or 0, "Platform sprint", dt.date(2026, 1, 1), status="active",
        billing_model="fixed_fee", fee_minor=900000, currency="EUR",
    ))  # fmt: skip
    time_entries.add(db, TimeEntry(e.id or 0, dt.date(2026, 2, 3), "strategy", 60))
    plant(db, "INSERT INTO instalment (engagement_id, due_on, amount_minor) VALUES (?, ?, ?)",
          [e.id, "2026-02-30", 300000])  # fmt: skip
    plant(db, "INSERT INTO instalment (engagement_id, due_on, amount_minor) VALUES (?, ?, ?)",
          [e.id, "2026-02-27", 300000])  # fmt: skip
    assert [i.due_on for i in instalments.list_for(db, e.id or 0)] == [dt.date(2026, 2, 27)]
    month = _json(["report", "month", "--month", "2026-02"], capsys)
    assert month["totals"]["EUR"]["amount_minor"] == 300000
    assert main(["check", "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert [(p["table"], p["column"]) for p in found] == [("instalment", "due_on")]
