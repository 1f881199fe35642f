"""The scope of work's contract sections, read back with python-docx: parties, phases and the
first 90 days, deliverables with acceptance, fees and payment, term and notice, confidentiality,
IP, conflict of interest, signatures; and the "To be agreed" list."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlite_utils import Database

from exporters import roadmap, scope_of_work
from storage.practice import engagements, settings
from storage.practice.deliverables import Deliverable
from storage.practice.phases import Phase
from tests.export_support import (
    body_text,
    headings,
    make_engagement,
    open_document,
    table_rows,
)
from tests.sow_sample import START, agreed_engagement

SECTIONS = [
    "Parties",
    "Background and objectives",
    "Services and time commitment",
    "Phases and roadmap",
    "Deliverables",
    "Out of scope",
    "Term, notice and termination",
    "Fees and payment terms",
    "Assumptions and client responsibilities",
    "Confidentiality",
    "Intellectual property",
    "Conflict of interest and vendor neutrality",
    "Limitation of liability",
    "Insurance",
    "Data protection",
    "Status of the consultant",
    "Non-solicitation",
    "Change control",
    "Acceptance of deliverables",
    "Entire agreement and order of precedence",
    "Governing law and jurisdiction",
    "Signatures",
]


def _export(db: Database, tmp_path: Path, engagement_id: int, name: str = "sow.docx") -> Path:
    return scope_of_work.export(db, engagement_id, tmp_path / name, on=dt.date(2026, 1, 2))


def _table(document: object, first_cell: str) -> list[list[str]]:
    found = [t for t in document.tables if table_rows(t)[0][0] == first_cell]  # type: ignore[attr-defined]
    assert found, first_cell
    return table_rows(found[0])


def _after(document: object, heading: str, count: int = 1) -> list[str]:
    texts = [p.text for p in document.paragraphs]  # type: ignore[attr-defined]
    start = texts.index(heading)
    return texts[start + 1 : start + 1 + count]


def test_every_section_in_order(db: Database, tmp_path: Path) -> None:
    e = agreed_engagement(db)
    document = open_document(_export(db, tmp_path, e.id or 0))
    assert [t for s, t in headings(document) if s == "Heading 1"] == SECTIONS


def test_a_fully_agreed_engagement_has_nothing_to_be_agreed(db: Database, tmp_path: Path) -> None:
    e = agreed_engagement(db)
    assert scope_of_work.to_be_agreed(db, e.id or 0) == []
    assert "To be agreed" not in body_text(open_document(_export(db, tmp_path, e.id or 0)))


def test_to_be_agreed_names_the_sections_missing_their_terms(db: Database) -> None:
    e = make_engagement(db, objectives="")
    found = scope_of_work.to_be_agreed(db, e.id or 0)
    for section in ("Parties", "Objectives", "Phases and roadmap", "The first 90 days",
                    "Deliverables", "Term, notice and termination", "Fees and payment terms",
                    "Expenses", "Exit criteria"):  # fmt: skip
        assert section in found, section
    assert "Confidentiality" not in found  # the standard text from Preferences
    assert "Disclosures" not in found  # none declared is an answer
    assert len(found) == len(set(found))


def test_parties_carry_legal_details(db: Database, tmp_path: Path) -> None:
    e = agreed_engagement(db)
    rows = _table(open_document(_export(db, tmp_path, e.id or 0)), "")
    assert rows == [
        ["", "Client", "Consultant"],
        ["Legal name", "Acme Robotics Limited", "Morgan Technical Leadership Ltd"],
        ["Address", "20 Dock Road\nLondon E16 1AA", "1 Harbour Street\nBristol BS1 4AA"],
        ["Tax id", "GB 987 6543 21", "GB 123 4567 89"],
        ["Signatory", "Maya Okafor, Chief Executive Officer", "Alex Morgan, Fractional AI CTO"],
    ]


def test_a_client_without_a_legal_name_is_named_as_usual(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    rows = _table(open_document(_export(db, tmp_path, e.id or 0)), "")
    assert rows[1][1] == "Acme Robotics"
    assert rows[2][1] == rows[3][1] == rows[4][1] == "To be agreed"


def test_phases_and_the_first_90_days(db: Database, tmp_path: Path) -> None:
    e = agreed_engagement(db)
    document = open_document(_export(db, tmp_path, e.id or 0))
    phases = _table(document, "Phase")
    assert phases[1] == [
        "Audit and architecture", "5 Jan 2026 to 18 Jan 2026",
        "Audit the platform; a prioritised 60-90 day roadmap",
    ]  # fmt: skip
    plan = _table(document, "Period")
    assert plan[1:] == [
        ["Days 1–30\n5 Jan 2026 to 3 Feb 2026", "Audit and architecture\nBuild and ship",
         "Architecture review"],
        ["Days 31–60\n4 Feb 2026 to 5 Mar 2026", "Build and ship", "AI evaluation suite"],
        ["Days 61–90\n6 Mar 2026 to 4 Apr 2026", "Build and ship\nTransition", "Hiring plan"],
    ]  # fmt: skip


def test_the_roadmap_windows_hold_what_overlaps_them() -> None:
    phase = Phase(1, "Late", START + dt.timedelta(days=59), START + dt.timedelta(days=60))
    due = Deliverable(1, "Day 30", due_on=START + dt.timedelta(days=29))
    outside = Deliverable(1, "Day 91", due_on=START + dt.timedelta(days=90))
    windows = roadmap.plan(START, [phase], [due, outside])
    assert [(w.phases, w.deliverables) for w in windows] == [
        ((), ("Day 30",)),
        (("Late",), ()),
        (("Late",), ()),
    ]
    assert roadmap.is_empty(roadmap.plan(START, [], [outside]))


def test_deliverables_with_acceptance_and_due_dates(db: Database, tmp_path: Path) -> None:
    e = agreed_engagement(db)
    rows = _table(open_document(_export(db, tmp_path, e.id or 0)), "Deliverable")
    assert rows[1] == [
        "Architecture review", "Reviewed with the CTO and the two senior engineers",
        "25 January 2026",
    ]  # fmt: skip
    assert len(rows) == 4


def test_fees_and_payment_terms(db: Database, tmp_path: Path) -> None:
    e = agreed_engagement(db)
    document = open_document(_export(db, tmp_path, e.id or 0))
    fees = dict(_table(document, "Billing model"))
    assert fees["Fee"] == "£9,000 a month for 12 months (£108,000)"
    assert fees["Heavy periods"] == "£1,500 a day, for each day beyond the commitment"
    assert fees["Invoicing"] == "Monthly in advance"
    assert fees["Payment terms"] == "14 days from the invoice date"
    assert _after(document, "Expenses") == ["Travel outside London at cost, agreed in advance."]


def test_payment_terms_fall_back_to_preferences(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    profile = settings.load_profile(db)
    settings.save_profile(db, dataclasses.replace(profile, payment_terms_days=45))
    fees = dict(_table(open_document(_export(db, tmp_path, e.id or 0)), "Billing model"))
    assert fees["Payment terms"] == "45 days from the invoice date"


@pytest.mark.parametrize(
    ("days", "words"),
    [(30, "30 days"), (28, "4 weeks"), (7, "1 week"), (1, "1 day"),
     (0, "None: either party may end the engagement at once")],
)  # fmt: skip
def test_term_and_notice(db: Database, tmp_path: Path, days: int, words: str) -> None:
    e = agreed_engagement(db, planned_end_date=dt.date(2026, 6, 30))
    engagements.update(db, dataclasses.replace(e, notice_days=days))
    document = open_document(_export(db, tmp_path, e.id or 0))
    term = dict(_table(document, "Start"))
    assert term["Notice period"] == words
    assert term["Minimum term"] == "3 calendar months"
    assert term["Planned term"] == "6 calendar months"
    assert "within 14 days of being told of it" in body_text(document)


def test_confidentiality_and_ip_are_the_engagements_or_the_standard(
    db: Database, tmp_path: Path
) -> None:
    e = agreed_engagement(db)
    engagements.update(db, dataclasses.replace(e, confidentiality="Our own clause."))
    document = open_document(_export(db, tmp_path, e.id or 0))
    assert _after(document, "Confidentiality") == ["Our own clause."]
    assert _after(document, "Intellectual property") == [settings.DEFAULT_IP_TERMS]


def test_conflict_of_interest_lists_disclosures_or_none(db: Database, tmp_path: Path) -> None:
    e = agreed_engagement(db)
    document = open_document(_export(db, tmp_path, e.id or 0))
    assert "recommends no vendor, product or service from which they profit" in body_text(document)
    assert _after(document, "Disclosures") == [
        "The consultant holds shares worth under £5,000 in a cloud provider."
    ]
    engagements.update(db, dataclasses.replace(e, disclosures=""))
    document = open_document(_export(db, tmp_path, e.id or 0, "second.docx"))
    assert _after(document, "Disclosures") == ["None declared."]


def test_signatures_name_both_signatories_and_titles(db: Database, tmp_path: Path) -> None:
    e = agreed_engagement(db)
    rows = table_rows(open_document(_export(db, tmp_path, e.id or 0)).tables[-1])
    assert rows[0] == ["", "For Acme Robotics Limited", "For Morgan Technical Leadership Ltd"]
    assert rows[1] == ["Name", "Maya Okafor", "Alex Morgan"]
    assert rows[2] == ["Title", "Chief Executive Officer", "Fractional AI CTO"]


def test_acceptance_of_deliverables_is_numbered(db: Database, tmp_path: Path) -> None:
    e = agreed_engagement(db)
    document = open_document(_export(db, tmp_path, e.id or 0))
    start = [p.text for p in document.paragraphs].index("Acceptance of deliverables")
    steps = document.paragraphs[start + 1 : start + 5]
    assert all(p.style.name == "List Number" for p in steps)
    assert "10 working days" in steps[1].text


def test_ai_roles_add_governance_and_gates(db: Database, tmp_path: Path) -> None:
    e = agreed_engagement(db)
    text = body_text(open_document(_export(db, tmp_path, e.id or 0)))
    for point in ("Governance:", "Evaluation:", "Cost controls:", "Go/no-go gates for pilots:"):
        assert point in text
    assert ("Heading 2", "The Fractional AI CTO role") in headings(
        open_document(tmp_path / "sow.docx")
    )


def test_no_scope_of_work_of_the_sample_practice_says_to_be_agreed(db: Database) -> None:
    """The sample practice has the data for every section, so none of its scopes of work (the
    AI-CTO and AI-officer ones among them) says "To be agreed", and each carries every section."""
    from storage.sample import SampleOptions, generate

    generate(db, SampleOptions(as_of=dt.date(2026, 11, 22)))
    found = engagements.list_all(db)
    assert {e.role for e in found} >= {"fractional_ai_cto", "fractional_ai_officer", "advisor"}
    for e in found:
        assert scope_of_work.to_be_agreed(db, e.id or 0) == [], e.label
        shown = [text for _, text in headings(scope_of_work.build(db, e.id or 0))]
        assert [s for s in SECTIONS if s not in shown] == [], e.label
