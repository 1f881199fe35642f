"""The clauses a client's lawyer asks for first: each in every sample scope of work, from
Preferences or the engagement's own text, the processing annex only with personal data, the
IR35 line only under UK law, and VAT worded by the tax treatment."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlite_utils import Database

from exporters import scope_of_work, sow_clauses, vat_wording
from storage.practice import engagements, settings
from storage.sample import SampleOptions, generate
from tests.export_support import body_text, headings, open_document
from tests.sow_sample import agreed_engagement

CLAUSE_HEADINGS = (
    "Limitation of liability",
    "Insurance",
    "Data protection",
    "Status of the consultant",
    "Non-solicitation",
    "Entire agreement and order of precedence",
    "Governing law and jurisdiction",
    "Fees and payment terms",
)


def _headings(db: Database, engagement_id: int) -> list[str]:
    return [text for _style, text in headings(scope_of_work.build(db, engagement_id))]


def test_every_sample_scope_of_work_carries_every_clause(db: Database) -> None:
    generate(db, SampleOptions(as_of=dt.date(2026, 11, 22)))
    for e in engagements.list_all(db):
        document = scope_of_work.build(db, e.id or 0)
        found = [text for _style, text in headings(document)]
        for heading in CLAUSE_HEADINGS:
            assert heading in found, (e.label, heading)
        text = body_text(document)
        assert vat_wording.EXCLUSIVE in text, e.label
        assert ("Annex: data processing" in found) == e.personal_data, e.label
        assert scope_of_work.to_be_agreed(db, e.id or 0) == [], e.label


def test_the_engagements_own_text_replaces_the_standard(db: Database) -> None:
    e = agreed_engagement(db)
    engagements.update(db, dataclasses.replace(e, liability_text="Liability is capped at £1."))
    text = body_text(scope_of_work.build(db, e.id or 0))
    assert "Liability is capped at £1." in text
    assert settings.load_profile(db).liability_text not in text


def test_ir35_shows_under_uk_law_only(db: Database) -> None:
    e = agreed_engagement(db)
    assert sow_clauses.IR35 in body_text(scope_of_work.build(db, e.id or 0))
    engagements.update(db, dataclasses.replace(e, governing_law="Ireland"))
    text = body_text(scope_of_work.build(db, e.id or 0))
    assert sow_clauses.IR35 not in text
    assert "governed by the law of Ireland, and the courts of Ireland" in text


def test_the_processing_annex_follows_personal_data(db: Database) -> None:
    e = agreed_engagement(db)
    assert "Annex: data processing" not in _headings(db, e.id or 0)
    assert sow_clauses.NO_PERSONAL_DATA in body_text(scope_of_work.build(db, e.id or 0))
    engagements.update(
        db,
        dataclasses.replace(
            e, personal_data=True, data_categories="Patients' names", sub_processors="Model Co"
        ),
    )
    document = scope_of_work.build(db, e.id or 0)
    text = body_text(document)
    assert "Annex: data processing" in [t for _s, t in headings(document)]
    assert "Patients' names" in text
    assert "Model Co" in text
    for label in ("Subject matter", "Duration", "Sub-processors", "Security", "At the end"):
        assert label in text


def test_unset_insurance_cover_is_to_be_agreed(db: Database) -> None:
    e = agreed_engagement(db)
    profile = settings.load_profile(db)
    settings.save_profile(db, dataclasses.replace(profile, indemnity_cover_minor=0))
    assert scope_of_work.to_be_agreed(db, e.id or 0) == ["Insurance"]


@pytest.mark.parametrize(
    ("treatment", "expected"),
    [
        (vat_wording.DOMESTIC, "added to each invoice at the rate in force, now 20%"),
        (vat_wording.REVERSE_CHARGE, "reverse charge"),
        (vat_wording.OUTSIDE_SCOPE, "outside the scope of VAT"),
        (vat_wording.NOT_REGISTERED, "not registered for VAT"),
    ],
)
def test_vat_follows_the_tax_treatment(treatment: str, expected: str) -> None:
    sentence = vat_wording.vat_clause(treatment, 2000)
    assert sentence.startswith(vat_wording.EXCLUSIVE)
    assert expected in sentence


def test_the_practice_settings_give_the_treatment() -> None:
    profile = settings.Profile()
    assert vat_wording.practice_treatment(profile) == vat_wording.NOT_REGISTERED
    taxed = dataclasses.replace(profile, tax_rate_bp=2000)
    assert vat_wording.practice_treatment(taxed) == vat_wording.DOMESTIC
    noted = dataclasses.replace(profile, tax_note="Reverse charge: the customer accounts for VAT")
    assert vat_wording.practice_treatment(noted) == vat_wording.REVERSE_CHARGE


def test_a_preferences_clause_prints_once_saved(db: Database, tmp_path: Path) -> None:
    e = agreed_engagement(db)
    profile = settings.load_profile(db)
    settings.save_profile(db, dataclasses.replace(profile, non_solicitation_months=6))
    target = scope_of_work.export(db, e.id or 0, tmp_path / "sow.docx")
    assert "6 months after the engagement ends" in body_text(open_document(target))
