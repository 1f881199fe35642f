"""Every document of every engagement of the sample practice, hostile text, and file names."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from sqlite_utils import Database

from exporters import documents
from storage.decisions import records as decisions
from storage.decisions.records import Decision
from storage.exit_plan import milestones
from storage.exit_plan.milestones import Milestone
from storage.practice import engagements
from storage.sample import SampleOptions, generate
from storage.time import time_entries
from storage.time.time_entries import TimeEntry
from tests.export_support import body_text, make_engagement, open_document

AS_OF = dt.date(2026, 11, 22)
RTL = "שלום עולם — مرحبا بالعالم"
EMOJI = "🚀 launch 👩🏽‍💻 team 🇪🇺"
XMLISH = "</w:t><w:p><w:r>&amp; <![CDATA[x]]> ]]>"
CONTROL = "bell\x07 vt\x0b ff\x0c esc\x1b del\x7f end"


def test_every_engagement_of_the_sample_practice_exports(db: Database, tmp_path: Path) -> None:
    generate(db, SampleOptions(as_of=AS_OF))
    all_engagements = engagements.list_all(db)
    assert all_engagements
    for e in all_engagements:
        for kind in ("sow", "handoff", "timesheet"):
            path = documents.export(db, kind, e.id or 0, tmp_path / f"{e.id}-{kind}.docx")
            document = open_document(path)
            assert e.client_name in document.sections[0].header.paragraphs[0].text
        handoff = open_document(tmp_path / f"{e.id}-handoff.docx")
        text = body_text(handoff)
        for number in _decision_numbers(db, e.id or 0):
            assert f"D-{number:03d}" in text
        documents.export(db, "timesheet", e.id or 0, tmp_path / f"{e.id}.csv")
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


def _decision_numbers(db: Database, engagement_id: int) -> list[int]:
    rows = db.execute("SELECT number FROM decision WHERE engagement_id = ?", [engagement_id])
    return [int(r[0]) for r in rows]


def test_hostile_text_exports_and_reads_back(db: Database, tmp_path: Path) -> None:
    long_text = ("A long paragraph of notes. " * 4000)[:100_000]
    hostile = f"{CONTROL}\n{RTL}\n\n- {EMOJI}\n- {XMLISH}\n\n{long_text}"
    e = make_engagement(
        db, client_name=f"Ünïcode {RTL[:4]} 🚀 <Co> & Sons", objectives=hostile,
        deliverables=[XMLISH], out_of_scope=CONTROL, assumptions=f"{RTL}\r\n{EMOJI}",
    )  # fmt: skip
    eid = e.id or 0
    note = f"{CONTROL} {RTL} {EMOJI} {XMLISH} " + "x" * 9_000
    time_entries.add(db, TimeEntry(eid, dt.date(2026, 1, 6), "team", 60, note))
    decisions.add(db, Decision(eid, f"{XMLISH} {EMOJI}", dt.date(2026, 1, 7), context=hostile))
    milestones.add(db, Milestone(eid, f"{RTL} {CONTROL}", description=hostile))
    for kind in ("sow", "handoff", "timesheet"):
        path = documents.export(db, kind, eid, tmp_path / f"{kind}.docx",
                                start=dt.date(2026, 1, 1), end=dt.date(2026, 2, 1))  # fmt: skip
        text = body_text(open_document(path))
        assert RTL in text, kind
        assert "\x07" not in text
        assert "\x0b" not in text
        assert "bell vt" in text, kind  # a soft break is a line break: "vt" then "ff" on lines
        assert "esc del\x7f end" in text, kind
    sow = body_text(open_document(tmp_path / "sow.docx"))
    assert EMOJI in sow
    assert XMLISH in sow
    assert long_text.strip() in sow
    handoff = body_text(open_document(tmp_path / "handoff.docx"))
    assert f"D-001 {XMLISH} {EMOJI}" in handoff
    csv_path = documents.export(db, "timesheet", eid, tmp_path / "t.csv",
                                start=dt.date(2026, 1, 1), end=dt.date(2026, 2, 1))  # fmt: skip
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert rows[1][6].startswith("bell vt\n ff\n esc del\x7f end")
    assert EMOJI in rows[1][6]


@pytest.mark.parametrize(
    ("kind", "client", "expected"),
    [
        ("sow", "Acme", "2026-11-22 Acme - Scope of work.docx"),
        ("handoff", "Acme", "2026-11-22 Acme - Handoff.docx"),
        ("timesheet", "Acme", "2026-11-22 Acme - Timesheet.docx"),
        ("sow", 'A/B: "C" <D>?', "2026-11-22 A B C D - Scope of work.docx"),
        ("sow", "...", "2026-11-22 Client - Scope of work.docx"),
    ],
)
def test_suggested_file_names(kind: str, client: str, expected: str) -> None:
    e = engagements.Engagement(client_id=1, title="x", start_date=AS_OF, client_name=client)
    assert documents.suggested_name(kind, e, AS_OF) == expected


def test_suggested_csv_name() -> None:
    e = engagements.Engagement(client_id=1, title="x", start_date=AS_OF, client_name="Acme")
    assert documents.suggested_name("timesheet", e, AS_OF, ".csv").endswith("Timesheet.csv")


def test_an_unknown_kind_is_refused(db: Database, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown document"):
        documents.export(db, "invoice", 1, tmp_path / "x.docx")
