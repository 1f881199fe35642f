"""Scope-of-work versions: numbered per engagement, dated, with a snapshot of the terms; the next
version lists what changed; an export that fails records nothing; rows written by hand."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlite_utils import Database

from exporters import scope_of_work, sow_snapshot
from exporters.errors import ExportError
from storage.billing import instalments
from storage.practice import deliverables, document_versions, engagements
from storage.practice.deliverables import Deliverable
from storage.rules.errors import ValidationError
from tests.export_support import make_engagement, open_document
from tests.sow_sample import START, agreed_engagement

FIRST, SECOND = dt.date(2026, 1, 2), dt.date(2026, 1, 20)


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in open_document(path).paragraphs]


def _changes(path: Path) -> list[str]:
    document = open_document(path)
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Changes in this version") + 2
    found = []
    for paragraph in document.paragraphs[start:]:
        if paragraph.style.name != "List Bullet":
            return found
        found.append(paragraph.text)
    return found


def test_the_first_export_is_version_1_without_changes(db: Database, tmp_path: Path) -> None:
    e = agreed_engagement(db)
    path = scope_of_work.export(db, e.id or 0, tmp_path / "v1.docx", on=FIRST)
    texts = _paragraphs(path)
    assert "Version 1 · 2 January 2026" in texts
    assert "Changes in this version" not in texts
    (version,) = document_versions.list_for(db, e.id or 0)
    assert (version.kind, version.version, version.date) == ("sow", 1, FIRST)
    assert version.path == str(path.resolve())
    assert version.snapshot["terms"]["Notice period"] == "30 days"
    assert version.snapshot["client"]["Client's legal name"] == "Acme Robotics Limited"
    assert version.snapshot["deliverables"][0]["title"] == "Architecture review"
    assert version.snapshot["phases"][0]["name"] == "Audit and architecture"
    assert version.snapshot["terms"]["Fee basis"] == "£9,000 a month for 12 months (£108,000)"


def test_the_second_version_lists_what_changed(db: Database, tmp_path: Path) -> None:
    e = agreed_engagement(db)
    eid = e.id or 0
    scope_of_work.export(db, eid, tmp_path / "v1.docx", on=FIRST)
    engagements.update(db, dataclasses.replace(e, notice_days=28))
    items = [*deliverables.list_for(db, eid), Deliverable(eid, "Vendor contracts reviewed")]
    deliverables.replace_for(db, eid, items)
    path = scope_of_work.export(db, eid, tmp_path / "v2.docx", on=SECOND)
    texts = _paragraphs(path)
    assert "Version 2 · 20 January 2026" in texts
    assert texts[texts.index("Changes in this version") + 1] == (
        "Since version 1 of 2 January 2026:"
    )
    assert _changes(path) == [
        "Notice period: 30 days → 4 weeks",
        "Deliverable added: Vendor contracts reviewed",
    ]
    assert [v.version for v in document_versions.list_for(db, eid)] == [1, 2]


def test_unchanged_terms_say_so(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    scope_of_work.export(db, e.id or 0, tmp_path / "a.docx", on=FIRST)
    texts = _paragraphs(scope_of_work.export(db, e.id or 0, tmp_path / "b.docx", on=SECOND))
    assert (
        "Since version 1 of 2 January 2026: no terms changed; this version re-issues it." in texts
    )


def test_changes_in_plain_words() -> None:
    before = {
        "terms": {"Payment terms": "30 days from the invoice date", "Confidentiality": "x" * 90},
        "client": {"Client's legal name": "Acme"},
        "deliverables": [{"title": "Audit", "due": "1 June 2026", "acceptance": ""},
                         {"title": "Old", "due": "To be agreed", "acceptance": ""}],
        "phases": [{"name": "Build", "dates": "a to b", "goals": "ship"}],
    }  # fmt: skip
    after = {
        "terms": {"Payment terms": "14 days from the invoice date", "Confidentiality": "y" * 90},
        "client": {"Client's legal name": "Acme Limited"},
        "deliverables": [{"title": "Audit", "due": "15 June 2026", "acceptance": "Signed off"}],
        "phases": [{"name": "Build", "dates": "a to c", "goals": "ship it"}],
    }
    assert sow_snapshot.changes(before, after) == [
        "Payment terms: 30 days from the invoice date → 14 days from the invoice date",
        "Confidentiality: reworded",
        "Client's legal name: Acme → Acme Limited",
        "Deliverable removed: Old",
        "Deliverable “Audit”: due 1 June 2026 → 15 June 2026",
        "Deliverable “Audit”: acceptance criterion set",
        "Phase “Build”: dates a to b → a to c",
        "Phase “Build”: goals reworded",
    ]


def test_a_failed_export_records_nothing(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    with pytest.raises(ExportError):
        scope_of_work.export(db, e.id or 0, tmp_path / "missing" / "sow.docx")
    assert document_versions.list_for(db, e.id or 0) == []
    path = scope_of_work.export(db, e.id or 0, tmp_path / "sow.docx")
    assert "Version 1 · " in "\n".join(_paragraphs(path))


def test_a_version_taken_meanwhile_is_refused(db: Database, tmp_path: Path) -> None:
    """Two exports at once: the second to record finds its number gone and says so."""
    e = make_engagement(db)
    document_versions.record(db, e.id or 0, "sow", "", {}, number=1, on=FIRST)
    with pytest.raises(ValidationError, match="recorded by another export"):
        document_versions.record(db, e.id or 0, "sow", "", {}, number=1, on=FIRST)
    assert len(document_versions.list_for(db, e.id or 0)) == 1


def test_a_snapshot_written_by_hand_is_not_trusted(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    db.execute(
        "INSERT INTO document_version (engagement_id, kind, version, created_at, snapshot) "
        "VALUES (?, 'sow', 1, 'garbage', '{not json')",
        [e.id],
    )
    db.conn.commit()
    (version,) = document_versions.list_for(db, e.id or 0)
    assert (version.snapshot, version.date, version.as_json()["date"]) == ({}, None, None)
    texts = _paragraphs(scope_of_work.export(db, e.id or 0, tmp_path / "v2.docx", on=SECOND))
    assert "Version 2 · 20 January 2026" in texts
    assert any("could not be read" in t for t in texts)


def test_versions_are_kept_per_engagement(db: Database, tmp_path: Path) -> None:
    a = make_engagement(db)
    b = make_engagement(db, client_name="Beta Labs")
    scope_of_work.export(db, a.id or 0, tmp_path / "a.docx")
    scope_of_work.export(db, b.id or 0, tmp_path / "b.docx")
    assert [v.version for v in document_versions.list_for(db, b.id or 0)] == [1]
    engagements.delete(db, a.id or 0)
    assert document_versions.list_for(db, a.id or 0) == []


def test_a_fixed_fee_prints_its_payment_schedule_and_a_new_version_lists_its_changes(
    db: Database, tmp_path: Path
) -> None:
    """The schedule's rows add up to their printed total, which is the fee; a changed amount in
    the next version is listed; a schedule short of the fee says so and is "To be agreed"."""
    e = agreed_engagement(db, billing_model="fixed_fee", fee_minor=3_600_000)
    eid = e.id or 0
    first = instalments.spread(eid, e.fee_minor, START, START + dt.timedelta(days=89))
    instalments.replace_for(db, eid, first)
    path = scope_of_work.export(db, eid, tmp_path / "v1.docx", on=FIRST)
    (schedule,) = [t for t in open_document(path).tables if t.rows[0].cells[0].text == "Instalment"]
    rows = [[c.text for c in row.cells] for row in schedule.rows[1:]]
    assert rows == [
        ["Instalment 1 of 3", "5 January 2026", "£12,000.00"],
        ["Instalment 2 of 3", "5 February 2026", "£12,000.00"],
        ["Instalment 3 of 3", "5 March 2026", "£12,000.00"],
        ["Total", "", "£36,000.00"],
    ]
    assert scope_of_work.to_be_agreed(db, eid) == []
    instalments.replace_for(db, eid, [dataclasses.replace(first[0], amount_minor=1_000_000),
                                      *first[1:]])  # fmt: skip
    again = scope_of_work.export(db, eid, tmp_path / "v2.docx", on=SECOND)
    assert "Instalment “Instalment 1 of 3”: amount £12,000.00 → £10,000.00" in _changes(again)
    assert "The instalments add up to £34,000.00, not the fee of £36,000.00. To be agreed." in (
        _paragraphs(again)
    )
    assert "Payment schedule" in scope_of_work.to_be_agreed(db, eid)


def test_exports_at_the_same_moment_each_print_the_version_they_record(
    db: Database, data_dir: Path, tmp_path: Path
) -> None:
    """Promise: three `export sow` processes started together record versions 1, 2 and 3, and
    each file prints the number recorded for it: none is left printing a number another took."""
    import json
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    e = agreed_engagement(db)
    db.conn.commit()
    env = {**os.environ, "PYTHONPATH": str(root)}
    command = [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "export", "sow",
               "--engagement", str(e.id)]  # fmt: skip

    def export(n: int) -> subprocess.Popen[str]:
        out = str(tmp_path / f"sow-{n}.docx")
        return subprocess.Popen(
            [*command, "--out", out],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    children = [export(n) for n in range(3)]
    results = [child.communicate() for child in children]
    assert [child.returncode for child in children] == [0, 0, 0], results
    listed = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "documents", "list",
         "--engagement", str(e.id), "--format", "json"],
        cwd=root, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    versions = json.loads(listed.stdout)
    assert [v["version"] for v in versions] == [1, 2, 3]
    for version in versions:
        printed = [p for p in _paragraphs(Path(version["path"])) if p.startswith("Version ")]
        assert printed[0].startswith(f"Version {version['version']} · ")
