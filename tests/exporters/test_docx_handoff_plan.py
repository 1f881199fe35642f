"""The handoff's access inventory, risks, recommendations and 90-day roadmap read back with
python-docx: every row whole (cantSplit), each table on its heading's page, hostile text clean."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from docx.table import Table
from docx.text.paragraph import Paragraph
from sqlite_utils import Database

from exporters import handoff
from storage.exit_plan import access_items, recommendations, risks
from storage.exit_plan.access_items import AccessItem
from storage.exit_plan.recommendations import Recommendation
from storage.exit_plan.risks import Risk
from storage.practice.engagements import Engagement
from storage.rules import clock
from tests.export_support import (
    body_text,
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
    risks.add(db, Risk(eid, "Only Sam knows the billing code", "high", "high",
                       "Pair Mei on the next two releases", "Sam Patel"))  # fmt: skip
    risks.add(db, Risk(eid, "Cloud costs grow with usage", "medium", "low"))
    for text, horizon in [("Hire a senior backend engineer", 60), ("Own the on-call rota", 30),
                          ("Revisit the data warehouse", None), ("Review AI costs monthly", 30),
                          ("Retire the v1 API", 90)]:  # fmt: skip
        recommendations.add(db, Recommendation(eid, text, horizon))
    access_items.add(db, AccessItem(eid, "AWS organisation", "Administrator", "Alex Morgan",
                                    "Sam Patel", done=True))  # fmt: skip
    access_items.add(db, AccessItem(eid, "GitHub", "Organisation owner", "Alex Morgan"))
    return e


def _document(db: Database, tmp_path: Path, e: Engagement) -> Any:
    return open_document(handoff.export(db, e.id or 0, tmp_path / "handoff.docx"))


def _table(document: Any, first_header: str) -> Table:
    return next(t for t in document.tables if table_rows(t)[0][0] == first_header)


def test_the_new_sections_in_order(db: Database, tmp_path: Path, engagement: Engagement) -> None:
    found = [text for _, text in headings(_document(db, tmp_path, engagement))]
    start = found.index("Responsibilities and successors")
    assert found[start + 1 : found.index("Contacts") + 1] == [
        "Access inventory", "Open items", "Proposed decisions", "Open milestones", "Reviews due",
        "Access not handed over",
        "Risks", "Recommendations", "Roadmap for the first 90 days", "Later", "Contacts",
    ]  # fmt: skip


def test_risks_table(db: Database, tmp_path: Path, engagement: Engagement) -> None:
    assert table_rows(_table(_document(db, tmp_path, engagement), "Risk")) == [
        ["Risk", "Likelihood", "Impact", "Mitigation", "Owner"],
        ["Only Sam knows the billing code", "High", "High", "Pair Mei on the next two releases",
         "Sam Patel"],
        ["Cloud costs grow with usage", "Medium", "Low", "", "No owner"],
    ]  # fmt: skip


def test_roadmap_groups_by_horizon_and_later_lists_the_rest(
    db: Database, tmp_path: Path, engagement: Engagement
) -> None:
    document = _document(db, tmp_path, engagement)
    assert table_rows(_table(document, "When")) == [
        ["When", "Recommendation"],
        ["Days 1–30", "Own the on-call rota"],
        ["Days 1–30", "Review AI costs monthly"],
        ["Days 31–60", "Hire a senior backend engineer"],
        ["Days 61–90", "Retire the v1 API"],
    ]
    later = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert "Revisit the data warehouse" in later
    assert body_text(document).count("Revisit the data warehouse") == 1  # once, not twice


def test_access_inventory(db: Database, tmp_path: Path, engagement: Engagement) -> None:
    document = _document(db, tmp_path, engagement)
    assert table_rows(_table(document, "System")) == [
        ["System", "Access", "Holder", "Transferred to", "Done"],
        ["AWS organisation", "Administrator", "Alex Morgan", "Sam Patel", "Yes"],
        ["GitHub", "Organisation owner", "Alex Morgan", "Not named yet", "No"],
    ]
    assert "no password or key is written here. 1 of 2 transferred." in body_text(document)


def _previous(table: Table) -> list[Paragraph]:
    """The paragraphs between the table and the heading above it, nearest first."""
    found = []
    element = table._tbl.getprevious()
    while element is not None:
        paragraph = Paragraph(element, table._parent)
        found.append(paragraph)
        if paragraph.style.name.startswith("Heading"):
            break
        element = element.getprevious()
    return found


@pytest.mark.parametrize("first_header", ["Risk", "When", "System"])
def test_rows_never_split_and_each_table_keeps_with_its_heading(
    db: Database, tmp_path: Path, engagement: Engagement, first_header: str
) -> None:
    table = _table(_document(db, tmp_path, engagement), first_header)
    assert all(row._tr.xpath("./w:trPr/w:cantSplit") for row in table.rows)
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    before = _previous(table)
    assert before[-1].style.name.startswith("Heading")
    assert all(p.paragraph_format.keep_with_next for p in before)
    assert all(p.paragraph_format.keep_with_next for p in table.rows[0].cells[0].paragraphs)


def test_empty_sections_say_so(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    text = body_text(_document(db, tmp_path, e))
    assert "No risks were recorded." in text
    assert "No recommendations were recorded." in text
    assert "No systems or accounts were recorded to transfer." in text
    recommendations.add(db, Recommendation(e.id or 0, "Someday", None))
    document = _document(db, tmp_path, e)
    assert "No recommendation has a horizon yet." in body_text(document)


def test_hostile_text_pasted_from_word_prints_clean(
    db: Database, tmp_path: Path, engagement: Engagement
) -> None:
    eid = engagement.id or 0
    risks.add(db, Risk(eid, "Key\u00a0person\u000b risk ", mitigation="Doc\x07 it"))
    db.execute("INSERT INTO recommendation (engagement_id, position, text, horizon_days, "
               "created_at) VALUES (?, 9, ?, 30, '')", [eid, "Bad\x01 row\x0c from SQL"])  # fmt: skip
    text = body_text(_document(db, tmp_path, engagement))
    assert "Key person risk" in text
    assert "Doc it" in text
    assert "Bad row" in text
    assert not any(c in text for c in "\x01\x07\x0b\x0c")
