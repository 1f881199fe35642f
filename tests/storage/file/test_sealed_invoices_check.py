"""What `check` says about sent invoices: each trigger that keeps them final is there as made,
each one's content matches the hash recorded when it was sent; the migration seals the invoices
already sent, and the practice JSON and the sample practice keep the seals."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from sqlite_utils import Database

from storage import sample
from storage.billing import invoices
from storage.file import health_check, seals
from storage.file.db import database_file
from storage.file.practice import open_database
from storage.file.schema.sealed import OLD_TRIGGERS, triggers
from storage.file.schema.unit_prices import INVOICE
from storage.rules.errors import ValidationError
from storage.transfer import practice_json

FIXTURES = Path(__file__).parents[2] / "fixtures"
AS_OF = dt.date(2026, 11, 20)
NAMES = [name for name, _ in triggers(INVOICE)]


@pytest.fixture
def practice(db: Database) -> Database:
    """The sample practice: invoices paid, sent, voided and reissued, and a draft."""
    sample.generate(db, sample.SampleOptions(as_of=AS_OF))
    return db


def _sent(db: Database) -> invoices.Invoice:
    return invoices.list_invoices(db, "sent")[0]


def _sealed_problems(db: Database) -> list[tuple[str, object, str]]:
    return [(f.table, f.id, f.column) for f in seals.findings(db)]


def test_the_sample_practice_has_every_trigger_and_every_seal(practice: Database) -> None:
    final = [i for i in invoices.list_invoices(practice) if i.status != "draft"]
    assert {i.status_label for i in final} == {"Sent", "Paid", "Credited"}
    assert all(i.content_sha256 for i in final)
    assert health_check.check(practice) == []


@pytest.mark.parametrize("name", NAMES)
def test_a_dropped_trigger_is_named(practice: Database, name: str) -> None:
    practice.execute(f"DROP TRIGGER [{name}]")
    table = "invoice_line" if name.startswith("invoice_line") else "invoice"
    assert _sealed_problems(practice) == [(table, name, "")]
    [problem] = health_check.check(practice)
    assert "is missing" in problem.problem


def test_a_trigger_made_harmless_under_its_own_name_is_named(practice: Database) -> None:
    practice.execute("DROP TRIGGER invoice_moves_forward")
    practice.execute(
        "CREATE TRIGGER invoice_moves_forward BEFORE UPDATE ON invoice WHEN 0 "
        "BEGIN SELECT RAISE(ABORT, 'no'); END"
    )
    [problem] = health_check.check(practice)
    assert (problem.table, problem.id) == ("invoice", "invoice_moves_forward")
    assert "is not the one Fractional Desk made" in problem.problem


def test_an_edit_behind_a_dropped_trigger_is_named_with_its_number(practice: Database) -> None:
    """The issue's scenario with the trigger out of the way: back to draft, the total 1, sent
    again. `check` names the missing trigger and the invoice that differs."""
    sent = _sent(practice)
    practice.execute("DROP TRIGGER invoice_moves_forward")
    practice.execute("UPDATE invoice SET status = 'draft' WHERE id = ?", [sent.id])
    practice.execute("UPDATE invoice_line SET amount_minor = 1 WHERE invoice_id = ?", [sent.id])
    one_each = len(sent.lines)
    practice.execute(
        "UPDATE invoice SET subtotal_minor = ?, tax_minor = 0, total_minor = ? WHERE id = ?",
        [one_each, one_each, sent.id],
    )
    practice.execute("UPDATE invoice SET status = 'sent' WHERE id = ?", [sent.id])
    practice.conn.commit()
    found = {(p.table, p.id, p.column): p.problem for p in health_check.check(practice)}
    assert found == {
        ("invoice", "invoice_moves_forward", ""): found[("invoice", "invoice_moves_forward", "")],
        ("invoice", sent.id, "content_sha256"):
            f"{sent.number} differs from the content recorded when it was sent",
    }  # fmt: skip


def test_a_sent_invoice_without_its_hash_is_named(practice: Database) -> None:
    sent = _sent(practice)
    for name in ("invoice_final_is_fixed", "invoice_leaves_draft_sealed"):
        practice.execute(f"DROP TRIGGER [{name}]")
    practice.execute("UPDATE invoice SET content_sha256 = NULL WHERE id = ?", [sent.id])
    problems = list(seals.hash_findings(practice))
    assert [(p.id, p.problem) for p in problems] == [
        (sent.id, f"{sent.number} left draft without the hash of its content recorded, so a "
                  "change cannot be told"),
    ]  # fmt: skip


def test_repair_puts_the_triggers_back_and_leaves_an_edited_invoice_named(
    practice: Database, data_dir: Path
) -> None:
    sent = _sent(practice)
    practice.execute("DROP TRIGGER invoice_final_is_fixed")
    practice.execute("DROP TRIGGER invoice_line_final_is_kept")
    practice.execute("UPDATE invoice SET tax_note = 'edited' WHERE id = ?", [sent.id])
    practice.conn.commit()
    repaired = health_check.repair(practice, data_dir)
    assert sorted(str(p.id) for p in repaired.fixed) == [
        "invoice_final_is_fixed",
        "invoice_line_final_is_kept",
    ]
    assert [(p.id, p.column) for p in repaired.left] == [(sent.id, "content_sha256")]
    assert _sealed_problems(practice) == [("invoice", sent.id, "content_sha256")]
    with pytest.raises(ValidationError, match="never changed"), practice.atomic():
        practice.execute("UPDATE invoice SET tax_note = '' WHERE id = ?", [sent.id])


def test_the_migration_seals_the_invoices_sent_before_it(data_dir: Path) -> None:
    """The last fixture before this step holds a sent invoice: it gets its hash, the ninth
    step's triggers give way to the new ones, and `check` finds nothing."""
    path = database_file(data_dir)
    shutil.copyfile(FIXTURES / "schema-v6.sqlite3", path)
    db = open_database(path)
    try:
        [row] = db.execute("SELECT status, content_sha256 FROM invoice").fetchall()
        assert row[0] == "sent"
        assert row[1] == seals.seal(db, INVOICE, 1)
        made = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
        assert set(NAMES) <= made
        assert not made & set(OLD_TRIGGERS)
        assert list(seals.findings(db)) == []
    finally:
        db.close()


def test_the_practice_json_keeps_the_seals(practice: Database, tmp_path: Path) -> None:
    written = practice_json.dump(practice)
    restored = open_database(database_file(tmp_path / "restored"))
    try:
        practice_json.restore_practice(restored, json.loads(json.dumps(written)))
        before = [(i.number, i.status, i.content_sha256) for i in invoices.list_invoices(practice)]
        after = [(i.number, i.status, i.content_sha256) for i in invoices.list_invoices(restored)]
        assert after == before
        assert health_check.check(restored) == []
    finally:
        restored.close()


def test_a_practice_json_from_before_the_seals_gets_them(
    practice: Database, tmp_path: Path
) -> None:
    written = practice_json.dump(practice)
    written["schema"] = [s for s in written["schema"] if not s.startswith("m010")]
    for row in written["tables"]["invoice"]:
        del row["content_sha256"]
    restored = open_database(database_file(tmp_path / "restored"))
    try:
        practice_json.restore_practice(restored, written)
        final = [i for i in invoices.list_invoices(restored) if i.status != "draft"]
        assert final
        assert all(i.content_sha256 for i in final)
        assert health_check.check(restored) == []
    finally:
        restored.close()


def test_a_practice_json_with_a_sent_invoice_edited_is_refused(
    practice: Database, tmp_path: Path
) -> None:
    """The JSON is a way back in, not round the seal: a sent invoice whose lines and totals were
    edited consistently in the file is refused, naming it, and nothing is written."""
    sent = _sent(practice)
    written = practice_json.dump(practice)
    for line in written["tables"]["invoice_line"]:
        if line["invoice_id"] == sent.id:
            line["amount_minor"] += 100
    for row in written["tables"]["invoice"]:
        if row["id"] == sent.id:
            count = len(sent.lines)
            row["subtotal_minor"] += 100 * count
            row["total_minor"] = row["subtotal_minor"] + row["tax_minor"]
    restored = open_database(database_file(tmp_path / "restored"))
    try:
        with pytest.raises(ValidationError, match=f"{sent.number} differs from the content"):
            practice_json.restore_practice(restored, written)
        assert restored.execute("SELECT count(*) FROM invoice").fetchone()[0] == 0
    finally:
        restored.close()


def test_a_dropped_invoice_table_is_named_not_a_crash(practice: Database) -> None:
    practice.execute("PRAGMA foreign_keys = OFF")
    practice.execute("DROP TABLE invoice_line")
    found = [(f.table, f.id, f.problem) for f in seals.findings(practice)]
    lines = [name for name in NAMES if name.startswith("invoice_line")]
    assert [(t, i) for t, i, _ in found] == [
        *(("invoice_line", name) for name in lines),
        ("invoice_line", None),
    ]
    assert found[-1][2].startswith("the table is missing")
