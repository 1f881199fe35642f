"""The handoff read back: headings in order, hours against the target, every decision with its
supersede chain, the repeated header row, exit plan, open items, contacts and the appendix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from docx.oxml.ns import qn
from sqlite_utils import Database

from exporters import docx_common, handoff, handoff_decisions
from storage.decisions import decision_chain
from storage.decisions import records as decisions
from storage.decisions.records import Decision, DecisionOption
from storage.exit_plan import milestones, responsibilities
from storage.exit_plan.milestones import Milestone
from storage.exit_plan.responsibilities import Responsibility
from storage.practice.engagements import Engagement
from storage.rules import clock
from storage.time import time_entries
from storage.time.time_entries import TimeEntry
from tests.export_support import (
    body_text,
    footer_xml,
    headings,
    make_engagement,
    open_document,
    table_rows,
)

AS_OF = dt.date(2026, 6, 30)


@pytest.fixture
def engagement(db: Database, monkeypatch: pytest.MonkeyPatch) -> Engagement:
    monkeypatch.setattr(clock, "today", lambda: AS_OF)
    e = make_engagement(db)
    eid = e.id or 0
    for day, bucket, minutes in [
        (dt.date(2026, 1, 6), "strategy", 300),
        (dt.date(2026, 1, 7), "team", 120),
        (dt.date(2026, 2, 3), "leadership", 180),
        (dt.date(2026, 2, 4), "strategy", 60),
    ]:
        time_entries.add(db, TimeEntry(eid, day, bucket, minutes))
    first = decisions.add(db, Decision(
        eid, "Self-host the vector database", dt.date(2026, 1, 10), status="accepted",
        owner="Priya Raman", context="Costs grow with every customer.",
        options=(DecisionOption("Self-host", "- cheaper\n- control", "- ops work"),
                 DecisionOption("SaaS", "no ops", "cost")),
        outcome="Self-host on the existing Postgres.", cost_if_wrong_minor=2_700_000,
        review_by=dt.date(2026, 7, 1)))  # fmt: skip
    decision_chain.supersede(db, first.id or 0, Decision(
        eid, "Move vectors into pgvector", dt.date(2026, 3, 1), status="accepted",
        owner="Sam Patel"))  # fmt: skip
    decisions.add(db, Decision(eid, "Which model provider", dt.date(2026, 6, 1)))
    milestones.add(db, Milestone(eid, "Roadmap handed over", status="done",
                                 owner="Sam Patel", done_date=dt.date(2026, 3, 1)))  # fmt: skip
    milestones.add(db, Milestone(eid, "Internal lead designated", due_date=dt.date(2026, 9, 1)))
    responsibilities.add(db, Responsibility(eid, "Architecture review", "Priya Raman", "shadows"))
    return e


def _document(db: Database, tmp_path: Path, e: Engagement) -> Any:
    return open_document(handoff.export(db, e.id or 0, tmp_path / "handoff.docx"))


def test_headings_in_order(db: Database, tmp_path: Path, engagement: Engagement) -> None:
    found = [h for h in headings(_document(db, tmp_path, engagement)) if h[0] != "Heading 3"]
    assert found == [
        ("Title", "Handoff"),
        ("Heading 1", "Executive summary"),
        ("Heading 2", "Time by bucket against the target"),
        ("Heading 2", "Exit readiness"),
        ("Heading 1", "Decision log"),
        ("Heading 1", "Exit milestones and responsibilities"),
        ("Heading 2", "Exit milestones"),
        ("Heading 2", "Responsibilities and successors"),
        ("Heading 1", "Access inventory"),
        ("Heading 1", "Open items"),
        ("Heading 2", "Proposed decisions"),
        ("Heading 2", "Open milestones"),
        ("Heading 2", "Reviews due"),
        ("Heading 2", "Access not handed over"),
        ("Heading 1", "Risks"),
        ("Heading 1", "Recommendations"),
        ("Heading 1", "Contacts"),
        ("Heading 1", "Appendix: decisions in full"),
        ("Heading 2", "D-001 Self-host the vector database"),
        ("Heading 2", "D-002 Move vectors into pgvector"),
        ("Heading 2", "D-003 Which model provider"),
        ("Heading 1", "Appendix: hours per month"),
    ]


def _table(document: Any, first_header: str) -> list[list[str]]:
    return next(table_rows(t) for t in document.tables if table_rows(t)[0][0] == first_header)


def test_hours_per_bucket_against_the_target(
    db: Database, tmp_path: Path, engagement: Engagement
) -> None:
    document = _document(db, tmp_path, engagement)
    assert _table(document, "Bucket") == [
        ["Bucket", "Hours", "Actual split", "Target split"],
        ["Strategy", "6:00", "55%", "50%"],
        ["Team", "2:00", "18%", "30%"],
        ["Leadership", "3:00", "27%", "20%"],
        ["Total", "11:00", "100%", "100%"],
    ]
    assert "Started 5 January 2026. Planned end: 31 December 2026." in body_text(document)


def test_readiness_score_and_verdict(db: Database, tmp_path: Path, engagement: Engagement) -> None:
    from storage.exit_plan import readiness

    review = readiness.review(db, engagement.id or 0, on=AS_OF)
    text = body_text(_document(db, tmp_path, engagement))
    assert f"Score {review.score} out of 100: {review.verdict}." in text


def test_decision_summary_table_repeats_its_header_row(
    db: Database, tmp_path: Path, engagement: Engagement
) -> None:
    document = _document(db, tmp_path, engagement)
    table = next(t for t in document.tables if table_rows(t)[0][0] == "No.")
    assert table_rows(table) == [
        ["No.", "Decision", "Status", "Date", "Owner", "Review by"],
        ["D-001", "Self-host the vector database", "Superseded", "10 Jan 2026", "Priya Raman",
         "1 Jul 2026"],
        ["D-002", "Move vectors into pgvector", "Accepted", "1 Mar 2026", "Sam Patel", ""],
        ["D-003", "Which model provider", "Proposed", "1 Jun 2026", "No owner", ""],
    ]  # fmt: skip
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert not table.rows[1]._tr.xpath("./w:trPr/w:tblHeader")


def test_each_decision_in_full_with_its_supersede_chain(
    db: Database, tmp_path: Path, engagement: Engagement
) -> None:
    document = _document(db, tmp_path, engagement)
    records = [_pairs(t) for t in document.tables if table_rows(t)[0][0] == "Status"]
    assert len(records) == 3
    assert records[0]["Supersede chain"] == "D-001 (this one) → D-002"
    assert records[1]["Supersede chain"] == "D-001 → D-002 (this one)"
    assert "Supersede chain" not in records[2]  # standing alone: no row that says nothing
    assert records[0]["Cost if wrong"] == "£27,000.00"
    assert records[2]["Owner"] == "No owner named"
    text = body_text(document)
    assert "Self-host (for: cheaper; control; against: ops work)" in text
    assert "SaaS (for: no ops; against: cost)" in text
    assert "Context: Costs grow with every customer." in text
    assert "Decision: Self-host on the existing Postgres." in text


def _pairs(table: Any) -> dict[str, str]:
    """The compact record's labels and values, two pairs a row (a spanning last pair)."""
    found: dict[str, str] = {}
    for row in table_rows(table):
        for index in range(0, len(row), 2):
            found.setdefault(row[index], row[index + 1])
    return found


def test_the_date_is_labelled_by_the_decisions_status(
    db: Database, tmp_path: Path, engagement: Engagement
) -> None:
    """A proposed decision is not decided: "Proposed on"; "Decided on" is for accepted ones."""
    document = _document(db, tmp_path, engagement)
    records = [_pairs(t) for t in document.tables if table_rows(t)[0][0] == "Status"]
    assert [(r["Status"], next(k for k in r if k.endswith(" on") or "(since" in k))
            for r in records] == [
        ("Superseded", "Decided on (since superseded)"),
        ("Accepted", "Decided on"),
        ("Proposed", "Proposed on"),
    ]  # fmt: skip
    assert records[2]["Proposed on"] == "1 June 2026"


@pytest.mark.parametrize(
    ("status", "label"),
    [("proposed", "Proposed on"), ("accepted", "Decided on"), ("rejected", "Rejected on"),
     ("superseded", "Decided on (since superseded)"),
     ("deprecated", "Decided on (since deprecated)")],
)  # fmt: skip
def test_date_labels_for_every_status(status: str, label: str) -> None:
    assert handoff_decisions.date_label(status) == label


def test_a_table_of_contents_field_follows_the_cover(
    db: Database, tmp_path: Path, engagement: Engagement
) -> None:
    document = _document(db, tmp_path, engagement)
    instructions = [node.text for node in document.element.body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith('TOC \\o "1-1"') for i in instructions)
    texts = [p.text for p in document.paragraphs]
    assert texts.index("Contents") < texts.index("Executive summary")
    assert docx_common.TOC_HINT not in texts
    # the field's result is every top-level heading, written in at export, in order
    top = [text for style, text in headings(document) if style == "Heading 1"]
    start = texts.index("Contents") + 1
    assert texts[start : start + len(top)] == top
    assert document.settings.element.xpath("./w:updateFields[@w:val='true']")


def test_no_table_row_splits_across_pages(
    db: Database, tmp_path: Path, engagement: Engagement
) -> None:
    document = _document(db, tmp_path, engagement)
    rows = [row for table in document.tables for row in table.rows]
    assert rows
    assert all(row._tr.xpath("./w:trPr/w:cantSplit") for row in rows)


def test_each_decision_record_keeps_with_its_heading(
    db: Database, tmp_path: Path, engagement: Engagement
) -> None:
    document = _document(db, tmp_path, engagement)
    heads = [p for p in document.paragraphs if p.text.startswith("D-00") and
             p.style.name == "Heading 2"]  # fmt: skip
    assert heads
    assert all(p.paragraph_format.keep_with_next for p in heads)
    record = next(t for t in document.tables if table_rows(t)[0][0] == "Status")
    for row in record.rows[:-1]:
        assert all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)


def test_exit_plan_open_items_contacts_and_appendix(
    db: Database, tmp_path: Path, engagement: Engagement
) -> None:
    document = _document(db, tmp_path, engagement)
    assert _table(document, "Milestone")[1:] == [
        ["Roadmap handed over", "Done", "Sam Patel", "", "1 Mar 2026"],
        ["Internal lead designated", "Planned", "No owner", "1 Sep 2026", ""],
    ]
    assert _table(document, "Responsibility")[1] == [
        "Architecture review", "Priya Raman", "Successor shadows"]  # fmt: skip
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert "D-003 Which model provider" in bullets
    assert "Internal lead designated (planned, due 1 September 2026)" in bullets
    contacts = _table(document, "Name")
    assert contacts[1][:2] == ["Alex Morgan", "Consultant"]
    assert contacts[2][0] == "Maya Okafor"
    assert ["Priya Raman", "Architecture review", ""] in contacts
    assert ["Sam Patel", "owns D-002", ""] in contacts
    assert _table(document, "Month") == [
        ["Month", "Strategy", "Team", "Leadership", "Total"],
        ["January 2026", "5:00", "2:00", "0:00", "7:00"],
        ["February 2026", "1:00", "0:00", "3:00", "4:00"],
        ["Total", "6:00", "2:00", "3:00", "11:00"],
    ]
    assert "NUMPAGES" in footer_xml(document)


def test_an_empty_engagement_still_makes_a_handoff(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    document = _document(db, tmp_path, e)
    texts = [p.text for p in document.paragraphs]
    assert "No decisions were recorded during this engagement." in texts
    assert texts[texts.index("Exit milestones") + 1] == "No exit milestones were recorded."
    assert "No time was logged." in texts
