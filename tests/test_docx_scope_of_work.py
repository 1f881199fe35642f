"""The scope of work, read back with python-docx: headings, numbers, header, footer, properties."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx.shared import Mm
from sqlite_utils import Database

from exporters import scope_of_work
from storage import clock, milestones, settings
from storage.milestones import Milestone
from tests.test_export_support import (
    PROFILE,
    body_text,
    footer_xml,
    headings,
    make_engagement,
    open_document,
    table_rows,
)

EXPECTED_HEADINGS = [
    ("Title", "Scope of work"),
    ("Heading 1", "Background and objectives"),
    ("Heading 2", "Objectives"),
    ("Heading 1", "Services and time commitment"),
    ("Heading 3", "Strategy: 50% (about 8 hours a week)"),
    ("Heading 3", "Team: 30% (about 4 hours 48 minutes a week)"),
    ("Heading 3", "Leadership: 20% (about 3 hours 12 minutes a week)"),
    ("Heading 1", "Deliverables"),
    ("Heading 1", "Out of scope"),
    ("Heading 1", "Term and defined exit"),
    ("Heading 2", "Exit criteria"),
    ("Heading 1", "Fees"),
    ("Heading 1", "Assumptions and client responsibilities"),
    ("Heading 2", "Assumptions"),
    ("Heading 2", "Client responsibilities"),
    ("Heading 1", "Change control"),
    ("Heading 1", "Acceptance"),
]


def _export(db: Database, tmp_path: Path, engagement_id: int) -> Path:
    return scope_of_work.export(db, engagement_id, tmp_path / "sow.docx")


def test_headings_in_order(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    document = open_document(_export(db, tmp_path, e.id or 0))
    assert headings(document) == EXPECTED_HEADINGS


def test_cover_block_names_client_engagement_consultant_and_date(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 4, 2))
    e = make_engagement(db)
    cover = table_rows(open_document(_export(db, tmp_path, e.id or 0)).tables[0])
    assert cover[0] == ["Client", "Acme Robotics (attention: Maya Okafor)"]
    assert ["Engagement", "Engineering leadership"] in cover
    assert ["Consultant", "Alex Morgan, Morgan Technical Leadership Ltd"] in cover
    assert ["Date", "2 April 2026"] in cover
    assert ["Version", "1.0 (active)"] in cover


def test_fees_show_model_amount_and_estimates(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    document = open_document(_export(db, tmp_path, e.id or 0))
    fees = next(t for t in document.tables if table_rows(t)[0][0] == "Billing model")
    assert table_rows(fees) == [
        ["Billing model", "Monthly retainer"],
        ["Amount", "£9,000.00 per month"],
        ["Estimated monthly cost", "£9,000.00"],
        ["Estimated total over the term", "£106,743.00"],  # 361 days is 11.86 months
    ]


def test_hourly_fees_are_estimated_from_the_commitment(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db, billing_model="hourly", fee_minor=20_000, currency="USD",
                        planned_end_date=None)  # fmt: skip
    text = body_text(open_document(_export(db, tmp_path, e.id or 0)))
    assert "$200.00 per hour" in text
    assert "$13,867.00" in text  # 16 hours a week x 52/12 weeks x $200
    assert "Estimated total over the term\nTo be agreed" in text


def test_time_commitment_is_days_and_hours(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db, days_per_week=2.5)
    text = body_text(open_document(_export(db, tmp_path, e.id or 0)))
    assert "commits 2.5 days a week, about 20 hours (8 hours a day)" in text


def test_exit_milestones_are_the_exit_criteria(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    milestones.add(db, Milestone(e.id or 0, "Roadmap handed over", due_date=dt.date(2026, 6, 1)))
    milestones.add(db, Milestone(e.id or 0, "Internal lead designated"))
    document = open_document(_export(db, tmp_path, e.id or 0))
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Exit criteria")
    assert texts[start + 1 : start + 3] == [
        "Roadmap handed over (by 1 June 2026)",
        "Internal lead designated",
    ]
    assert document.paragraphs[start + 1].style.name == "List Bullet"


def test_empty_sections_say_to_be_agreed(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db, objectives="", deliverables=" \n ", assumptions="", fee_minor=0)
    document = open_document(_export(db, tmp_path, e.id or 0))
    texts = [p.text for p in document.paragraphs]
    for heading in ("Objectives", "Deliverables", "Assumptions", "Exit criteria"):
        assert texts[texts.index(heading) + 1] == "To be agreed", heading
    assert "Amount\nTo be agreed" in body_text(document)


def test_bullets_come_from_dash_lines(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    document = open_document(_export(db, tmp_path, e.id or 0))
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets[:2] == ["A 90 day roadmap", "A hiring plan"]
    assert "Architecture review" in bullets
    numbered = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert len(numbered) == len(scope_of_work.CHANGE_CONTROL)


def test_signature_table_for_both_parties(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    rows = table_rows(open_document(_export(db, tmp_path, e.id or 0)).tables[-1])
    assert rows[0] == ["", "For Acme Robotics", "For Morgan Technical Leadership Ltd"]
    assert [r[0] for r in rows[1:]] == ["Name", "Title", "Signature", "Date"]
    assert rows[1][2] == "Alex Morgan"


def test_header_footer_and_properties(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    document = open_document(_export(db, tmp_path, e.id or 0))
    header = document.sections[0].header.paragraphs[0].text
    assert header == "Morgan Technical Leadership Ltd  ·  Acme Robotics"
    footer = footer_xml(document)
    assert "PAGE \\* MERGEFORMAT" in footer
    assert "NUMPAGES \\* MERGEFORMAT" in footer
    assert footer.count('w:fldCharType="begin"') == 2
    assert footer.count('w:fldCharType="end"') == 2
    assert "Page " in document.sections[0].footer.paragraphs[0].text
    props = document.core_properties
    assert props.title == "Scope of work: Acme Robotics"
    assert props.author == "Alex Morgan"
    assert props.subject == "Engineering leadership"
    assert props.created is not None


@pytest.mark.parametrize(("paper", "width", "height"), [("A4", 210, 297), ("Letter", 215.9, 279.4)])
def test_page_size_follows_the_profile(
    db: Database, tmp_path: Path, paper: str, width: float, height: float
) -> None:
    e = make_engagement(db)
    settings.save_profile(db, settings.Profile(**{**PROFILE.__dict__, "paper_size": paper}))
    section = open_document(_export(db, tmp_path, e.id or 0)).sections[0]
    assert abs(section.page_width - Mm(width)) < Mm(0.1)
    assert abs(section.page_height - Mm(height)) < Mm(0.1)


def test_without_a_profile_the_consultant_is_to_be_agreed(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    settings.save_profile(db, settings.Profile())
    document = open_document(_export(db, tmp_path, e.id or 0))
    assert ["Consultant", "To be agreed"] in table_rows(document.tables[0])


def test_long_names_are_shortened_in_the_document_properties(db: Database, tmp_path: Path) -> None:
    """python-docx refuses core properties over 255 characters; the text itself stays whole."""
    e = make_engagement(db, client_name="C" * 200, title="T" * 300)
    document = open_document(_export(db, tmp_path, e.id or 0))
    assert document.core_properties.title == "Scope of work: " + "C" * 200
    assert document.core_properties.subject == "T" * 254 + "…"
    assert ["Engagement", "T" * 300] in table_rows(document.tables[0])
