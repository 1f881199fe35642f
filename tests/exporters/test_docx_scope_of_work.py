"""The scope of work, read back with python-docx: headings, numbers, header, footer, properties."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from docx.shared import Mm
from sqlite_utils import Database

from exporters import fees, scope_of_work, vat_wording
from storage.exit_plan import milestones
from storage.exit_plan.milestones import Milestone
from storage.practice import settings
from storage.practice.engagements import Engagement
from storage.rules import clock
from storage.rules import months as months_rule
from tests.export_support import (
    PROFILE,
    body_text,
    footer_xml,
    headings,
    make_engagement,
    open_document,
    table_rows,
)

EXPECTED_HEADINGS = [
    ("Title", "Scope of work (DRAFT)"),
    ("Heading 1", "Parties"),
    ("Heading 1", "Background and objectives"),
    ("Heading 2", "Objectives"),
    ("Heading 1", "Services and time commitment"),
    ("Heading 2", "Strategy: 50% (about 8 hours a week)"),
    ("Heading 2", "Team: 30% (about 4 hours 48 minutes a week)"),
    ("Heading 2", "Leadership: 20% (about 3 hours 12 minutes a week)"),
    ("Heading 2", "The Fractional CTO role"),
    ("Heading 1", "Phases and roadmap"),
    ("Heading 2", "The first 90 days"),
    ("Heading 1", "Deliverables"),
    ("Heading 1", "Out of scope"),
    ("Heading 1", "Term, notice and termination"),
    ("Heading 2", "Termination"),
    ("Heading 2", "Exit criteria"),
    ("Heading 1", "Fees and payment terms"),
    ("Heading 2", "Expenses"),
    ("Heading 1", "Assumptions and client responsibilities"),
    ("Heading 2", "Assumptions"),
    ("Heading 2", "Client responsibilities"),
    ("Heading 1", "Confidentiality"),
    ("Heading 1", "Intellectual property"),
    ("Heading 1", "Conflict of interest and vendor neutrality"),
    ("Heading 2", "Disclosures"),
    ("Heading 1", "Limitation of liability"),
    ("Heading 1", "Insurance"),
    ("Heading 1", "Data protection"),
    ("Heading 1", "Status of the consultant"),
    ("Heading 1", "Non-solicitation"),
    ("Heading 1", "Change control"),
    ("Heading 1", "Acceptance of deliverables"),
    ("Heading 1", "Entire agreement and order of precedence"),
    ("Heading 1", "Governing law and jurisdiction"),
    ("Heading 1", "Signatures"),
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
    assert ["Version", "1 (draft)"] in cover  # parts are still to be agreed


def test_fees_show_model_amount_and_estimates(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    document = open_document(_export(db, tmp_path, e.id or 0))
    found = next(t for t in document.tables if table_rows(t)[0][0] == "Billing model")
    assert table_rows(found) == [
        ["Billing model", "Monthly retainer"],
        # 5 January to 31 December: 11 months and 27 days, which counts as 12 calendar months
        ["Fee", "£9,000 a month for 12 months (£108,000)"],
        ["Heavy periods", "To be agreed"],
        ["Invoicing", "To be agreed"],
        ["Payment terms", "30 days from the invoice date"],
        ["VAT", vat_wording.for_profile(settings.load_profile(db))],
    ]
    cover = table_rows(document.tables[0])
    assert ["Role", "Fractional CTO"] in cover


def test_hourly_fees_over_an_open_ended_term_have_no_total(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db, billing_model="hourly", fee_minor=20_000, currency="USD",
                        planned_end_date=None)  # fmt: skip
    text = body_text(open_document(_export(db, tmp_path, e.id or 0)))
    # 16 hours a week x 52 weeks / 12 months x $200 = $13,866.67, a whole $13,867
    assert "$200 an hour × 16 hours a week × 52 weeks ÷ 12 months = $13,867 a month" in text
    assert "month to month with no fixed end date, so there is no total" in text
    assert "Open-ended: month to month until either party ends it" in text


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (dt.date(2026, 1, 1), dt.date(2026, 12, 31), 12),
        (dt.date(2026, 1, 5), dt.date(2026, 12, 31), 12),  # 11 months 27 days
        (dt.date(2026, 1, 5), dt.date(2026, 12, 18), 11),  # 11 months 14 days
        (dt.date(2026, 1, 31), dt.date(2026, 2, 27), 1),  # a short month
        (dt.date(2026, 3, 1), dt.date(2026, 3, 10), 1),  # any term is at least a month
        (dt.date(2025, 10, 28), dt.date(2027, 1, 21), 15),  # 14 months 25 days
    ],
)
def test_the_term_is_counted_in_calendar_months(start: dt.date, end: dt.date, months: int) -> None:
    assert months_rule.calendar_months(start, end) == months


def _terms(**changes: Any) -> Engagement:
    values: dict[str, Any] = {
        "client_id": 1, "title": "T", "start_date": dt.date(2026, 1, 1),
        "planned_end_date": dt.date(2026, 12, 31), "currency": "GBP",
        "billing_model": "monthly_retainer", "fee_minor": 1_200_000,
    }  # fmt: skip
    values.update(changes)
    return Engagement(**values)


@pytest.mark.parametrize(
    ("changes", "sentence", "monthly", "total"),
    [
        ({}, "£12,000 a month for 12 months (£144,000)", 1_200_000, 14_400_000),
        ({"fee_minor": 900_000, "planned_end_date": dt.date(2027, 2, 28)},
         "£9,000 a month for 14 months (£126,000)", 900_000, 12_600_000),
        ({"planned_end_date": None},
         "£12,000 a month, month to month with no fixed end date, so there is no total: each "
         "month is invoiced as it is worked", 1_200_000, None),
        ({"billing_model": "daily", "fee_minor": 150_000, "days_per_week": 2.0,
          "planned_end_date": dt.date(2026, 6, 30)},
         "£1,500 a day × 2 days a week × 52 weeks ÷ 12 months = £13,000 a month for 6 months "
         "(£78,000)", 1_300_000, 7_800_000),
        ({"billing_model": "hourly", "fee_minor": 25_000, "days_per_week": 1.5,
          "hours_per_day": 8.0, "planned_end_date": dt.date(2026, 3, 31)},
         "£250 an hour × 12 hours a week × 52 weeks ÷ 12 months = £13,000 a month for 3 months "
         "(£39,000)", 1_300_000, 3_900_000),
        ({"billing_model": "fixed_fee", "fee_minor": 6_000_000,
          "planned_end_date": dt.date(2026, 4, 30)},
         "£60,000 for the whole engagement over 4 months (about £15,000 a month)",
         1_500_000, 6_000_000),
        ({"billing_model": "fixed_fee", "fee_minor": 6_000_000, "planned_end_date": None},
         "£60,000 for the whole engagement", None, 6_000_000),
    ],
)  # fmt: skip
def test_the_fee_basis_is_arithmetic_a_client_can_check(
    changes: dict[str, Any], sentence: str, monthly: int | None, total: int | None
) -> None:
    found = fees.basis(_terms(**changes))
    assert found is not None
    assert (found.sentence, found.monthly_minor, found.total_minor) == (sentence, monthly, total)
    if found.total_minor is not None and found.monthly_minor is not None:
        months = fees.term_months(_terms(**changes))
        if changes.get("billing_model") != "fixed_fee":
            assert found.total_minor == found.monthly_minor * (months or 0)


def test_no_fee_has_no_basis() -> None:
    assert fees.basis(_terms(fee_minor=0)) is None


@pytest.mark.parametrize(
    ("role", "title", "says"),
    [
        ("fractional_cto", "Fractional CTO", "technical direction"),
        ("fractional_ai_cto", "Fractional AI CTO", "Go/no-go gates for pilots"),
        ("fractional_ai_officer", "Fractional AI Officer", "Cost controls"),
        ("advisor", "Advisor", "Advisory means the consultant advises and the client decides"),
    ],
)
def test_the_role_is_title_cased_and_its_text_fits_it(
    db: Database, tmp_path: Path, role: str, title: str, says: str
) -> None:
    e = make_engagement(db, role=role)
    document = open_document(_export(db, tmp_path, e.id or 0))
    text = body_text(document)
    assert f"as its {title}:" in text
    assert ("Heading 2", f"The {title} role") in headings(document)
    assert says in text
    ai_text = ("Governance:", "Evaluation:", "Cost controls:", "Go/no-go gates for pilots:")
    is_ai = role in ("fractional_ai_cto", "fractional_ai_officer")
    assert all((point in text) == is_ai for point in ai_text)


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
    e = make_engagement(db, objectives="", deliverables=[], assumptions="", fee_minor=0)
    document = open_document(_export(db, tmp_path, e.id or 0))
    texts = [p.text for p in document.paragraphs]
    for heading in ("Objectives", "Deliverables", "Assumptions", "Exit criteria"):
        assert texts[texts.index(heading) + 1] == "To be agreed", heading
    assert "Fee\nTo be agreed" in body_text(document)


def test_bullets_come_from_dash_lines(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    document = open_document(_export(db, tmp_path, e.id or 0))
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets[:2] == ["A 90 day roadmap", "A hiring plan"]
    assert ["Architecture review", "To be agreed", "To be agreed"] in table_rows(
        next(t for t in document.tables if table_rows(t)[0][0] == "Deliverable")
    )
    numbered = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert numbered[: len(scope_of_work.CHANGE_CONTROL)] == list(scope_of_work.CHANGE_CONTROL)


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
    assert header == "Morgan Technical Leadership Ltd  ·  Acme Robotics  ·  DRAFT"
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
